package stackconfig

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUnknownKeysInEveryNamespace: a key nothing reads is named, with the
// key meant, in the project's namespace, in the AWS provider's and in a
// misspelt namespace; a misspelt aws:region is that key, not a missing
// region.
func TestUnknownKeysInEveryNamespace(t *testing.T) {
	tests := []struct {
		name   string
		config map[string]string
		want   []string
	}{
		{name: "aws:regoin, and no aws:region",
			config: map[string]string{"aws:regoin": "ap-northeast-2", FullKey(KeyDomain): testDomain},
			want:   []string{`aws:regoin: "ap-northeast-2" is not a setting of the AWS provider; did you mean aws:region?`}},
		{name: "aws:profil beside aws:region",
			config: withRequired(map[string]string{"aws:profil": "edge"}),
			want:   []string{`aws:profil: "edge" is not a setting of the AWS provider; did you mean aws:profile?`}},
		{name: "a misspelt project key",
			config: withRequired(map[string]string{"meething:sslPolcy": DefaultSslPolicy}),
			want:   []string{`meething:sslPolcy: "` + DefaultSslPolicy + `" is not a setting of this stack; did you mean meething:sslPolicy?`}},
		{name: "a misspelt namespace",
			config: withRequired(map[string]string{"meethng:idleTimeout": "30"}),
			want:   []string{`meethng:idleTimeout: "30" is in namespace meethng:, which nothing of this stack reads; did you mean meething:idleTimeout?`}},
		{name: "a misspelt provider namespace",
			config: withRequired(map[string]string{"asw:profile": "edge"}),
			want:   []string{`asw:profile: "edge" is in namespace asw:, which nothing of this stack reads; did you mean aws:profile?`}},
		{name: "a namespace nothing reads",
			config: withRequired(map[string]string{"random:seed": "1"}),
			want:   []string{`random:seed: "1" is in namespace random:, which nothing of this stack reads (its settings are meething: and the AWS provider's aws:)`}},
		{name: "no region at all is still reported",
			config: map[string]string{FullKey(KeyDomain): testDomain, "aws:profile": "edge"},
			want:   []string{`aws:region: "" is not set, and neither is AWS_REGION or AWS_DEFAULT_REGION: set the region in the stack file (pulumi config set aws:region ap-northeast-2)`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(lookupOf(tc.config), keysOf(tc.config))
			var got []string
			for _, p := range problemsOf(t, err) {
				got = append(got, p.String())
			}
			assert.Equal(t, tc.want, got)
		})
	}

	// Every setting of the provider and the engine's namespace pass.
	m := withRequired(map[string]string{"pulumi:disable-default-providers": `["aws"]`})
	for _, k := range ProviderKeys {
		if _, set := m[ProviderNamespace+":"+k]; !set {
			m[ProviderNamespace+":"+k] = "x"
		}
	}
	for _, k := range keysOf(m) {
		assert.Empty(t, unknownKey(k), k)
	}
}

// TestProviderKeysAreTheSDKs: ProviderKeys are the config variables the
// pulumi-aws SDK of go.mod declares, one Get function each in
// sdk/go/aws/config/config.go.
func TestProviderKeysAreTheSDKs(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/pulumi/pulumi-aws/sdk/v6").Output()
	require.NoError(t, err, "go list -m pulumi-aws")
	src, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "go", "aws", "config", "config.go"))
	require.NoError(t, err)
	var declared []string
	for _, m := range regexp.MustCompile(`"aws:([A-Za-z0-9]+)"`).FindAllStringSubmatch(string(src), -1) {
		declared = append(declared, m[1])
	}
	sort.Strings(declared)
	declared = compactStrings(declared)
	assert.Equal(t, declared, ProviderKeys, "pulumi-aws changed its settings: update ProviderKeys (and its date)")
}

func compactStrings(s []string) []string {
	var out []string
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
