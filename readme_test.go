package main

import (
	"encoding/json"

	"gopkg.in/yaml.v3"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/stackfile"
)

// TestGoldenReadmeDiagram: the README's architecture diagram is exactly
// the dev plan's graph.
func TestGoldenReadmeDiagram(t *testing.T) {
	code, graph, stderr := cliRun("--stack", "dev", "--graph")
	require.Equal(t, exitOK, code, stderr)
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	const begin, end = "<!-- synth --graph --stack dev -->\n```mermaid\n", "```\n<!-- end synth --graph -->"
	i := strings.Index(string(readme), begin)
	require.GreaterOrEqual(t, i, 0, "README.md has no %q", begin)
	j := strings.Index(string(readme)[i:], end)
	require.Greater(t, j, 0, "README.md has no %q", end)
	if os.Getenv("UPDATE_GOLDEN") == "1" {
		updated := string(readme)[:i+len(begin)] + graph + string(readme)[i+j:]
		require.NoError(t, os.WriteFile("README.md", []byte(updated), 0o644))
		return
	}
	assert.Equal(t, graph, string(readme)[i+len(begin):i+j],
		"the README's diagram is stale: run make golden, which writes go run . synth --stack dev --graph between the markers")
}

// TestDiagramOnlyAddsLinesForANewService: a service added to a stack, first
// or last by name, adds lines to its diagram and changes or moves none, so
// two pull requests that each add a service do not conflict in the README.
func TestDiagramOnlyAddsLinesForANewService(t *testing.T) {
	dev := synthStackFile(t, "dev")
	graph := func(s *stackfile.Stack) []string {
		var b strings.Builder
		require.NoError(t, synthPlan(t, s).WriteGraph(&b))
		return strings.Split(b.String(), "\n")
	}
	before := graph(dev)
	for _, name := range []string{"aaa", "zzz"} {
		t.Run(name, func(t *testing.T) {
			services := append(configList(t, dev, "meething:services"), map[string]any{"name": name})
			after := graph(withConfig(t, dev, map[string]any{"meething:services": services}))
			i, added := 0, 0
			for _, line := range after {
				if i < len(before) && line == before[i] {
					i++
				} else {
					added++
					assert.Contains(t, line, name, "a line that is not the new service's: %q", line)
				}
			}
			assert.Equal(t, len(before), i, "a line changed or moved: %q", before[min(i, len(before)-1)])
			assert.GreaterOrEqual(t, added, 3, "its target group and rule and their arrows")
		})
	}
}

// readmeExamples returns the YAML config examples of the README and docs/,
// each as the keys it sets.
func readmeExamples(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	var text strings.Builder
	for _, page := range docFiles(t) {
		data, err := os.ReadFile(page)
		require.NoError(t, err)
		text.Write(data)
	}
	for _, block := range strings.Split(text.String(), "```yaml\n")[1:] {
		body, _, found := strings.Cut(block, "```\n")
		require.True(t, found, "an unterminated yaml block in README.md")
		if !strings.HasPrefix(body, "config:\n") {
			body = "config:\n" + body
		}
		var example struct {
			Config map[string]any `yaml:"config"`
		}
		require.NoError(t, yaml.Unmarshal([]byte(body), &example), "README yaml block:\n%s", body)
		out = append(out, example.Config)
	}
	return out
}

// TestReadmeConfigExamplesRun: each of the README's config examples, set
// on prod (their hosts are under meething.net) once it serves the live
// names itself (nothing left to take over, so no service needs targets
// before its first request), is accepted and does what its prose says.
func TestReadmeConfigExamplesRun(t *testing.T) {
	run := func(example map[string]any) *synthResult {
		config := with(stackConfig(t, "prod"), "meething:takeOverRecords", "[]")
		for k, v := range example {
			b, err := json.Marshal(v)
			require.NoError(t, err)
			config = with(config, k, string(b))
		}
		return mustRun(t, "prod", config)
	}
	seen := map[string]bool{}
	for _, example := range readmeExamples(t) {
		res := run(example)
		switch {
		case example["meething:waf"] != nil:
			seen["services and WAF"] = true
			acls := res.OfType(typeWebAcl)
			require.Len(t, acls, 1)
			rules := mustJSON(t, acls[0].Input("rules"))
			assert.Contains(t, rules, `"SizeRestrictions_BODY"`)
			assert.Contains(t, rules, `"limit":1000`)
			assert.NotNil(t, res.Named(typeTargetGroup, "meething-chat"), "the example's chat service")
		case example["meething:rules"] != nil:
			seen["routing"] = true
			assert.NotNil(t, res.Named(typeTargetGroup, "meething-api-green"))
			for _, rule := range []string{"meething-api", "meething-api-uploads", "meething-api-maintenance", "meething-rule-www"} {
				assert.NotNil(t, res.Named("aws:lb/listenerRule:ListenerRule", rule), rule)
			}
		case strings.Contains(mustJSON(t, example["meething:services"]), `"answer"`):
			seen["answers verify tells services by"] = true // docs/verify.md: accepted, and no resource changes
			assert.NotNil(t, res.Named(typeTargetGroup, "meething-api"))
			assert.NotNil(t, res.Named(typeTargetGroup, "meething-chat"))
		default:
			seen["add a service"] = true
			assert.NotNil(t, res.Named(typeTargetGroup, "meething-media"), "the common task's service")
			assert.NotNil(t, res.Named("aws:lb/listenerRule:ListenerRule", "meething-media"))
		}
	}
	assert.Equal(t, map[string]bool{"services and WAF": true, "routing": true, "add a service": true, "answers verify tells services by": true},
		seen, "the README's examples")
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
