package loadbalancer_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/stackconfig"
)

func TestServiceTargetGroups(t *testing.T) {
	r := mustRunLB(t, nil)
	services := baseServices()
	require.Len(t, r.OfType(typeTG), len(services), "one target group per service, no more")

	for _, s := range services {
		t.Run(s.Name, func(t *testing.T) {
			tg := r.must(t, typeTG, lbName+"-"+s.Name)

			assert.Nil(t, tg.Input("name"), "target groups must be auto-named")
			assert.Nil(t, tg.Input("namePrefix"), "target groups must be auto-named")
			assert.False(t, tg.DeleteBeforeReplace)
			assert.Equal(t, vpcID, tg.Input("vpcId"))
			assert.Equal(t, s.Port, num(t, tg, "port"))
			assert.Equal(t, s.Protocol, tg.Input("protocol"))
			assert.Equal(t, s.TargetType, tg.Input("targetType"))
			assert.Equal(t, s.DeregistrationDelay, num(t, tg, "deregistrationDelay"))

			hc := s.HealthCheck
			assert.Equal(t, map[string]any{
				"enabled":            true,
				"path":               hc.Path,
				"matcher":            hc.Matcher,
				"interval":           float64(hc.Interval),
				"timeout":            float64(hc.Timeout),
				"healthyThreshold":   float64(hc.HealthyThreshold),
				"unhealthyThreshold": float64(hc.UnhealthyThreshold),
				"port":               "traffic-port",
				"protocol":           s.Protocol,
			}, tg.Input("healthCheck"))
		})
	}
}

func TestServiceListenerRules(t *testing.T) {
	r := mustRunLB(t, nil)
	services := baseServices()
	require.Len(t, r.OfType(typeRule), len(services), "one rule per service, no more")
	httpsArn := r.httpsListener(t).Output("arn")
	require.NotEmpty(t, httpsArn)
	require.NotEqual(t, r.httpListener(t).Output("arn"), httpsArn)

	for _, s := range services {
		t.Run(s.Name, func(t *testing.T) {
			rule := r.must(t, typeRule, lbName+"-"+s.Name)
			tg := r.must(t, typeTG, lbName+"-"+s.Name)

			assert.Equal(t, httpsArn, rule.Input("listenerArn"), "rules belong on the HTTPS listener")
			assert.Equal(t, s.RulePriority(), num(t, rule, "priority"))

			conditions, ok := rule.Input("conditions").([]any)
			require.True(t, ok, "conditions: %#v", rule.Input("conditions"))
			require.Len(t, conditions, 1, "exactly one condition")
			cond := conditions[0].(map[string]any)
			assert.Len(t, cond, 1, "the condition must be a host header only: %#v", cond)
			hostHeader, ok := cond["hostHeader"].(map[string]any)
			require.True(t, ok, "hostHeader: %#v", cond["hostHeader"])
			assert.ElementsMatch(t, anys(s.AllHosts(domain)...), hostHeader["values"])

			actions, ok := rule.Input("actions").([]any)
			require.True(t, ok, "actions: %#v", rule.Input("actions"))
			require.Len(t, actions, 1)
			action := actions[0].(map[string]any)
			assert.Equal(t, "forward", action["type"])
			assert.Equal(t, tg.Output("arn"), action["targetGroupArn"])
			assert.NotEmpty(t, action["targetGroupArn"])
		})
	}
}

func TestTargetGroupAttachments(t *testing.T) {
	tests := []struct {
		name     string
		services []stackconfig.Service
	}{
		{name: "base services", services: baseServices()},
		{
			name: "no targets at all",
			services: func() []stackconfig.Service {
				s := baseServices()
				for i := range s {
					s[i].Targets = nil
				}
				return s
			}(),
		},
		{
			name: "many targets on one service",
			services: func() []stackconfig.Service {
				s := baseServices()
				s[1].Targets = []string{"i-01", "i-02", "i-03", "i-04"}
				return s
			}(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRunLB(t, withServices(tt.services))
			total := 0
			for _, s := range tt.services {
				tgArn := r.must(t, typeTG, lbName+"-"+s.Name).Output("arn")
				for _, target := range s.Targets {
					att := r.must(t, typeAttachment, lbName+"-"+s.Name+"-"+target)
					assert.Equal(t, tgArn, att.Input("targetGroupArn"))
					assert.Equal(t, target, att.Input("targetId"))
					assert.Equal(t, s.Port, num(t, att, "port"))
				}
				var of []string
				for _, att := range r.OfType(typeAttachment) {
					if att.Input("targetGroupArn") == tgArn {
						of = append(of, att.Input("targetId").(string))
					}
				}
				assert.ElementsMatch(t, s.Targets, of, "targets of %s", s.Name)
				total += len(s.Targets)
			}
			assert.Len(t, r.OfType(typeAttachment), total)
		})
	}
}

func TestTargetGroupArnsOutput(t *testing.T) {
	tests := []struct {
		name     string
		services []stackconfig.Service
	}{
		{name: "api config chat", services: baseServices()},
		{name: "api only", services: baseServices()[:1]},
		{name: "with video", services: append(baseServices(), video(9000))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRunLB(t, withServices(tt.services))
			require.Len(t, r.TargetGroupArns, len(tt.services))
			seen := map[string]bool{}
			for _, s := range tt.services {
				tg := r.must(t, typeTG, lbName+"-"+s.Name)
				got, ok := r.TargetGroupArns[s.Name]
				require.True(t, ok, "no ARN for %s", s.Name)
				assert.NotEmpty(t, got)
				assert.Equal(t, tg.Output("arn"), got, "ARN of %s", s.Name)
				assert.False(t, seen[got], "ARN %s listed twice", got)
				seen[got] = true
			}
		})
	}
}
