package loadbalancer_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/loadbalancer"
)

// taggable are the types that take tags; target group attachments do not.
var taggable = map[string]bool{
	typeALB:      true,
	typeSG:       true,
	typeIngress:  true,
	typeEgress:   true,
	typeTG:       true,
	typeListener: true,
	typeRule:     true,
}

func TestTags(t *testing.T) {
	tests := []struct {
		name      string
		extra     map[string]string
		ipv6      bool
		wantCount int
	}{
		{
			name:  "with user tags",
			extra: map[string]string{"Team": "edge", "CostCenter": "42"},
			// ALB, 2 SGs, 2 public rules, 4 target rules, 2 listeners,
			// 3 target groups, 3 rules.
			wantCount: 1 + 2 + 2 + 4 + 2 + 3 + 3,
		},
		{
			name:      "without user tags, ipv6",
			ipv6:      true,
			wantCount: 1 + 2 + 4 + 4 + 2 + 3 + 3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRunLB(t, func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
				a.Tags = tt.extra
				a.DualStack = tt.ipv6
				return a
			})
			serviceOf := map[string]string{}
			for _, s := range baseServices() {
				serviceOf[lbName+"-"+s.Name] = s.Name
			}

			count := 0
			for _, res := range r.children() {
				if !taggable[res.Type] {
					assert.Equal(t, typeAttachment, res.Type, "is %s taggable? add it to the test", res.Type)
					continue
				}
				count++
				tags, ok := res.Input("tags").(map[string]any)
				require.True(t, ok, "%s %s has no tags", res.Type, res.Name)

				want := map[string]any{"Component": "loadbalancer", "Name": res.Name}
				for k, v := range tt.extra {
					want[k] = v
				}
				svc, isService := serviceOf[res.Name]
				if isService && (res.Type == typeTG || res.Type == typeRule) {
					want["Service"] = svc
				}
				assert.Equal(t, want, tags, "tags of %s %s", res.Type, res.Name)
				if res.Type == typeTG || res.Type == typeRule {
					assert.True(t, isService && strings.HasSuffix(res.Name, "-"+svc), "%s %s", res.Type, res.Name)
				}
			}
			assert.Equal(t, tt.wantCount, count, "taggable resources")
		})
	}
}
