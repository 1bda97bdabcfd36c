package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// everydayEnv turns TestEverydayChanges on (make everyday, part of make
// test): it copies the repository and runs its tests once per change.
const everydayEnv = "MEETHING_EVERYDAY"

// everydayTask is one common task of docs/common-tasks.md, done on a copy
// of the repository as written there.
type everydayTask struct {
	name   string // make everyday TASK=<name>
	stack  string // the stack the change is about
	change func(t *testing.T, repo string, service *yaml.Node)
}

// everydayTasks are the tasks TestEverydayChanges does, one subtest each.
var everydayTasks = []everydayTask{
	{"add-service-dev", "dev", func(t *testing.T, repo string, service *yaml.Node) { appendService(t, repo, "dev", service) }},
	{"add-service-prod", "prod", func(t *testing.T, repo string, service *yaml.Node) { appendService(t, repo, "prod", service) }},
	{"add-environment-staging", "staging", func(t *testing.T, repo string, _ *yaml.Node) {
		data, err := os.ReadFile(filepath.Join(repo, "Pulumi.dev.yaml"))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(repo, "Pulumi.staging.yaml"), data, 0o644))
		editStackFile(t, repo, "staging", func(config *yaml.Node) {
			mappingValue(t, config, "meething:domain").Value = "staging.meething.net"
		})
	}},
	{"remove-service-dev", "dev", func(t *testing.T, repo string, _ *yaml.Node) {
		editStackFile(t, repo, "dev", func(config *yaml.Node) {
			services := mappingValue(t, config, "meething:services")
			require.GreaterOrEqual(t, len(services.Content), 2, "dev needs two services to remove one")
			services.Content = services.Content[:len(services.Content)-1]
		})
	}},
}

// everydayTaskNames are the names of everydayTasks, which make everyday's
// shards split.
func everydayTaskNames() []string {
	var names []string
	for _, task := range everydayTasks {
		names = append(names, task.name)
	}
	return names
}

// TestEverydayChanges does the common tasks (docs/common-tasks.md, linked
// from the README) on copies of the repository, as written there (the
// service is that page's own block), then the documented update step (make
// golden) and what make test runs on every package: the offline tests of
// every package (go test ./...), and the real engine's lifecycle of the
// stack the change is about. Each change must leave them green. With
// MEETHING_SHARD=i/n only the tasks of that shard run (CI runs one job per
// shard); make everyday TASK=<name> runs one.
func TestEverydayChanges(t *testing.T) {
	if os.Getenv(everydayEnv) == "" {
		t.Skipf("set %s=1 (make everyday, part of make test): copies the repository and runs its tests once per change", everydayEnv)
	}
	service := readmeService(t)
	for _, task := range everydayTasks {
		t.Run(task.name, func(t *testing.T) {
			skipOutsideShard(t, task.name, everydayTaskNames())
			repo := copyCheckout(t, nil)
			task.change(t, repo, service)
			start := time.Now()
			run := func(env []string, name string, args ...string) string {
				t.Logf("%s: %s %s", task.name, name, strings.Join(args, " "))
				cmd := exec.Command(name, args...)
				cmd.Dir = repo
				// Neither this run's switch, shard nor make's variables
				// reach the copy's own runs. (Not -trimpath: the copy would
				// share its own packages' builds, but its dependencies'
				// would no longer be the ones in the Go build cache.)
				cmd.Env = append(append(os.Environ(), everydayEnv+"=", shardEnv+"=", "MAKEFLAGS=", "MAKELEVEL="), env...)
				out, err := cmd.CombinedOutput()
				require.NoError(t, err, "%s %s:\n%s", name, strings.Join(args, " "), out)
				t.Logf("%s: done at %s", task.name, time.Since(start).Round(time.Second))
				return string(out)
			}
			run(nil, "make", "golden")
			// Every package's offline tests, as make unit runs them...
			run([]string{skipEngineEnv + "=1", "MEETHING_REQUIRE_ENGINE="}, "go", "test", "./...", "-count=1")
			// ...then the real engine on the stack the change is about (the
			// others' engine runs are make engine's).
			engine := lifecycleTest + "/" + task.stack
			out := run([]string{skipEngineEnv + "="}, "go", "test", ".", "-count=1", "-v", "-run", "^"+lifecycleTest+"$/^"+task.stack+"$")
			// A -run that matches nothing passes too: the stack must have run.
			require.Contains(t, out, "--- PASS: "+engine+" ", "the engine did not run stack %s", task.stack)
		})
	}
}

// commonTasksPage is where the common tasks are written, linked from the
// README's Common tasks.
const commonTasksPage = "docs/common-tasks.md"

// readmeService is the service the "Add a service" task of
// docs/common-tasks.md appends, as a YAML node.
func readmeService(t *testing.T) *yaml.Node {
	t.Helper()
	page, err := os.ReadFile(commonTasksPage)
	require.NoError(t, err)
	const marker = "<!-- common task: add a service -->\n```yaml\n"
	_, rest, found := strings.Cut(string(page), marker)
	require.True(t, found, "%s has no %q", commonTasksPage, marker)
	block, _, found := strings.Cut(rest, "```\n")
	require.True(t, found)
	var doc yaml.Node
	require.NoError(t, yaml.Unmarshal([]byte(block), &doc))
	services := mappingValue(t, doc.Content[0], "meething:services")
	require.Len(t, services.Content, 1, "the Add a service task adds one service")
	return services.Content[0]
}

// appendService appends service to meething:services of the stack file.
func appendService(t *testing.T, repo, stack string, service *yaml.Node) {
	editStackFile(t, repo, stack, func(config *yaml.Node) {
		services := mappingValue(t, config, "meething:services")
		services.Content = append(services.Content, service)
	})
}

// editStackFile edits the config mapping of repo's Pulumi.<stack>.yaml,
// comments kept.
func editStackFile(t *testing.T, repo, stack string, edit func(config *yaml.Node)) {
	t.Helper()
	path := filepath.Join(repo, "Pulumi."+stack+".yaml")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var doc yaml.Node
	require.NoError(t, yaml.Unmarshal(data, &doc))
	edit(mappingValue(t, doc.Content[0], "config"))
	out, err := yaml.Marshal(&doc)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, out, 0o644))
}

// mappingValue returns the value of key in a YAML mapping.
func mappingValue(t *testing.T, m *yaml.Node, key string) *yaml.Node {
	t.Helper()
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	require.FailNow(t, "no key "+key)
	return nil
}

// copyCheckout copies the checkout's files (tracked, and untracked but not
// ignored) into a temporary folder, leaving out those skip says to, and
// returns it. It skips the test outside a git checkout.
func copyCheckout(t *testing.T, skip func(path string) bool) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("needs git")
	}
	files, err := exec.Command("git", "ls-files", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	copies := map[string]string{}
	for _, f := range strings.Split(strings.TrimSpace(string(files)), "\n") {
		if info, err := os.Stat(f); err != nil || info.IsDir() || (skip != nil && skip(f)) {
			continue // deleted in the working tree, or a folder, or left out
		}
		copies[f] = f
	}
	return copyFiles(t, t.TempDir(), copies)
}

// TestEverydayServiceBlockIsFound: the service TestEverydayChanges appends
// is where it reads it, even when make everyday does not run.
func TestEverydayServiceBlockIsFound(t *testing.T) {
	require.Equal(t, "media", mappingValue(t, readmeService(t), "name").Value)
}
