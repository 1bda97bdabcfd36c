package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
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
		root = filepath.Join(home, "meething", "pulumi-"+string(out[:len(out)-1]))
	}
	if _, err := os.Stat(filepath.Join(root, "bin", "pulumi")); err != nil {
		if os.Getenv("MEETHING_REQUIRE_ENGINE") != "" {
			t.Fatalf("no Pulumi CLI at %s: run scripts/engine-cli.sh", root)
		}
		t.Skipf("no Pulumi CLI at %s (scripts/engine-cli.sh builds it)", root)
	}
	return root
}

// TestEngineAcceptsTheDevStack runs the dev stack file through the real
// engine against the test provider: preview (Pulumi's own config validation,
// then the program), up, a second preview that must plan no change, and
// destroy, which must leave nothing the stack created.
func TestEngineAcceptsTheDevStack(t *testing.T) {
	root := engineCLIRoot(t)
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	plugin := filepath.Join(home, "plugins", "resource-aws-v"+testprovider.Version, "pulumi-resource-aws")
	build := exec.Command("go", "build", "-o", plugin, "./tools/test-provider")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run())

	project := filepath.Join(dir, "project")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "state"), 0o755))
	require.NoError(t, os.MkdirAll(project, 0o755))
	for _, f := range []string{"Pulumi.yaml", "Pulumi.dev.yaml"} {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(project, f), data, 0o644))
	}
	account := filepath.Join(dir, "account.json")
	config := stackConfig(t, "dev")
	m := awsmock.New("meething", "dev", config["aws:region"])
	m.Declare(config)
	a := testprovider.NewAccount()
	a.Seed(m)
	require.NoError(t, testprovider.WriteAccount(account, a))

	cmd, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: root, SkipVersionCheck: true})
	require.NoError(t, err)
	env := map[string]string{
		"PULUMI_HOME": home, "PULUMI_BACKEND_URL": "file://" + filepath.Join(dir, "state"),
		"PULUMI_CONFIG_PASSPHRASE": "engine-test", "PULUMI_SKIP_UPDATE_CHECK": "true",
		"PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK": "true", "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
		testprovider.AccountEnv: account,
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	keys := configKeys(config)
	stack, err := auto.UpsertStackInlineSource(ctx, "dev", "meething", func(ctx *pulumi.Context) error {
		outputs, err := stackFor(keys)(ctx)
		if err != nil {
			return err
		}
		for name, value := range outputs {
			ctx.Export(name, value)
		}
		return nil
	}, auto.WorkDir(project), auto.Pulumi(cmd), auto.EnvVars(env))
	require.NoError(t, err)
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
