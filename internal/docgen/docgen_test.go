package docgen

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPackagesAreGoList: Packages finds what `go list ./...` lists, with
// the same synopsis, without running the go command.
func TestPackagesAreGoList(t *testing.T) {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	cmd := exec.Command("go", "list", "-f", "{{.Dir}}\t{{.Doc}}", "./...")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	var want []Package
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		dir, doc, _ := strings.Cut(line, "\t")
		rel, err := filepath.Rel(root, dir)
		require.NoError(t, err)
		want = append(want, Package{Dir: filepath.ToSlash(rel), Synopsis: doc})
	}
	got, err := Packages(root)
	require.NoError(t, err)
	assert.Equal(t, want, got)
}

func TestSplitDefault(t *testing.T) {
	for _, tc := range []struct{ goName, doc, text, def string }{
		{"Port", "Port is the targets' port. Default: 80.", "the targets' port.", "80"},
		{"Bucket", "Bucket is an existing bucket. Default: \"\" (the stack\ncreates one).\n", "an existing bucket.", "\"\" (the stack creates one)"},
		{"Mode", "Mode is block. Default: \"\", block. More after.", "block. More after.", "\"\", block"},
		{"Enabled", "Enabled turns it on.", "turns it on.", ""},
	} {
		text, def := splitDefault(tc.goName, tc.doc)
		assert.Equal(t, tc.text, text, tc.doc)
		assert.Equal(t, tc.def, def, tc.doc)
	}
}

// TestConfigReferenceReadsTheCode: fields and types renamed, the keys and
// paths still come from the declarations and the comments, not from names
// the generator knows.
func TestConfigReferenceReadsTheCode(t *testing.T) {
	var keys []Key
	for _, name := range []string{"demo:domain", "demo:accessLogs", "demo:loadBalancer", "demo:responseHeaders", "demo:backends"} {
		keys = append(keys, Key{Name: name, Type: "object", Default: "`{}`", Description: "About " + name + "."})
	}
	ref, err := referenceOf("testdata/renamed", keys, nil)
	require.NoError(t, err)
	sections := map[string][]string{}
	for _, k := range ref.Keys {
		if k.Section == nil {
			sections[k.Name] = nil
			continue
		}
		var paths []string
		for _, f := range k.Section.Fields {
			paths = append(paths, f.Path+" ("+f.Struct+"."+f.JSON+", "+f.Type+", default "+f.Default+")")
		}
		sections[k.Name+" "+k.Section.GoType] = paths
	}
	assert.Equal(t, map[string][]string{
		"demo:domain":                          nil,
		"demo:accessLogs AlbLogs":              {"accessLogs.enabled (AlbLogs.enabled, boolean, default false)", "accessLogs.prefix (AlbLogs.prefix, text, default alb)"},
		"demo:loadBalancer Attributes":         {"loadBalancer.idleTimeout (Attributes.idleTimeout, whole number, default 60)"},
		"demo:responseHeaders ResponseHeaders": {"responseHeaders.server (ResponseHeaders.server, boolean, default true)"},
		"demo:backends Backend": {
			"backends[].name (Backend.name, text, default )",
			"backends[].healthCheck (Backend.healthCheck, object, default )",
			"backends[].healthCheck.interval (Probe.interval, whole number, default 15)",
			"backends[].targetGroups (Backend.targetGroups, list of object, default )",
			"backends[].targetGroups[].name (Group.name, text, default )",
			"backends[].targetGroups[].healthCheck (Group.healthCheck, object, default )",
		},
	}, sections)
	md := ref.Markdown()
	assert.Contains(t, md, "| `accessLogs.prefix` | text | alb | the key prefix of the logs. | 1 to 200 characters |")
	assert.Contains(t, md, "Its fields are those of `backends[].healthCheck`.")
}
