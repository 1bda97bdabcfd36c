package iampolicy

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
)

// Document is an IAM policy document (version 2012-10-17), as AWS reads it:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
type Document struct {
	Version   string      `json:"Version"`
	Statement []Statement `json:"Statement"`
}

// Statement is one statement of a Document. Action and Resource (or
// NotResource) are lists; Condition maps an operator ("StringEquals",
// "ForAllValues:StringLike", ...) to condition keys and their values.
type Statement struct {
	Sid         string               `json:"Sid,omitempty"`
	Effect      string               `json:"Effect"`
	Principal   map[string]any       `json:"Principal,omitempty"`
	Action      []string             `json:"Action"`
	Resource    []string             `json:"Resource,omitempty"`
	NotResource []string             `json:"NotResource,omitempty"`
	Condition   map[string]Condition `json:"Condition,omitempty"`
}

// Condition maps a condition key to the values it is compared with.
type Condition map[string][]string

// The effects of a statement.
const (
	Allow = "Allow"
	Deny  = "Deny"
)

// newDocument returns a document of statements, each with its actions and
// resources sorted and deduplicated, so that the JSON is stable.
func newDocument(statements []Statement) Document {
	for i := range statements {
		s := &statements[i]
		s.Action = sortedSet(s.Action)
		s.Resource = sortedSet(s.Resource)
		s.NotResource = sortedSet(s.NotResource)
		for op, c := range s.Condition {
			for k, v := range c {
				s.Condition[op][k] = sortedSet(v)
			}
		}
	}
	return Document{Version: "2012-10-17", Statement: statements}
}

func sortedSet(xs []string) []string {
	if len(xs) == 0 {
		return nil
	}
	out := slices.Clone(xs)
	slices.Sort(out)
	return slices.Compact(out)
}

// JSON returns the document as indented JSON.
func (d Document) JSON() ([]byte, error) { return json.MarshalIndent(d, "", "  ") }

// Write prints the document as indented JSON and a newline.
func (d Document) Write(w io.Writer) error {
	b, err := d.JSON()
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// CheckSids returns an error naming a statement ID used twice: IAM
// refuses such a policy (MalformedPolicyDocument).
func (d Document) CheckSids() error {
	seen := map[string]bool{}
	for _, s := range d.Statement {
		if s.Sid != "" && seen[s.Sid] {
			return fmt.Errorf("statement ID %q is used twice", s.Sid)
		}
		seen[s.Sid] = true
	}
	return nil
}

// Actions returns every action the document's Allow statements name, sorted.
func (d Document) Actions() []string {
	var out []string
	for _, s := range d.Statement {
		if s.Effect == Allow {
			out = append(out, s.Action...)
		}
	}
	return sortedSet(out)
}

// MaxManagedPerRole is how many managed policies a role takes by default:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
const MaxManagedPerRole = 10

// MaxManagedSize is how long, in characters without whitespace, one
// customer managed policy may be (same quotas page).
const MaxManagedSize = 6144

// Split packs the document's statements, in order, into as few documents
// as it can of at most limit characters of compact JSON each, so that a
// policy too long for one managed policy can be attached as several. It
// fails when one statement alone is too long.
func (d Document) Split(limit int) ([]Document, error) {
	var out []Document
	cur := Document{Version: d.Version}
	for _, s := range d.Statement {
		next := Document{Version: d.Version, Statement: append(append([]Statement{}, cur.Statement...), s)}
		if size(next) <= limit {
			cur = next
			continue
		}
		if len(cur.Statement) == 0 {
			return nil, fmt.Errorf("statement %q alone is %d characters, more than %d", s.Sid, size(next), limit)
		}
		out = append(out, cur)
		cur = Document{Version: d.Version, Statement: []Statement{s}}
		if size(cur) > limit {
			return nil, fmt.Errorf("statement %q alone is %d characters, more than %d", s.Sid, size(cur), limit)
		}
	}
	if len(cur.Statement) > 0 {
		out = append(out, cur)
	}
	return out, nil
}

// size is the length of the document's compact JSON.
func size(d Document) int {
	b, _ := json.Marshal(d)
	return len(b)
}
