package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stackScriptRepo copies what scripts/pulumi-stack.sh reads (the script,
// Pulumi.yaml and the stack files) into a new temporary folder laid out like
// the repository: the script writes its .pulumi/ there, never in the tree.
func stackScriptRepo(t *testing.T) string {
	t.Helper()
	files, err := filepath.Glob("Pulumi.*.yaml")
	require.NoError(t, err)
	copies := map[string]string{}
	for _, f := range append(files, "Pulumi.yaml", "scripts/pulumi-stack.sh") {
		copies[f] = f
	}
	return copyFiles(t, t.TempDir(), copies)
}

// runStackScript runs scripts/pulumi-stack.sh in a copy of the repository
// (stackScriptRepo).
func runStackScript(t *testing.T, dir string, env []string, args ...string) (int, string, string) {
	t.Helper()
	return runStackScriptIn(t, stackScriptRepo(t), dir, env, args...)
}

// runStackScriptIn runs repo's scripts/pulumi-stack.sh with a bare
// environment: HOME is empty and PATH holds only the system tools and dir.
func runStackScriptIn(t *testing.T, repo, dir string, env []string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(filepath.Join(repo, "scripts", "pulumi-stack.sh"), args...)
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

// fakePulumi puts a pulumi on PATH that records its arguments (in log) and
// the folder it ran in (in log.cwd), and that, like the real CLI on a
// passphrase backend, writes an encryptionsalt into the stack file of a
// stack it selects when the file has none.
func fakePulumi(t *testing.T) (dir, log string) {
	t.Helper()
	dir = t.TempDir()
	log = filepath.Join(dir, "calls")
	script := "#!/bin/sh\necho \"$PULUMI_BACKEND_URL $*\" >> " + log + "\n" +
		"pwd > " + log + ".cwd\n" +
		"if [ \"$1 $2\" = \"stack select\" ] && ! grep -q '^encryptionsalt:' \"Pulumi.$4.yaml\"; then\n" +
		"  echo \"encryptionsalt: v1:fake-$$\" >> \"Pulumi.$4.yaml\"\n" +
		"fi\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "pulumi"), []byte(script), 0o755))
	return dir, log
}

// treeFiles returns the files of repo outside .pulumi/, with their content.
func treeFiles(t *testing.T, repo string) map[string]string {
	t.Helper()
	files := map[string]string{}
	require.NoError(t, filepath.WalkDir(repo, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(repo, path)
		if d.IsDir() && rel == ".pulumi" {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files[rel] = string(data)
		}
		return nil
	}))
	return files
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
		repo := stackScriptRepo(t)
		code, _, stderr := runStackScriptIn(t, repo, dir, []string{"AWS_PROFILE=x", "PULUMI_CONFIG_PASSPHRASE=correct horse"}, "preview", "dev")
		require.Equal(t, 0, code, stderr)
		calls, err := os.ReadFile(log)
		require.NoError(t, err)
		backend := "file://" + filepath.Join(repo, ".pulumi")
		assert.Equal(t, backend+" stack select --create dev\n"+backend+" preview --stack dev --diff\n", string(calls))
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

// TestStackScriptRunsOnAPrivateCopy: make preview|up|destroy never change
// the working tree. The CLI writes a fresh encryptionsalt into the stack file
// of a passphrase stack it creates, so the script runs it on a copy under
// .pulumi/projects/<backend>/, which keeps that salt from one run to the
// next; a committed salt (the team's, which its secrets need) wins.
func TestStackScriptRunsOnAPrivateCopy(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("needs bash")
	}
	env := []string{"AWS_PROFILE=x", "PULUMI_CONFIG_PASSPHRASE=correct horse"}
	root, err := os.ReadFile("Pulumi.yaml")
	require.NoError(t, err)
	committed, err := os.ReadFile("Pulumi.dev.yaml")
	require.NoError(t, err)
	saltOf := func(t *testing.T, path string) string {
		t.Helper()
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		salts := saltLine.FindAllString(string(data), -1)
		require.Len(t, salts, 1, "%s:\n%s", path, data)
		return salts[0]
	}

	t.Run("local backend", func(t *testing.T) {
		dir, log := fakePulumi(t)
		repo := stackScriptRepo(t)
		before := treeFiles(t, repo)
		code, _, stderr := runStackScriptIn(t, repo, dir, env, "preview", "dev")
		require.Equal(t, 0, code, stderr)
		assert.Equal(t, before, treeFiles(t, repo), "the script changed the tree")

		cwd, err := os.ReadFile(log + ".cwd")
		require.NoError(t, err)
		work := filepath.Join(repo, ".pulumi", "projects", "file____"+strings.ReplaceAll(strings.TrimPrefix(filepath.Join(repo, ".pulumi"), "/"), "/", "_"))
		require.Equal(t, work, strings.TrimSpace(string(cwd)), "pulumi runs in the private copy")
		project, err := os.ReadFile(filepath.Join(work, "Pulumi.yaml"))
		require.NoError(t, err)
		assert.Equal(t, "main: ../../..\n"+string(root), string(project), "the project file, with main pointing at the program")
		salt := saltOf(t, filepath.Join(work, "Pulumi.dev.yaml"))
		copied, err := os.ReadFile(filepath.Join(work, "Pulumi.dev.yaml"))
		require.NoError(t, err)
		assert.Equal(t, string(committed)+salt, string(copied))

		code, _, stderr = runStackScriptIn(t, repo, dir, env, "up", "dev")
		require.Equal(t, 0, code, stderr)
		assert.Equal(t, salt, saltOf(t, filepath.Join(work, "Pulumi.dev.yaml")), "the copy keeps its stack's salt")
		assert.Equal(t, before, treeFiles(t, repo), "the script changed the tree")

		code, _, stderr = runStackScriptIn(t, repo, dir, append(env, "PULUMI_BACKEND_URL=s3://state"), "preview", "dev")
		require.Equal(t, 0, code, stderr)
		other := filepath.Join(repo, ".pulumi", "projects", "s3___state")
		assert.NotEqual(t, salt, saltOf(t, filepath.Join(other, "Pulumi.dev.yaml")), "each backend's stack has its own salt")
		assert.Equal(t, before, treeFiles(t, repo), "the script changed the tree")
	})
	t.Run("the committed salt wins", func(t *testing.T) {
		dir, log := fakePulumi(t)
		repo := stackScriptRepo(t)
		code, _, stderr := runStackScriptIn(t, repo, dir, env, "preview", "dev")
		require.Equal(t, 0, code, stderr)
		cwd, err := os.ReadFile(log + ".cwd")
		require.NoError(t, err)
		work := strings.TrimSpace(string(cwd))

		team := "encryptionsalt: v1:the-team's\n"
		require.NoError(t, os.WriteFile(filepath.Join(repo, "Pulumi.dev.yaml"), append(committed, team...), 0o644))
		before := treeFiles(t, repo)
		code, _, stderr = runStackScriptIn(t, repo, dir, env, "preview", "dev")
		require.Equal(t, 0, code, stderr)
		copied, err := os.ReadFile(filepath.Join(work, "Pulumi.dev.yaml"))
		require.NoError(t, err)
		assert.Equal(t, string(committed)+team, string(copied))
		assert.Equal(t, before, treeFiles(t, repo), "the script changed the tree")
	})
}

// TestEngineStackScriptLeavesTheTreeAlone runs make preview's script
// with the real Pulumi CLI (scripts/engine-cli.sh) on a local backend, on a
// copy of the repository: the CLI creates the stack and writes its salt into
// the private copy only, and accepts that salt again on the next run. (The
// preview itself then stops: there is no Go language host here.)
func TestEngineStackScriptLeavesTheTreeAlone(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("needs bash")
	}
	cli := filepath.Dir(filepath.Join(engineCLIRoot(t), "bin", "pulumi"))
	repo := stackScriptRepo(t)
	before := treeFiles(t, repo)
	env := []string{"AWS_PROFILE=x", "PULUMI_CONFIG_PASSPHRASE=correct horse", "PULUMI_SKIP_UPDATE_CHECK=true",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true"}
	var salt string
	for _, stack := range []string{"dev", "prod", "dev"} {
		_, _, stderr := runStackScriptIn(t, repo, cli, env, "preview", stack)
		require.Contains(t, stderr, "language plugin", "the CLI got as far as running the program")
		assert.NotContains(t, stderr, "passphrase", "the kept salt is accepted")
		assert.Equal(t, before, treeFiles(t, repo), "make preview STACK=%s changed the tree", stack)

		work, err := filepath.Glob(filepath.Join(repo, ".pulumi", "projects", "*", "Pulumi."+stack+".yaml"))
		require.NoError(t, err)
		require.Len(t, work, 1)
		copied, err := os.ReadFile(work[0])
		require.NoError(t, err)
		salts := saltLine.FindAllString(string(copied), -1)
		require.Len(t, salts, 1, "%s:\n%s", work[0], copied)
		assert.Equal(t, before["Pulumi."+stack+".yaml"]+salts[0], string(copied), "the CLI changed nothing but the salt")
		if stack == "dev" {
			if salt != "" {
				assert.Equal(t, salt, salts[0], "dev's salt is kept")
			}
			salt = salts[0]
		}
	}
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

// TestStackScriptRunsTheSDKsCLI: make preview|up runs the Pulumi CLI of the
// SDK's version (go.mod), as the tests and the workflows do: the one
// scripts/engine-cli.sh built when it is there, and otherwise it refuses an
// installed CLI of another version, saying how to get the right one.
func TestStackScriptRunsTheSDKsCLI(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("needs bash")
	}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Version}}", "github.com/pulumi/pulumi/sdk/v3").Output()
	require.NoError(t, err)
	sdk := strings.TrimSpace(string(out))
	repo := stackScriptRepo(t)
	copyFiles(t, repo, map[string]string{"go.mod": "go.mod"})
	env := []string{"AWS_PROFILE=x", "PULUMI_CONFIG_PASSPHRASE=x"}

	other := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(other, "pulumi"), []byte("#!/bin/sh\necho v3.0.0\n"), 0o755))
	code, _, stderr := runStackScriptIn(t, repo, other, append(env, "MEETHING_CACHE="+t.TempDir()), "preview", "dev")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "pulumi v3.0.0 is installed, but the program's SDK is "+sdk+" (go.mod)")
	assert.Contains(t, stderr, "make engine-cli")

	cache := t.TempDir()
	built, log := fakePulumi(t)
	require.NoError(t, os.MkdirAll(filepath.Join(cache, "pulumi-"+sdk), 0o755))
	require.NoError(t, os.Symlink(built, filepath.Join(cache, "pulumi-"+sdk, "bin")))
	code, _, stderr = runStackScriptIn(t, repo, other, append(env, "MEETHING_CACHE="+cache), "preview", "dev")
	assert.Equal(t, 0, code, stderr)
	calls, err := os.ReadFile(log)
	require.NoError(t, err, "the CLI engine-cli.sh built ran, not the installed one")
	assert.Contains(t, string(calls), "preview --stack dev")
}

