package iampolicy

import (
	"encoding/json"
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
