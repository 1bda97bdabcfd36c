package plandiff

import (
	"github.com/meething/edge/internal/servingpath"
	"github.com/meething/edge/internal/synth"
)

// markMoves marks each record change that moves a live name
// (servingpath.Moves) as one users rely on, with the hosts it moves.
// records are every record of either plan, by URN; stack are the DNS
// names of the stack's load balancers.
func markMoves(changes []Change, records map[string]servingpath.RecordChange, stack []string) {
	all := make([]servingpath.RecordChange, 0, len(records))
	for _, r := range records {
		all = append(all, r)
	}
	for i, c := range changes {
		rc, ok := records[c.URN]
		if c.Type != servingpath.RecordType || !ok {
			continue
		}
		if m := servingpath.Moves(rc, all, stack); m != "" {
			changes[i].Moves, changes[i].ReliedOn = m, true
		}
	}
}

// loadBalancerNames are the DNS names of a plan's load balancers: the
// alias targets that are the stack's own.
func loadBalancerNames(p *synth.Plan) []string {
	var out []string
	for _, r := range p.Resources {
		if name, ok := r.Outputs["dnsName"].(string); ok && r.Type == "aws:lb/loadBalancer:LoadBalancer" && name != "" {
			out = append(out, name)
		}
	}
	return out
}

// moved are the changes that move a live name.
func (r Report) moved() []Change {
	var out []Change
	for _, c := range r.Changes {
		if c.Moves != "" {
			out = append(out, c)
		}
	}
	return out
}
