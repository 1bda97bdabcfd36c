package main

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/previewguard"
	"github.com/meething/edge/internal/testprovider"
)

// heldBy is the instance of the replacement tests that holds the targets'
// security group, attached by hand as the README's targetSecurityGroupId
// says.
const heldBy = "i-0123456789abcdef0"

// externalAcl is the ARN of a web ACL built outside the stack, and its ID.
func externalAcl(name string) string {
	return "arn:aws:wafv2:ap-northeast-2:123456789012:regional/webacl/" + name + "/" + externalAclIDs[name]
}

var externalAclIDs = map[string]string{
	"hand-built-a": "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
	"hand-built-b": "1c2d3e4f-5061-7283-94a5-b6c7d8e9f0a1",
}

// withStackConfig returns a copy of a stack file with the keys of extra set
// (a nil value removes the key).
func withStackConfig(file map[string]any, extra map[string]any) map[string]any {
	out := maps.Clone(file)
	config := maps.Clone(file["config"].(map[string]any))
	for k, v := range extra {
		if v == nil {
			delete(config, k)
		} else {
			config[k] = v
		}
	}
	out["config"] = config
	return out
}

// upStep writes the stack file, previews and deploys it, logs how long the
// up took, and checks that the serving path is whole afterwards.
func upStep(ctx context.Context, t *testing.T, s *engineStack, step string, file map[string]any) (steps, steps) {
	t.Helper()
	s.writeStackFile(t, file)
	planned, err := s.preview(ctx, t)
	require.NoError(t, err, "%s: preview", step)
	start := time.Now()
	done := s.up(ctx, t)
	t.Logf("step %-22s pulumi up took %s", step, time.Since(start).Round(time.Millisecond))
	requireServingPath(ctx, t, s, step)
	s.requireNoChange(ctx, t, step)
	return planned, done
}

// requireServingPath checks the account as users meet it: the load
// balancer is associated with a web ACL the account holds (when
// meething:waf is on), every listener rule forwards to target groups the
// account holds, and every egress rule of the load balancer's group leads
// to a group the instances hold (when they hold one).
func requireServingPath(ctx context.Context, t *testing.T, s *engineStack, step string) {
	t.Helper()
	out, err := s.Outputs(ctx)
	require.NoError(t, err)
	albArn, _ := out["albArn"].Value.(string)
	albSG := ""
	a, err := testprovider.ReadAccount(s.account)
	require.NoError(t, err)
	byType := map[string][]resource.PropertyMap{}
	arns := map[string]bool{}
	for _, st := range a.Resources {
		in, err := testprovider.InputsOf(st)
		require.NoError(t, err)
		byType[st.Type] = append(byType[st.Type], in)
		if st.Type == "aws:lb/loadBalancer:LoadBalancer" {
			for _, g := range in["securityGroups"].ArrayValue() {
				albSG = g.StringValue()
			}
		}
		if st.Type == "aws:lb/targetGroup:TargetGroup" {
			outs := map[string]any{}
			require.NoError(t, json.Unmarshal(st.Outputs, &outs))
			arns[fmt.Sprint(outs["arn"])] = true
		}
	}
	if len(byType["aws:wafv2/webAclAssociation:WebAclAssociation"]) > 0 || wafOn(s.stackFile(t)) {
		acl, exists := a.WebAclOf(albArn)
		assert.True(t, exists, "%s: the load balancer %s is associated with a web ACL the account holds (it has %q)", step, albArn, acl)
	}
	rules := byType["aws:lb/listenerRule:ListenerRule"]
	require.NotEmpty(t, rules, "%s: the listener rules", step)
	for _, rule := range rules {
		for _, action := range rule["actions"].ArrayValue() {
			act := action.ObjectValue()
			var groups []string
			if tg, ok := act["targetGroupArn"]; ok && tg.IsString() {
				groups = append(groups, tg.StringValue())
			}
			if fwd, ok := act["forward"]; ok && fwd.IsObject() {
				for _, g := range fwd.ObjectValue()["targetGroups"].ArrayValue() {
					groups = append(groups, g.ObjectValue()["arn"].StringValue())
				}
			}
			for _, g := range groups {
				assert.True(t, arns[g], "%s: a listener rule forwards to %s, which the account does not hold", step, g)
			}
		}
	}
	held := a.InstanceGroups[heldBy]
	if len(held) == 0 {
		return
	}
	egress := 0
	for _, rule := range byType["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"] {
		if rule["securityGroupId"].StringValue() != albSG {
			continue
		}
		egress++
		to := rule["referencedSecurityGroupId"].StringValue()
		assert.True(t, slices.Contains(held, to), "%s: the load balancer's egress leads to %s, which instance %s does not hold (it holds %v)", step, to, heldBy, held)
	}
	assert.NotZero(t, egress, "%s: the load balancer's group has egress rules", step)
}

