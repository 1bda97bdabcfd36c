package main

import (
	"encoding/json"

	"gopkg.in/yaml.v3"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadmeDiagramIsCurrent: the README's architecture diagram is exactly
// the dev plan's graph.
func TestReadmeDiagramIsCurrent(t *testing.T) {
	code, graph, stderr := cliRun("--stack", "dev", "--graph")
	require.Equal(t, exitOK, code, stderr)
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	const begin, end = "<!-- synth --graph --stack dev -->\n```mermaid\n", "```\n<!-- end synth --graph -->"
	i := strings.Index(string(readme), begin)
	require.GreaterOrEqual(t, i, 0, "README.md has no %q", begin)
	j := strings.Index(string(readme)[i:], end)
	require.Greater(t, j, 0, "README.md has no %q", end)
	assert.Equal(t, graph, string(readme)[i+len(begin):i+j],
		"the README's diagram is stale: paste the output of go run . synth --graph between the markers")
}

// TestReadmeConfigExampleRuns: the README's config example, set on dev,
// is accepted and does what its prose says.
func TestReadmeConfigExampleRuns(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	const begin, end = "```yaml\nconfig:\n", "```\n"
	i := strings.Index(string(readme), begin)
	require.GreaterOrEqual(t, i, 0, "README.md has no config example")
	j := strings.Index(string(readme)[i+len("```yaml\n"):], end)
	require.Greater(t, j, 0)
	var example struct {
		Config map[string]any `yaml:"config"`
	}
	require.NoError(t, yaml.Unmarshal([]byte(string(readme)[i+len("```yaml\n"):i+len("```yaml\n")+j]), &example))
	require.NotEmpty(t, example.Config)

	config := stackConfig(t, "prod")
	for k, v := range example.Config {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		config = with(config, k, string(b))
	}
	res := mustRun(t, "prod", config)

	acls := res.OfType(typeWebAcl)
	require.Len(t, acls, 1)
	rules := mustJSON(t, acls[0].Input("rules"))
	assert.Contains(t, rules, `"SizeRestrictions_BODY"`)
	assert.Contains(t, rules, `"limit":1000`)
	assert.NotNil(t, res.Named(typeTargetGroup, "meething-chat"), "the example's chat service")
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
