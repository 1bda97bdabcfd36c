package integration

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// repoRoot is the Pulumi project the test deploys, relative to this package.
const repoRoot = ".."

// copyProject copies what `pulumi up` needs to build and run the program at
// repoRoot (Pulumi.yaml, go.mod, go.sum and the non-test Go files) into a
// fresh directory, and returns it.
//
// The copy, not the checkout, is the Automation API's work dir because the
// CLI writes Pulumi.<stack>.yaml (config and the passphrase salt) into the
// work dir. In the checkout that file would appear in everybody's git status
// for the length of the run, stay behind if the run is killed, and two runs
// from one checkout would share the directory.
func copyProject(t *testing.T) string {
	t.Helper()
	src, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	dst := t.TempDir()
	err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != src && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		top := filepath.Dir(rel) == "."
		wanted := (strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")) ||
			(top && (name == "Pulumi.yaml" || name == "go.mod" || name == "go.sum"))
		if !wanted || !d.Type().IsRegular() {
			return nil
		}
		return copyFile(path, filepath.Join(dst, rel))
	})
	if err != nil {
		t.Fatalf("copying the project at %s: %v", src, err)
	}
	return dst
}

// copyFile copies the regular file src to dst, creating dst's directory.
func copyFile(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
