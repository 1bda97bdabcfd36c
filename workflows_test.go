package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// TestWorkflowsUseTheSDKsPulumiCLI: every step that runs pulumi/actions in
// a workflow installs the CLI of the SDK's version, read from go.mod by a
// step of the same job (one place for the version, as scripts/engine-cli.sh
// reads it for the tests and make preview|up), never the latest.
func TestWorkflowsUseTheSDKsPulumiCLI(t *testing.T) {
	const readVersion = `go list -m -f '{{.Version}}' github.com/pulumi/pulumi/sdk/v3`
	script, err := os.ReadFile(filepath.Join("scripts", "engine-cli.sh"))
	require.NoError(t, err)
	assert.Contains(t, string(script), readVersion, "the tests' CLI is built at the version go.mod names")
	out, err := exec.Command("sh", "-c", readVersion).Output()
	require.NoError(t, err)
	assert.Regexp(t, `^v3\.[0-9]+\.[0-9]+$`, strings.TrimSpace(string(out)))

	files, err := filepath.Glob(filepath.Join(".github", "workflows", "*.yml"))
	require.NoError(t, err)
	actions := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		var wf struct {
			Jobs map[string]struct {
				Steps []struct {
					ID   string            `yaml:"id"`
					Uses string            `yaml:"uses"`
					Run  string            `yaml:"run"`
					With map[string]string `yaml:"with"`
				} `yaml:"steps"`
			} `yaml:"jobs"`
		}
		require.NoError(t, yaml.Unmarshal(raw, &wf), f)
		for job, j := range wf.Jobs {
			versionStep := -1
			for i, s := range j.Steps {
				if s.ID == "pulumi" && strings.Contains(s.Run, readVersion) {
					versionStep = i
				}
				if !strings.HasPrefix(s.Uses, "pulumi/actions@") {
					continue
				}
				actions++
				assert.Equal(t, "${{ steps.pulumi.outputs.version }}", s.With["pulumi-version"], "%s, job %s: pulumi/actions pins the SDK's CLI", f, job)
				assert.True(t, versionStep >= 0 && versionStep < i, "%s, job %s: a step with id pulumi reads the version from go.mod before pulumi/actions", f, job)
			}
		}
	}
	assert.Positive(t, actions, "the workflows run pulumi/actions")
}
