package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/internal/refcache"
	"github.com/meething/edge/internal/stackfile"
	"github.com/meething/edge/internal/testprovider"
)

// skipEngineEnv makes every test that runs the Pulumi CLI skip: make unit
// sets it, make engine runs them.
const skipEngineEnv = "MEETHING_SKIP_ENGINE"

// engineCLIRoot returns the root of the Pulumi CLI scripts/engine-cli.sh
// built (ROOT/bin/pulumi), or skips when there is none and
// MEETHING_REQUIRE_ENGINE is unset, under MEETHING_SKIP_ENGINE, or when
// the test is not in the shard MEETHING_SHARD names. A test that calls it
// must be named TestEngine*, so that make engine (go test -run '^TestEngine')
// runs it: it fails otherwise.
func engineCLIRoot(t *testing.T) string {
	t.Helper()
	top, _, _ := strings.Cut(t.Name(), "/")
	require.True(t, strings.HasPrefix(top, "TestEngine"),
		"%s runs the Pulumi CLI: name it TestEngine..., so that make engine runs it (make unit skips such tests)", top)
	if os.Getenv(skipEngineEnv) != "" {
		t.Skipf("%s is set (make unit): make engine runs this test", skipEngineEnv)
	}
	if item := engineItem(t.Name()); item != "" {
		skipOutsideShard(t, item, engineItems(t))
	}
	root := os.Getenv("MEETHING_PULUMI_ROOT")
	if root == "" {
		out, err := exec.Command("go", "list", "-m", "-f", "{{.Version}}", "github.com/pulumi/pulumi/sdk/v3").Output()
		require.NoError(t, err)
		cache, err := refcache.Dir() // the cache scripts/engine-cli.sh builds into
		require.NoError(t, err)
		root = filepath.Join(cache, "pulumi-"+strings.TrimSpace(string(out)))
	}
	if _, err := os.Stat(filepath.Join(root, "bin", "pulumi")); err != nil {
		if os.Getenv("MEETHING_REQUIRE_ENGINE") != "" {
			t.Fatalf("no Pulumi CLI at %s: run scripts/engine-cli.sh", root)
		}
		t.Skipf("no Pulumi CLI at %s (scripts/engine-cli.sh builds it)", root)
	}
	return root
}

var testProvider struct {
	once sync.Once
	path string
	err  error
}

// testProviderBinary builds tools/test-provider once per test run.
func testProviderBinary(t *testing.T) string {
	t.Helper()
	testProvider.once.Do(func() {
		dir, err := os.MkdirTemp("", "meething-test-provider")
		if err != nil {
			testProvider.err = err
			return
		}
		testProvider.path = filepath.Join(dir, "pulumi-resource-aws")
		build := exec.Command("go", "build", "-o", testProvider.path, "./tools/test-provider")
		build.Stderr = os.Stderr
		testProvider.err = build.Run()
	})
	require.NoError(t, testProvider.err, "building the test provider")
	return testProvider.path
}

// engineProjects are the folders of every stack file and example, by stack
// name: each runs through the engine.
func engineProjects(t testing.TB) map[string]string {
	projects := map[string]string{}
	for _, name := range synthStackNames(t) {
		projects[name] = "."
	}
	for _, name := range exampleNames(t) {
		projects[name] = exampleDir(name)
	}
	return projects
}

// engineStack is one stack of a project folder, run inline through the
// real engine against the test provider.
type engineStack struct {
	auto.Stack
	name    string
	project string // the temporary project folder the engine reads
	account string // the account file the test provider keeps
	// seeded are the account's resources (testprovider.Key) before the
	// stack ran: what the stack did not create.
	seeded map[string]bool
	cmd    auto.PulumiCommand
	env    map[string]string
}

// seedAccount writes an account holding what the config of stack name in
// srcDir says exists (awsmock.Declare), imported resources included, as
// the program would find them.
func seedAccount(t *testing.T, path, srcDir, name string) {
	t.Helper()
	loaded, err := stackfile.Load(srcDir, name)
	require.NoError(t, err)
	config := loaded.Config
	m := awsmock.New("meething", name, config["aws:region"])
	m.Declare(config)
	a := testprovider.NewAccount()
	a.Seed(m)
	planned, err := runProgram(name, config)
	require.NoError(t, err)
	for _, r := range planned.Monitor.Resources() {
		if r.ImportID != "" {
			require.NoError(t, a.Put(r.Type, r.ImportID, r.Inputs, r.Outputs))
		}
	}
	require.NoError(t, testprovider.WriteAccount(path, a))
}

