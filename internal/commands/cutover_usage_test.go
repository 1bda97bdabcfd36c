package commands

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/meething/edge/internal/verify"
)

// Usage errors exit 2 with one line that names the flag and its value,
// before any AWS call.
func TestCutoverUsage(t *testing.T) {
	dir := cutoverDir(t)
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{nil, ExitUsage, "meething cutover: want the subcommand status, got nothing (see meething cutover --help)\n"},
		{[]string{"state"}, ExitUsage, "meething cutover: want the subcommand status, got \"state\" (see meething cutover --help)\n"},
		{[]string{"--help"}, ExitOK, "usage: meething cutover status --stack NAME"},
		{[]string{"status", "--help"}, ExitOK, "Exit status: 0 go, 4 no-go"},
		{[]string{"status"}, ExitUsage, "meething cutover status: --stack is required (see meething cutover --help)\n"},
		{[]string{"status", "--stack", "gate", "extra"}, ExitUsage, "meething cutover status: unexpected argument \"extra\""},
		{[]string{"status", "--stack", "gate", "--window", "90s"}, ExitUsage, "meething cutover status: --window is 1m30s: whole minutes from 1m to 24h\n"},
		{[]string{"status", "--stack", "gate", "--window", "25h"}, ExitUsage, "--window is 25h0m0s: whole minutes from 1m to 24h"},
		{[]string{"status", "--stack", "gate", "--max-5xx-rate", "5"}, ExitUsage, "--max-5xx-rate is 5: a share of requests from 0 to 1 (0.01 is 1%)"},
		{[]string{"status", "--stack", "gate", "--max-latency-ratio", "0"}, ExitUsage, "--max-latency-ratio is 0: above 0"},
		{[]string{"status", "--stack", "gate", "--endpoint", "127.0.0.1:5000"}, ExitUsage, `--endpoint is "127.0.0.1:5000": an http:// or https:// URL`},
		{[]string{"status", "--stack", "gate", "--windw", "1m"}, ExitUsage, "flag provided but not defined: -windw"},
		{[]string{"status", "--stack", "nosuch", "--dir", dir}, ExitUsage, "meething cutover status: "},
		{[]string{"status", "--stack", "gate", "--dir", dir, "--outputs", dir + "/none.json"}, ExitUsage, "reading --outputs"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr strings.Builder
			assert.Equal(t, tt.code, Cutover(nil, tt.args, &stdout, &stderr))
			assert.Contains(t, stderr.String(), tt.stderr)
			assert.Empty(t, stdout.String())
		})
	}
}

// summarize counts a verify report's checks and quotes its first failures.
func TestCutoverVerifySummary(t *testing.T) {
	fail := verify.Result{Check: verify.NameTLS, Status: verify.Fail, Reason: "certificate covers *.example.com, not api.meething.net"}
	ok := verify.Result{Check: verify.NameDNS, Status: verify.Pass}
	r := &verify.Report{Passed: false, Hosts: []verify.HostReport{
		{Host: "api.meething.net", Checks: []verify.Result{ok, fail}},
		{Host: "chat.meething.net", Checks: []verify.Result{ok, ok}},
	}}
	assert.Equal(t, "2 hosts, 4 checks, 1 failed (api.meething.net: tls: certificate covers *.example.com, not api.meething.net)", summarize(r).Summary)
	assert.False(t, summarize(r).Passed)
	r.Passed, r.Hosts[0].Checks[1] = true, ok
	assert.Equal(t, "2 hosts, 4 checks, 0 failed", summarize(r).Summary)
	assert.True(t, summarize(r).Passed)
}
