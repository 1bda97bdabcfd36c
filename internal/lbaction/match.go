package lbaction

import "strings"

// Match reports whether s matches a listener rule condition's value:
// * is any run of characters (slashes and dots included), ? any one
// character; fold compares without case, as host-header conditions do
// (path patterns are case-sensitive)
// (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html).
// For example Match("*.meething.net", "API.dev.meething.net", true) and
// Match("/up/*", "/up/a/b", false).
func Match(pattern, s string, fold bool) bool {
	if fold {
		pattern, s = strings.ToLower(pattern), strings.ToLower(s)
	}
	return glob(pattern, s)
}

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
