package docgen

import (
	"errors"
	"fmt"
	"go/build"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Package is one Go package of the module: its directory, relative to the
// module's root, and the first sentence of its doc comment (what `go list
// -f '{{.Doc}}'` prints).
type Package struct {
	Dir      string
	Synopsis string
}

// Packages lists the module's packages under root, as `go list ./...`
// does: directories with Go files other than tests, in the build's
// configuration, leaving out testdata, hidden and _ folders and nested
// modules (tools/pulumi-cli).
func Packages(root string) ([]Package, error) {
	var out []Package
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		name := d.Name()
		if rel != "." {
			if name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir
			}
		}
		p, err := build.Default.ImportDir(path, 0)
		var none *build.NoGoError
		if errors.As(err, &none) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		out = append(out, Package{Dir: filepath.ToSlash(rel), Synopsis: p.Doc})
		return nil
	})
	return out, err
}

// CodeMap renders the packages as the README's table of where the code
// lives.
func CodeMap(pkgs []Package) string {
	var b strings.Builder
	b.WriteString("| Directory | What it is (its package's doc comment) |\n| --- | --- |\n")
	for _, p := range pkgs {
		dir := "`" + p.Dir + "/`"
		if p.Dir == "." {
			dir = "`.` (`main`)"
		}
		fmt.Fprintf(&b, "| %s | %s |\n", dir, orDash(cell(p.Synopsis)))
	}
	return b.String()
}
