package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/internal/stackfile"
	"github.com/meething/edge/internal/testprovider"
)

// engineCLIRoot returns the root of the Pulumi CLI scripts/engine-cli.sh
// built (ROOT/bin/pulumi), or skips when there is none and
// MEETHING_REQUIRE_ENGINE is unset.
func engineCLIRoot(t *testing.T) string {
	t.Helper()
	root := os.Getenv("MEETHING_PULUMI_ROOT")
	if root == "" {
		out, err := exec.Command("go", "list", "-m", "-f", "{{.Version}}", "github.com/pulumi/pulumi/sdk/v3").Output()
		require.NoError(t, err)
		home, _ := os.UserCacheDir()
		root = filepath.Join(home, "meething", "pulumi-"+strings.TrimSpace(string(out)))
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

// engineStack is one stack of a project folder, run inline through the
// real engine against the test provider, in an account seeded with what the
// stack's config says exists.
type engineStack struct {
	auto.Stack
	account string
}

// newEngineStack copies srcDir's Pulumi.yaml and Pulumi.<name>.yaml into a
// temporary project (the engine may rewrite the stack file) and upserts
// the stack there.
func newEngineStack(ctx context.Context, t *testing.T, srcDir, name string) engineStack {
	t.Helper()
	root := engineCLIRoot(t)
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	plugin := filepath.Join(home, "plugins", "resource-aws-v"+testprovider.Version)
	require.NoError(t, os.MkdirAll(plugin, 0o755))
	require.NoError(t, os.Symlink(testProviderBinary(t), filepath.Join(plugin, "pulumi-resource-aws")))

	project := filepath.Join(dir, "project")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "state"), 0o755))
	require.NoError(t, os.MkdirAll(project, 0o755))
	for _, f := range []string{"Pulumi.yaml", "Pulumi." + name + ".yaml"} {
		data, err := os.ReadFile(filepath.Join(srcDir, f))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(project, f), data, 0o644))
	}
	loaded, err := stackfile.Load(srcDir, name)
	require.NoError(t, err)
	config := loaded.Config
	account := filepath.Join(dir, "account.json")
	m := awsmock.New("meething", name, config["aws:region"])
	m.Declare(config)
	a := testprovider.NewAccount()
	a.Seed(m)
	// What the stack imports exists already, as the program would find it.
	planned, err := runProgram(name, config)
	require.NoError(t, err)
	for _, r := range planned.Monitor.Resources() {
		if r.ImportID != "" {
			require.NoError(t, a.Put(r.Type, r.ImportID, r.Inputs, r.Outputs))
		}
	}
	require.NoError(t, testprovider.WriteAccount(account, a))

	cmd, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: root, SkipVersionCheck: true})
	require.NoError(t, err)
	env := map[string]string{
		"PULUMI_HOME": home, "PULUMI_BACKEND_URL": "file://" + filepath.Join(dir, "state"),
		"PULUMI_CONFIG_PASSPHRASE": "engine-test", "PULUMI_SKIP_UPDATE_CHECK": "true",
		"PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK": "true", "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
		testprovider.AccountEnv: account,
	}
	// Inline, the engine does not pass PULUMI_CONFIG: the keys the stack
	// sets come from its file, as the engine would list them.
	keys := configKeys(config)
	stack, err := auto.UpsertStackInlineSource(ctx, name, "meething", exportedStack(keys), auto.WorkDir(project), auto.Pulumi(cmd), auto.EnvVars(env))
	require.NoError(t, err)
	return engineStack{Stack: stack, account: account}
}

// TestEngineAcceptsEveryStackAndExample previews every stack file and every
// example through the real engine: Pulumi's own config validation (a key
// declared without a default fails it), then the program.
func TestEngineAcceptsEveryStackAndExample(t *testing.T) {
	engineCLIRoot(t)
	projects := map[string]string{}
	for _, name := range synthStackNames(t) {
		projects[name] = "."
	}
	for _, name := range exampleNames(t) {
		projects[name] = exampleDir(name)
	}
	for name, dir := range projects {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			stack := newEngineStack(ctx, t, dir, name)
			res, err := stack.Preview(ctx)
			require.NoError(t, err, "preview")
			assert.NotZero(t, res.ChangeSummary["create"]+res.ChangeSummary["import"], "the first preview builds the stack")
		})
	}
}

// TestEngineAcceptsTheDevStack runs the dev stack file through the real
// engine against the test provider: preview, up, a second preview that must
// plan no change, and destroy, which must leave nothing the stack created.
func TestEngineAcceptsTheDevStack(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	stack := newEngineStack(ctx, t, ".", "dev")
	account := stack.account
	res, err := stack.Preview(ctx, optpreview.Diff())
	require.NoError(t, err, "preview")
	require.NotZero(t, res.ChangeSummary["create"], "the first preview creates the stack")

	_, err = stack.Up(ctx)
	require.NoError(t, err, "up")
	created, err := testprovider.ReadAccount(account)
	require.NoError(t, err)
	require.NotEmpty(t, created.Resources, "up creates the stack in the account")
	again, err := stack.Preview(ctx, optpreview.Diff())
	require.NoError(t, err, "second preview")
	for op, n := range again.ChangeSummary {
		if op != "same" {
			t.Errorf("the preview after up plans %d %s: the desired state must be a fixed point", n, op)
		}
	}
	_, err = stack.Destroy(ctx)
	require.NoError(t, err, "destroy")
	left, err := testprovider.ReadAccount(account)
	require.NoError(t, err)
	require.Empty(t, left.Resources, "destroy leaves what the stack created")
}
