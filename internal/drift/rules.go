package drift

import (
	"fmt"
	"slices"
	"strings"

	"github.com/meething/edge/internal/lbaction"
	"github.com/meething/edge/stackconfig"
)

// compareRules reports each rule on the stack's listeners that the stack
// did not create: what it matches, what it does, and the stack's hosts it
// takes over. An ALB evaluates a listener's rules from the lowest priority
// number up and acts on the first that matches; the default action last
// (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-rules.html#rule-priority).
// So a hand-made rule takes a host over when it matches the host and its
// number is lower than every stack rule's on that listener for the host,
// or when no stack rule there matches the host (the default action served it).
func compareRules(m Managed, e Edge) []Finding {
	own := map[string]bool{}
	for _, r := range m.Rules {
		own[r.ARN] = true
	}
	ports := map[string]string{}
	for _, l := range m.Listeners {
		ports[l.ARN] = fmt.Sprintf("%s:%d", l.Protocol, l.Port)
	}
	var out []Finding
	for _, r := range e.Rules {
		if own[r.ARN] {
			continue
		}
		var taken, words []string
		for _, h := range m.Hosts {
			if !r.matchesHost(h) {
				continue
			}
			// The stack's rule that serves every request for the host: one
			// that matches it on the host alone. A rule of the stack's with
			// a path or another condition serves part of it, so a hand-made
			// rule ahead of the catch-all still takes the rest.
			best := (*Rule)(nil)
			for i, s := range m.Rules {
				if s.Listener == r.Listener && s.matchesHost(h) && len(s.Paths) == 0 && len(s.Other) == 0 && (best == nil || s.Priority < best.Priority) {
					best = &m.Rules[i]
				}
			}
			switch {
			case best == nil:
				taken = append(taken, h)
				words = append(words, h+" from the listener's default action")
			case r.Priority < best.Priority:
				taken = append(taken, h)
				words = append(words, fmt.Sprintf("%s from the stack's rule %s (priority %d)", h, cmpName(best), best.Priority))
			}
		}
		change := fmt.Sprintf("priority %d matches %s; %s", r.Priority, r.matchWords(), r.Action)
		if len(words) > 0 {
			partly := ""
			if len(r.Paths) > 0 || len(r.Other) > 0 {
				partly = " (the requests it matches)"
			}
			change += "; takes over " + strings.Join(words, ", ") + partly
		} else {
			change += "; takes over none of the stack's hosts"
		}
		if taken == nil {
			taken = []string{}
		}
		out = append(out, Finding{Kind: KindRule, Resource: "listener " + ports[r.Listener] + " rule " + lastPart(r.ARN), Change: change, Hosts: taken})
	}
	return out
}

func cmpName(r *Rule) string {
	if r.Name != "" {
		return r.Name
	}
	return lastPart(r.ARN)
}

// matchesHost reports whether a request for host can match the rule: its
// host-header condition matches host (none: any host), without case and
// with the condition's wildcards (lbaction.Match).
func (r Rule) matchesHost(host string) bool {
	if len(r.Hosts) == 0 {
		return true
	}
	for _, v := range r.Hosts {
		if lbaction.Match(v, host, true) {
			return true
		}
	}
	return false
}

func (r Rule) matchWords() string {
	var parts []string
	if len(r.Hosts) > 0 {
		parts = append(parts, "host "+strings.Join(r.Hosts, ", "))
	} else {
		parts = append(parts, "any host")
	}
	if len(r.Paths) > 0 {
		parts = append(parts, "path "+strings.Join(r.Paths, ", "))
	}
	parts = append(parts, r.Other...)
	return strings.Join(parts, ", ")
}

// compareCertificates reports each certificate on the stack's listeners
// that the stack did not put there, with the stack's hosts its names
// cover: an HTTPS listener with several certificates presents, per
// connection, the one that best matches the name the client asks for
// (SNI), so a certificate attached by hand may be presented for those
// hosts (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/https-listener-certificates.html).
// A certificate of the stack's that is gone from its listener is reported
// too.
func compareCertificates(m Managed, e Edge) []Finding {
	var out []Finding
	for _, l := range m.Listeners {
		got, want := e.Certificates[l.ARN], m.Certificates[l.ARN]
		name := fmt.Sprintf("listener %s:%d", l.Protocol, l.Port)
		for _, c := range got {
			if slices.Contains(want, c) {
				continue
			}
			names, known := e.CertificateNames[c]
			hosts := []string{}
			change := "certificate " + c + " attached beside the stack's"
			if known {
				for _, h := range m.Hosts {
					if stackconfig.CoveredBy(h, names) {
						hosts = append(hosts, h)
					}
				}
				change += " (names " + strings.Join(names, ", ") + "): the listener may present it for the hosts it covers"
			} else {
				change += " (its names could not be read from ACM): the listener may present it for any host it covers"
			}
			out = append(out, Finding{Kind: KindCertificate, Resource: name, Change: change, Hosts: hosts})
		}
		for _, c := range want {
			if e.Certificates != nil && !slices.Contains(got, c) {
				out = append(out, Finding{Kind: KindCertificate, Resource: name, Change: "the stack's certificate " + c + " is no longer on the listener", Hosts: slices.Clone(m.Hosts)})
			}
		}
	}
	return out
}