func wafOn(file map[string]any) bool {
	waf, _ := file["config"].(map[string]any)["meething:waf"].(map[string]any)
	on, _ := waf["enabled"].(bool)
	return on
}

// TestEngineWafChangeKeepsTheLoadBalancerProtected changes the web ACL of
// dev's load balancer through the real engine: the stack's own, then one
// built outside the stack, another, the stack's own again, and then the
// load balancer itself is replaced. Every
// change replaces the association; the test provider disassociates on
// delete as the AWS provider does (pulumi/pulumi-aws#4782), so created
// before the old one was deleted, the new association would be dropped.
// After every step the load balancer is associated with an ACL that
// exists.
func TestEngineWafChangeKeepsTheLoadBalancerProtected(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	s := newEngineStack(ctx, t, ".", "dev", "")
	require.NoError(t, testprovider.UpdateAccount(s.account, func(a *testprovider.Account) error {
		for _, name := range []string{"hand-built-a", "hand-built-b"} {
			arn := externalAcl(name)
			if err := a.Put("aws:wafv2/webAcl:WebAcl", externalAclIDs[name], resource.PropertyMap{}, resource.NewPropertyMapFromMap(map[string]any{"arn": arn})); err != nil {
				return err
			}
		}
		return nil
	}))
	original := s.stackFile(t)
	association := "wafv2/webAclAssociation:WebAclAssociation::meething"
	for _, step := range []struct {
		name string
		waf  map[string]any
	}{
		{"the stack's web ACL", map[string]any{"enabled": true}},
		{"hand-built ACL a", map[string]any{"enabled": true, "webAclArn": externalAcl("hand-built-a")}},
		{"hand-built ACL b", map[string]any{"enabled": true, "webAclArn": externalAcl("hand-built-b")}},
		{"the stack's again", map[string]any{"enabled": true}},
		{"load balancer replaced", map[string]any{"enabled": true}},
	} {
		file := withStackConfig(original, map[string]any{"meething:waf": step.waf})
		if step.name == "load balancer replaced" {
			// A name of its own replaces the load balancer: the new one
			// ends associated too.
			file = withStackConfig(file, map[string]any{"meething:physicalNames": map[string]any{"loadBalancer": "meething-dev-edge"}})
		}
		if step.name == "hand-built ACL a" {
			// The preview guard flags the association's replacement by
			// the engine's own preview: the load balancer relies on it.
			s.writeStackFile(t, file)
			findings, err := previewguard.Check(strings.NewReader(s.previewDigest(ctx, t)))
			require.NoError(t, err)
			var flagged []string
			for _, f := range findings {
				flagged = append(flagged, f.String())
			}
			assert.Contains(t, strings.Join(flagged, "\n"), "meething (aws:wafv2/webAclAssociation:WebAclAssociation) because of webAclArn",
				"the preview guard flags the association's replacement")
		}
		var albBefore any
		if out, err := s.Outputs(ctx); err == nil {
			albBefore = out["albArn"].Value
		}
		planned, _ := upStep(ctx, t, s, step.name, file)
		if step.name != "the stack's web ACL" {
			// With deleteBeforeReplace the create is the association's
			// last step; created first, the delete would be.
			assert.Equal(t, []string{"create-replacement"}, replacedOps(planned, association), "%s: the association is replaced, deleted first", step.name)
		}
		out, err := s.Outputs(ctx)
		require.NoError(t, err)
		a, err := testprovider.ReadAccount(s.account)
		require.NoError(t, err)
		if step.name == "load balancer replaced" {
			assert.NotEqual(t, albBefore, out["albArn"].Value, "the load balancer is replaced")
		}
		if arn, ok := step.waf["webAclArn"].(string); ok {
			assert.Equal(t, arn, a.WebAcls[out["albArn"].Value.(string)], "%s: the load balancer's web ACL", step.name)
		}
	}
}

