package iampolicy

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEveryTypeTheMocksKnowHasAnEntry reads the type tokens the shared
// mock, the engine tests' provider and the replacement rules know: each
// resource type must have an entry in Types, each look-up in Lookups. A
// type added to the program reaches one of them first.
func TestEveryTypeTheMocksKnowHasAnEntry(t *testing.T) {
	token := regexp.MustCompile(`"(aws:[a-zA-Z0-9]+/[a-zA-Z0-9]+:[a-zA-Z0-9]+)"`)
	seen := 0
	for _, dir := range []string{"../awsmock", "../testprovider", "../replace"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no Go files in %s: %v", dir, err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range token.FindAllStringSubmatch(string(src), -1) {
				tok := m[1]
				seen++
				_, name, _ := strings.Cut(tok[strings.Index(tok, "/"):], ":")
				if strings.HasPrefix(name, "get") {
					if _, ok := Lookups[tok]; !ok {
						t.Errorf("%s (%s) is a look-up without an entry in Lookups", tok, f)
					}
					continue
				}
				if _, ok := Types[tok]; !ok {
					t.Errorf("%s (%s) is a resource type without an entry in Types", tok, f)
				}
			}
		}
	}
	if seen < 40 {
		t.Fatalf("found only %d type tokens: the pattern no longer reads the sources", seen)
	}
}