// TestQuickTestsWhatAChangeTouches: make quick's script picks the packages
// whose files changed since HEAD and those importing them, tests included,
// and the root package for a file outside any package.
func TestQuickTestsWhatAChangeTouches(t *testing.T) {
	if testing.Short() {
		t.Skip("lists the packages of a copy of the module three times")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("needs bash")
	}
	repo := copyCheckout(t, func(f string) bool { return strings.HasPrefix(f, "testdata/") })
	git := func(args ...string) string {
		cmd := exec.Command("git", append([]string{"-c", "user.email=t@example.com", "-c", "user.name=t"}, args...)...)
		cmd.Dir = repo
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "git %v: %s", args, out)
		return string(out)
	}
	git("init", "--quiet")
	git("add", ".")
	git("commit", "--quiet", "-m", "base")
	quick := func() []string {
		cmd := exec.Command(filepath.Join(repo, "scripts", "quick.sh"), "--list")
		cmd.Dir = repo
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		return strings.Fields(string(out))
	}
	const module = "github.com/meething/edge"
	assert.Equal(t, []string{"make", "quick:", "nothing", "changed", "since", "HEAD"}, quick())

	appendTo := func(path, text string) {
		f, err := os.OpenFile(filepath.Join(repo, path), os.O_APPEND|os.O_WRONLY, 0)
		require.NoError(t, err)
		_, err = f.WriteString(text)
		require.NoError(t, err)
		require.NoError(t, f.Close())
	}
	appendTo("internal/verify/match.go", "\n// changed\n")
	got := quick()
	assert.Contains(t, got, module+"/internal/verify")
	assert.Contains(t, got, module+"/internal/commands", "it imports internal/verify")
	assert.Contains(t, got, module, "the root package imports it")
	assert.NotContains(t, got, module+"/stackconfig", "stackconfig does not import internal/verify")

	git("checkout", "--quiet", ".")
	require.NoError(t, os.WriteFile(filepath.Join(repo, "docs", "new.md"), []byte("# new\n"), 0o644))
	assert.Equal(t, []string{module}, quick(), "a file outside any package counts for the root package")
}

