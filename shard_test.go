package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// shardEnv splits the slow tests between CI's parallel jobs: with
// MEETHING_SHARD=i/n (make engine SHARD=i/n, make everyday SHARD=i/n) only
// the items of shard i of n run, the others skip. An item is an engine test,
// one stack or example of the engine lifecycle, or one everyday task. Unset,
// everything runs (make test).
const shardEnv = "MEETHING_SHARD"

// shard is shard i of n, 1 <= i <= n.
type shard struct{ i, n int }

// parseShard reads i/n; "" is the one shard of everything.
func parseShard(s string) (shard, error) {
	if s == "" {
		return shard{1, 1}, nil
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return shard{}, fmt.Errorf("%s=%q: want i/n with 1 <= i <= n, such as 2/3", shardEnv, s)
	}
	return shard{i, n}, nil
}

// shardOf is the shard (1..n) of item among items: the items sorted, dealt
// round-robin, so that the shards' counts differ by at most one. An item
// not among items has none (0).
func shardOf(item string, items []string, n int) int {
	sorted := slices.Sorted(slices.Values(items))
	k := slices.Index(sorted, item)
	if k < 0 {
		return 0
	}
	return k%n + 1
}

// skipOutsideShard skips t unless item falls in the shard MEETHING_SHARD
// names, items being everything that shard splits.
func skipOutsideShard(t *testing.T, item string, items []string) {
	t.Helper()
	s, err := parseShard(os.Getenv(shardEnv))
	require.NoError(t, err)
	got := shardOf(item, items, s.n)
	require.NotZero(t, got, "%s is not among the items the shards split: %v", item, items)
	if got != s.i {
		t.Skipf("%s is in shard %d/%d, not %d/%d (%s)", item, got, s.n, s.i, s.n, shardEnv)
	}
}

// lifecycleTest is the engine test whose stacks and examples are items of
// their own: the others are one item each.
const lifecycleTest = "TestEngineLifecycleOfEveryStackAndExample"

// engineItems are what make engine's shards split: every top-level
// TestEngine* function of the package's test files but the lifecycle, and
// the lifecycle's subtest of every stack and example.
func engineItems(t testing.TB) []string {
	t.Helper()
	var items []string
	for _, name := range testFuncs(t, ".") {
		if strings.HasPrefix(name, "TestEngine") && name != lifecycleTest {
			items = append(items, name)
		}
	}
	for name := range engineProjects(t) {
		items = append(items, lifecycleTest+"/"+name)
	}
	return items
}

// engineItem is the item the test named name runs: its top-level test, or
// for the lifecycle its stack's or example's subtest ("" for the lifecycle
// itself, which only starts them).
func engineItem(name string) string {
	top, rest, _ := strings.Cut(name, "/")
	if top != lifecycleTest {
		return top
	}
	sub, _, _ := strings.Cut(rest, "/")
	if sub == "" {
		return ""
	}
	return top + "/" + sub
}

// testFuncs lists the Test functions of the _test.go files in dir.
func testFuncs(t testing.TB, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	require.NoError(t, err)
	var names []string
	for _, f := range files {
		parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.SkipObjectResolution)
		require.NoError(t, err)
		for _, d := range parsed.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && strings.HasPrefix(fn.Name.Name, "Test") {
				names = append(names, fn.Name.Name)
			}
		}
	}
	return names
}

