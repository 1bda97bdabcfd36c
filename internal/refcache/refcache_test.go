package refcache

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// repoWithCommits makes a git repository holding a program that prints each
// of versions in turn, one commit each, and returns its path and the
// commits' hashes.
func repoWithCommits(t *testing.T, versions ...string) (string, []string) {
	t.Helper()
	repo := t.TempDir()
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.email=t@example.com", "-c", "user.name=t"}, args...)...)
		cmd.Dir = repo
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v: %s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "--quiet")
	write(t, filepath.Join(repo, "go.mod"), "module example.com/tiny\n\ngo 1.21\n")
	var commits []string
	for _, v := range versions {
		write(t, filepath.Join(repo, "main.go"), "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\""+v+"\") }\n")
		write(t, filepath.Join(repo, "Pulumi.dev.yaml"), "config: {}\n# "+v+"\n")
		git("add", ".")
		git("commit", "--quiet", "-m", v)
		commits = append(commits, git("rev-parse", "HEAD"))
	}
	// The working tree differs from every commit: entries hold the
	// commit's tree, not the working tree.
	write(t, filepath.Join(repo, "main.go"), "package main\n\nfunc main() { println(\"working tree\") }\n")
	return repo, commits
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runs returns what the entry's program prints.
func runs(t *testing.T, e Entry) string {
	t.Helper()
	out, err := exec.Command(e.Program()).Output()
	if err != nil {
		t.Fatalf("running %s: %v", e.Program(), err)
	}
	return strings.TrimSpace(string(out))
}

func get(t *testing.T, cache, repo, commit string) Entry {
	t.Helper()
	e, err := Get(cache, repo, commit)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestGetBuildsACommitOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds programs")
	}
	repo, commits := repoWithCommits(t, "v1", "v2")
	cache := t.TempDir()

	first := get(t, cache, repo, commits[0])
	if !first.Built {
		t.Fatal("first Get of a commit did not build it")
	}
	if got := runs(t, first); got != "v1" {
		t.Errorf("program at the first commit prints %q, want v1", got)
	}
	stack, err := os.ReadFile(filepath.Join(first.Tree(), "Pulumi.dev.yaml"))
	if err != nil || !strings.Contains(string(stack), "# v1") {
		t.Errorf("tree holds the commit's stack file: %q, %v", stack, err)
	}

	again := get(t, cache, repo, commits[0])
	if again.Built || again.Dir != first.Dir {
		t.Errorf("second Get of the commit = %+v, want the cached %s unbuilt", again, first.Dir)
	}

	other := get(t, cache, repo, commits[1])
	if !other.Built || other.Dir == first.Dir {
		t.Errorf("Get of another commit = %+v, want a new build", other)
	}
	if got := runs(t, other); got != "v2" {
		t.Errorf("program at the second commit prints %q, want v2", got)
	}

	leftovers, _ := filepath.Glob(filepath.Join(cache, "diff", "build-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary build directories left behind: %v", leftovers)
	}
}

func TestGetRebuildsADamagedEntry(t *testing.T) {
	if testing.Short() {
		t.Skip("builds programs")
	}
	repo, commits := repoWithCommits(t, "v1")
	cache := t.TempDir()
	entry := get(t, cache, repo, commits[0])

	tests := []struct {
		name   string
		damage func(e Entry) error
	}{
		{"binary truncated", func(e Entry) error { return os.WriteFile(e.Program(), []byte("#!"), 0o755) }},
		{"binary missing", func(e Entry) error { return os.Remove(e.Program()) }},
		{"marker missing (build interrupted)", func(e Entry) error { return os.Remove(filepath.Join(e.Dir, marker)) }},
		{"marker garbled", func(e Entry) error { return os.WriteFile(filepath.Join(e.Dir, marker), []byte("?"), 0o644) }},
		{"tree missing", func(e Entry) error { return os.RemoveAll(e.Tree()) }},
		{"removed as unusable", Remove},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.damage(entry); err != nil {
				t.Fatal(err)
			}
			e := get(t, cache, repo, commits[0])
			if !e.Built {
				t.Fatal("a damaged entry was used, not rebuilt")
			}
			if got := runs(t, e); got != "v1" {
				t.Errorf("rebuilt program prints %q, want v1", got)
			}
			if e := get(t, cache, repo, commits[0]); e.Built {
				t.Error("the rebuilt entry was built again")
			}
		})
	}
}

func TestGetFails(t *testing.T) {
	repo, commits := repoWithCommits(t, "v1")
	cache := t.TempDir()
	for _, commit := range []string{"HEAD", "main", commits[0][:12], strings.ToUpper(commits[0]), strings.Repeat("0", 40)} {
		if _, err := Get(cache, repo, commit); err == nil {
			t.Errorf("Get(%q) succeeded, want an error", commit)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(cache, "diff"))
	if len(entries) > 0 {
		t.Errorf("failed builds left %d entries in the cache", len(entries))
	}
}

func TestIsHash(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{strings.Repeat("a", 40), true},
		{strings.Repeat("0123456789abcdef", 4), true},
		{strings.Repeat("a", 39), false},
		{strings.Repeat("A", 40), false},
		{strings.Repeat("g", 40), false},
		{"HEAD", false},
		{"../../etc/passwd" + strings.Repeat("a", 24), false},
		{"", false},
	}
	for _, tt := range tests {
		if got := isHash(tt.s); got != tt.want {
			t.Errorf("isHash(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestGetKeepsTheMostRecentlyUsed(t *testing.T) {
	if testing.Short() {
		t.Skip("builds programs")
	}
	defer func(k int) { Keep = k }(Keep)
	Keep = 2
	repo, commits := repoWithCommits(t, "v1", "v2", "v3")
	cache := t.TempDir()
	v1 := get(t, cache, repo, commits[0])
	v2 := get(t, cache, repo, commits[1])
	// v1 built before v2 but used after it: the use, not the build, makes
	// v2 the least recently used when v3 is built.
	for e, ago := range map[Entry]time.Duration{v1: 2 * time.Hour, v2: time.Hour} {
		past := time.Now().Add(-ago)
		if err := os.Chtimes(filepath.Join(e.Dir, marker), past, past); err != nil {
			t.Fatal(err)
		}
	}
	get(t, cache, repo, commits[0])
	get(t, cache, repo, commits[2])
	if _, err := os.Stat(v2.Dir); !os.IsNotExist(err) {
		t.Errorf("least recently used entry %s kept (%v)", v2.Dir, err)
	}
	if e := get(t, cache, repo, commits[0]); e.Built || e.Dir != v1.Dir {
		t.Errorf("recently used entry was pruned: %+v", e)
	}
}
