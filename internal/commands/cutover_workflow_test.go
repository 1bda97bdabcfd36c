package commands

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// The deploy job's cutover gate, run as GitHub would run its script, with
// stand-ins for pulumi and go: it runs meething cutover status only when the
// stack file sets meething:cutover, and fails the job on no-go with the
// table in the summary and an annotation per no-go line.
func TestPulumiUpGatesCutover(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", ".github", "workflows", "pulumi-up.yml"))
	require.NoError(t, err)
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Name string `yaml:"name"`
				If   string `yaml:"if"`
				Uses string `yaml:"uses"`
				Run  string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	require.NoError(t, yaml.Unmarshal(raw, &wf))
	up, gate, script := -1, -1, ""
	for i, s := range wf.Jobs["up"].Steps {
		if strings.HasPrefix(s.Uses, "pulumi/actions@") {
			up = i
		}
		if strings.Contains(s.Run, "go run . cutover status") {
			gate, script = i, s.Run
			assert.Equal(t, "inputs.stack == 'prod'", s.If, "the gate runs after prod's up")
		}
	}
	require.GreaterOrEqual(t, gate, 0, "no step runs go run . cutover status")
	assert.Greater(t, gate, up, "the gate runs after pulumi up")
	for _, flag := range regexp.MustCompile(`\s(--[a-z0-9-]+)`).FindAllStringSubmatch(script, -1) {
		if flag[1] != "--json" && !strings.Contains(cutoverUsage, flag[1]+" ") {
			t.Errorf("the workflow passes %s, which cutover status's usage does not list", flag[1])
		}
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash to run the step's script")
	}

	// As GitHub runs a step: bash --noprofile --norc -eo pipefail.
	const table = "CRITERION  VERDICT  IN WORDS\nweights    go       fine\ntarget-5xx no-go    3% answered 5xx\n\nNO-GO: stack prod, 1 of 7 criteria no-go\n"
	const weighted, held = `{"cutover": {"share": 10, "names": ["*.meething.net A"]}}`, `{"cutover": {"names": ["*.meething.net A"], "retireOldEdge": false}}`
	tests := []struct {
		name     string
		stack    string
		outputs  string
		goExit   string
		code     int
		ran      bool
		contains string
	}{
		{"no cutover configured", "config:\n  aws:region: ap-northeast-2\n", "{}", "0", 0, false, "sets no meething:cutover"},
		{"held: nothing moved", "config:\n  meething:cutover:\n    enabled: true\n", held, "4", 0, false, "nothing moved, no step to gate"},
		{"go", "config:\n  meething:cutover:\n    share: 10\n", weighted, "0", 0, true, ""},
		{"no-go", "config:\n  meething:cutover:\n    share: 10\n", weighted, "4", 4, true, "::error title=meething cutover status (prod)::target-5xx no-go    3% answered 5xx"},
		{"usage error", "config:\n  meething:cutover:\n    share: 10\n", weighted, "2", 2, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, bin, tmp := t.TempDir(), t.TempDir(), t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.prod.yaml"), []byte(tt.stack), 0o644))
			require.NoError(t, os.WriteFile(filepath.Join(bin, "pulumi"), []byte("#!/bin/sh\necho '"+tt.outputs+"'\n"), 0o755))
			printed := table
			if tt.goExit == "2" { // an error: stderr only, no table to grep
				printed = ""
			}
			require.NoError(t, os.WriteFile(filepath.Join(bin, "go"), []byte("#!/bin/sh\necho \"$@\" > \"$RUNNER_TEMP/go-args\"\nprintf '%s' \""+printed+"\"\nexit "+tt.goExit+"\n"), 0o755))
			summary := filepath.Join(tmp, "summary.md")
			cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "PATH="+bin+":/usr/bin:/bin", "STACK=prod", "RUNNER_TEMP="+tmp, "GITHUB_STEP_SUMMARY="+summary)
			out, err := cmd.CombinedOutput()
			code := 0
			if exit, ok := err.(*exec.ExitError); ok {
				code = exit.ExitCode()
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.code, code, string(out))
			assert.Contains(t, string(out), tt.contains)
			args, err := os.ReadFile(filepath.Join(tmp, "go-args"))
			if !tt.ran {
				assert.True(t, os.IsNotExist(err), "cutover status ran: %s", args)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "run . cutover status --stack prod --outputs "+tmp+"/outputs.json\n", string(args))
			sum, _ := os.ReadFile(summary)
			if tt.code != 0 {
				assert.Contains(t, string(sum), "## meething cutover status: no-go for stack prod (exit "+tt.goExit+")")
				assert.Contains(t, string(sum), printed)
			} else {
				assert.Empty(t, string(sum))
			}
		})
	}
}
