package commands

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Usage errors exit 2 with one line naming the flag and its value; a state
// that cannot be read exits 1; both before any AWS call.
func TestDriftUsage(t *testing.T) {
	dir := cutoverDir(t)
	notState := filepath.Join(dir, "not-state.json")
	require.NoError(t, os.WriteFile(notState, []byte("[1, 2]"), 0o644))
	empty := filepath.Join(dir, "empty-state.json")
	require.NoError(t, os.WriteFile(empty, []byte(`{"version": 3, "deployment": {"resources": []}}`), 0o644))
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"--help"}, ExitOK, "Exit status: 0 no drift, 4 drift found"},
		{nil, ExitUsage, "meething drift: --stack is required (see meething drift --help)\n"},
		{[]string{"--stack", "gate", "extra"}, ExitUsage, `meething drift: unexpected argument "extra"`},
		{[]string{"--stack", "gate", "--no-refresh", "--no-unmanaged"}, ExitUsage, "--no-refresh and --no-unmanaged together leave nothing to check"},
		{[]string{"--stack", "gate", "--json", "--issue"}, ExitUsage, "--json and --issue: choose one"},
		{[]string{"--stack", "gate", "--timeout", "0s"}, ExitUsage, "--timeout is 0s: above 0"},
		{[]string{"--stack", "gate", "--endpoint", "127.0.0.1:5000"}, ExitUsage, `--endpoint is "127.0.0.1:5000": an http:// or https:// URL`},
		{[]string{"--stack", "gate", "--expected-records", "meething.net MX,mail"}, ExitUsage, `--expected-records holds "mail": each entry is "NAME TYPE"`},
		{[]string{"--stack", "gate", "--no-refersh"}, ExitUsage, "flag provided but not defined: -no-refersh"},
		{[]string{"--stack", "nosuch", "--dir", dir}, ExitUsage, "nosuch"},
		{[]string{"--stack", "gate", "--dir", dir, "--state", filepath.Join(dir, "none.json")}, ExitUsage, "reading --state"},
		{[]string{"--stack", "gate", "--dir", dir, "--state", notState, "--no-refresh"}, ExitProgram, "not a state as pulumi stack export prints it"},
		{[]string{"--stack", "gate", "--dir", dir, "--state", empty, "--no-refresh"}, ExitProgram, "holds no load balancer"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr strings.Builder
			assert.Equal(t, tt.code, Drift(nil, tt.args, &stdout, &stderr))
			assert.Contains(t, stderr.String(), tt.stderr)
			assert.Empty(t, stdout.String())
		})
	}
}
