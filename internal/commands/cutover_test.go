package commands

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/cutover"
	"github.com/meething/edge/internal/cutover/cutovertest"
	"github.com/meething/edge/internal/motoserver"
	"github.com/meething/edge/internal/stackfile"
)

// cutoverDir writes a project whose stack gate sets only aws:region.
func cutoverDir(t *testing.T) string {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), []byte("name: meething\nruntime: go\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.gate.yaml"), []byte("config:\n  aws:region: "+cutovertest.Region+"\n"), 0o644))
	return dir
}

// fakeVerify makes the verify criterion pass or fail without a load
// balancer to probe.
func fakeVerify(t *testing.T, passed bool) {
	saved := cutoverVerify
	t.Cleanup(func() { cutoverVerify = saved })
	cutoverVerify = func(context.Context, Program, *stackfile.Stack, map[string]any, io.Writer) (cutover.Verify, error) {
		if passed {
			return cutover.Verify{Passed: true, Summary: "5 hosts, 25 checks, 0 failed"}, nil
		}
		return cutover.Verify{Summary: "5 hosts, 25 checks, 1 failed (api.meething.net: tls: certificate covers *.example.com, not api.meething.net)"}, nil
	}
}

type statusJSON struct {
	Verdict  string `json:"verdict"`
	Criteria []struct {
		Criterion string `json:"criterion"`
		Verdict   string `json:"verdict"`
		Words     string `json:"words"`
	} `json:"criteria"`
}