// TestOfflineDiffGuardsProd runs scripts/offline-diff.sh with a stand-in
// program whose diff of prod exits as given: the pull request's guard
// (prod-breaking=true) stands when prod's diff replaces something or
// fails, and only then.
func TestOfflineDiffGuardsProd(t *testing.T) {
	for _, tc := range []struct {
		prodExit int
		breaking string
		verdict  string
	}{
		{0, "false", "nothing users rely on is replaced"},
		{3, "true", "replaces, deletes or moves something users rely on"},
		{1, "true", "diff failed (exit 1)"},
	} {
		t.Run(strconv.Itoa(tc.prodExit), func(t *testing.T) {
			dir := t.TempDir()
			bin := filepath.Join(dir, "meething")
			// Called as: meething diff --stack S --base REF.
			script := fmt.Sprintf("#!/bin/sh\necho \"diff of $3\"\n[ \"$3\" = prod ] && exit %d\nexit 0\n", tc.prodExit)
			require.NoError(t, os.WriteFile(bin, []byte(script), 0o755))
			out := filepath.Join(dir, "diff.md")
			cmd := exec.Command("scripts/offline-diff.sh", "origin/main", out)
			cmd.Env = append(os.Environ(), "MEETHING_DIFF_BIN="+bin)
			stdout, err := cmd.Output()
			require.NoError(t, err)
			assert.Equal(t, "prod-breaking="+tc.breaking+"\n", string(stdout))
			md, err := os.ReadFile(out)
			require.NoError(t, err)
			assert.Contains(t, string(md), "<b>prod</b>: "+map[bool]string{true: "**", false: ""}[tc.prodExit != 0]+tc.verdict)
			assert.Contains(t, string(md), "diff of prod")
		})
	}
}
