package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/plandiff"
	"github.com/meething/edge/internal/refcache"
	"github.com/meething/edge/internal/replace"
	"github.com/meething/edge/internal/synth"
)

// diffRun runs `meething diff args...` in-process.
func diffRun(args ...string) (int, string, string) {
	var stdout, stderr strings.Builder
	code := run(append([]string{"diff"}, args...), false, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// planFile writes the plan of stack name in dir to a file and returns it.
func planFile(t *testing.T, dir, name string) string {
	t.Helper()
	code, stdout, stderr := cliRun("--dir", dir, "--stack", name, "--json")
	require.Equal(t, exitOK, code, stderr)
	path := filepath.Join(t.TempDir(), name+".json")
	require.NoError(t, os.WriteFile(path, []byte(stdout), 0o644))
	return path
}

func TestDiffCommand(t *testing.T) {
	dev, err := os.ReadFile(filepath.Join(fixtureDir, "Pulumi.dev.yaml"))
	require.NoError(t, err)
	port := strings.Replace(string(dev), "    - name: chat", "    - name: chat\n      port: 8080", 1)
	health := strings.Replace(string(dev), "    - name: chat", "    - name: chat\n      healthCheck:\n        path: /healthz", 1)
	dir := synthProjectDir(t, map[string]string{"dev": string(dev)})
	base := planFile(t, dir, "dev")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.dev.yaml"), []byte(port), 0o644))
	portPlan := planFile(t, dir, "dev")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.dev.yaml"), []byte(health), 0o644))
	healthPlan := planFile(t, dir, "dev")

	t.Run("nothing changes", func(t *testing.T) {
		code, stdout, _ := diffRun(base, base)
		assert.Equal(t, exitOK, code)
		assert.Equal(t, "stack dev: no changes\nMonthly fixed cost: +0.00 USD\n", stdout)
	})
	t.Run("a health check is updated in place", func(t *testing.T) {
		code, stdout, _ := diffRun(base, healthPlan)
		assert.Equal(t, exitOK, code)
		assert.Contains(t, stdout, "  ~  update TargetGroup meething-chat [users rely on it]\n       healthCheck.path: \"/\" => \"/healthz\"\n")
		assert.Contains(t, stdout, "Resources: 1 to update\n")
	})
	t.Run("a port replaces the target group and the rule follows its new ARN", func(t *testing.T) {
		code, stdout, _ := diffRun(base, portPlan)
		assert.Equal(t, exitBreaking, code)
		assert.Contains(t, stdout, "  +- replace TargetGroup meething-chat [users rely on it]\n       replaced because of port; created before the old one is deleted\n       port: 80 => 8080\n")
		assert.Contains(t, stdout, "  ~  update ListenerRule meething-chat [users rely on it]\n       actions[0].targetGroupArn: ")
		assert.Contains(t, stdout, "  +  create SecurityGroupIngressRule meething-targets-in-8080\n")
		assert.Contains(t, stdout, "1 resource(s) users rely on would be replaced or deleted: TargetGroup meething-chat (replace)\n")

		code, stdout, _ = diffRun("--json", base, portPlan)
		assert.Equal(t, exitBreaking, code)
		code, after, stderr := diffRun(base, portPlan, "--json")
		assert.Equal(t, exitBreaking, code, "--json after the files, as pulumi takes flags: %s", stderr)
		assert.Equal(t, stdout, after)
		var doc struct {
			Stack   string
			Changes []struct {
				URN, Type, Name, Op string
				Properties          []map[string]any
				ReplaceBecause      []string
			}
			Outputs          []map[string]any
			MonthlyCostDelta *float64
		}
		require.NoError(t, json.Unmarshal([]byte(stdout), &doc))
		assert.Equal(t, "dev", doc.Stack)
		ops := map[string]string{}
		for _, c := range doc.Changes {
			ops[c.Type+" "+c.Name] = c.Op
			if c.Op == "replace" {
				assert.Equal(t, []string{"port"}, c.ReplaceBecause)
			}
		}
		assert.Equal(t, "replace", ops["aws:lb/targetGroup:TargetGroup meething-chat"])
		assert.Equal(t, "update", ops["aws:lb/listenerRule:ListenerRule meething-chat"])
		require.NotNil(t, doc.MonthlyCostDelta)
		assert.NotEmpty(t, doc.Outputs, "the target group's ARN output changes")
	})
	t.Run("a new stack: everything is created, nothing yet relied on, its whole cost", func(t *testing.T) {
		empty := filepath.Join(t.TempDir(), "empty.json")
		require.NoError(t, os.WriteFile(empty, []byte(`{"stack": "dev", "resources": [], "outputs": {}}`), 0o644))
		data, err := os.ReadFile(base)
		require.NoError(t, err)
		plan, err := synth.ReadJSON(strings.NewReader(string(data)))
		require.NoError(t, err)
		require.NotNil(t, plan.Cost)

		code, stdout, _ := diffRun(empty, base)
		assert.Equal(t, exitOK, code)
		assert.NotContains(t, stdout, "[users rely on it]")
		assert.Contains(t, stdout, "  +  create LoadBalancer meething\n       ip=ipv4 zones=4\n")
		assert.Contains(t, stdout, "  +  create ListenerRule meething-chat\n       priority=38108 hosts=chat.dev.meething.net\n")
		assert.Contains(t, stdout, "  +  create TargetGroup meething-chat\n       port=80 protocol=HTTP health=/\n")
		assert.Contains(t, stdout, "  +  create SecurityGroup meething-alb\n  +  create", "a type without key inputs: no line under it")
		assert.Contains(t, stdout, fmt.Sprintf("\nMonthly fixed cost: %+.2f USD\n", plan.Cost.MonthlyUSD))
	})
	t.Run("usage errors", func(t *testing.T) {
		for _, args := range [][]string{{}, {base}, {"--stack", "dev"}, {"--bogus"}, {base, filepath.Join(dir, "nosuch.json")}, {"--stack", "no/such", "--base", "HEAD"},
			{base, healthPlan, "--bogus"}, {base, healthPlan, base}, {"--stack", "dev", "--base", "HEAD", base}, {base, healthPlan, "--stack"}} {
			code, stdout, stderr := diffRun(args...)
			assert.Equal(t, exitUsage, code, "%v", args)
			assert.Empty(t, stdout)
			assert.True(t, strings.HasPrefix(stderr, "meething diff: "), stderr)
		}
	})
}

// TestDiffAgainstAGitRef: --base synthesizes the stack with the program and
// config of the ref, built once into the cache, and compares it with the
// working tree.
func TestDiffAgainstAGitRef(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program at the ref")
	}
	cache := t.TempDir()
	t.Setenv("MEETHING_CACHE", cache)
	repo := copyCheckout(t, func(f string) bool {
		return strings.HasPrefix(f, "testdata/") || strings.HasPrefix(f, ".github/")
	})
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-c", "user.email=t@example.com", "-c", "user.name=t"}, args...)...)
		cmd.Dir = repo
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "git %v: %s", args, out)
	}
	// The fixture's dev, not the team's: the test renames its domain.
	copyFiles(t, repo, map[string]string{filepath.Join(fixtureDir, "Pulumi.dev.yaml"): "Pulumi.dev.yaml"})
	git("init", "--quiet")
	git("add", ".")
	git("commit", "--quiet", "-m", "base")

	code, stdout, stderr := diffRun("--dir", repo, "--stack", "dev", "--base", "HEAD")
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "stack dev: no changes\nMonthly fixed cost: +0.00 USD\n", stdout)
	entries, err := filepath.Glob(filepath.Join(cache, "diff", "*", refcache.Binary))
	require.NoError(t, err)
	require.Len(t, entries, 1, "the ref's program is built into the cache")
	built, err := os.Stat(entries[0])
	require.NoError(t, err)

	stackFile := filepath.Join(repo, "Pulumi.dev.yaml")
	dev, err := os.ReadFile(stackFile)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(stackFile, []byte(strings.Replace(string(dev), "dev.meething.net", "dev2.meething.net", -1)), 0o644))
	code, stdout, stderr = diffRun("--dir", repo, "--stack", "dev", "--base", "HEAD")
	assert.Equal(t, exitBreaking, code, stderr)
	assert.Contains(t, stdout, "  +- replace Zone meething [users rely on it]\n       replaced because of name; created before the old one is deleted\n")
	assert.Contains(t, stdout, "~ nameServers: ")
	again, err := os.Stat(entries[0])
	require.NoError(t, err)
	assert.Equal(t, built.ModTime(), again.ModTime(), "the second diff against the commit runs the cached program")

	// A cached program that will not start (here: not executable, its size
	// intact, so the entry looks complete) is built again.
	require.NoError(t, os.Chmod(entries[0], 0o644))
	code, _, stderr = diffRun("--dir", repo, "--stack", "dev", "--base", "HEAD")
	assert.Equal(t, exitBreaking, code, "a cached program that will not start: %s", stderr)
	rebuilt, err := os.Stat(entries[0])
	require.NoError(t, err)
	assert.NotZero(t, rebuilt.Mode()&0o100, "the program is built again")

	// A name no one would give a stack, so that the test holds whatever
	// stacks the team adds.
	code, stdout, stderr = diffRun("--dir", repo, "--stack", "No-Such-Stack", "--base", "HEAD")
	assert.Equal(t, exitUsage, code, "no stack file in the working tree: %s", stdout)
	assert.Contains(t, stderr, "reading the config of stack No-Such-Stack")

	// A stack new since the ref: everything is created, and the cost
	// change is the whole of what synth prices it at.
	require.NoError(t, os.WriteFile(filepath.Join(repo, "Pulumi.brand-new.yaml"), dev, 0o644))
	code, stdout, stderr = diffRun("--dir", repo, "--stack", "brand-new", "--base", "HEAD")
	require.Equal(t, exitOK, code, stderr)
	code, plan, stderr := cliRun("--dir", repo, "--stack", "brand-new", "--json")
	require.Equal(t, exitOK, code, stderr)
	head, err := synth.ReadJSON(strings.NewReader(plan))
	require.NoError(t, err)
	require.NotNil(t, head.Cost)
	require.Positive(t, head.Cost.MonthlyUSD)
	custom := 0
	for _, r := range head.Resources {
		if r.Custom {
			custom++
		}
	}
	assert.Contains(t, stdout, fmt.Sprintf("\nResources: %d to create\n", custom))
	assert.Contains(t, stdout, fmt.Sprintf("\nMonthly fixed cost: %+.2f USD\n", head.Cost.MonthlyUSD))
}

