package main

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/meething/edge/internal/docgen"
	"github.com/meething/edge/internal/stackfile"
	"github.com/meething/edge/stackconfig"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const configReferencePath = "docs/config-reference.md"

// TestGoldenProjectFile: Pulumi.yaml's config declarations are what the
// generator makes of stackconfig today (each key's type and default from
// the Config field and Defaults(), its description from Declarations), so
// a default is written once, in Go. It is the first golden test of the
// package, so that make golden rewrites Pulumi.yaml before the golden plans
// read its defaults.
func TestGoldenProjectFile(t *testing.T) {
	current, err := os.ReadFile("Pulumi.yaml")
	require.NoError(t, err)
	want, err := docgen.ProjectFile(current)
	require.NoError(t, err)
	if os.Getenv("UPDATE_GOLDEN") == "1" {
		writeGolden(t, "Pulumi.yaml", string(want))
		return
	}
	if string(current) != string(want) {
		t.Errorf("Pulumi.yaml's config is stale (a key, default or description of stackconfig changed): run make golden, which rewrites it:\n%s", lineDiff(string(want), string(current)))
	}
}

// TestGoldenConfigReference: docs/config-reference.md is what the
// generator makes of Pulumi.yaml and the stackconfig structs today.
func TestGoldenConfigReference(t *testing.T) {
	ref, err := docgen.ConfigReference(".")
	require.NoError(t, err)
	want := ref.Markdown()
	if os.Getenv("UPDATE_GOLDEN") == "1" {
		require.NoError(t, os.WriteFile(configReferencePath, []byte(want), 0o644))
		return
	}
	got, err := os.ReadFile(configReferencePath)
	require.NoError(t, err, "run make golden, which writes %s", configReferencePath)
	if string(got) != want {
		t.Errorf("%s is stale (a key of Pulumi.yaml or a field of stackconfig changed): run make golden, which rewrites it from the declarations:\n%s", configReferencePath, lineDiff(want, string(got)))
	}
}

// TestConfigReferenceCoversEveryKey: every key Pulumi.yaml declares, every
// key the program reads, and every json field of every struct a Config
// holds is in the committed reference, so it cannot drift from the code.
func TestConfigReferenceCoversEveryKey(t *testing.T) {
	data, err := os.ReadFile(configReferencePath)
	require.NoError(t, err)
	doc := string(data)
	row := func(name string) bool { return strings.Contains(doc, "\n| `"+name+"` |") }

	project, err := stackfile.LoadProject(".")
	require.NoError(t, err)
	require.NotEmpty(t, project.Config)
	for key := range project.Config {
		assert.True(t, row(key), "%s declares %s, the reference has no row for it: run make golden", "Pulumi.yaml", key)
	}
	for _, key := range stackconfig.Keys {
		assert.True(t, row(stackconfig.FullKey(key)), "the program reads %s, the reference has no row for it (declare it in Pulumi.yaml)", stackconfig.FullKey(key))
	}

	ref, err := docgen.ConfigReference(".")
	require.NoError(t, err)
	listed := map[string]bool{} // Struct.json
	for _, k := range ref.Keys {
		if k.Section == nil {
			continue
		}
		for _, f := range k.Section.Fields {
			listed[f.Struct+"."+f.JSON] = true
			assert.True(t, row(f.Path), "the reference has no row for %s: run make golden", f.Path)
		}
	}
	// Independently of the generator: every struct reachable from Config,
	// by reflection.
	seen := map[reflect.Type]bool{}
	var visit func(rt reflect.Type)
	visit = func(rt reflect.Type) {
		for rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice || rt.Kind() == reflect.Map {
			rt = rt.Elem()
		}
		if rt.Kind() != reflect.Struct || seen[rt] || rt.PkgPath() != reflect.TypeFor[stackconfig.Config]().PkgPath() {
			return
		}
		seen[rt] = true
		for i := range rt.NumField() {
			f := rt.Field(i)
			if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" && name != "-" && rt != reflect.TypeFor[stackconfig.Config]() {
				assert.True(t, listed[rt.Name()+"."+name],
					"stackconfig.%s.%s (json %q) is in no section of the reference: its key's Config field names no meething: key the generator can match (see docgen.configFields)", rt.Name(), f.Name, name)
			}
			visit(f.Type)
		}
	}
	visit(reflect.TypeFor[stackconfig.Config]())
	assert.Greater(t, len(seen), 10, "the structs a Config holds")
}

// TestDefaultsWrittenOnce: the reference shows a field's default from Go
// (Defaults(), DefaultService); a doc comment whose Default: sentence writes
// that value again is a second copy that would go stale. (A struct used at
// several paths, some without a Go value, keeps its sentence for those.)
func TestDefaultsWrittenOnce(t *testing.T) {
	ref, err := docgen.ConfigReference(".")
	require.NoError(t, err)
	restated := map[string]bool{} // Struct.json: restated at every path
	for _, k := range ref.Keys {
		if k.Section == nil {
			continue
		}
		for _, f := range k.Section.Fields {
			name := f.Struct + "." + f.JSON
			if was, seen := restated[name]; seen {
				restated[name] = was && f.Restated
			} else {
				restated[name] = f.Restated
			}
		}
	}
	for name, again := range restated {
		assert.False(t, again, "stackconfig.%s: its comment's Default: sentence writes the Go default again: drop it (the reference shows the Go value)", name)
	}
}

