package main

import (
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
