package previewguard

import "github.com/meething/edge/internal/servingpath"

// recordsOf returns the preview's Route53 records before and after, by the
// index of their step (a replacement by its "replace" step; every record
// the preview leaves alone too, for the weight shares), and the DNS names
// of the stack's load balancers.
func recordsOf(steps []Step) (map[int]servingpath.RecordChange, []string) {
	records := map[int]servingpath.RecordChange{}
	var stack []string
	for i, s := range steps {
		typ, _ := typeAndName(s.URN)
		var was, is map[string]any
		if s.OldState != nil {
			was = s.OldState.Inputs
		}
		if s.NewState != nil {
			is = s.NewState.Inputs
		}
		if typ == "aws:lb/loadBalancer:LoadBalancer" {
			for _, st := range []*State{s.OldState, s.NewState} {
				if name, ok := st.output("dnsName"); ok {
					stack = append(stack, name)
				}
			}
		}
		if typ != servingpath.RecordType {
			continue
		}
		switch s.Op {
		case "same", "update", "replace":
			if was == nil {
				was = is
			}
			if is == nil {
				is = was
			}
			records[i] = servingpath.RecordChange{Old: was, New: is}
		case "create":
			records[i] = servingpath.RecordChange{New: is}
		case "delete":
			records[i] = servingpath.RecordChange{Old: was}
		}
	}
	return records, stack
}

// output is a string output of the state, if it has one.
func (s *State) output(name string) (string, bool) {
	if s == nil {
		return "", false
	}
	v, ok := s.Outputs[name].(string)
	return v, ok && v != ""
}
