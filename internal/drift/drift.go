// Package drift finds what changed at AWS behind a stack's back: what the
// stack manages that changed (Preview: pulumi preview --refresh
// --expect-no-changes through the Automation API, in meething diff's
// words), and what was added beside it that the stack does not manage
// (Compare): listener rules on its listeners, certificates on its HTTPS
// listener, record sets in its zone that no stack owns, records under its
// names in a parent zone, rules on its security groups, and a web ACL
// associated with its load balancer other than its own. Each finding names
// the stack's hosts it touches. What the stack manages comes from its
// state (FromState, state.go); what AWS holds from the SDK (Read, aws.go).
package drift

import (
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Kind is what a finding is about.
type Kind string

// The kinds of findings.
const (
	KindManaged      Kind = "managed"              // a managed resource differs from its state
	KindRule         Kind = "listener rule"        // a rule on the stack's listener it did not create
	KindCertificate  Kind = "listener certificate" // a certificate on its listener it did not attach
	KindRecord       Kind = "record"               // a record set in its zone no stack owns
	KindParentRecord Kind = "parent-zone record"   // a record under its names in a parent zone
	KindGroupRule    Kind = "security group rule"  // a rule on its security group it did not create
	KindWebACL       Kind = "web ACL association"  // its load balancer's web ACL is not its own
)

// Finding is one drift: the resource, what changed, and the stack's hosts
// it touches (none when it touches none of them).
type Finding struct {
	Kind     Kind     `json:"kind"`
	Resource string   `json:"resource"`
	Change   string   `json:"change"`
	Hosts    []string `json:"hosts"`
}

// Managed is what the stack manages on the edge, as its state holds it.
type Managed struct {
	Project, Stack string
	// Domain is the stack's domain, such as dev.meething.net.
	Domain string
	// LoadBalancer is the load balancer's ARN.
	LoadBalancer string
	Listeners    []Listener
	// Rules are the stack's listener rules.
	Rules []Rule
	// Certificates are the certificates the stack puts on each listener
	// (its default and the attached ones), by the listener's ARN.
	Certificates map[string][]string
	// Zones are the zones the stack writes records into.
	Zones []Zone
	// Records are every record set the stack writes, in any zone.
	Records []Record
	// SecurityGroups are the IDs of the stack's security groups, and
	// GroupRules the IDs (sgr-...) of the rules it creates on them.
	SecurityGroups []string
	GroupRules     map[string]bool
	// WebACL is the web ACL the stack associates with its load balancer;
	// "" for none.
	WebACL string
	// Hosts are the stack's hosts: those its listener rules match.
	Hosts []string
	// Expected are record sets, "NAME TYPE" (names.NormalizeEntry), that
	// are someone else's on purpose (an adopted zone's mail records, say):
	// not reported in any zone.
	Expected map[string]bool
}

// Listener is one of the stack's listeners.
type Listener struct {
	ARN      string
	Port     int
	Protocol string
}

// Rule is a listener rule: what it matches and what it does.
type Rule struct {
	ARN      string
	Name     string // the stack's logical name; "" at AWS
	Listener string
	// Priority is the rule's; a lower number is evaluated first.
	Priority int
	// Hosts and Paths are its host-header and path-pattern values; Other
	// its other conditions, in words.
	Hosts, Paths, Other []string
	// Action is what it does with a request, in words.
	Action string
}

// Zone is a zone the stack writes records into.
type Zone struct {
	ID, Name string
	// Parent marks a parent zone, where the stack writes only its
	// delegation (and owner record); otherwise the zone serves the
	// stack's names (created or adopted).
	Parent bool
}

// Record is one record set: in a zone, its name (lower case, no trailing
// dot, * for a wildcard), type and set identifier (weighted sets), and
// what it answers.
type Record struct {
	Zone, Name, Type, Set string
	Values                []string
	Alias                 string
}

func (r Record) key() string { return r.Zone + " " + r.Name + " " + r.Type + " " + r.Set }

// String is "NAME TYPE", with the set identifier of a weighted set.
func (r Record) String() string {
	s := r.Name + " " + r.Type
	if r.Set != "" {
		s += " (set " + r.Set + ")"
	}
	return s
}

// GroupRule is a security group rule at AWS.
type GroupRule struct {
	ID, Group   string
	Egress      bool
	Protocol    string
	From, To    int
	Peer        string
	Description string
}

// Edge is what AWS holds around what the stack manages.
type Edge struct {
	// Rules are the non-default rules of the stack's listeners.
	Rules []Rule
	// Certificates are the certificates on each of the stack's listeners,
	// by the listener's ARN.
	Certificates map[string][]string
	// CertificateNames are the names a certificate covers, by ARN; a
	// certificate absent here could not be read.
	CertificateNames map[string][]string
	// Records are the record sets of each of the stack's zones, by ID.
	Records map[string][]Record
	// GroupRules are the rules of the stack's security groups.
	GroupRules []GroupRule
	// WebACL is the web ACL associated with the load balancer; "" none.
	WebACL string
}

// Compare returns what the edge holds beside what the stack manages, each
// with the stack's hosts it touches, sorted by kind and resource.
func Compare(m Managed, e Edge) []Finding {
	var out []Finding
	out = append(out, compareRules(m, e)...)
	out = append(out, compareCertificates(m, e)...)
	out = append(out, compareRecords(m, e)...)
	out = append(out, compareGroupRules(m, e)...)
	if e.WebACL != m.WebACL {
		out = append(out, webACLFinding(m, e.WebACL))
	}
	Sort(out)
	return out
}

// Sort orders findings by kind, then resource.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Kind != fs[j].Kind {
			return fs[i].Kind < fs[j].Kind
		}
		return fs[i].Resource < fs[j].Resource
	})
}

