package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/internal/stackfile"
	"github.com/meething/edge/internal/synth"
)

// encryptedStack is a passphrase stack whose on-call address is encrypted.
func encryptedStack(t *testing.T, passphrase, email string) string {
	t.Helper()
	salt := []byte("fedcba9876543210")
	crypter := config.NewSymmetricCrypterFromPassphrase(passphrase, salt)
	check, err := crypter.EncryptValue(context.Background(), "pulumi")
	require.NoError(t, err)
	secret, err := crypter.EncryptValue(context.Background(), email)
	require.NoError(t, err)
	return "encryptionsalt: v1:" + base64.StdEncoding.EncodeToString(salt) + ":" + check + "\n" +
		"config:\n  aws:region: ap-northeast-2\n  meething:domain: dev.meething.net\n  meething:alarms:\n    enabled: true\n    emails:\n      - secure: " + secret + "\n"
}

// TestSynthWithSecrets: a secret is opaque to the offline synth, which skips
// the rules that need it and says so; with the passphrase it decrypts the
// value and checks it like pulumi up would.
func TestSynthWithSecrets(t *testing.T) {
	dir := synthProjectDir(t, map[string]string{
		"good": encryptedStack(t, "correct horse", "oncall@meething.net"),
		"bad":  encryptedStack(t, "correct horse", "On Call <oncall@meething.net>"),
	})

	t.Setenv("PULUMI_CONFIG_PASSPHRASE", "")
	for _, stack := range []string{"good", "bad"} {
		code, stdout, stderr := cliRun("--dir", dir, "--stack", stack)
		require.Equal(t, exitOK, code, stderr)
		assert.Contains(t, stdout, "\nNot checked (encrypted in the stack file; pulumi up checks them, and so does synth with PULUMI_CONFIG_PASSPHRASE set):\n    meething:alarms.emails[0]\n")

		code, stdout, stderr = cliRun("--dir", dir, "--stack", stack, "--json")
		require.Equal(t, exitOK, code, stderr)
		var plan struct{ Unchecked []string }
		require.NoError(t, json.Unmarshal([]byte(stdout), &plan))
		assert.Equal(t, []string{"meething:alarms.emails[0]"}, plan.Unchecked)
		assert.NotContains(t, stdout, "oncall@meething.net", "the secret stays secret")
	}

	t.Setenv("PULUMI_CONFIG_PASSPHRASE", "correct horse")
	code, stdout, stderr := cliRun("--dir", dir, "--stack", "good")
	require.Equal(t, exitOK, code, stderr)
	assert.NotContains(t, stdout, "Not checked")
	code, stdout, stderr = cliRun("--dir", dir, "--stack", "good", "--json")
	require.Equal(t, exitOK, code, stderr)
	assert.NotContains(t, stdout, "oncall@meething.net", "decrypted, the address reaches the program and still shows nowhere")
	assert.Contains(t, stdout, `"endpoint": "[secret]"`)

	code, _, stderr = cliRun("--dir", dir, "--stack", "bad")
	assert.Equal(t, exitProgram, code)
	assert.Contains(t, stderr, `meething:alarms.emails[0]: "[secret]" is not a bare email address such as oncall@example.com`,
		"checked, and the message does not show the secret")
	assert.NotContains(t, stderr, "On Call")
}

// secretAddress is an on-call address the tests set as a secret.
const secretAddress = "pager-7f3a@secret.meething.net"

// secretAlarmsStack is prod with its alarms' addresses secret, as
// `pulumi config set --secret --path 'meething:alarms.emails[1]' ...` leaves
// it: the engine passes the real values and marks the whole key secret.
func secretAlarmsStack(t *testing.T) *stackfile.Stack {
	t.Helper()
	s := withConfig(t, synthStackFile(t, "prod"), map[string]any{
		"meething:alarms": map[string]any{"enabled": true, "emails": []string{"oncall@meething.net", secretAddress}, "target5xx": 7},
	})
	s.SecretKeys = []string{"meething:alarms"}
	return s
}

