package stackconfig

import (
	"strings"
	"unicode/utf8"
)

// Answer is what a service's own answer to its health-check path carries,
// so that meething verify tells it from another service's: with header
// "X-Service: api", api.meething.net answering 200 without it (chat's
// answer, say, when api's rule forwards to chat's group) fails.
type Answer struct {
	// Header is a response header the answer must carry: "Name: value" for
	// that value (compared as sent), or a name alone for any value.
	// Default: none.
	Header string `json:"header"`
	// Contains is text the answer's body must contain (the first 64 KiB
	// are read), at most 1024 characters. Default: none.
	Contains string `json:"contains"`
}

// MaxAnswerContains is the longest text Answer.Contains may hold.
const MaxAnswerContains = 1024

// HeaderField splits Header into its name and value: "X-Service: api" is
// ("X-Service", "api"), "X-Service" is ("X-Service", ""), any value. The
// whitespace around the value is not part of it (RFC 9110, section 5.5).
func (a Answer) HeaderField() (name, value string) {
	name, value, _ = strings.Cut(a.Header, ":")
	return name, strings.Trim(value, " \t")
}

// validateServiceAnswer checks a service's answer: at least one of header and
// contains; a header whose name is an HTTP token and whose value has no
// control characters; contains at most MaxAnswerContains characters.
func validateServiceAnswer(k string, a *Answer, ps *problems) {
	if a == nil {
		return
	}
	ak := k + ".answer"
	if a.Header == "" && a.Contains == "" {
		ps.add(ak, "{}", "must set header, contains or both: leave answer out to accept any answer of the health check's matcher")
		return
	}
	if a.Header != "" {
		name, value := a.HeaderField()
		switch {
		case !isToken(name):
			// field-name = token; tchar = "!" / "#" / "$" / "%" / "&" /
			// "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" /
			// DIGIT / ALPHA (RFC 9110, sections 5.1 and 5.6.2).
			ps.add(ak+".header", a.Header, "does not start with a header name: 1 or more letters, digits and !#$%%&'*+-.^_`|~ (an HTTP token, RFC 9110 section 5.6.2), then optionally a colon and the value")
		case strings.ContainsFunc(value, isControl):
			ps.add(ak+".header", a.Header, "has a control character in its value: a header value is visible characters, spaces and tabs (RFC 9110 section 5.5)")
		case value == "" && strings.Contains(a.Header, ":"):
			ps.add(ak+".header", a.Header, "has nothing after the colon: write the name alone (%s) to accept any value", name)
		}
	}
	if n := utf8.RuneCountInString(a.Contains); n > MaxAnswerContains {
		ps.add(ak+".contains", string([]rune(a.Contains)[:40])+"...", "is %d characters long: at most %d", n, MaxAnswerContains)
	}
}

// isToken says whether s is an HTTP token (RFC 9110, section 5.6.2).
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		ok := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
		if !ok {
			return false
		}
	}
	return true
}

// isControl is an ASCII control character other than the tab, or DEL.
func isControl(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }
