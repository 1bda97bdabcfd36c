// Package tags builds the tag sets the stack puts on every taggable resource:
// the project, the stack, the component that owns the resource and its name.
package tags

import (
	"maps"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Set is a tag set. Its methods return copies and never change the receiver.
type Set map[string]string

// Base returns the tags every resource of a stack carries: Project, Stack and
// ManagedBy, over the user's extra tags.
func Base(project, stack string, extra map[string]string) Set {
	s := Set{}
	maps.Copy(s, extra)
	s["Project"] = project
	s["Stack"] = stack
	s["ManagedBy"] = "pulumi"
	return s
}

// With returns a copy of s with key set to value.
func (s Set) With(key, value string) Set {
	out := make(Set, len(s)+1)
	maps.Copy(out, s)
	out[key] = value
	return out
}

// Component returns a copy of s tagged with the owning component.
func (s Set) Component(component string) Set { return s.With("Component", component) }

// Named returns the tags as a resource input, with Name set to name.
func (s Set) Named(name string) pulumi.StringMap {
	return pulumi.ToStringMap(s.With("Name", name))
}
