package loadbalancer_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/stackconfig"
)

// byKey indexes the run's resources by type and logical name.
func byKey(r *result) map[string]*awsmock.Resource {
	out := map[string]*awsmock.Resource{}
	for _, res := range r.Resources() {
		out[res.Type+"::"+res.Name] = res
	}
	return out
}

func key(typ, name string) string { return typ + "::" + name }

// without returns services minus the named one.
func without(services []stackconfig.Service, name string) []stackconfig.Service {
	var out []stackconfig.Service
	for _, s := range services {
		if s.Name != name {
			out = append(out, s)
		}
	}
	return out
}

func TestChangingServicesTouchesOnlyThatService(t *testing.T) {
	videoResources := []string{
		key(typeTG, "edge-video"),
		key(typeRule, "edge-video"),
		key(typeAttachment, "edge-video-i-0vvv"),
	}
	videoPortRules := []string{
		key(typeEgress, "edge-alb-out-9000"),
		key(typeIngress, "edge-targets-in-9000"),
	}
	tests := []struct {
		name        string
		services    []stackconfig.Service
		wantAdded   []string
		wantRemoved []string
	}{
		{
			name:      "add video on a port already used",
			services:  append(baseServices(), video(8080)),
			wantAdded: videoResources,
		},
		{
			name:      "add video on a port used by one other service",
			services:  append(baseServices(), video(8443)),
			wantAdded: videoResources,
		},
		{
			name:      "add video on a new port",
			services:  append(baseServices(), video(9000)),
			wantAdded: append(append([]string{}, videoResources...), videoPortRules...),
		},
		{
			name:      "add video first, on a new port",
			services:  append([]stackconfig.Service{video(9000)}, baseServices()...),
			wantAdded: append(append([]string{}, videoResources...), videoPortRules...),
		},
		{
			name:     "remove chat, the only service on its port",
			services: without(baseServices(), "chat"),
			wantRemoved: []string{
				key(typeTG, "edge-chat"),
				key(typeRule, "edge-chat"),
				key(typeAttachment, "edge-chat-10.0.1.10"),
				key(typeEgress, "edge-alb-out-8443"),
				key(typeIngress, "edge-targets-in-8443"),
			},
		},
		{
			name:     "remove api, whose port config still uses",
			services: without(baseServices(), "api"),
			wantRemoved: []string{
				key(typeTG, "edge-api"),
				key(typeRule, "edge-api"),
				key(typeAttachment, "edge-api-i-0aaa"),
				key(typeAttachment, "edge-api-i-0bbb"),
			},
		},
		{
			name: "reorder services",
			services: func() []stackconfig.Service {
				s := baseServices()
				return []stackconfig.Service{s[2], s[0], s[1]}
			}(),
		},
	}

	before := byKey(mustRunLB(t, nil))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			after := byKey(mustRunLB(t, withServices(tt.services)))

			var added, removed []string
			for k := range after {
				if before[k] == nil {
					added = append(added, k)
				}
			}
			for k := range before {
				if after[k] == nil {
					removed = append(removed, k)
				}
			}
			assert.ElementsMatch(t, tt.wantAdded, added, "added resources")
			assert.ElementsMatch(t, tt.wantRemoved, removed, "removed resources")

			for k, b := range before {
				a := after[k]
				if a == nil {
					continue
				}
				assert.Equal(t, b.URN, a.URN, "URN of %s", k)
				assert.Equal(t, plainInputs(b), plainInputs(a), "inputs of %s", k)
			}
		})
	}
}

// TestSameArgsSameResources guards the comparison above: two runs of the
// same arguments must be identical, or the change test proves nothing.
func TestSameArgsSameResources(t *testing.T) {
	a, b := mustRunLB(t, nil), mustRunLB(t, nil)
	ra, rb := a.Resources(), b.Resources()
	require.Equal(t, len(ra), len(rb))
	for i := range ra {
		assert.Equal(t, ra[i].URN, rb[i].URN)
		assert.Equal(t, plainInputs(ra[i]), plainInputs(rb[i]), "inputs of %s", ra[i].URN)
		assert.Equal(t, ra[i].ID, rb[i].ID)
	}
}
