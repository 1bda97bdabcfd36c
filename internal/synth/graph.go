package synth

import (
	"fmt"
	"io"
	"sort"
	"strings"
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
// what waits for it, and the critical path (the longest chain by typical
// creation time, which pulumi up waits for) drawn thick and marked.
func (p *Plan) WriteGraph(w io.Writer) error {
	var b strings.Builder
	ids := map[string]string{}
	var custom []*Resource
	for i := range p.Resources {
		r := &p.Resources[i]
		if r.Custom && !strings.HasPrefix(r.Type, "pulumi:providers:") {
			custom = append(custom, r)
		}
	}
	sort.Slice(custom, func(i, j int) bool { return custom[i].URN < custom[j].URN })
	for i, r := range custom {
		ids[r.URN] = fmt.Sprintf("r%d", i+1)
	}
	critical, seconds := criticalPath(custom, ids)
	onPath := map[string]bool{}
	for _, u := range critical {
		onPath[u] = true
	}

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
			if onPath[r.URN] {
				class = ":::critical"
			}
			fmt.Fprintf(&b, "%s%s[\"%s<br/><small>%s</small>\"]%s\n", indent, ids[r.URN], r.Name, shortTypeName(r.Type), class)
		}
		if parent != "" {
			b.WriteString("  end\n")
		}
	}
	for i, u := range critical {
		if i > 0 {
			fmt.Fprintf(&b, "  %s ==> %s\n", ids[critical[i-1]], ids[u])
		}
	}
	criticalEdge := map[[2]string]bool{}
	for i := 1; i < len(critical); i++ {
		criticalEdge[[2]string{critical[i-1], critical[i]}] = true
	}
	for _, r := range custom {
		for _, d := range r.Dependencies {
			if _, ok := ids[d]; ok && !criticalEdge[[2]string{d, r.URN}] {
				fmt.Fprintf(&b, "  %s --> %s\n", ids[d], ids[r.URN])
			}
		}
	}
	fmt.Fprintf(&b, "  classDef critical stroke:#d33,stroke-width:3px\n")
	fmt.Fprintf(&b, "  %%%% critical path: %d resources, about %d min %02d s of typical creation time\n", len(critical), seconds/60, seconds%60)
	_, err := io.WriteString(w, b.String())
	return err
}

// criticalPath returns the chain of resources with the longest total
// typical creation time, first to last, and that time.
func criticalPath(resources []*Resource, ids map[string]string) ([]string, int) {
	byURN := map[string]*Resource{}
	for _, r := range resources {
		byURN[r.URN] = r
	}
	finish := map[string]int{}
	prev := map[string]string{}
	var visit func(u string) int
	visit = func(u string) int {
		if f, ok := finish[u]; ok {
			return f
		}
		finish[u] = 0 // a cycle cannot happen in a plan; guard anyway
		start := 0
		for _, d := range byURN[u].Dependencies {
			if _, ok := byURN[d]; !ok {
				continue
			}
			if f := visit(d); f > start || (f == start && d < prev[u]) {
				start, prev[u] = f, d
			}
		}
		finish[u] = start + seconds(byURN[u].Type)
		return finish[u]
	}
	last, longest := "", -1
	for _, r := range resources {
		if f := visit(r.URN); f > longest {
			last, longest = r.URN, f
		}
	}
	var chain []string
	for u := last; u != ""; u = prev[u] {
		chain = append([]string{u}, chain...)
	}
	return chain, max(longest, 0)
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
