package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPulumiAcceptsTheProjectFiles loads Pulumi.yaml and every stack file
// with the Pulumi SDK's own loaders, which the CLI uses: the project schema,
// the declared types and defaults, and each stack's values against them.
func TestPulumiAcceptsTheProjectFiles(t *testing.T) {
	project, err := workspace.LoadProject("Pulumi.yaml")
	require.NoError(t, err)
	assert.Equal(t, "meething", project.Name.String())
	assert.Equal(t, "go", project.Runtime.Name())

	stacks, err := filepath.Glob("Pulumi.*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, stacks)
	sink := diag.DefaultSink(os.Stderr, os.Stderr, diag.FormatOptions{Color: colors.Never})
	for _, path := range stacks {
		t.Run(path, func(t *testing.T) {
			stack, err := workspace.LoadProjectStack(sink, project, path)
			require.NoError(t, err)
			assert.NotEmpty(t, stack.Config, "%s sets no config", path)
		})
	}
}

// TestPulumiRejectsAMistypedDefault guards the test above: the loader checks
// each declared default against its declared type.
func TestPulumiRejectsAMistypedDefault(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Pulumi.yaml")
	project := "name: meething\nruntime: go\nconfig:\n  meething:subnetCount:\n    type: integer\n    default: four\n"
	require.NoError(t, os.WriteFile(path, []byte(project), 0o600))
	_, err := workspace.LoadProject(path)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "meething:subnetCount")
}
