package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/stackfile"
	"github.com/meething/edge/internal/synth"
)

// synthStackNames returns the stacks of the repository, one per
// Pulumi.<stack>.yaml, sorted.
func synthStackNames(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob("Pulumi.*.yaml")
	require.NoError(t, err)
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(strings.TrimPrefix(f, "Pulumi."), ".yaml"))
	}
	sort.Strings(names)
	require.NotEmpty(t, names, "no Pulumi.<stack>.yaml in the repository")
	return names
}

// exampleNames returns the scenarios under examples/, one per folder that
// holds a Pulumi.yaml, sorted. Each folder is a Pulumi project of its own
// (its Pulumi.yaml runs the program two levels up) with one stack, named
// like the folder: examples/<name>/Pulumi.<name>.yaml.
func exampleNames(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(examplesDir, "*", "Pulumi.yaml"))
	require.NoError(t, err)
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(filepath.Dir(f)))
	}
	sort.Strings(names)
	require.NotEmpty(t, names, "no examples/<name>/Pulumi.yaml")
	return names
}

const examplesDir = "examples"

// fixtureNames returns the stacks of testdata/fixtures, sorted.
func fixtureNames(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(fixtureDir, "Pulumi.*.yaml"))
	require.NoError(t, err)
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "Pulumi."), ".yaml"))
	}
	sort.Strings(names)
	require.NotEmpty(t, names, "no %s/Pulumi.<stack>.yaml", fixtureDir)
	return names
}

// exampleDir is the folder of example name.
func exampleDir(name string) string { return filepath.Join(examplesDir, name) }

// everyStackFile loads every stack file of the repository and every example,
// keyed "dev", "prod", "examples/default-vpc", ...
func everyStackFile(t testing.TB) map[string]*stackfile.Stack {
	t.Helper()
	out := map[string]*stackfile.Stack{}
	for _, name := range synthStackNames(t) {
		out[name] = committedStackFile(t, name)
	}
	for _, name := range exampleNames(t) {
		s, err := stackfile.Load(exampleDir(name), name)
		require.NoError(t, err)
		out[examplesDir+"/"+name] = s
	}
	return out
}

// synthStackFile loads the repository's Pulumi.<name>.yaml.
//
// It reads the fixture (see stackConfig); committedStackFile reads the
// committed one.
func synthStackFile(t testing.TB, name string) *stackfile.Stack {
	t.Helper()
	return fixtureStack(t, name)
}

// committedStackFile loads the committed Pulumi.<name>.yaml.
func committedStackFile(t testing.TB, name string) *stackfile.Stack {
	t.Helper()
	s, err := stackfile.Load(".", name)
	require.NoError(t, err)
	return s
}

// synthPlan synthesizes s with the program `pulumi up` runs and fails the
// test on error.
func synthPlan(t testing.TB, s *stackfile.Stack) *synth.Plan {
	t.Helper()
	plan, err := synth.Run(s, stackFor(s.Keys()))
	require.NoError(t, err, "synthesizing stack %s", s.Name)
	return plan
}

// withConfig returns a copy of s with the keys (fully qualified) set to the
// JSON encoding of their values, or to the value itself when it is a string.
func withConfig(t testing.TB, s *stackfile.Stack, kv map[string]any) *stackfile.Stack {
	t.Helper()
	out := *s
	out.Config = make(map[string]string, len(s.Config)+len(kv))
	for k, v := range s.Config {
		out.Config[k] = v
	}
	for k, v := range kv {
		if str, ok := v.(string); ok {
			out.Config[k] = str
			continue
		}
		b, err := json.Marshal(v)
		require.NoError(t, err)
		out.Config[k] = string(b)
	}
	return &out
}

// configList decodes a list-valued config key of s (such as
// meething:services) into plain JSON values.
func configList(t testing.TB, s *stackfile.Stack, key string) []any {
	t.Helper()
	var out []any
	require.NoError(t, json.Unmarshal([]byte(s.Config[key]), &out), "config %s of stack %s", key, s.Name)
	return out
}

// cliRun runs `meething synth args...` in-process and returns its exit code,
// stdout and stderr.
func cliRun(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"synth"}, args...), false, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}
