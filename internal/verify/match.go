package verify

import "strings"

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
		if fold && glob(strings.ToLower(p), strings.ToLower(s)) || !fold && glob(p, s) {
			return true
		}
	}
	return false
}

// glob matches s against a listener condition pattern: * is any run of
// characters (slashes and dots included), ? any one character. For example
// glob("*.meething.net", "api.meething.net") and glob("/up/*", "/up/a/b").
func glob(pattern, s string) bool {
	if pattern == "" {
		return s == ""
	}
	switch pattern[0] {
	case '*':
		for i := 0; i <= len(s); i++ {
			if glob(pattern[1:], s[i:]) {
				return true
			}
		}
		return false
	case '?':
		return s != "" && glob(pattern[1:], s[1:])
	default:
		return s != "" && s[0] == pattern[0] && glob(pattern[1:], s[1:])
	}
}