const codeMapBegin, codeMapEnd = "<!-- where the code lives: make golden -->\n", "<!-- end where the code lives -->"

// TestGoldenReadmeCodeMap: the README's "Where the code lives" table is
// each package's doc comment as the tree has it today.
func TestGoldenReadmeCodeMap(t *testing.T) {
	pkgs, err := docgen.Packages(".")
	require.NoError(t, err)
	table := docgen.CodeMap(pkgs)
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	i := strings.Index(string(readme), codeMapBegin)
	require.GreaterOrEqual(t, i, 0, "README.md has no %q", codeMapBegin)
	j := strings.Index(string(readme)[i:], codeMapEnd)
	require.Greater(t, j, 0, "README.md has no %q", codeMapEnd)
	if os.Getenv("UPDATE_GOLDEN") == "1" {
		updated := string(readme)[:i+len(codeMapBegin)] + table + string(readme)[i+j:]
		require.NoError(t, os.WriteFile("README.md", []byte(updated), 0o644))
		return
	}
	if got := string(readme)[i+len(codeMapBegin) : i+j]; got != table {
		t.Errorf("the README's \"Where the code lives\" is stale (a package was added, moved or its doc comment changed): run make golden, which writes:\n%s", lineDiff(table, got))
	}
}

// TestReadmeTestCommandIsCIs: the command the README gives for testing is
// the one CI runs, in .ci/run, and in the workflows as the jobs of
// checks.yml, one per target make test runs.
func TestReadmeTestCommandIsCIs(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	m := regexp.MustCompile("(?m)^(make [a-z-]+) +# test it").FindStringSubmatch(string(readme))
	require.NotNil(t, m, "README.md gives no command marked '# test it'")
	command := m[1]
	assert.Equal(t, "make test", command)

	ci, err := os.ReadFile(".ci/run")
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(ci)), "\n")
	assert.Equal(t, command, strings.TrimSpace(lines[len(lines)-1]), ".ci/run ends with another command than the README's")

	// The workflows run make test as the parallel jobs of checks.yml: each
	// target make test runs is the command of one of its jobs, and the pull
	// request and the deploy call it.
	makefile, err := os.ReadFile("Makefile")
	require.NoError(t, err)
	prereqs := regexp.MustCompile(`(?m)^test:([^#\n]*)`).FindStringSubmatch(string(makefile))
	require.NotNil(t, prereqs, "the Makefile has no test target")
	checks, err := os.ReadFile(".github/workflows/checks.yml")
	require.NoError(t, err)
	for _, target := range strings.Fields(prereqs[1]) {
		assert.Regexp(t, `(?m)^\s+run: make `+regexp.QuoteMeta(target)+`( SHARD=\$\{\{ matrix\.shard \}\})?$`, string(checks),
			"make test runs make %s, which no job of checks.yml runs", target)
	}
	for _, wf := range []string{"pull-request.yml", "deploy.yml"} {
		data, err := os.ReadFile(filepath.Join(".github", "workflows", wf))
		require.NoError(t, err)
		assert.Regexp(t, `(?m)^  checks:\n    uses: \./\.github/workflows/checks\.yml$`, string(data), "%s runs the suite (checks.yml)", wf)
	}
}

// lineDiff lists the lines of have that want lacks (-) and of want that
// have lacks (+): what make golden would change, not two whole files.
func lineDiff(want, have string) string {
	in := func(text string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(text, "\n") {
			m[l] = true
		}
		return m
	}
	wantLines, haveLines := in(want), in(have)
	var out []string
	for _, l := range strings.Split(have, "\n") {
		if !wantLines[l] {
			out = append(out, "- "+l)
		}
	}
	for _, l := range strings.Split(want, "\n") {
		if !haveLines[l] {
			out = append(out, "+ "+l)
		}
	}
	if len(out) == 0 {
		return "(the same lines, in another order or count)"
	}
	return strings.Join(out, "\n")
}

// TestDocsLinkDefaults: the docs' prose names a default by linking the
// config reference, not by quoting it, so that changing a default in Go
// leaves no doc behind. The values checked are the defaults a doc is
// tempted to quote: the TLS policy, the desync mode, the timeouts. Code
// blocks (transcripts of output) and the generated reference are exempt.
func TestDocsLinkDefaults(t *testing.T) {
	d := stackconfig.Defaults()
	svc := stackconfig.DefaultService("api")
	quoted := []string{
		d.SslPolicy,
		"default `" + d.DesyncMitigationMode + "`",
		fmt.Sprintf("default %d s", svc.DeregistrationDelay),
		fmt.Sprintf("interval %d s", svc.HealthCheck.Interval),
		fmt.Sprintf("(default %d)", d.Waf.LogRetentionDays),
		fmt.Sprintf("(default %d)", d.Cutover.FailbackErrors),
		fmt.Sprintf("idle timeout of %d", d.IdleTimeout),
	}
	docs, err := filepath.Glob("docs/*.md")
	require.NoError(t, err)
	for _, path := range append(docs, "README.md") {
		if path == configReferencePath {
			continue
		}
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		inCode := false
		for i, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "```") {
				inCode = !inCode
				continue
			}
			for _, q := range quoted {
				if !inCode && strings.Contains(line, q) {
					t.Errorf("%s:%d quotes the default %q: link the config reference (config-reference.md) instead", path, i+1, q)
				}
			}
		}
	}
}
