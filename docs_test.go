package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// docFiles are the README and every page under docs/.
func docFiles(t *testing.T) []string {
	t.Helper()
	pages, err := filepath.Glob("docs/*.md")
	require.NoError(t, err)
	return append([]string{"README.md"}, pages...)
}

var (
	mdLink    = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	mdHeading = regexp.MustCompile(`(?m)^#+ (.+)$`)
	slugDrop  = regexp.MustCompile(`[^\w\- ]`)
)

// anchors returns the GitHub anchors of a Markdown file's headings, code
// blocks left out.
func anchors(text string) map[string]bool {
	var prose strings.Builder
	inCode := false
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "```") {
			inCode = !inCode
			continue
		}
		if !inCode {
			prose.WriteString(line + "\n")
		}
	}
	out := map[string]bool{}
	for _, m := range mdHeading.FindAllStringSubmatch(prose.String(), -1) {
		slug := slugDrop.ReplaceAllString(strings.ToLower(strings.TrimSpace(m[1])), "")
		out[strings.ReplaceAll(slug, " ", "-")] = true
	}
	return out
}

// TestDocLinksResolve: every relative link of the README and docs/ names a
// file of the repository and, with #, a heading of it, so moving a section
// cannot leave a link behind.
func TestDocLinksResolve(t *testing.T) {
	for _, page := range docFiles(t) {
		data, err := os.ReadFile(page)
		require.NoError(t, err)
		for _, m := range mdLink.FindAllStringSubmatch(string(data), -1) {
			link := m[1]
			if strings.Contains(link, "://") || strings.HasPrefix(link, "mailto:") {
				continue
			}
			path, anchor, _ := strings.Cut(link, "#")
			target := page
			if path != "" {
				target = filepath.Join(filepath.Dir(page), path)
			}
			info, err := os.Stat(target)
			if !assert.NoError(t, err, "%s links to %s: no such file", page, link) || anchor == "" {
				continue
			}
			if info.IsDir() || !strings.HasSuffix(target, ".md") {
				continue
			}
			text, err := os.ReadFile(target)
			require.NoError(t, err)
			assert.True(t, anchors(string(text))[anchor], "%s links to %s: %s has no heading #%s", page, link, target, anchor)
		}
	}
}

// TestDesignComponentsAreTheCode holds docs/design.md's table of components
// to the code: the type tokens it names are the components the stacks and
// examples register, each in the row of the package its module names.
func TestDesignComponentsAreTheCode(t *testing.T) {
	text, err := os.ReadFile("docs/design.md")
	require.NoError(t, err)
	row := regexp.MustCompile("(?m)^\\| `([a-z/]+)/` \\| ([^|]*) \\|")
	token := regexp.MustCompile("`(meething:([a-z]+):[A-Za-z]+)`")
	documented := map[string]bool{}
	for _, m := range row.FindAllStringSubmatch(string(text), -1) {
		for _, tok := range token.FindAllStringSubmatch(m[2], -1) {
			documented[tok[1]] = true
			assert.Equal(t, m[1], tok[2], "docs/design.md lists %s in the row of %s/, not of its package", tok[1], m[1])
		}
	}

	registered := map[string]bool{}
	for _, s := range everyStackFile(t) {
		for _, r := range synthPlan(t, s).Resources {
			if strings.HasPrefix(r.Type, "meething:") {
				registered[r.Type] = true
			}
		}
	}
	assert.Equal(t, registered, documented, "the components docs/design.md lists are not those the stacks and examples register")
}
