package iampolicy

import (
	"fmt"
	"path"
	"strings"
)

// Request is one call as IAM evaluates it: the action, the ARN of the
// resource it acts on and the request's condition keys with their values
// (a multivalued key, such as route53:ChangeResourceRecordSetsRecordTypes,
// has several).
type Request struct {
	Action   string
	Resource string
	Context  map[string][]string
}

// Decision is what Evaluate decides.
type Decision int

// The decisions, as IAM names them.
const (
	ImplicitDeny Decision = iota // no statement allows it
	Allowed                      // an Allow matches and no Deny does
	ExplicitDeny                 // a Deny statement matches
)

func (d Decision) String() string {
	return [...]string{"implicit deny", "allowed", "explicit deny"}[d]
}

// Evaluate decides a request against identity policies the way IAM does
// for one account without boundaries or SCPs: an explicit Deny wins, then
// any Allow, else the request is denied. It knows the operators Build
// emits (String(Not)Equals, String(Not)Like, their ForAllValues: and
// ForAnyValue: forms, Bool and Null) and returns an error for any other, so a
// test can never pass by an operator it does not understand. The rules:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
// and, for multivalued keys,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
func Evaluate(req Request, docs ...Document) (Decision, error) {
	allowed := false
	for _, d := range docs {
		for _, s := range d.Statement {
			match, err := s.matches(req)
			if err != nil {
				return ImplicitDeny, err
			}
			if !match {
				continue
			}
			if s.Effect == Deny {
				return ExplicitDeny, nil
			}
			allowed = true
		}
	}
	if allowed {
		return Allowed, nil
	}
	return ImplicitDeny, nil
}

func (s Statement) matches(req Request) (bool, error) {
	if !anyGlob(s.Action, req.Action, true) {
		return false, nil
	}
	switch {
	case len(s.Resource) == 0 && len(s.NotResource) == 0:
		// A trust policy names no resource: the role is the resource.
	case len(s.NotResource) > 0:
		if anyGlob(s.NotResource, req.Resource, false) {
			return false, nil
		}
	case !anyGlob(s.Resource, req.Resource, false):
		return false, nil
	}
	for op, keys := range s.Condition {
		for key, values := range keys {
			ok, err := condition(op, values, lookup(req.Context, key))
			if err != nil {
				return false, fmt.Errorf("statement %q: %w", s.Sid, err)
			}
			if !ok {
				return false, nil
			}
		}
	}
	return true, nil
}

// lookup finds a condition key's values; keys are case-insensitive.
func lookup(ctx map[string][]string, key string) []string {
	for k, v := range ctx {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return nil
}

// condition evaluates one operator on one key: policy values (ORed) against
// the request's values (nil when the key is absent).
func condition(op string, policy, request []string) (bool, error) {
	set, base, _ := strings.Cut(op, ":")
	if base == "" {
		set, base = "", op
	}
	if base == "Null" {
		if set != "" || len(policy) != 1 {
			return false, fmt.Errorf("operator %q: Null takes one value, true or false", op)
		}
		return (policy[0] == "true") == (len(request) == 0), nil
	}
	var match func(pattern, value string) bool
	negate := false
	switch base {
	case "StringEquals":
		match = func(p, v string) bool { return p == v }
	case "Bool":
		match = func(p, v string) bool { return strings.EqualFold(p, v) }
	case "StringNotEquals":
		match, negate = func(p, v string) bool { return p == v }, true
	case "StringLike":
		match = func(p, v string) bool { return glob(p, v, false) }
	case "StringNotLike":
		match, negate = func(p, v string) bool { return glob(p, v, false) }, true
	default:
		return false, fmt.Errorf("operator %q is not one the evaluator knows", op)
	}
	// one reports whether a request value matches the operator.
	one := func(v string) bool {
		for _, p := range policy {
			if match(p, v) {
				return !negate
			}
		}
		return negate
	}
	switch set {
	case "ForAllValues": // true when every request value matches; true when none
		for _, v := range request {
			if !one(v) {
				return false, nil
			}
		}
		return true, nil
	case "ForAnyValue": // true when some request value matches; false when none
		for _, v := range request {
			if one(v) {
				return true, nil
			}
		}
		return false, nil
	case "":
		if len(request) == 0 {
			return negate, nil // a negated operator matches an absent key
		}
		if len(request) > 1 {
			return false, fmt.Errorf("operator %q on a multivalued key: use ForAllValues or ForAnyValue", op)
		}
		return one(request[0]), nil
	}
	return false, fmt.Errorf("operator %q: unknown set operator %q", op, set)
}

func anyGlob(patterns []string, value string, fold bool) bool {
	for _, p := range patterns {
		if glob(p, value, fold) {
			return true
		}
	}
	return false
}

// glob matches IAM's wildcards: * any run of characters (slashes and
// colons included), ? one character. fold compares case-insensitively, as
// IAM compares actions.
func glob(pattern, value string, fold bool) bool {
	if fold {
		pattern, value = strings.ToLower(pattern), strings.ToLower(value)
	}
	// path.Match treats / as a separator and [ as a class; IAM does not.
	// Replace both in pattern and value with characters path.Match takes
	// literally, which never occur in an ARN or action.
	r := strings.NewReplacer("/", "\x01", "[", "\x02", "\\", "\x03")
	ok, err := path.Match(r.Replace(pattern), r.Replace(value))
	return err == nil && ok
}
