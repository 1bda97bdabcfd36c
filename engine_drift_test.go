package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/drift"
	"github.com/meething/edge/internal/testprovider"
)

// The managed part of meething drift through the real engine and the test
// provider: after up, the fixture dev stack has no drift (exit 0); a
// listener rule's priority changed in the provider's account (by hand, at
// AWS) is found by the refreshing preview and reported in meething diff's
// words with the host the rule serves (exit 4).
func TestEngineDriftFindsAManagedChange(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	src := copyFiles(t, t.TempDir(), map[string]string{
		"Pulumi.yaml": "Pulumi.yaml",
		filepath.Join(fixtureDir, "Pulumi.dev.yaml"): "Pulumi.dev.yaml",
	})
	s := newEngineStack(ctx, t, src, "dev", "")
	s.up(ctx, t)
	// meething drift finds the CLI on PATH and the backend, plugins and
	// account in the environment, as in CI.
	t.Setenv("PATH", filepath.Join(engineCLIRoot(t), "bin")+string(os.PathListSeparator)+os.Getenv("PATH"))
	for k, v := range s.env {
		t.Setenv(k, v)
	}
	driftRun := func() (int, drift.Report, string) {
		var stdout, stderr bytes.Buffer
		code := run([]string{"drift", "--stack", "dev", "--dir", s.project, "--no-unmanaged", "--json"}, false, &stdout, &stderr)
		var report drift.Report
		require.NoError(t, json.Unmarshal(stdout.Bytes(), &report), "stdout: %s\nstderr: %s", stdout.String(), stderr.String())
		return code, report, stderr.String()
	}
	code, report, stderr := driftRun()
	require.Equal(t, 0, code, "no drift right after up: %+v\n%s", report.Findings, stderr)
	assert.Empty(t, report.Findings)

	const ruleType = "aws:lb/listenerRule:ListenerRule"
	var ruleID string
	for _, r := range s.state(ctx, t) {
		if r.Type == ruleType && strings.HasSuffix(r.URN, "::meething-api") {
			ruleID = r.ID
		}
	}
	require.NotEmpty(t, ruleID, "the state holds rule meething-api")
	require.NoError(t, testprovider.UpdateAccount(s.account, func(a *testprovider.Account) error {
		st := a.Resources[testprovider.Key(ruleType, ruleID)]
		for _, raw := range []*json.RawMessage{&st.Inputs, &st.Outputs} {
			var props map[string]any
			if err := json.Unmarshal(*raw, &props); err != nil {
				return err
			}
			props["priority"] = 7
			b, err := json.Marshal(props)
			if err != nil {
				return err
			}
			*raw = b
		}
		a.Resources[testprovider.Key(ruleType, ruleID)] = st
		return nil
	}))

	start := time.Now()
	code, report, stderr = driftRun()
	t.Logf("meething drift --no-unmanaged (the refreshing preview of the fixture dev stack, %d resources in the state) took %v", len(s.state(ctx, t)), time.Since(start).Round(time.Millisecond))
	assert.Equal(t, 4, code, stderr)
	require.Len(t, report.Findings, 1, "%+v", report.Findings)
	f := report.Findings[0]
	assert.Equal(t, drift.KindManaged, f.Kind)
	assert.Equal(t, "ListenerRule meething-api", f.Resource)
	assert.Regexp(t, `^~ update ListenerRule meething-api; priority: 7 => \d+$`, f.Change)
	assert.Equal(t, []string{"api.dev.meething.net"}, f.Hosts)
}
