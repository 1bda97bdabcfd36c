// Package lbaction describes what a load balancer listener does with a
// request (forward, redirect or answer it) in plain Go, with the names the
// provider gives listener actions, and what a request gets from each kind
// that answers itself (Answer): package loadbalancer builds every rule's
// action and the HTTPS listener's default action from it (Of), and package
// verify reads it back from a plan (Decode) and expects its Answer, so an
// action kind is described once. It also reads a rule's conditions from
// its inputs (ReadConditions), for verify's plan and drift's state alike,
// and matches a host or path against a condition's value (Match).
package lbaction

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/meething/edge/stackconfig"
)

// The action types.
const (
	TypeForward       = "forward"
	TypeRedirect      = "redirect"
	TypeFixedResponse = "fixed-response"
)

// Action is one action, its JSON that of the provider's inputs as a plan
// records them.
type Action struct {
	Type string `json:"type"`
	// TargetGroupArn is a plain forward's one group: its ARN in a plan,
	// its name in an action built by Of.
	TargetGroupArn string         `json:"targetGroupArn,omitempty"`
	Forward        *Forward       `json:"forward,omitempty"`
	Redirect       *Redirect      `json:"redirect,omitempty"`
	FixedResponse  *FixedResponse `json:"fixedResponse,omitempty"`
}

// Forward spreads requests over target groups by weight.
type Forward struct {
	TargetGroups []TargetGroup `json:"targetGroups"`
	Stickiness   *Stickiness   `json:"stickiness,omitempty"`
}

// TargetGroup is one group of a weighted forward. Arn is the group's ARN in
// a plan, its name (the service's own group being the service's name) in
// an action built by Of; package loadbalancer resolves the name.
type TargetGroup struct {
	Arn string `json:"arn"`
	// Weight is nil when the plan gives none: AWS weighs such a group 1.
	Weight *int `json:"weight,omitempty"`
}

// Stickiness keeps a client on the group it first reached.
type Stickiness struct {
	Enabled  bool `json:"enabled"`
	Duration int  `json:"duration"`
}

// Redirect is a redirect in the parts AWS takes (see
// stackconfig.ParseRedirect); an empty part keeps the request's. Every
// part is sent, empty or not, as the stack always has.
type Redirect struct {
	Protocol   string `json:"protocol"`
	Host       string `json:"host"`
	Port       string `json:"port"`
	Path       string `json:"path"`
	Query      string `json:"query"`
	StatusCode string `json:"statusCode"` // HTTP_301 or HTTP_302
}

// answer is what the redirect answers: its code, to its Location.
func (r Redirect) answer() Answer {
	return Answer{StatusCode: r.Code(), Location: r.Location()}
}

// FixedResponse answers the request itself.
type FixedResponse struct {
	StatusCode  string `json:"statusCode"` // "404"
	ContentType string `json:"contentType"`
	MessageBody string `json:"messageBody,omitempty"`
}

// answer is what the fixed response answers: its code and body.
func (f FixedResponse) answer() Answer {
	return Answer{StatusCode: f.Code(), Body: f.MessageBody, ContentType: f.ContentType}
}

// Of describes the action the config gives a rule or the HTTPS listener's
// default action: its forward over the service's groups by name, its
// redirect or its fixed response. ok is false when it gives none.
func Of(a stackconfig.Action) (action Action, ok bool, err error) {
	switch {
	case a.Forward != nil:
		f := &Forward{}
		for _, g := range slices.Sorted(maps.Keys(a.Forward.Weights)) {
			f.TargetGroups = append(f.TargetGroups, TargetGroup{Arn: g, Weight: ptr(a.Forward.Weights[g])})
		}
		if a.Forward.Stickiness > 0 {
			f.Stickiness = &Stickiness{Enabled: true, Duration: a.Forward.Stickiness}
		}
		return Action{Type: TypeForward, Forward: f}, true, nil
	case a.Redirect != nil:
		p, err := stackconfig.ParseRedirect(a.Redirect.To)
		return Action{Type: TypeRedirect, Redirect: &Redirect{
			Protocol: p.Protocol, Host: p.Host, Port: p.Port, Path: p.Path, Query: p.Query,
			StatusCode: "HTTP_" + strconv.Itoa(a.Redirect.StatusCode),
		}}, true, err
	case a.FixedResponse != nil:
		f := a.FixedResponse
		return Action{Type: TypeFixedResponse, FixedResponse: &FixedResponse{
			StatusCode: strconv.Itoa(f.StatusCode), ContentType: f.ContentType, MessageBody: f.Body,
		}}, true, nil
	}
	return Action{}, false, nil
}

