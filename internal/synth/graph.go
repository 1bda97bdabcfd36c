package synth

import (
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// CreationSeconds are typical creation times by type, from experience of
// AWS deployments: what makes the critical path long. A type not listed
// takes DefaultCreationSeconds.
var CreationSeconds = map[string]int{
	"aws:acm/certificateValidation:CertificateValidation": 300, // ACM sees the DNS record and issues
	"aws:lb/loadBalancer:LoadBalancer":                    180, // provisioning to active
	"aws:route53/record:Record":                           60,  // until the change is INSYNC
	"aws:route53/zone:Zone":                               45,
	"aws:wafv2/webAclAssociation:WebAclAssociation":       30,
	"aws:acm/certificate:Certificate":                     10,
	"aws:wafv2/webAcl:WebAcl":                             10,
	"aws:iam/role:Role":                                   10,
}

// DefaultCreationSeconds is the typical creation time of the other types.
const DefaultCreationSeconds = 5

// WriteGraph prints the plan as a Mermaid flowchart: every cloud resource
// by its logical name, inside its component, an arrow from each resource to
// what waits for it, and the critical path (every chain of the longest
// typical creation time, which pulumi up waits for) drawn thick and marked.
// A node's ID is its resource's type and name (NodeID), never a position,
// so adding a resource adds lines and changes none.
func (p *Plan) WriteGraph(w io.Writer) error {
	var b strings.Builder
	var custom []*Resource
	for i := range p.Resources {
		r := &p.Resources[i]
		if r.Custom && !strings.HasPrefix(r.Type, "pulumi:providers:") {
			custom = append(custom, r)
		}
	}
	sort.Slice(custom, func(i, j int) bool { return custom[i].URN < custom[j].URN })
	ids := nodeIDs(custom)
	cp := criticalPath(custom)

	b.WriteString("flowchart LR\n")
	byParent := map[string][]*Resource{}
	var parents []string
	for _, r := range custom {
		if _, seen := byParent[r.Parent]; !seen {
			parents = append(parents, r.Parent)
		}
		byParent[r.Parent] = append(byParent[r.Parent], r)
	}
	sort.Strings(parents)
	for _, parent := range parents {
		indent := "  "
		if parent != "" {
			name := componentName(p, parent)
			fmt.Fprintf(&b, "  subgraph %s[\"%s\"]\n", mermaidID(name), name)
			indent = "    "
		}
		for _, r := range byParent[parent] {
			class := ""
			if cp.nodes[r.URN] {
				class = ":::critical"
			}
			fmt.Fprintf(&b, "%s%s[\"%s<br/><small>%s</small>\"]%s\n", indent, ids[r.URN], r.Name, shortTypeName(r.Type), class)
		}
		if parent != "" {
			b.WriteString("  end\n")
		}
	}
	for _, r := range custom {
		for _, d := range r.Dependencies {
			if _, ok := ids[d]; !ok {
				continue
			}
			arrow := "-->"
			if cp.edges[[2]string{d, r.URN}] {
				arrow = "==>"
			}
			fmt.Fprintf(&b, "  %s %s %s\n", ids[d], arrow, ids[r.URN])
		}
	}
	fmt.Fprintf(&b, "  classDef critical stroke:#d33,stroke-width:3px\n")
	fmt.Fprintf(&b, "  %%%% critical path: %d resources, about %d min %02d s of typical creation time\n", cp.length, cp.seconds/60, cp.seconds%60)
	_, err := io.WriteString(w, b.String())
	return err
}

// NodeID is the resource's node in the flowchart: its short type and its
// name, each character Mermaid does not take in an ID an underscore
// (Record_meething_wildcard_A).
func NodeID(r *Resource) string {
	return strings.Map(func(c rune) rune {
		if c < 128 && (unicode.IsLetter(c) || unicode.IsDigit(c)) {
			return c
		}
		return '_'
	}, shortTypeName(r.Type)+"_"+r.Name)
}

// nodeIDs gives each resource its NodeID; the rare second resource of one
// type and name (under another component) gets its URN's hash appended.
func nodeIDs(resources []*Resource) map[string]string {
	ids := map[string]string{}
	taken := map[string]bool{}
	for _, r := range resources {
		id := NodeID(r)
		if taken[id] {
			h := fnv.New32a()
			h.Write([]byte(r.URN))
			id = fmt.Sprintf("%s_%08x", id, h.Sum32())
		}
		taken[id] = true
		ids[r.URN] = id
	}
	return ids
}

// critical is the plan's critical path: the resources and dependencies on
// a chain of the longest total typical creation time (every such chain,
// so that a tie does not hang on names), the most resources one such
// chain holds, and that time.
type critical struct {
	nodes   map[string]bool
	edges   map[[2]string]bool
	length  int
	seconds int
}

func criticalPath(resources []*Resource) critical {
	byURN := map[string]*Resource{}
	for _, r := range resources {
		byURN[r.URN] = r
	}
	deps := func(u string) []string {
		var out []string
		for _, d := range byURN[u].Dependencies {
			if _, ok := byURN[d]; ok {
				out = append(out, d)
			}
		}
		return out
	}
	dependents := map[string][]string{}
	for _, r := range resources {
		for _, d := range deps(r.URN) {
			dependents[d] = append(dependents[d], r.URN)
		}
	}
	// finish: the earliest a resource is done; tail: the longest time from
	// its start to the end of the deployment, itself included.
	took := func(u string) int { return seconds(byURN[u].Type) }
	finish := longestChain(deps, took)
	tail := longestChain(func(u string) []string { return dependents[u] }, took)
	longest := 0
	for _, r := range resources {
		longest = max(longest, finish(r.URN))
	}
	c := critical{nodes: map[string]bool{}, edges: map[[2]string]bool{}, seconds: longest}
	if len(resources) == 0 {
		return c
	}
	onPath := func(u string) bool { return finish(u)-took(u)+tail(u) == longest }
	// count: the most resources of a critical chain from a resource to the
	// end, once every critical edge is known.
	count := longestChain(func(u string) []string {
		return slices.DeleteFunc(slices.Clone(dependents[u]), func(v string) bool { return !c.edges[[2]string{u, v}] })
	}, func(string) int { return 1 })
	for _, r := range resources {
		if !onPath(r.URN) {
			continue
		}
		c.nodes[r.URN] = true
		for _, d := range deps(r.URN) {
			if onPath(d) && finish(d) == finish(r.URN)-seconds(r.Type) {
				c.edges[[2]string{d, r.URN}] = true
			}
		}
	}
	for _, r := range resources {
		if c.nodes[r.URN] && finish(r.URN) == seconds(r.Type) {
			c.length = max(c.length, count(r.URN))
		}
	}
	return c
}

// longestChain returns, memoized, the most that weight(u) plus its own
// value at one of next(u) comes to: the heaviest chain from u along next.
func longestChain(next func(string) []string, weight func(string) int) func(string) int {
	memo := map[string]int{}
	var visit func(u string) int
	visit = func(u string) int {
		if n, ok := memo[u]; ok {
			return n
		}
		memo[u] = 0 // a cycle cannot happen in a plan; guard anyway
		most := 0
		for _, v := range next(u) {
			most = max(most, visit(v))
		}
		memo[u] = weight(u) + most
		return memo[u]
	}
	return visit
}

func seconds(typ string) int {
	if s, ok := CreationSeconds[typ]; ok {
		return s
	}
	return DefaultCreationSeconds
}

func componentName(p *Plan, urn string) string {
	if r := p.Resource(urn); r != nil {
		return r.Type
	}
	return urn
}

func mermaidID(s string) string {
	return strings.NewReplacer(":", "_", "/", "_", "-", "_", ".", "_").Replace(s)
}

func shortTypeName(typ string) string {
	if i := strings.LastIndex(typ, ":"); i >= 0 {
		return typ[i+1:]
	}
	return typ
}
