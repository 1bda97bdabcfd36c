package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runStackScript runs scripts/pulumi-stack.sh with a bare environment: HOME
// is empty and PATH holds only the system tools and dir.
func runStackScript(t *testing.T, dir string, env []string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command("scripts/pulumi-stack.sh", args...)
	cmd.Env = append([]string{"HOME=" + t.TempDir(), "PATH=" + dir + ":/usr/bin:/bin"}, env...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if exitErr, ok := err.(*exec.ExitError); ok {
		code = exitErr.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return code, stdout.String(), stderr.String()
}

// fakePulumi puts a pulumi on PATH that records its arguments.
func fakePulumi(t *testing.T) (dir, log string) {
	t.Helper()
	dir = t.TempDir()
	log = filepath.Join(dir, "calls")
	script := "#!/bin/sh\necho \"$PULUMI_BACKEND_URL $*\" >> " + log + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "pulumi"), []byte(script), 0o755))
	return dir, log
}

func TestStackScriptExplainsWhatIsMissing(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("needs bash")
	}

	t.Run("no pulumi", func(t *testing.T) {
		code, stdout, stderr := runStackScript(t, t.TempDir(), nil, "preview", "dev")
		assert.Equal(t, 1, code)
		assert.Empty(t, stdout)
		assert.Equal(t, 1, strings.Count(strings.TrimSpace(stderr), "\n")+1, "one line: %q", stderr)
		assert.Contains(t, stderr, "pulumi is not installed")
		assert.Contains(t, stderr, "https://www.pulumi.com/docs/install/")
	})
	t.Run("no AWS credentials", func(t *testing.T) {
		dir, log := fakePulumi(t)
		code, _, stderr := runStackScript(t, dir, nil, "up", "prod")
		assert.Equal(t, 1, code)
		assert.Contains(t, stderr, "No AWS credentials")
		assert.Contains(t, stderr, "make synth STACK=prod")
		assert.NoFileExists(t, log, "pulumi must not run without credentials")
	})
	t.Run("unknown stack", func(t *testing.T) {
		dir, _ := fakePulumi(t)
		// A name no stack file can have: a file name holds no slash.
		code, _, stderr := runStackScript(t, dir, []string{"AWS_PROFILE=x"}, "preview", "no/such-stack")
		assert.Equal(t, 2, code)
		assert.Contains(t, stderr, "No Pulumi.no/such-stack.yaml")
		assert.Contains(t, stderr, "dev")
		assert.Contains(t, stderr, "prod")
	})
	t.Run("no passphrase for a self-managed backend", func(t *testing.T) {
		for _, env := range [][]string{
			{"AWS_PROFILE=x"},
			{"AWS_PROFILE=x", "PULUMI_CONFIG_PASSPHRASE="},
			{"AWS_PROFILE=x", "PULUMI_BACKEND_URL=s3://state"},
		} {
			dir, log := fakePulumi(t)
			code, stdout, stderr := runStackScript(t, dir, env, "up", "dev")
			assert.Equal(t, 1, code, "%v", env)
			assert.Empty(t, stdout)
			assert.Equal(t, 1, strings.Count(strings.TrimSpace(stderr), "\n")+1, "one line: %q", stderr)
			assert.Contains(t, stderr, "Set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE)")
			assert.NoFileExists(t, log, "pulumi must not run with an empty passphrase")
		}
		dir, _ := fakePulumi(t)
		code, _, stderr := runStackScript(t, dir, []string{"AWS_PROFILE=x", "PULUMI_BACKEND_URL=https://api.pulumi.com"}, "preview", "dev")
		assert.Equal(t, 0, code, "Pulumi Cloud keeps its own keys: %s", stderr)
	})
	t.Run("local backend by default", func(t *testing.T) {
		dir, log := fakePulumi(t)
		code, _, stderr := runStackScript(t, dir, []string{"AWS_PROFILE=x", "PULUMI_CONFIG_PASSPHRASE=correct horse"}, "preview", "dev")
		require.Equal(t, 0, code, stderr)
		calls, err := os.ReadFile(log)
		require.NoError(t, err)
		wd, _ := os.Getwd()
		backend := "file://" + filepath.Join(wd, ".pulumi")
		assert.Contains(t, string(calls), backend+" stack select --create dev")
		assert.Contains(t, string(calls), backend+" preview --stack dev --diff")
	})
	t.Run("backend from the environment", func(t *testing.T) {
		dir, log := fakePulumi(t)
		code, _, stderr := runStackScript(t, dir, []string{"AWS_PROFILE=x", "PULUMI_BACKEND_URL=s3://state", "PULUMI_CONFIG_PASSPHRASE_FILE=/run/secrets/pp"}, "destroy", "dev")
		require.Equal(t, 0, code, stderr)
		calls, err := os.ReadFile(log)
		require.NoError(t, err)
		assert.Contains(t, string(calls), "s3://state destroy --stack dev")
	})
}

// TestListStacksCoversEveryStackFile: the workflows' stack lists come from
// the files, so a stack added later is previewed and deployed too.
func TestListStacksCoversEveryStackFile(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("needs bash")
	}
	quoted := func(names []string) string {
		q := make([]string, len(names))
		for i, n := range names {
			q[i] = `"` + n + `"`
		}
		return strings.Join(q, ",")
	}
	out, err := exec.Command("scripts/list-stacks.sh").Output()
	require.NoError(t, err)
	assert.Equal(t, "environments=["+quoted(synthStackNames(t))+"]\n", string(out))

	out, err = exec.Command("scripts/list-stacks.sh", "--except", "prod").Output()
	require.NoError(t, err)
	var rest []string
	for _, n := range synthStackNames(t) {
		if n != "prod" {
			rest = append(rest, n)
		}
	}
	assert.Equal(t, "environments=["+quoted(rest)+"]\n", string(out))

	for _, wf := range []string{".github/workflows/pull-request.yml", ".github/workflows/deploy.yml"} {
		data, err := os.ReadFile(wf)
		require.NoError(t, err)
		assert.Contains(t, string(data), "scripts/list-stacks.sh", wf)
		assert.NotContains(t, string(data), "[dev, prod]", "%s lists stacks by hand", wf)
	}
}
