package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/synth"
)

// stackFileOnDisk is one committed stack file and its project's folder.
type stackFileOnDisk struct {
	dir, stack string
}

func (f stackFileOnDisk) path() string {
	return filepath.Join(f.dir, "Pulumi."+f.stack+".yaml")
}

// committedStackFiles lists Pulumi.dev.yaml, Pulumi.prod.yaml and every
// examples/<name>/Pulumi.<name>.yaml.
func committedStackFiles(t *testing.T) []stackFileOnDisk {
	t.Helper()
	var out []stackFileOnDisk
	for _, name := range synthStackNames(t) {
		out = append(out, stackFileOnDisk{".", name})
	}
	for _, name := range exampleNames(t) {
		out = append(out, stackFileOnDisk{exampleDir(name), name})
	}
	return out
}

// cliForm returns the stack file at path as the Pulumi CLI writes it back
// whenever it saves one (pulumi stack select --create or pulumi config set
// on a passphrase stack, among others): pkg/v3's SaveProjectStack is the
// SDK's workspace.LoadProjectStack followed by ProjectStack.Save, which
// keeps comments and key order but writes every top-level config value as
// a string (subnetPrefixLength: "20", dualStack: "true").
func cliForm(t *testing.T, projectFile, path string) []byte {
	t.Helper()
	project, err := workspace.LoadProject(projectFile)
	require.NoError(t, err)
	ps, err := workspace.LoadProjectStack(nil, project, path)
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), filepath.Base(path))
	require.NoError(t, ps.Save(out))
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	return data
}

// TestGoldenStackFilesAreInCLIForm: every committed stack file is already
// in the form the Pulumi CLI writes, so the CLI's rewrite changes nothing
// in it (make preview never leaves a diff, and pulumi config set changes
// only the line it sets). UPDATE_GOLDEN=1 (make golden) rewrites a file
// into that form.
func TestGoldenStackFilesAreInCLIForm(t *testing.T) {
	for _, f := range committedStackFiles(t) {
		t.Run(f.path(), func(t *testing.T) {
			dir := copyFiles(t, t.TempDir(), projectFiles(f.dir, f.stack))
			want := cliForm(t, filepath.Join(dir, "Pulumi.yaml"), filepath.Join(dir, "Pulumi."+f.stack+".yaml"))
			got, err := os.ReadFile(f.path())
			require.NoError(t, err)
			if string(got) == string(want) {
				return
			}
			if os.Getenv("UPDATE_GOLDEN") == "1" {
				writeGolden(t, f.path(), string(want))
				return
			}
			t.Errorf("%s is not in the form the Pulumi CLI writes, so the CLI would rewrite it:\n%s\n"+
				"Quote top-level numbers and booleans, or run make golden (UPDATE_GOLDEN=1 go test . -run Golden) to rewrite it.",
				f.path(), synth.Diff(got, want, 2))
		})
	}
}

// pulumiOffline returns the environment that runs the Pulumi CLI built by
// scripts/engine-cli.sh offline under dir (offlineCLIEnv), and the path of
// its binary.
func pulumiOffline(t *testing.T, dir string) (string, []string) {
	t.Helper()
	root := engineCLIRoot(t)
	env := offlineCLIEnv(t, dir)
	out := []string{"PATH=" + filepath.Join(root, "bin") + ":/usr/bin:/bin", "HOME=" + env["PULUMI_HOME"]}
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	return filepath.Join(root, "bin", "pulumi"), out
}

var saltLine = regexp.MustCompile(`(?m)^encryptionsalt: v1:[^\n]+\n`)

// TestEngineCLILeavesStackFilesAlone runs the real CLI's pulumi stack
// select --create, which saves the stack file, on a copy of each committed
// stack file: all it adds is the passphrase's encryptionsalt (comments,
// order and values untouched). This is what TestGoldenStackFilesAreInCLIForm
// predicts with the SDK; here the CLI itself confirms it.
func TestEngineCLILeavesStackFilesAlone(t *testing.T) {
	for _, f := range committedStackFiles(t) {
		t.Run(f.path(), func(t *testing.T) {
			dir := copyFiles(t, t.TempDir(), projectFiles(f.dir, f.stack))
			pulumi, env := pulumiOffline(t, t.TempDir())
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, pulumi, "stack", "select", "--create", f.stack)
			cmd.Dir, cmd.Env = dir, env
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s", out)

			before, err := os.ReadFile(f.path())
			require.NoError(t, err)
			after, err := os.ReadFile(filepath.Join(dir, "Pulumi."+f.stack+".yaml"))
			require.NoError(t, err)
			salts := saltLine.FindAllString(string(after), -1)
			require.Len(t, salts, 1, "the CLI writes the new stack's salt:\n%s", after)
			if !strings.Contains(string(before), "encryptionsalt:") {
				after = []byte(saltLine.ReplaceAllString(string(after), ""))
			}
			if string(before) != string(after) {
				t.Errorf("the CLI rewrote %s beyond adding its salt:\n%s", f.path(), synth.Diff(before, after, 2))
			}
		})
	}
}