func TestParseShard(t *testing.T) {
	for in, want := range map[string]shard{"": {1, 1}, "1/1": {1, 1}, "2/3": {2, 3}, "3/3": {3, 3}} {
		got, err := parseShard(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"0/3", "4/3", "1/0", "2", "a/b", "1/-1"} {
		_, err := parseShard(in)
		assert.ErrorContains(t, err, shardEnv+`="`+in+`": want i/n`, in)
	}
}

func TestShardOfDealsEveryItemOnce(t *testing.T) {
	items := []string{"e", "a", "d", "b", "c"}
	for n := 1; n <= 6; n++ {
		counts := map[int]int{}
		for _, item := range items {
			s := shardOf(item, items, n)
			require.True(t, s >= 1 && s <= n, "%s in shard %d of %d", item, s, n)
			counts[s]++
		}
		for s := 1; s <= min(n, len(items)); s++ {
			assert.InDelta(t, len(items)/n, counts[s], 1, "shard %d of %d holds %d of %d items", s, n, counts[s], len(items))
		}
	}
	assert.Zero(t, shardOf("z", items, 3))
	assert.Equal(t, "TestEngineX", engineItem("TestEngineX/step"))
	assert.Equal(t, lifecycleTest+"/dev", engineItem(lifecycleTest+"/dev"))
	assert.Equal(t, "", engineItem(lifecycleTest))
}

// TestWorkflowShardsCoverEveryItem: the sharded jobs of checks.yml (the
// suite the pull request and the deploy run) list
// every shard of their n (1/n to n/n), pass it on as SHARD, and so every
// engine test, stack, example and everyday task falls in exactly one job.
func TestWorkflowShardsCoverEveryItem(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(".github", "workflows", "checks.yml"))
	require.NoError(t, err)
	var wf struct {
		Jobs map[string]struct {
			Strategy struct {
				Matrix struct {
					Shard []string `yaml:"shard"`
				} `yaml:"matrix"`
			} `yaml:"strategy"`
			Steps []struct {
				Run string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	require.NoError(t, yaml.Unmarshal(raw, &wf))
	for job, items := range map[string][]string{"engine": engineItems(t), "everyday": everydayTaskNames()} {
		j, ok := wf.Jobs[job]
		require.True(t, ok, "checks.yml has no job %s", job)
		shards := j.Strategy.Matrix.Shard
		require.NotEmpty(t, shards, "job %s: strategy.matrix.shard lists its shards", job)
		n := len(shards)
		var want []string
		for i := 1; i <= n; i++ {
			want = append(want, fmt.Sprintf("%d/%d", i, n))
		}
		assert.ElementsMatch(t, want, shards, "job %s runs every shard of %d once", job, n)
		passed := false
		for _, s := range j.Steps {
			passed = passed || strings.Contains(s.Run, "SHARD=${{ matrix.shard }}")
		}
		assert.True(t, passed, "job %s passes SHARD=${{ matrix.shard }} to make", job)
		for i := 1; i <= n; i++ {
			var in []string
			for _, item := range items {
				if shardOf(item, items, n) == i {
					in = append(in, item)
				}
			}
			assert.NotEmpty(t, in, "job %s, shard %d/%d runs nothing: fewer shards", job, i, n)
			t.Logf("%s %d/%d: %s", job, i, n, strings.Join(in, ", "))
		}
	}
}

// TestMakeRunsTheShardItIsGiven: make engine and make everyday with
// SHARD=i/n (what each job of checks.yml runs) hand the shard on as
// MEETHING_SHARD, turn their tests on rather than letting them skip, and
// select with -run every item's test: without this a Makefile that dropped
// MEETHING_SHARD would run everything in every job, and one that dropped
// MEETHING_EVERYDAY=1 would skip every task, both green.
func TestMakeRunsTheShardItIsGiven(t *testing.T) {
	for target, c := range map[string]struct {
		items []string
		env   []string
	}{
		"engine":   {engineItems(t), []string{"MEETHING_REQUIRE_ENGINE=1"}},
		"everyday": {everydayTaskNames(), []string{everydayEnv + "=1", "MEETHING_REQUIRE_ENGINE=1", "MEETHING_REQUIRE_MOTO=1"}},
	} {
		out := makeOutput(t, "-n", target, "SHARD=2/3")
		i := strings.Index(out, " go test . ")
		require.GreaterOrEqual(t, i, 0, "make %s runs no go test of the root package:\n%s", target, out)
		line := out[strings.LastIndex(out[:i], "\n")+1:]
		line, _, _ = strings.Cut(line, "\n")
		for _, want := range append([]string{shardEnv + "=2/3"}, c.env...) {
			assert.Contains(t, strings.Fields(line), want, "make %s SHARD=2/3: %s", target, line)
		}
		m := regexp.MustCompile(`-run '([^']+)'`).FindStringSubmatch(line)
		require.NotNil(t, m, "make %s: no -run pattern: %s", target, line)
		top, _, _ := strings.Cut(m[1], "/")
		for _, item := range c.items {
			name := item // an everyday task is a subtest of TestEverydayChanges
			if target == "everyday" {
				name = "TestEverydayChanges"
			}
			name, _, _ = strings.Cut(name, "/")
			assert.Regexp(t, top, name, "make %s's -run %q leaves out %s", target, m[1], item)
		}
	}
}
