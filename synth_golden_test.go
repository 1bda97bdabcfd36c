package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/synth"
)

// TestSynthGolden compares `meething synth --json --stack <stack>` for every
// Pulumi.<stack>.yaml with testdata/<stack>.json, and that of every example
// (synth --dir examples/<name> --stack <name>) with
// testdata/examples/<name>.json, and that of every fixture
// (testdata/fixtures/Pulumi.<name>.yaml) with testdata/fixtures/<name>.json,
// and fails with a line diff of what changed,
// headed by the URNs of the resources that changed.
//
// After an intended change to the infrastructure, rewrite the golden files
// and review them like code:
//
//	UPDATE_GOLDEN=1 go test . -run Golden
//
// (An environment variable, not a -update flag: `go test ./... -update` would
// break every package that defines no such flag.) With UPDATE_GOLDEN=1 the
// test also deletes golden files whose stack file is gone.
func TestSynthGolden(t *testing.T) {
	update := os.Getenv("UPDATE_GOLDEN") == "1"
	stacks := synthStackNames(t)
	for _, name := range stacks {
		t.Run(name, func(t *testing.T) {
			code, got, stderr := cliRun("--stack", name, "--json")
			require.Equal(t, 0, code, "synth --stack %s failed: %s", name, stderr)
			checkGolden(t, "stack "+name, goldenPath(name), got, update)
		})
	}
	for _, name := range exampleNames(t) {
		t.Run(examplesDir+"/"+name, func(t *testing.T) {
			code, got, stderr := cliRun("--dir", exampleDir(name), "--stack", name, "--json")
			require.Equal(t, 0, code, "synth --dir %s --stack %s failed: %s", exampleDir(name), name, stderr)
			checkGolden(t, "example "+name, filepath.Join("testdata", examplesDir, name+".json"), got, update)
		})
	}

	// The fixtures' plans, which the packages' tests read (internal/verify)
	// instead of the committed stacks'.
	for _, name := range fixtureNames(t) {
		t.Run("fixtures/"+name, func(t *testing.T) {
			dir := copyFiles(t, t.TempDir(), map[string]string{
				"Pulumi.yaml": "Pulumi.yaml",
				filepath.Join(fixtureDir, "Pulumi."+name+".yaml"): "Pulumi." + name + ".yaml",
			})
			code, got, stderr := cliRun("--dir", dir, "--stack", name, "--json")
			require.Equal(t, 0, code, "synth of fixture %s failed: %s", name, stderr)
			checkGolden(t, "fixture "+name, filepath.Join(fixtureDir, name+".json"), got, update)
		})
	}

	t.Run("no stale golden files", func(t *testing.T) {
		files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
		require.NoError(t, err)
		for _, f := range files {
			name := strings.TrimSuffix(filepath.Base(f), ".json")
			if _, err := os.Stat("Pulumi." + name + ".yaml"); err == nil {
				continue
			}
			if update {
				require.NoError(t, os.Remove(f))
				t.Logf("removed %s: no Pulumi.%s.yaml", f, name)
				continue
			}
			t.Errorf("%s has no Pulumi.%s.yaml: run UPDATE_GOLDEN=1 go test . -run Golden to remove it", f, name)
		}
		files, err = filepath.Glob(filepath.Join("testdata", examplesDir, "*.json"))
		require.NoError(t, err)
		for _, f := range files {
			name := strings.TrimSuffix(filepath.Base(f), ".json")
			stackFile := filepath.Join(exampleDir(name), "Pulumi."+name+".yaml")
			if _, err := os.Stat(stackFile); err == nil {
				continue
			}
			if update {
				require.NoError(t, os.Remove(f))
				t.Logf("removed %s: no %s", f, stackFile)
				continue
			}
			t.Errorf("%s has no %s: run UPDATE_GOLDEN=1 go test . -run Golden to remove it", f, stackFile)
		}
	})
}

// goldenSummary lists the resources added, removed and changed, or says why
// it cannot (a golden file that is no plan).
func goldenSummary(want, got []byte) string {
	old, err := synth.ReadJSON(bytes.NewReader(want))
	if err != nil {
		return fmt.Sprintf("(the golden file is not a plan: %v)", err)
	}
	now, err := synth.ReadJSON(bytes.NewReader(got))
	if err != nil {
		return fmt.Sprintf("(the new plan does not parse: %v)", err)
	}
	return synth.Compare(old, now).String()
}

func goldenPath(stack string) string { return filepath.Join("testdata", stack+".json") }

func writeGolden(t *testing.T, path, content string) {
	t.Helper()
	old, err := os.ReadFile(path)
	if err == nil && string(old) == content {
		return
	}
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	t.Logf("wrote %s", path)
}

// TestSynthIsDeterministic runs synth twice per stack, as JSON and as a
// tree: the output must be byte-identical.
func TestSynthIsDeterministic(t *testing.T) {
	for _, name := range synthStackNames(t) {
		for _, format := range [][]string{{"--json"}, {}} {
			args := append([]string{"--stack", name}, format...)
			code1, out1, err1 := cliRun(args...)
			code2, out2, err2 := cliRun(args...)
			require.Equal(t, 0, code1, err1)
			require.Equal(t, 0, code2, err2)
			assert.Equal(t, out1, out2, "synth %v printed different output on a second run:\n%s",
				args, synth.Diff([]byte(out1), []byte(out2), 2))
		}
	}
}

// checkGolden compares the plan of what (a stack or an example) with its
// golden file, or rewrites the file when update.
func checkGolden(t *testing.T, what, path, got string, update bool) {
	t.Helper()
	if update {
		writeGolden(t, path, got)
		return
	}
	want, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Fatalf("%s is missing: run UPDATE_GOLDEN=1 go test . -run Golden and review it", path)
	}
	require.NoError(t, err)
	if diff := synth.Diff(want, []byte(got), 3); diff != "" {
		t.Errorf("the plan of %s changed from %s:\n%s\nLine diff (- golden, + now):\n%s\n"+
			"If the change is intended, run UPDATE_GOLDEN=1 go test . -run Golden and review the diff.",
			what, path, goldenSummary(want, []byte(got)), diff)
	}
}