func webACLFinding(m Managed, got string) Finding {
	want := "none"
	if m.WebACL != "" {
		want = arnName(m.WebACL, "webacl/")
	}
	change := "associated with web ACL " + arnName(got, "webacl/") + " (" + got + "); the stack associates " + want
	if got == "" {
		change = "no web ACL associated; the stack associates " + want + " (" + m.WebACL + ")"
	}
	return Finding{Kind: KindWebACL, Resource: "load balancer " + arnName(m.LoadBalancer, "loadbalancer/app/"), Change: change, Hosts: slices.Clone(m.Hosts)}
}

// compareGroupRules reports each rule of the stack's security groups that
// its state does not hold. A group the stack creates holds only the
// stack's rules: the provider removes the all-egress rule AWS adds to a
// new group (terraform-provider-aws,
// website/docs/r/security_group.html.markdown, "Note on Egress rules").
func compareGroupRules(m Managed, e Edge) []Finding {
	var out []Finding
	for _, r := range e.GroupRules {
		if m.GroupRules[r.ID] {
			continue
		}
		dir, peer := "ingress", "from "
		if r.Egress {
			dir, peer = "egress", "to "
		}
		ports := "all ports"
		switch {
		case r.Protocol == "-1":
			ports = "all traffic"
		case r.From == r.To:
			ports = r.Protocol + " " + strconv.Itoa(r.From)
		default:
			ports = r.Protocol + " " + strconv.Itoa(r.From) + "-" + strconv.Itoa(r.To)
		}
		change := dir + " " + ports + " " + peer + r.Peer + ", added beside the stack's rules"
		if r.Description != "" {
			change += " (" + r.Description + ")"
		}
		out = append(out, Finding{Kind: KindGroupRule, Resource: "security group " + r.Group + " rule " + r.ID, Change: change, Hosts: slices.Clone(m.Hosts)})
	}
	return out
}

// lastPart is an ARN's last /-separated part, or the string itself.
func lastPart(arn string) string {
	if i := strings.LastIndex(arn, "/"); i >= 0 && i < len(arn)-1 {
		return arn[i+1:]
	}
	return arn
}

// arnName is the name in an ARN whose resource part is KIND/NAME/ID
// (after prefix, such as "webacl/" or "loadbalancer/app/"), or the ARN's
// last part.
func arnName(arn, prefix string) string {
	if _, rest, ok := strings.Cut(arn, ":"+prefix); ok {
		if name, _, ok := strings.Cut(rest, "/"); ok {
			return name
		}
	}
	if _, rest, ok := strings.Cut(arn, "/"+prefix); ok {
		if name, _, ok := strings.Cut(rest, "/"); ok {
			return name
		}
	}
	return lastPart(arn)
}
