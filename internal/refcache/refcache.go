// Package refcache keeps the program of a git commit built, outside the
// working tree, so that `meething diff --base REF` builds a commit's program
// once and every later diff against it only runs it.
//
// An entry is keyed by the full commit hash and the platform: the commit's
// tree, exported clean with git archive (whatever the working tree holds),
// and the binary `go build` makes of it. A commit's program never changes, so
// an entry never goes stale; an entry that is incomplete or damaged (no
// marker, or a binary of another size than the marker records) is built
// again. Entries are built in a temporary directory beside the final one and
// renamed into place, so a diff interrupted mid-build leaves no entry behind.
// The cache keeps the Keep most recently used entries.
package refcache

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Binary and Tree are the names of an entry's program and exported tree;
// marker records the binary's size and is written last.
const (
	Binary = "meething"
	Tree   = "tree"
	marker = "complete"
)

// Dir returns the cache directory: $MEETHING_CACHE if set, otherwise
// meething under the user's cache directory ($XDG_CACHE_HOME or
// ~/.cache on Linux), as scripts/engine-cli.sh uses for the Pulumi CLI.
func Dir() (string, error) {
	if d := os.Getenv("MEETHING_CACHE"); d != "" {
		return d, nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("finding the cache directory (set MEETHING_CACHE): %w", err)
	}
	return filepath.Join(d, "meething"), nil
}

// Entry is one commit's built program.
type Entry struct {
	// Dir holds the entry: Binary and Tree.
	Dir string
	// Built reports whether this call built the entry; false when it was
	// found in the cache.
	Built bool
}

// Program returns the path of the program built from the root package of
// commit.
func (e Entry) Program() string { return filepath.Join(e.Dir, Binary) }

// Tree returns the root of the commit's exported tree.
func (e Entry) Tree() string { return filepath.Join(e.Dir, Tree) }

// Get returns the entry of commit (a full hash) of the repository whose top
// level is repo, building it under cacheDir if it is missing or incomplete.
func Get(cacheDir, repo, commit string) (Entry, error) {
	if !isHash(commit) {
		return Entry{}, fmt.Errorf("%q is not a full commit hash", commit)
	}
	root := filepath.Join(cacheDir, "diff")
	e := Entry{Dir: filepath.Join(root, commit+"-"+runtime.GOOS+"-"+runtime.GOARCH)}
	if complete(e.Dir) {
		now := time.Now()
		os.Chtimes(filepath.Join(e.Dir, marker), now, now) //nolint:errcheck // only orders pruning
		return e, nil
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return Entry{}, fmt.Errorf("creating the cache: %w", err)
	}
	tmp, err := os.MkdirTemp(root, "build-")
	if err != nil {
		return Entry{}, fmt.Errorf("creating the cache: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := build(repo, commit, tmp); err != nil {
		return Entry{}, err
	}
	// Whatever stands in the way is incomplete (checked above) or another
	// diff's entry of the same commit, finished meanwhile: both go.
	if err := os.RemoveAll(e.Dir); err != nil {
		return Entry{}, fmt.Errorf("removing an incomplete cache entry: %w", err)
	}
	if err := os.Rename(tmp, e.Dir); err != nil {
		if complete(e.Dir) {
			return Entry{Dir: e.Dir, Built: true}, nil
		}
		return Entry{}, fmt.Errorf("storing the build in the cache: %w", err)
	}
	e.Built = true
	prune(root, e.Dir)
	return e, nil
}

// Keep is how many entries the cache holds: after a build, the least
// recently used beyond it are removed (an entry is about 90 MB).
var Keep = 5

// prune removes the complete entries under root beyond the Keep most
// recently used (the marker's time), never current. Best effort: an entry it
// cannot remove is tried again after the next build.
func prune(root, current string) {
	dirs, err := os.ReadDir(root)
	if err != nil {
		return
	}
	type used struct {
		dir  string
		when time.Time
	}
	var entries []used
	for _, d := range dirs {
		dir := filepath.Join(root, d.Name())
		info, err := os.Stat(filepath.Join(dir, marker))
		if err != nil || dir == current {
			continue
		}
		entries = append(entries, used{dir, info.ModTime()})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].when.After(entries[j].when) })
	for i, e := range entries {
		if i+1 >= Keep { // current counts as one
			os.RemoveAll(e.dir) //nolint:errcheck // best effort
		}
	}
}

// Remove deletes an entry that turned out unusable, so the next Get builds
// it again.
func Remove(e Entry) error { return os.RemoveAll(e.Dir) }

// complete reports whether dir holds a finished entry: the marker, a tree,
// and a binary of the size the marker records.
func complete(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, marker))
	if err != nil {
		return false
	}
	size, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if err != nil {
		return false
	}
	bin, err := os.Stat(filepath.Join(dir, Binary))
	if err != nil || !bin.Mode().IsRegular() || bin.Size() != size || size == 0 {
		return false
	}
	tree, err := os.Stat(filepath.Join(dir, Tree))
	return err == nil && tree.IsDir()
}

// build exports commit's tree into dir/Tree, builds its root package into
// dir/Binary and writes the marker.
func build(repo, commit, dir string) error {
	tree := filepath.Join(dir, Tree)
	if err := os.Mkdir(tree, 0o755); err != nil {
		return err
	}
	if err := export(repo, commit, tree); err != nil {
		return err
	}
	bin := filepath.Join(dir, Binary)
	// Without the DWARF tables and symbol table the binary is a third
	// smaller and links faster; stack traces keep their function names.
	cmd := exec.Command("go", "build", "-buildvcs=false", "-ldflags=-s -w", "-o", bin, ".")
	cmd.Dir = tree
	// The commit's own go.mod decides, not a go.work above the cache.
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &errOut
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("building the program at %s: %v: %s", commit, err, strings.TrimSpace(errOut.String()))
	}
	info, err := os.Stat(bin)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, marker), []byte(strconv.FormatInt(info.Size(), 10)+"\n"), 0o644)
}

// export writes commit's tree into dir: git archive piped into tar.
func export(repo, commit, dir string) error {
	r, w, err := os.Pipe()
	if err != nil {
		return err
	}
	archive := exec.Command("git", "archive", "--format=tar", commit)
	archive.Dir, archive.Stdout = repo, w
	extract := exec.Command("tar", "-x", "-f", "-", "-C", dir)
	extract.Stdin = r
	var archiveErr, extractErr bytes.Buffer
	archive.Stderr, extract.Stderr = &archiveErr, &extractErr
	errArchive := archive.Start()
	errExtract := extract.Start()
	// The children hold the pipe's ends now: tar sees the end of its input
	// when git exits, and git a broken pipe if tar does.
	r.Close()
	w.Close()
	if errArchive == nil {
		errArchive = archive.Wait()
	}
	if errExtract == nil {
		errExtract = extract.Wait()
	}
	if errArchive != nil {
		return fmt.Errorf("git archive %s: %v: %s", commit, errArchive, strings.TrimSpace(archiveErr.String()))
	}
	if errExtract != nil {
		return fmt.Errorf("extracting the tree of %s: %v: %s", commit, errExtract, strings.TrimSpace(extractErr.String()))
	}
	return nil
}

// isHash reports whether s is a full SHA-1 or SHA-256 commit hash in
// lower-case hex, as git rev-parse prints it.
func isHash(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