// Changing stickiness or slow start updates the target group in place and
// touches nothing else; changing the protocol version replaces it (AWS
// cannot change it on an existing group).
func TestTargetGroupAttributeChanges(t *testing.T) {
	dev := synthStackFile(t, "dev")
	base := synthPlan(t, dev)
	services := configList(t, dev, "meething:services")
	with := func(extra map[string]any) *synth.Plan {
		changed := append([]any{}, services...)
		chat := map[string]any{}
		for k, v := range changed[2].(map[string]any) {
			chat[k] = v
		}
		for k, v := range extra {
			chat[k] = v
		}
		changed[2] = chat
		return synthPlan(t, withConfig(t, dev, map[string]any{"meething:services": changed}))
	}
	r := plandiff.Diff(base, with(map[string]any{"stickiness": map[string]any{"type": "lb_cookie"}, "slowStart": 30}), replace.ForcesReplacement)
	require.Len(t, r.Changes, 1, "%+v", r.Changes)
	assert.Equal(t, plandiff.Update, r.Changes[0].Op)
	assert.Equal(t, "meething-chat", r.Changes[0].Name)

	r = plandiff.Diff(base, with(map[string]any{"protocolVersion": "HTTP2"}), replace.ForcesReplacement)
	ops := map[string]plandiff.Op{}
	for _, c := range r.Changes {
		ops[c.Type+" "+c.Name] = c.Op
	}
	assert.Equal(t, plandiff.Replace, ops["aws:lb/targetGroup:TargetGroup meething-chat"])
	assert.Equal(t, plandiff.Update, ops["aws:lb/listenerRule:ListenerRule meething-chat"], "the rule follows the new group's ARN")
	assert.Len(t, ops, 2)
}
