package stackconfig

import (
	"regexp"
	"sync"
)

// lazyRegexp is a regular expression compiled the first time it is used
// rather than when the package is initialised: a run checks only the keys its
// stack sets, and compiling every pattern at start cost each process about
// 2 ms before main, the bounded repetitions ({1,128}, {1,255}) most.
type lazyRegexp struct {
	expr     string
	compiled func() *regexp.Regexp
}

// patterns are every lazyRegexp of the package, for the test that compiles
// them all.
var patterns []*lazyRegexp

// lazy returns expr compiled on first use; like regexp.MustCompile it panics
// if expr is not a valid expression (TestPatternsCompile checks each).
func lazy(expr string) *lazyRegexp {
	r := &lazyRegexp{expr: expr, compiled: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })}
	patterns = append(patterns, r)
	return r
}

// MatchString reports whether s contains a match of the expression.
func (r *lazyRegexp) MatchString(s string) bool { return r.compiled().MatchString(s) }

// FindStringSubmatch is regexp.Regexp's FindStringSubmatch.
func (r *lazyRegexp) FindStringSubmatch(s string) []string {
	return r.compiled().FindStringSubmatch(s)
}