// Every criterion against moto: a world where its metric says so makes it
// no-go (exit 4) and leaves every other criterion go; the healthy world
// and the worlds that are fine for a reason (no traffic, --no-old-edge)
// are go (exit 0).
func TestCutoverStatusAgainstMoto(t *testing.T) {
	endpoint := motoserver.Start(t)
	motoserver.Env(t, endpoint)
	dir := cutoverDir(t)
	with := func(change func(*cutovertest.World)) cutovertest.World {
		w := cutovertest.Healthy()
		change(&w)
		return w
	}
	tests := []struct {
		name     string
		world    cutovertest.World
		args     []string
		verifyOK bool
		noGo     string // the one no-go criterion; "" for go
		words    string // in its words (or, for go, in the named criterion's)
		wordsOf  string
	}{
		{name: "go", world: cutovertest.Healthy(), verifyOK: true, wordsOf: cutover.CritWeights,
			words: "*.meething.net A is 10 new / 90 old, as the stack says (share 10)"},
		{name: "weights differ from the stack's", world: with(func(w *cutovertest.World) { w.ZoneShare = new(int64(25)) }), verifyOK: true,
			noGo: cutover.CritWeights, words: "*.meething.net A is weighted 25 new / 75 old, the stack says 10 / 90"},
		{name: "health check unhealthy", world: with(func(w *cutovertest.World) { w.Unhealthy = true }), verifyOK: true,
			noGo: cutover.CritHealthCheck, words: "is unhealthy: HealthCheckStatus 0"},
		{name: "a target group without healthy hosts", world: with(func(w *cutovertest.World) { w.HealthyHosts["api"] = 0 }), verifyOK: true,
			noGo: cutover.CritHealthyHosts, words: "api: 0 healthy hosts at its worst minute of the 30m window"},
		{name: "targets' 5xx over the rate", world: with(func(w *cutovertest.World) { w.Target5xx = 50 }), verifyOK: true,
			noGo: cutover.CritTarget5xx, words: "250 of 5000 requests (5%) answered 5xx by the targets, over the 1% allowed"},
		{name: "load balancer's 5xx over the rate", world: with(func(w *cutovertest.World) { w.ELB5xx = 20 }), verifyOK: true,
			noGo: cutover.CritELB5xx, words: "100 of 5000 requests (2%) answered 5xx by the load balancer itself, over the 1% allowed"},
		{name: "a stricter rate", world: cutovertest.Healthy(), args: []string{"--max-5xx-rate", "0.0001"}, verifyOK: true,
			noGo: cutover.CritELB5xx + "," + cutover.CritTarget5xx, words: "over the 0.01% allowed"},
		{name: "latency over the old edge's", world: with(func(w *cutovertest.World) { w.NewLatency = 0.5 }), verifyOK: true,
			noGo: cutover.CritLatency, words: "maximum 500 ms on the new edge against 250 ms on the old"},
		{name: "old edge not found", world: with(func(w *cutovertest.World) { w.NoOldALB = true }), verifyOK: true,
			noGo: cutover.CritLatency, words: "not compared: no load balancer in this account and region has the DNS name old-gone-123"},
		{name: "old edge gone, said so", world: with(func(w *cutovertest.World) { w.NoOldALB = true }), args: []string{"--no-old-edge"}, verifyOK: true,
			wordsOf: cutover.CritLatency, words: "not compared (--no-old-edge)"},
		{name: "no traffic", world: with(func(w *cutovertest.World) { w.Requests, w.Target5xx, w.ELB5xx = 0, 0, 0 }), verifyOK: true,
			wordsOf: cutover.CritTarget5xx, words: "not judged: no request reached the new load balancer in the 30m window"},
		{name: "verify fails", world: cutovertest.Healthy(), verifyOK: false,
			noGo: cutover.CritVerify, words: "meething verify --via alb failed: 5 hosts, 25 checks, 1 failed"},
		{name: "verify skipped", world: cutovertest.Healthy(), args: []string{"--skip-verify"}, verifyOK: false,
			wordsOf: cutover.CritVerify, words: "not run: --skip-verify"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			motoserver.Reset(t, endpoint)
			outputs, err := json.Marshal(cutovertest.Seed(t, endpoint, tt.world))
			require.NoError(t, err)
			file := filepath.Join(t.TempDir(), "outputs.json")
			require.NoError(t, os.WriteFile(file, outputs, 0o644))
			fakeVerify(t, tt.verifyOK)

			args := append([]string{"status", "--stack", "gate", "--dir", dir, "--outputs", file, "--json"}, tt.args...)
			var stdout, stderr strings.Builder
			code := Cutover(nil, args, &stdout, &stderr)
			var got statusJSON
			require.NoError(t, json.Unmarshal([]byte(stdout.String()), &got), "stdout: %s\nstderr: %s", stdout.String(), stderr.String())
			var noGo []string
			words := map[string]string{}
			for _, c := range got.Criteria {
				words[c.Criterion] = c.Words
				if c.Verdict != "go" {
					noGo = append(noGo, c.Criterion)
				}
			}
			sort.Strings(noGo)
			if tt.noGo == "" {
				assert.Equal(t, ExitOK, code, stdout.String())
				assert.Equal(t, "GO", got.Verdict)
				assert.Empty(t, noGo, stdout.String())
				assert.Contains(t, words[tt.wordsOf], tt.words)
				return
			}
			assert.Equal(t, ExitCheckFailed, code, stdout.String())
			assert.Equal(t, "NO-GO", got.Verdict)
			assert.Equal(t, tt.noGo, strings.Join(noGo, ","), stdout.String())
			assert.Contains(t, words[strings.Split(tt.noGo, ",")[0]], tt.words)
		})
	}

	// The table, through --endpoint rather than AWS_ENDPOINT_URL.
	t.Run("table via --endpoint", func(t *testing.T) {
		motoserver.Reset(t, endpoint)
		t.Setenv("AWS_ENDPOINT_URL", "")
		outputs, err := json.Marshal(cutovertest.Seed(t, endpoint, with(func(w *cutovertest.World) { w.Unhealthy = true })))
		require.NoError(t, err)
		file := filepath.Join(t.TempDir(), "outputs.json")
		require.NoError(t, os.WriteFile(file, outputs, 0o644))
		fakeVerify(t, true)
		var stdout, stderr strings.Builder
		code := Cutover(nil, []string{"status", "--stack", "gate", "--dir", dir, "--outputs", file, "--endpoint", endpoint}, &stdout, &stderr)
		assert.Equal(t, ExitCheckFailed, code, stderr.String())
		assert.Regexp(t, `(?m)^CRITERION +VERDICT +IN WORDS$`, stdout.String())
		assert.Regexp(t, `(?m)^health-check +no-go +health check \S+ \(CALCULATED\) is unhealthy`, stdout.String())
		assert.Regexp(t, `(?m)^weights +go +`, stdout.String())
		assert.Contains(t, stdout.String(), "\nNO-GO: stack gate, 1 of 7 criteria no-go over the 30m window: health-check\n")
	})

	// A zone that does not exist cannot be read: exit 1, saying what.
	t.Run("unreadable zone", func(t *testing.T) {
		motoserver.Reset(t, endpoint)
		raw := cutovertest.Seed(t, endpoint, cutovertest.Healthy())
		raw["hostedZoneId"] = "ZNOSUCHZONE"
		outputs, err := json.Marshal(raw)
		require.NoError(t, err)
		file := filepath.Join(t.TempDir(), "outputs.json")
		require.NoError(t, os.WriteFile(file, outputs, 0o644))
		var stdout, stderr strings.Builder
		code := Cutover(nil, []string{"status", "--stack", "gate", "--dir", dir, "--outputs", file, "--skip-verify"}, &stdout, &stderr)
		assert.Equal(t, ExitProgram, code)
		assert.Contains(t, stderr.String(), "listing the record sets of zone ZNOSUCHZONE (output hostedZoneId)")
		assert.Empty(t, stdout.String())
	})
}
