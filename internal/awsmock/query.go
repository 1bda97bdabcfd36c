package awsmock

import "github.com/pulumi/pulumi/sdk/v3/go/common/resource"

// OfType returns the resources of a type token, sorted by URN.
func (m *Monitor) OfType(typ string) []*Resource {
	var out []*Resource
	for _, r := range m.Resources() {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

// Named returns the resource of a type and logical name, or nil.
func (m *Monitor) Named(typ, name string) *Resource {
	for _, r := range m.OfType(typ) {
		if r.Name == name {
			return r
		}
	}
	return nil
}

// ByURN returns the resource with the URN, or nil.
func (m *Monitor) ByURN(urn string) *Resource {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.resources[urn]
}

// DependsOn reports whether r waits for dep, directly or through a chain.
func (m *Monitor) DependsOn(r, dep *Resource) bool {
	seen := map[string]bool{}
	var walk func(urn string) bool
	walk = func(urn string) bool {
		if seen[urn] {
			return false
		}
		seen[urn] = true
		res := m.ByURN(urn)
		if res == nil {
			return false
		}
		for _, d := range res.Dependencies {
			if d == dep.URN || walk(d) {
				return true
			}
		}
		return false
	}
	return walk(r.URN)
}

// Input returns the value of an input property as plain Go (maps, slices,
// strings, float64, bool); secrets are unwrapped.
func (r *Resource) Input(key string) any {
	v, ok := r.Inputs[resource.PropertyKey(key)]
	if !ok {
		return nil
	}
	return Plain(v)
}

// Output returns the value of an output property as plain Go.
func (r *Resource) Output(key string) any {
	v, ok := r.Outputs[resource.PropertyKey(key)]
	if !ok {
		return nil
	}
	return Plain(v)
}

// Plain converts a property value to plain Go values.
func Plain(v resource.PropertyValue) any {
	switch {
	case v.IsSecret():
		return Plain(v.SecretValue().Element)
	case v.IsNull():
		return nil
	case v.IsArray():
		out := make([]any, 0, len(v.ArrayValue()))
		for _, e := range v.ArrayValue() {
			out = append(out, Plain(e))
		}
		return out
	case v.IsObject():
		out := map[string]any{}
		for k, e := range v.ObjectValue() {
			out[string(k)] = Plain(e)
		}
		return out
	case v.IsResourceReference():
		return string(v.ResourceReferenceValue().URN)
	case v.IsOutput():
		if o := v.OutputValue(); o.Known {
			return Plain(o.Element)
		}
		return nil
	case v.IsComputed():
		return nil
	}
	return v.V
}
