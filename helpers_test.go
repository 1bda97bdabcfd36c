package main

import (
	"encoding/json"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/internal/stackfile"
)

// synthResult is one run of the program against the mock.
type synthResult struct {
	*awsmock.Monitor
	Outputs map[string]any
}

// runProgram runs the program with config (fully qualified keys) as stack.
func runProgram(stackName string, config map[string]string, opts ...func(*awsmock.Monitor)) (*synthResult, error) {
	res := &synthResult{}
	m, err := awsmock.Run("meething", stackName, config, func(ctx *pulumi.Context) error {
		outputs, err := stackFor(configKeys(config))(ctx)
		if err != nil {
			return err
		}
		awsmock.Await(ctx, outputs, func(v map[string]any) error {
			// Through JSON, so values compare like the mock's plain inputs.
			b, err := json.Marshal(v)
			if err != nil {
				return err
			}
			return json.Unmarshal(b, &res.Outputs)
		})
		return nil
	}, opts...)
	res.Monitor = m
	return res, err
}

// stackConfig loads Pulumi.<name>.yaml with Pulumi.yaml's defaults.
//
// It reads the fixture testdata/fixtures/Pulumi.<name>.yaml: tests about the
// program use fixtures of their own, so the team's stack files are theirs
// to change. Tests about the committed stack files read them with
// committedStackConfig.
func stackConfig(t testing.TB, name string) map[string]string {
	t.Helper()
	return fixtureStack(t, name).Config
}

// committedStackConfig returns the config of the committed
// Pulumi.<name>.yaml, with the project's defaults.
func committedStackConfig(t testing.TB, name string) map[string]string {
	t.Helper()
	s, err := stackfile.Load(".", name)
	require.NoError(t, err)
	return s.Config
}

// copyFiles copies each file src (a path from the working directory) to
// dir/dst, keeping its mode, and returns dir: tests run the CLI and the
// scripts on copies, never on the tree.
func copyFiles(t testing.TB, dir string, files map[string]string) string {
	t.Helper()
	for src, dst := range files {
		data, err := os.ReadFile(src)
		require.NoError(t, err)
		info, err := os.Stat(src)
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, dst)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, dst), data, info.Mode().Perm()))
	}
	return dir
}

// projectFiles maps a project folder's Pulumi.yaml and Pulumi.<stack>.yaml
// to the same names, for copyFiles.
func projectFiles(srcDir, stack string) map[string]string {
	return map[string]string{
		filepath.Join(srcDir, "Pulumi.yaml"):           "Pulumi.yaml",
		filepath.Join(srcDir, "Pulumi."+stack+".yaml"): "Pulumi." + stack + ".yaml",
	}
}

// offlineCLIEnv is the environment that keeps the Pulumi CLI offline and
// private to dir: a file backend in dir/state, PULUMI_HOME dir/home, a
// passphrase, no update check, no plugin download.
func offlineCLIEnv(t testing.TB, dir string) map[string]string {
	t.Helper()
	state, home := filepath.Join(dir, "state"), filepath.Join(dir, "home")
	require.NoError(t, os.MkdirAll(state, 0o755))
	require.NoError(t, os.MkdirAll(home, 0o755))
	return map[string]string{
		"PULUMI_HOME":                                 home,
		"PULUMI_BACKEND_URL":                          "file://" + state,
		"PULUMI_CONFIG_PASSPHRASE":                    "correct horse battery staple",
		"PULUMI_SKIP_UPDATE_CHECK":                    "true",
		"PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK":    "true",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
	}
}

// fixtureDir holds the stack files the tests about the program read.
const fixtureDir = "testdata/fixtures"

// fixtureStack loads the fixture stack file of name with the project's
// Pulumi.yaml, as the engine would read it beside the project.
func fixtureStack(t testing.TB, name string) *stackfile.Stack {
	t.Helper()
	dir := copyFiles(t, t.TempDir(), map[string]string{
		"Pulumi.yaml": "Pulumi.yaml",
		filepath.Join(fixtureDir, "Pulumi."+name+".yaml"): "Pulumi." + name + ".yaml",
	})
	s, err := stackfile.Load(dir, name)
	require.NoError(t, err)
	return s
}

// mustRun runs the program and fails the test on error.
func mustRun(t *testing.T, stackName string, config map[string]string, opts ...func(*awsmock.Monitor)) *synthResult {
	t.Helper()
	res, err := runProgram(stackName, config, opts...)
	require.NoError(t, err)
	return res
}

// with returns a copy of config with the extra keys set.
func with(config map[string]string, kv ...string) map[string]string {
	out := make(map[string]string, len(config)+len(kv)/2)
	for k, v := range config {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

func loadProject(t *testing.T) *stackfile.Project {
	t.Helper()
	p, err := stackfile.LoadProject(".")
	require.NoError(t, err)
	return p
}

func projectDefaults(t *testing.T, p *stackfile.Project) map[string]string {
	t.Helper()
	d, err := p.Defaults()
	require.NoError(t, err)
	return d
}

// rawStackKeys returns the keys Pulumi.<stack>.yaml sets, as written.
func rawStackKeys(t *testing.T, stack string) map[string]any {
	t.Helper()
	data, err := os.ReadFile("Pulumi." + stack + ".yaml")
	require.NoError(t, err)
	var file struct {
		Config map[string]any `yaml:"config"`
	}
	require.NoError(t, yaml.Unmarshal(data, &file))
	return file.Config
}
