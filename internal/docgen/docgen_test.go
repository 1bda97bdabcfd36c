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
