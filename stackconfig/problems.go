package stackconfig

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Problem is one config value that breaks a rule.
type Problem struct {
	// Key is the config key, with a path into objects and lists when the value
	// sits inside one: meething:services[1].healthCheck.interval.
	Key string
	// Value is the offending value as the user wrote it.
	Value string
	// Rule says what the value must be.
	Rule string
}

func (p Problem) String() string {
	return fmt.Sprintf("%s: %s %s", p.Key, quoteValue(p.Value), p.Rule)
}

// quoteValue shows a value as written: a list or an object bare, text in
// double quotes, or in single quotes when it holds a double quote. Nothing
// is escaped but control characters, which are made visible (\n, \t).
func quoteValue(v string) string {
	v = visible(v)
	if (strings.HasPrefix(v, "[") || strings.HasPrefix(v, "{")) && json.Valid([]byte(v)) {
		return v
	}
	if strings.Contains(v, `"`) && !strings.Contains(v, "'") {
		return "'" + v + "'"
	}
	return `"` + v + `"`
}

// Error reports every problem found in one configuration.
type Error struct {
	Problems []Problem
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "invalid stack configuration (%d problem", len(e.Problems))
	if len(e.Problems) != 1 {
		b.WriteString("s")
	}
	b.WriteString("):")
	for _, p := range e.Problems {
		b.WriteString("\n  - ")
		b.WriteString(p.String())
	}
	return b.String()
}

// problems collects Problems in the order they are found.
type problems []Problem

func (ps *problems) add(key, value, rule string, args ...any) {
	*ps = append(*ps, Problem{Key: key, Value: value, Rule: fmt.Sprintf(rule, args...)})
}

func (ps problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return &Error{Problems: ps}
}

// RedactSecrets returns err with the value of every problem under a secret
// key (isSecret, as ctx.IsConfigSecret) replaced by RedactedValue: the rule
// still says what is wrong, the message does not show the secret.
func RedactSecrets(err error, isSecret func(key string) bool) error {
	e, ok := err.(*Error)
	if !ok {
		return err
	}
	out := &Error{Problems: append([]Problem(nil), e.Problems...)}
	for i, p := range out.Problems {
		top := p.Key
		if j := strings.IndexAny(top, ".["); j >= 0 {
			top = top[:j]
		}
		if isSecret(top) {
			out.Problems[i].Value = RedactedValue
		}
	}
	return out
}

// visible writes control characters as Go escapes, so that a stray newline
// or tab in a value shows instead of breaking the message.
func visible(v string) string {
	if !strings.ContainsFunc(v, unicode.IsControl) {
		return v
	}
	var b strings.Builder
	for _, r := range v {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