// previewDigest runs a preview and writes its steps as `pulumi preview
// --json` does (op, urn, replaceReasons, old and new inputs), from the
// engine's events: the inline program has no language plugin for the CLI.
func (s *engineStack) previewDigest(ctx context.Context, t *testing.T) string {
	t.Helper()
	ch := make(chan events.EngineEvent)
	type state struct {
		Inputs map[string]any `json:"inputs"`
	}
	type step struct {
		Op             string   `json:"op"`
		URN            string   `json:"urn"`
		ReplaceReasons []string `json:"replaceReasons"`
		OldState       *state   `json:"oldState,omitempty"`
		NewState       *state   `json:"newState,omitempty"`
	}
	var digest struct {
		Steps []step `json:"steps"`
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for e := range ch {
			if e.ResourcePreEvent == nil {
				continue
			}
			m := e.ResourcePreEvent.Metadata
			st := step{Op: string(m.Op), URN: m.URN, ReplaceReasons: m.Keys}
			if m.Old != nil {
				st.OldState = &state{Inputs: m.Old.Inputs}
			}
			if m.New != nil {
				st.NewState = &state{Inputs: m.New.Inputs}
			}
			digest.Steps = append(digest.Steps, st)
		}
	}()
	_, err := s.Preview(ctx, optpreview.EventStreams(ch))
	require.NoError(t, err, "preview")
	<-done
	out, err := json.Marshal(digest)
	require.NoError(t, err)
	return string(out)
}

// replacedOps are the last ops (steps keeps one a URN) of the resources
// whose URN ends with suffix.
func replacedOps(st steps, suffix string) []string {
	var out []string
	for urn, op := range st {
		if len(urn) >= len(suffix) && urn[len(urn)-len(suffix):] == suffix {
			out = append(out, op)
		}
	}
	return out
}

// TestEngineSecurityGroupDescriptionsKeepTheTargetsReachable: instances
// hold the targets' security group, attached by hand; then the groups'
// descriptions change (meething:physicalNames.securityGroups, as for an
// import), and change back; then a new VPC, which does replace it, is
// previewed and the preview guard flags it. Neither change replaces a group (AWS cannot
// change a description in place): the load balancer's egress still leads
// to the group the instances hold, and nothing tries to delete it (the
// test provider refuses, as EC2 does: DependencyViolation).
func TestEngineSecurityGroupDescriptionsKeepTheTargetsReachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	s := newEngineStack(ctx, t, ".", "dev", "")
	original := s.stackFile(t)
	upStep(ctx, t, s, "first deployment", original)
	out, err := s.Outputs(ctx)
	require.NoError(t, err)
	held := out["targetSecurityGroupId"].Value.(string)
	require.NoError(t, testprovider.UpdateAccount(s.account, func(a *testprovider.Account) error {
		a.InstanceGroups[heldBy] = []string{held}
		return nil
	}))
	described := withStackConfig(original, map[string]any{"meething:physicalNames": map[string]any{"securityGroups": map[string]any{
		"targets": map[string]any{"description": "Meething targets, attached by hand"},
		"alb":     map[string]any{"description": "Meething load balancer"},
	}}})
	for _, step := range []struct {
		name string
		file map[string]any
	}{{"descriptions changed", described}, {"descriptions back", original}} {
		planned, done := upStep(ctx, t, s, step.name, step.file)
		assert.Empty(t, planned, "%s: the preview plans nothing", step.name)
		assert.Empty(t, done, "%s: up changes nothing", step.name)
		out, err := s.Outputs(ctx)
		require.NoError(t, err)
		assert.Equal(t, held, out["targetSecurityGroupId"].Value, "%s: the targets' group is the one instances hold", step.name)
	}

	// What still replaces the group, a new VPC, is flagged by the preview
	// guard, from the engine's own preview.
	s.writeStackFile(t, withStackConfig(original, map[string]any{"meething:vpcCidr": "172.30.0.0/16"}))
	findings, err := previewguard.Check(strings.NewReader(s.previewDigest(ctx, t)))
	require.NoError(t, err)
	var flagged []string
	for _, f := range findings {
		flagged = append(flagged, f.String())
	}
	assert.Contains(t, strings.Join(flagged, "\n"), "meething-targets (aws:ec2/securityGroup:SecurityGroup) because of vpcId",
		"the preview guard flags the targets' group's replacement")
}