// A secret address reaches AWS only as a secret: it is in no URN, name or
// alias, no plain input or output of any resource (the component's recorded
// inputs included), no stack output. The subscriptions' endpoints, the
// component's emails and the alarms' thresholds are secrets.
func TestSecretAlarmsStaySecret(t *testing.T) {
	plan := synthPlan(t, secretAlarmsStack(t))

	var b bytes.Buffer
	require.NoError(t, plan.WriteJSON(&b))
	for _, leak := range []string{secretAddress, "pager-7f3a", "oncall@meething.net"} {
		assert.NotContains(t, b.String(), leak, "the plan (URNs, names, aliases, inputs, outputs, stack outputs) never holds a secret address")
	}
	b.Reset()
	require.NoError(t, plan.WriteTree(&b))
	assert.NotContains(t, b.String(), secretAddress)

	subs := plan.OfType(typeSubscription)
	require.Len(t, subs, 2, "one subscription per address")
	for i, s := range subs {
		assert.Equal(t, fmt.Sprintf("meething-alarms-email-%d", i+1), s.Name)
		assert.Equal(t, synth.SecretPlaceholder, s.Inputs["endpoint"], "%s: the endpoint is a secret", s.Name)
		assert.Equal(t, synth.SecretPlaceholder, s.Outputs["endpoint"], "%s: and stays one in the state", s.Name)
		assert.Equal(t, "email", s.Inputs["protocol"])
		assert.Empty(t, s.Aliases, "%s: no alias names a secret address", s.Name)
	}
	comps := plan.OfType(typeAlarmsComponent)
	require.Len(t, comps, 1)
	assert.Equal(t, map[string]any{"emails": synth.SecretPlaceholder}, comps[0].Inputs, "the component records the addresses as a secret")
	alarms := plan.OfType(typeMetricAlarm)
	require.NotEmpty(t, alarms)
	for _, a := range alarms {
		assert.Equal(t, synth.SecretPlaceholder, a.Inputs["threshold"], "%s: a threshold from the secret key is a secret", a.Name)
		assert.NotEqual(t, synth.SecretPlaceholder, a.Inputs["metricName"], "%s: what is not from the config stays plain", a.Name)
	}
}

// With the same addresses in plain text the subscriptions have the same
// names (making the key secret replaces nothing) and keep aliases to the
// names they had when they were named after their addresses.
func TestPlainAlarmsKeepTheirSubscriptions(t *testing.T) {
	secret := synthPlan(t, secretAlarmsStack(t))
	s := secretAlarmsStack(t)
	s.SecretKeys = nil
	plain := synthPlan(t, s)

	subs := plain.OfType(typeSubscription)
	require.Len(t, subs, 2)
	for i, sub := range subs {
		assert.Equal(t, secret.OfType(typeSubscription)[i].URN, sub.URN, "secret or not, the same names")
		assert.Equal(t, secret.OfType(typeSubscription)[i].ID, sub.ID, "and the same subscriptions")
		email := []string{"oncall@meething.net", secretAddress}[i]
		assert.Equal(t, email, sub.Inputs["endpoint"])
		assert.Equal(t, []string{strings.Replace(sub.URN, sub.Name, "meething-alarms-"+email, 1)}, sub.Aliases)
	}
}

// A key that decides names or structure is refused when secret, naming the
// key and not the value, before any resource is registered.
func TestSecretThatCannotBeSecretIsRefused(t *testing.T) {
	s := withConfig(t, synthStackFile(t, "dev"), map[string]any{"meething:domain": "hidden.example.org"})
	s.SecretKeys = []string{"meething:domain"}
	var mock *awsmock.Monitor
	_, err := synth.Run(s, stackFor(s.Keys()), func(m *awsmock.Monitor) { mock = m })
	require.Error(t, err)
	assert.Contains(t, err.Error(), `meething:domain: "[secret]" is secret (set with --secret, or holds a secure: value), but it names hosts`)
	assert.Contains(t, err.Error(), "set it without --secret (only meething:alarms may be secret)")
	assert.NotContains(t, err.Error(), "hidden.example.org")
	assert.Empty(t, mock.Resources(), "nothing is registered")
}
