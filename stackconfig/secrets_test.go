package stackconfig

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every key the program reads is decided: it may be secret, or it is
// refused with a reason. A new key fails here until someone decides.
func TestEveryKeyHasASecretPolicy(t *testing.T) {
	for _, k := range Keys {
		allowed := slices.Contains(SecretKeys, k)
		reason, refused := notSecret[k]
		assert.True(t, allowed != refused, "%s must be either in SecretKeys or in notSecret, exactly once", k)
		if refused {
			assert.NotEmpty(t, reason, k)
		}
	}
	for k := range notSecret {
		assert.Contains(t, Keys, k, "notSecret names a key the program does not read")
	}
	for _, k := range SecretKeys {
		assert.Contains(t, Keys, k, "SecretKeys names a key the program does not read")
	}
}

func TestParseWithSecrets(t *testing.T) {
	const refusal = `"[secret]" is secret (set with --secret, or holds a secure: value), but `
	const tail = `; set it without --secret (only meething:alarms may be secret)`
	alarms := `{"enabled":true,"emails":["oncall@meething.net"]}`
	tests := []struct {
		name   string
		config map[string]string
		secret []string
		// wantSecret is Config.Secret when the config is valid.
		wantSecret []string
		// wantProblems are the problems, in order, when it is not.
		wantProblems []string
	}{
		{name: "no secrets", config: kv("meething:alarms", alarms), wantSecret: nil},
		{name: "alarms may be secret", config: kv("meething:alarms", alarms),
			secret: []string{"meething:alarms"}, wantSecret: []string{"meething:alarms"}},
		{name: "aws:region is not the program's to refuse", config: kv("meething:alarms", alarms),
			secret: []string{"aws:region"}, wantSecret: nil},
		{name: "a secret domain is refused", config: kv("meething:domain", "example.org"),
			secret:       []string{"meething:domain"},
			wantProblems: []string{"meething:domain: " + refusal + publicName + tail}},
		{name: "the refusal replaces the key's other problems", config: kv("meething:services", `[{"name":"API","port":0}]`),
			secret:       []string{"meething:services"},
			wantProblems: []string{"meething:services: " + refusal + publicName + tail}},
		{name: "the refusals come alone: another key's problem may quote the secret",
			config: kv("meething:domain", "hidden.example.org", "meething:parentZoneName", "meething.net", "meething:tags", `{"team":"edge"}`),
			secret: []string{"meething:domain", "meething:tags"},
			wantProblems: []string{
				"meething:domain: " + refusal + publicName + tail,
				"meething:tags: " + refusal + notSecret[KeyTags] + tail,
			}},
		{name: "every refused key, sorted", config: kv("meething:sslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06", "meething:idleTimeout", "120"),
			secret: []string{"meething:sslPolicy", "meething:idleTimeout"},
			wantProblems: []string{
				"meething:idleTimeout: " + refusal + setting + tail,
				"meething:sslPolicy: " + refusal + seenByClients + tail,
			}},
		{name: "an unknown secret key is unknown, not refused", config: kv("meething:alarm", alarms),
			secret:       []string{"meething:alarm"},
			wantProblems: []string{`meething:alarm: ` + alarms + ` is not a setting of this stack; did you mean meething:alarms?`}},
		{name: "an unreadable secret, as in the offline synth, stays unchecked", config: kv("meething:alarms", `{"enabled":true,"emails":["[secret]"]}`),
			secret: []string{"meething:alarms"}, wantSecret: []string{"meething:alarms"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := withRequired(tc.config)
			cfg, err := ParseWithSecrets(lookupOf(m), keysOf(m), func(key string) bool { return slices.Contains(tc.secret, key) })
			if tc.wantProblems != nil {
				var got []string
				for _, p := range problemsOf(t, err) {
					got = append(got, p.String())
				}
				assert.Equal(t, tc.wantProblems, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.wantSecret, cfg.Secret)
			assert.Equal(t, len(tc.wantSecret) > 0, cfg.IsSecret(KeyAlarms))
			assert.False(t, cfg.IsSecret(KeyDomain))
		})
	}
}

// Parse is ParseWithSecrets with no key secret.
func TestParseHasNoSecrets(t *testing.T) {
	cfg, err := parse(kv("meething:alarms", `{"enabled":true,"emails":["oncall@meething.net"]}`))
	require.NoError(t, err)
	assert.Empty(t, cfg.Secret)
	assert.False(t, cfg.IsSecret(KeyAlarms))
}

// Why the refusals come alone: without them, another key's problem quotes
// the domain.
func TestRefusedSecretWouldBeQuotedElsewhere(t *testing.T) {
	_, err := parse(kv("meething:domain", "hidden.example.org", "meething:parentZoneName", "meething.net"))
	p := findProblem(t, problemsOf(t, err), "meething:parentZoneName", "meething.net")
	assert.Contains(t, p.Rule, "hidden.example.org")
}
