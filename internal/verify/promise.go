// Package verify checks a deployed edge against what its stack promises:
// that every host resolves to the stack's load balancer, that plain HTTP
// redirects to HTTPS, that HTTPS presents a valid certificate for the host
// with the configured response headers, and that each host answers as its
// listener rule says (a service's health-check path reaches the service, a
// host no rule matches gets the default action).
//
// A Promise is read from the stack's offline plan (FromPlan) and completed
// with the deployed stack's outputs (ApplyOutputs). Run checks every host of
// a Promise and returns a Report; each check is also a method of Prober, so
// a test can run one check on its own. Nothing here knows Pulumi or AWS
// APIs: it speaks DNS, TCP, TLS and HTTP only.
package verify

import (
	"fmt"
	"slices"
	"strings"

	"github.com/meething/edge/internal/lbaction"
)

// Kind is what a host's HTTPS answer should be.
type Kind string

const (
	// KindService: a rule forwards the host to a service; its health-check
	// path must reach the service.
	KindService Kind = "service"
	// KindRedirect: a rule answers the host with a redirect. A rule that
	// answers the host itself is of the kind its action's type names.
	KindRedirect Kind = lbaction.TypeRedirect
	// KindFixed: a rule answers the host with a fixed response.
	KindFixed Kind = lbaction.TypeFixedResponse
	// KindDefault: no rule matches the host; the listener's default action
	// answers.
	KindDefault Kind = "default"
)

// Action is what a listener rule or default action does, as the plan
// records it: the answer of an action that answers itself (package
// lbaction says what each kind answers), or a forward's target group.
type Action struct {
	// Type is the action's type: forward, redirect, fixed-response.
	Type string `json:"type"`
	// Answer is what an action that answers itself answers; empty for a
	// forward.
	lbaction.Answer
	// TargetGroup is the forward's target group (the first of a weighted
	// forward with weight above 0), by its resource name.
	TargetGroup string `json:"targetGroup,omitempty"`
	// HealthPath and Matcher are the target group's health check; a gRPC
	// group's matcher is prefixed "grpc:".
	HealthPath string `json:"healthPath,omitempty"`
	Matcher    string `json:"matcher,omitempty"`
}

// Host is one host name the stack serves and what it should answer.
type Host struct {
	Name string `json:"host"`
	Kind Kind   `json:"kind"`
	// Rule is the listener rule's resource name; empty for KindDefault.
	Rule string `json:"rule,omitempty"`
	// Path is the path the HTTPS check requests: the health-check path of a
	// service, a path the rule matches, or /.
	Path string `json:"path"`
	// Expect is the action that should answer Path on this host.
	Expect Action `json:"expect"`
	// Unsure says why the answer cannot be checked (the rule also matches
	// on headers, methods, query strings or source addresses); empty when
	// it can.
	Unsure string `json:"unsure,omitempty"`
	// Signature is what a service's answer must carry besides a code of
	// its health check's matcher (the service's answer in the stack file);
	// nil when any such answer passes.
	Signature *Signature `json:"signature,omitempty"`
}

// Signature is what a service's own answer carries that another service's
// does not: a header (Header, with HeaderValue, or any value when that is
// empty), text in the body (Contains), or both.
type Signature struct {
	Header      string `json:"header,omitempty"`
	HeaderValue string `json:"headerValue,omitempty"`
	Contains    string `json:"contains,omitempty"`
}

// Promise is what a stack promises its users.
type Promise struct {
	Stack  string `json:"stack"`
	Domain string `json:"domain"`
	// Hosts are sorted by name.
	Hosts []Host `json:"hosts"`
	// IPv4 and IPv6 say over which protocols the load balancer is reached:
	// IPv6 with dualStack, IPv4 unless the load balancer has no public IPv4.
	IPv4 bool `json:"ipv4"`
	IPv6 bool `json:"ipv6"`
	// Headers are the response headers the HTTPS listener adds, by name.
	Headers map[string]string `json:"headers,omitempty"`
	// Default is the HTTPS listener's default action.
	Default Action `json:"default"`
	// Aliased says the stack points names at its load balancer (alias
	// records); without them the names are someone else's to move.
	Aliased bool `json:"aliased"`
	// LoadBalancer is the load balancer's DNS name and NameServers the
	// zone's name servers (host or host:port): from the deployed stack's
	// outputs, never from the offline plan, whose values are made up.
	LoadBalancer string   `json:"loadBalancer"`
	NameServers  []string `json:"nameServers"`
}

// UnmatchedLabel is the first label of the host under the wildcard that the
// checks use as a host no rule matches: meething-verify-unmatched.<domain>.
const UnmatchedLabel = "meething-verify-unmatched"

// Host returns the host named name, or nil.
func (p *Promise) Host(name string) *Host {
	for i := range p.Hosts {
		if strings.EqualFold(p.Hosts[i].Name, name) {
			return &p.Hosts[i]
		}
	}
	return nil
}

// ApplyOutputs takes the load balancer's DNS name and the zone's name
// servers from a deployed stack's outputs (as `pulumi stack output --json`
// prints them: albDnsName, nameServers), and returns the service hosts the
// outputs name (serviceUrls) that the promise lacks: the working tree and
// the deployed stack differ.
func (p *Promise) ApplyOutputs(outputs map[string]any) (missing []string, err error) {
	if s, ok := outputs["albDnsName"].(string); ok && s != "" {
		p.LoadBalancer = s
	} else if v, present := outputs["albDnsName"]; present {
		return nil, fmt.Errorf("the output albDnsName is %#v, want a DNS name", v)
	}
	if v, present := outputs["nameServers"]; present {
		list, _ := v.([]any)
		var ns []string
		for _, n := range list {
			if s, ok := n.(string); ok && s != "" {
				ns = append(ns, s)
			}
		}
		if len(ns) == 0 || len(ns) != len(list) {
			return nil, fmt.Errorf("the output nameServers is %#v, want a list of DNS names", v)
		}
		p.NameServers = ns
	}
	urls, _ := outputs["serviceUrls"].(map[string]any)
	for _, v := range urls {
		s, _ := v.(string)
		host := strings.TrimPrefix(s, "https://")
		if host != "" && p.Host(host) == nil {
			missing = append(missing, host)
		}
	}
	slices.Sort(missing)
	return missing, nil
}
