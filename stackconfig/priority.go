package stackconfig

import "hash/fnv"

// DerivedPriority is the listener-rule priority of a service that sets none:
// a hash of its name folded into 1 to MaxRulePriority. It depends on the name alone, so
// adding or removing other services never moves a rule. Two names can collide;
// validation rejects that and asks for an explicit priority.
//
// Example: DerivedPriority("api") is always the same number, whatever else is
// in meething:services.
func DerivedPriority(name string) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(name))
	return int(h.Sum32()%uint32(MaxRulePriority)) + 1
}

// RulePriority is the service's explicit priority, or its derived one.
func (s Service) RulePriority() int {
	if s.Priority != nil {
		return *s.Priority
	}
	return DerivedPriority(s.Name)
}
