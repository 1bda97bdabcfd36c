package verify

import "github.com/meething/edge/internal/lbaction"

// match returns the first rule, by priority, that matches a GET of path on
// host without further headers or query, as the listener evaluates them;
// nil for the default action.
func match(rules []rule, host, path string) *rule {
	for i, r := range rules {
		if !r.never && anyMatch(r.hosts, host, true) && anyMatch(r.paths, path, false) {
			return &rules[i]
		}
	}
	return nil
}

// anyMatch says whether s matches one of patterns, or patterns is empty (no
// such condition).
func anyMatch(patterns []string, s string, fold bool) bool {
	if len(patterns) == 0 {
		return true
	}
	for _, p := range patterns {
		if lbaction.Match(p, s, fold) {
			return true
		}
	}
	return false
}
