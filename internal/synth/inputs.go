package synth

import (
	"fmt"
	"strings"

	"github.com/meething/edge/internal/lbaction"
)

// KeyInputs are the inputs a reader looks for in a resource, so that the
// tree and diff's created resources show the stack without the JSON: ports,
// hosts, CIDRs, health-check paths, priorities, the TLS policy, weights. A
// target group: "port=80 protocol=HTTP health=/healthz"; empty for a
// component or a type without such inputs.
func (r *Resource) KeyInputs() string {
	if !r.Custom {
		return ""
	}
	in := r.Inputs
	var out []string
	add := func(label string, v any) {
		if v == nil {
			return
		}
		out = append(out, label+"="+plainText(v))
	}
	switch shortTypeName(r.Type) {
	case "Vpc":
		add("cidr", in["cidrBlock"])
	case "Subnet":
		add("cidr", in["cidrBlock"])
		add("zone", in["availabilityZone"])
	case "Route":
		add("to", first(in["destinationCidrBlock"], in["destinationIpv6CidrBlock"]))
	case "SecurityGroupIngressRule", "SecurityGroupEgressRule":
		add("port", in["fromPort"])
		add("peer", first(in["cidrIpv4"], in["cidrIpv6"], shortID(in["referencedSecurityGroupId"])))
	case "LoadBalancer":
		add("ip", in["ipAddressType"])
		if s, ok := in["subnets"].([]any); ok {
			add("zones", len(s))
		}
	case "Listener":
		add("port", in["port"])
		add("protocol", in["protocol"])
		add("tls", in["sslPolicy"])
	case "ListenerRule":
		add("priority", in["priority"])
		add("hosts", hostsOf(in["conditions"]))
		add("paths", conditionValues(in["conditions"], "pathPattern"))
		add("weights", weightsOf(in["actions"]))
		add("action", answerOf(in["actions"]))
	case "TargetGroup":
		add("port", in["port"])
		add("protocol", in["protocol"])
		if hc, ok := in["healthCheck"].(map[string]any); ok {
			add("health", hc["path"])
		}
	case "TargetGroupAttachment":
		add("target", in["targetId"])
		add("port", in["port"])
	case "Certificate":
		names := []any{in["domainName"]}
		if sans, ok := in["subjectAlternativeNames"].([]any); ok {
			names = append(names, sans...)
		}
		add("names", names)
	case "Zone":
		add("name", in["name"])
	case "Record":
		add("name", in["name"])
		add("type", in["type"])
	case "WebAcl":
		if rules, ok := in["rules"].([]any); ok {
			add("rules", len(rules))
		}
	case "LogGroup":
		add("days", in["retentionInDays"])
	}
	return strings.Join(out, " ")
}

func first(vs ...any) any {
	for _, v := range vs {
		if v != nil && v != "" {
			return v
		}
	}
	return nil
}

func shortID(v any) any {
	if s, ok := v.(string); ok && s != "" {
		return "group " + s
	}
	return nil
}

func hostsOf(conditions any) any { return conditionValues(conditions, "hostHeader") }

// conditionValues are the values of a rule's conditions of one kind.
func conditionValues(conditions any, kind string) any {
	list, _ := conditions.([]any)
	var values []any
	for _, c := range list {
		m, _ := c.(map[string]any)
		cond, _ := m[kind].(map[string]any)
		if v, ok := cond["values"].([]any); ok {
			values = append(values, v...)
		}
	}
	if len(values) == 0 {
		return nil
	}
	return values
}

// answerOf is a rule's action type when it answers itself (every kind but
// a forward: redirect, fixed-response); nil for a forward.
func answerOf(actions any) any {
	list, _ := actions.([]any)
	for _, a := range list {
		m, _ := a.(map[string]any)
		if t, _ := m["type"].(string); t != "" && t != lbaction.TypeForward {
			return t
		}
	}
	return nil
}

func weightsOf(actions any) any {
	list, _ := actions.([]any)
	var weights []string
	for _, a := range list {
		m, _ := a.(map[string]any)
		fwd, _ := m["forward"].(map[string]any)
		groups, _ := fwd["targetGroups"].([]any)
		for _, g := range groups {
			gm, _ := g.(map[string]any)
			weights = append(weights, plainText(gm["weight"]))
		}
	}
	if len(weights) == 0 {
		return nil
	}
	return strings.Join(weights, "/")
}

// plainText renders a value for the tree: lists joined with commas.
func plainText(v any) string {
	switch t := v.(type) {
	case []any:
		parts := make([]string, len(t))
		for i, e := range t {
			parts[i] = plainText(e)
		}
		return strings.Join(parts, ",")
	case float64:
		return fmt.Sprintf("%g", t)
	}
	return fmt.Sprint(v)
}