// Answer is what a request gets from an action that answers it itself
// (every kind but a forward), as meething verify expects a probe to see
// it: the status code; then the Location header, for an action that gives
// one (a redirect), else the body, whole.
type Answer struct {
	// StatusCode is the redirect's (301, 302) or the fixed response's.
	StatusCode int `json:"statusCode,omitempty"`
	// Body and ContentType are the fixed response's.
	Body        string `json:"body,omitempty"`
	ContentType string `json:"contentType,omitempty"`
	// Location is the redirect's target, its parts possibly #{host},
	// #{path}, #{port}, #{query} or #{protocol}: as
	// "https://#{host}:443/#{path}?#{query}".
	Location string `json:"location,omitempty"`
}

// Answer is what the action answers itself; ok is false for a forward,
// which the service answers.
func (a Action) Answer() (answer Answer, ok bool) {
	switch {
	case a.Redirect != nil:
		return a.Redirect.answer(), true
	case a.FixedResponse != nil:
		return a.FixedResponse.answer(), true
	}
	return Answer{}, false
}

// ForwardTo is the plain forward to one group, by name (see TargetGroupArn).
func ForwardTo(group string) Action {
	return Action{Type: TypeForward, TargetGroupArn: group}
}

// Decode reads an action from a plan's inputs (a map of plain JSON values).
func Decode(v any) (Action, error) {
	var a Action
	b, err := json.Marshal(v)
	if err == nil {
		err = json.Unmarshal(b, &a)
	}
	if err != nil {
		return Action{}, fmt.Errorf("reading the action %v: %w", v, err)
	}
	return a, nil
}

// FirstGroup is the group a forward sends a request to that weights would
// send anywhere: the plain forward's, else the first with a weight above 0;
// empty for another action.
func (a Action) FirstGroup() string {
	if a.TargetGroupArn != "" {
		return a.TargetGroupArn
	}
	if a.Forward != nil {
		for _, g := range a.Forward.TargetGroups {
			if g.Weight == nil || *g.Weight > 0 {
				return g.Arn
			}
		}
	}
	return ""
}

// Code is the redirect's status code: 301 or 302 (301 when unset, as AWS
// has it).
func (r Redirect) Code() int {
	n, err := strconv.Atoi(strings.TrimPrefix(r.StatusCode, "HTTP_"))
	if err != nil {
		return 301
	}
	return n
}

// Location is where the redirect sends a request, each part it leaves out
// the request's keyword: https://meething.net:443/#{path}?#{query}.
func (r Redirect) Location() string {
	part := func(v, def string) string {
		if v == "" {
			return def
		}
		return v
	}
	return strings.ToLower(part(r.Protocol, stackconfig.KeywordProtocol)) + "://" + part(r.Host, stackconfig.KeywordHost) + ":" +
		part(r.Port, stackconfig.KeywordPort) + part(r.Path, "/"+stackconfig.KeywordPath) + "?" + part(r.Query, stackconfig.KeywordQuery)
}

// Code is the fixed response's status code.
func (f FixedResponse) Code() int {
	n, _ := strconv.Atoi(f.StatusCode)
	return n
}

func ptr[T any](v T) *T { return &v }
