package stackconfig

// The actions of listener rules and of the HTTPS listener's default action:
// each kind's config type with its default and its check, and Action, the
// one list of the kinds. A new kind is a field of Action whose type has the
// methods of actionKind; package lbaction describes it as the load balancer
// takes it.

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Action is the one action a rule or the default action gives: a forward
// (a service's rules only), a redirect or a fixed response. A rule embeds
// it (its fields are the rule's); meething:defaultAction is one. Each field
// is one kind, its type an actionKind.
type Action struct {
	// Forward spreads requests over the service's target groups by
	// weight: for a service's rules only, where a rule without an action
	// takes the service's forward.
	Forward       *Forward       `json:"forward"`
	Redirect      *Redirect      `json:"redirect"`
	FixedResponse *FixedResponse `json:"fixedResponse"`
}

// actionKind is what each kind's config type does: fill its defaults and
// check itself where it is.
type actionKind interface {
	setDefaults()
	check(at actionAt, ps *problems)
}

// actionAt is where an action is: a service's rule, a stack rule or the
// default action.
type actionAt struct {
	key string // the rule's (or the default action's) full key
	// hosts are the rule's; none for the default action.
	hosts []string
	// service is a service rule's service; nil for a stack rule and the
	// default action.
	service *Service
	// isDefault says it is meething:defaultAction.
	isDefault bool
}

// given is each kind the action gives, by its config name, in the order of
// Action's fields.
func (a Action) given() (names []string, kinds []actionKind) {
	v := reflect.ValueOf(a)
	for i := range v.NumField() {
		if f := v.Field(i); !f.IsNil() {
			names = append(names, jsonName(v.Type().Field(i)))
			kinds = append(kinds, f.Interface().(actionKind))
		}
	}
	return names, kinds
}

// actionKinds are the config names of every kind (forward, redirect,
// fixedResponse), and answers those but forward's: the kinds that answer
// the request themselves, as a stack rule and the default action do.
func actionKinds() (all, answers []string) {
	t := reflect.TypeOf(Action{})
	for i := range t.NumField() {
		name := jsonName(t.Field(i))
		all = append(all, name)
		if name != "forward" {
			answers = append(answers, name)
		}
	}
	return all, answers
}

// setDefaults fills the defaults of the kinds the action gives.
func (a Action) setDefaults() {
	_, kinds := a.given()
	for _, k := range kinds {
		k.setDefaults()
	}
}

// check checks the kinds the action gives, at its place; that it gives at
// most one, and one where it must, is the rule's (or the default action's)
// check.
func (a Action) check(at actionAt, ps *problems) {
	_, kinds := a.given()
	for _, k := range kinds {
		k.check(at, ps)
	}
}

// Forward spreads requests over a service's target groups by weight.
type Forward struct {
	// Weights are by target group name, the service's own group being the
	// service's name; at least one above 0.
	Weights map[string]int `json:"weights" range:"0..999"`
	// Stickiness keeps a client on the group it first reached for this
	// many seconds. Default: 0, off.
	Stickiness int `json:"stickiness" range:"0|1..604800 seconds"`
}

func (f *Forward) setDefaults() {}

// check refuses a forward outside a service's rules, whose target groups
// it names, and checks the weights against the service's groups.
func (f *Forward) check(at actionAt, ps *problems) {
	switch {
	case at.isDefault:
		_, answers := actionKinds()
		ps.add(at.key+".forward", "forward", "is for a service's rules: the default action must be %s", orList(answers))
	case at.service == nil:
		ps.add(at.key+".forward", "forward", "is for a service's rules: a stack rule redirects or answers itself; put a forwarding rule under its service")
	default:
		validateForward(at.key+".forward", *f, *at.service, ps)
	}
}

// Redirect answers with a redirect to To, a URL whose parts may use the
// request's #{host}, #{path} and #{query}: https://meething.net/#{path}?#{query}.
type Redirect struct {
	// To is the URL to redirect to: https or http, a host, and optionally
	// a port, a path and a query, each of which may be a #{...} of the
	// request.
	To string `json:"to"`
	// StatusCode is the redirect's HTTP status. Default: 301.
	StatusCode int `json:"statusCode" oneof:"301 (permanent)|302 (temporary)"`
}

func (r *Redirect) setDefaults() {
	if r.StatusCode == 0 {
		r.StatusCode = 301
	}
}

// check checks the URL, and the status code against its oneof tag. Every redirect of the stack is
// on the HTTPS listener: "You can redirect HTTP to HTTP, HTTP to HTTPS, and
// HTTPS to HTTPS. You cannot redirect HTTPS to HTTP." And "You must modify
// at least one of the following components to avoid a redirect loop:
// protocol, hostname, port, or path" (ELB API reference,
// RedirectActionConfig).
func (r *Redirect) check(at actionAt, ps *problems) {
	rk := at.key + ".redirect"
	if t, err := ParseRedirect(r.To); err != nil {
		ps.add(rk+".to", r.To, "%s", err)
	} else if t.Protocol == "HTTP" {
		ps.add(rk+".to", r.To, "redirects to http: the rule is on the HTTPS listener, and AWS cannot redirect HTTPS to HTTP (use https or #{protocol})")
	} else if redirectsToItself(t, at.hosts) {
		ps.add(rk+".to", r.To, "changes none of the protocol, host, port and path: AWS refuses it, as browsers would loop (the query alone does not count)")
	}
	checkField(rk, *r, "statusCode", ps)
}

// redirectsToItself reports whether a redirect on the HTTPS listener keeps
// the request's protocol, host, port and path, for a request to one of the
// rule's hosts at least: AWS refuses the keywords alone (#{protocol},
// #{host}, #{port}, /#{path}), and a literal host the rule matches loops
// all the same.
func redirectsToItself(t ParsedRedirect, hosts []string) bool {
	sameHost := t.Host == KeywordHost || slices.ContainsFunc(hosts, func(h string) bool { return strings.EqualFold(h, t.Host) })
	return (t.Protocol == "HTTPS" || t.Protocol == KeywordProtocol) && sameHost &&
		(t.Port == "443" || t.Port == KeywordPort) && t.Path == "/"+KeywordPath
}

// FixedResponse answers the request itself.
type FixedResponse struct {
	// StatusCode is 2XX, 4XX or 5XX.
	StatusCode int `json:"statusCode" want:"a whole number: 2XX, 4XX or 5XX"`
	// ContentType is the body's media type, of those AWS allows. Default:
	// text/plain.
	ContentType string `json:"contentType" oneof:"text/plain|text/css|text/html|application/javascript|application/json"`
	// Body is at most 1024 characters. Default: empty.
	Body string `json:"body"`
}

func (f *FixedResponse) setDefaults() {
	if f.ContentType == "" {
		f.ContentType = "text/plain"
	}
}

// check checks the status code, the content type (its oneof tag: the valid
// values of ContentType in the ELB API reference, FixedResponseActionConfig)
// and the body's length.
func (f *FixedResponse) check(at actionAt, ps *problems) {
	fk := at.key + ".fixedResponse"
	if c := f.StatusCode / 100; f.StatusCode < 200 || f.StatusCode > 599 || c == 3 {
		ps.add(fk+".statusCode", strconv.Itoa(f.StatusCode), "must be 2XX, 4XX or 5XX (a redirect is a redirect action)")
	}
	checkField(fk, *f, "contentType", ps)
	if len(f.Body) > MaxFixedBodyLength {
		ps.add(fk+".body", fmt.Sprintf("%d characters", len(f.Body)), "must be at most %d characters", MaxFixedBodyLength)
	}
}