// newEngineStack copies srcDir's Pulumi.yaml and Pulumi.<name>.yaml into a
// temporary project and upserts the stack there, in the account file
// account, or when that is "" in a new account seeded by seedAccount.
func newEngineStack(ctx context.Context, t *testing.T, srcDir, name, account string) *engineStack {
	t.Helper()
	root := engineCLIRoot(t)
	dir := t.TempDir()
	env := offlineCLIEnv(t, dir)
	plugin := filepath.Join(env["PULUMI_HOME"], "plugins", "resource-aws-v"+testprovider.Version)
	require.NoError(t, os.MkdirAll(plugin, 0o755))
	require.NoError(t, os.Symlink(testProviderBinary(t), filepath.Join(plugin, "pulumi-resource-aws")))
	project := copyFiles(t, filepath.Join(dir, "project"), projectFiles(srcDir, name))
	if account == "" {
		account = filepath.Join(dir, "account.json")
		seedAccount(t, account, srcDir, name)
	}
	before, err := testprovider.ReadAccount(account)
	require.NoError(t, err)
	seeded := map[string]bool{}
	for k := range before.Resources {
		seeded[k] = true
	}

	cmd, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: root, SkipVersionCheck: true})
	require.NoError(t, err)
	env[testprovider.AccountEnv] = account
	// Inline, the engine does not pass PULUMI_CONFIG: the keys the stack
	// sets come from its file as it is when the program runs, as the
	// engine would list them.
	program := func(ctx *pulumi.Context) error {
		loaded, err := stackfile.Load(project, name)
		if err != nil {
			return err
		}
		return exportedStack(loaded.Keys())(ctx)
	}
	stack, err := auto.UpsertStackInlineSource(ctx, name, "meething", program, auto.WorkDir(project), auto.Pulumi(cmd), auto.EnvVars(env))
	require.NoError(t, err)
	return &engineStack{Stack: stack, name: name, project: project, account: account, seeded: seeded, cmd: cmd, env: env}
}

// stackFile returns the stack file the engine reads, as YAML.
func (s *engineStack) stackFile(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(s.project, "Pulumi."+s.name+".yaml"))
	require.NoError(t, err)
	var file map[string]any
	require.NoError(t, yaml.Unmarshal(data, &file))
	return file
}

// writeStackFile replaces the stack file the engine reads.
func (s *engineStack) writeStackFile(t *testing.T, file map[string]any) {
	t.Helper()
	data, err := yaml.Marshal(file)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(s.project, "Pulumi."+s.name+".yaml"), data, 0o644))
}

// pulumi runs the CLI on the stack, as a user would, and returns its
// output.
func (s *engineStack) pulumi(ctx context.Context, t *testing.T, args ...string) string {
	t.Helper()
	env := make([]string, 0, len(s.env))
	for k, v := range s.env {
		env = append(env, k+"="+v)
	}
	out, errOut, code, err := s.cmd.Run(ctx, s.project, nil, nil, nil, env, append(args, "--stack", s.name)...)
	require.NoError(t, err, "pulumi %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	return out
}

// engineResource is a resource of the engine's state, as stack export
// writes it.
type engineResource struct {
	URN            string         `json:"urn"`
	Custom         bool           `json:"custom"`
	ID             string         `json:"id"`
	Type           string         `json:"type"`
	Inputs         map[string]any `json:"inputs"`
	Parent         string         `json:"parent"`
	Protect        bool           `json:"protect"`
	RetainOnDelete bool           `json:"retainOnDelete"`
	Dependencies   []string       `json:"dependencies"`
	ImportID       string         `json:"importID"`
}

// state returns the resources of the engine's state, by URN.
func (s *engineStack) state(ctx context.Context, t *testing.T) map[string]engineResource {
	t.Helper()
	exported, err := s.Export(ctx)
	require.NoError(t, err)
	var deployment struct {
		Resources []engineResource `json:"resources"`
	}
	require.NoError(t, json.Unmarshal(exported.Deployment, &deployment))
	out := map[string]engineResource{}
	for _, r := range deployment.Resources {
		out[r.URN] = r
	}
	return out
}

// accountKeys are the keys (testprovider.Key) of what the account holds.
func (s *engineStack) accountKeys(t *testing.T) map[string]bool {
	t.Helper()
	a, err := testprovider.ReadAccount(s.account)
	require.NoError(t, err)
	out := map[string]bool{}
	for k := range a.Resources {
		out[k] = true
	}
	return out
}
