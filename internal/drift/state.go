package drift

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/meething/edge/internal/adoption/identity"
	"github.com/meething/edge/internal/lbaction"
)

// Resource is one resource of the stack's state, as pulumi stack export
// writes it (and synth --json, whose resources have the same fields).
type Resource struct {
	URN     string         `json:"urn"`
	ID      string         `json:"id"`
	Type    string         `json:"type"`
	Inputs  map[string]any `json:"inputs"`
	Outputs map[string]any `json:"outputs"`
}

// Name is the resource's logical name, the URN's last part.
func (r Resource) Name() string {
	if i := strings.LastIndex(r.URN, "::"); i >= 0 {
		return r.URN[i+2:]
	}
	return r.URN
}

// The resource types the stack's edge is made of (pulumi-aws v6).
const (
	typeStack        = "pulumi:pulumi:Stack"
	typeLoadBalancer = "aws:lb/loadBalancer:LoadBalancer"
	typeListener     = "aws:lb/listener:Listener"
	typeRule         = "aws:lb/listenerRule:ListenerRule"
	typeListenerCert = "aws:lb/listenerCertificate:ListenerCertificate"
	typeZone         = "aws:route53/zone:Zone"
	typeRecord       = "aws:route53/record:Record"
	typeGroup        = "aws:ec2/securityGroup:SecurityGroup"
	typeIngress      = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	typeEgress       = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
	typeGroupRule    = "aws:ec2/securityGroupRule:SecurityGroupRule"
	typeWebACLAssoc  = "aws:wafv2/webAclAssociation:WebAclAssociation"
)

// ParseExport reads the resources of a state as pulumi stack export
// prints it ({"version": 3, "deployment": {"resources": [...]}}).
func ParseExport(data []byte) ([]Resource, error) {
	var export struct {
		Deployment struct {
			Resources []Resource `json:"resources"`
		} `json:"deployment"`
	}
	if err := json.Unmarshal(data, &export); err != nil {
		return nil, fmt.Errorf("not a state as pulumi stack export prints it: %w", err)
	}
	return export.Deployment.Resources, nil
}

// FromState reads what the stack manages from its state's resources. The
// stack's zone is the output hostedZoneId (created or adopted); its
// records in any other zone make that zone a parent zone. It fails when
// the state holds no load balancer or no hostedZoneId output: the stack is
// not deployed.
func FromState(project, stack, domain string, resources []Resource) (Managed, error) {
	m := Managed{Project: project, Stack: stack, Domain: identity.NormalizeName(domain),
		Certificates: map[string][]string{}, GroupRules: map[string]bool{}}
	zoneID := ""
	zoneNames := map[string]string{}
	for _, r := range resources {
		in := r.Inputs
		switch r.Type {
		case typeStack:
			zoneID = str(r.Outputs, "hostedZoneId")
		case typeLoadBalancer:
			m.LoadBalancer = r.ID
		case typeListener:
			l := Listener{ARN: r.ID, Port: int(num(in, "port")), Protocol: str(in, "protocol")}
			m.Listeners = append(m.Listeners, l)
			if c := str(in, "certificateArn"); c != "" {
				m.Certificates[l.ARN] = append(m.Certificates[l.ARN], c)
			}
		case typeListenerCert:
			l := str(in, "listenerArn")
			m.Certificates[l] = append(m.Certificates[l], str(in, "certificateArn"))
		case typeRule:
			rule := RuleFromInputs(in)
			rule.ARN, rule.Name = r.ID, r.Name()
			m.Rules = append(m.Rules, rule)
		case typeZone:
			zoneNames[r.ID] = identity.NormalizeName(str(in, "name"))
		case typeRecord:
			rec := Record{Zone: str(in, "zoneId"), Name: identity.NormalizeName(str(in, "name")), Type: strings.ToUpper(str(in, "type")), Set: str(in, "setIdentifier")}
			m.Records = append(m.Records, rec)
		case typeGroup:
			m.SecurityGroups = append(m.SecurityGroups, r.ID)
		case typeIngress, typeEgress, typeGroupRule:
			m.GroupRules[r.ID] = true
			if id := str(r.Outputs, "securityGroupRuleId"); id != "" {
				m.GroupRules[id] = true
			}
		case typeWebACLAssoc:
			m.WebACL = str(in, "webAclArn")
		}
	}
	if m.LoadBalancer == "" {
		return Managed{}, fmt.Errorf("the state of stack %s holds no load balancer (%s): is it deployed?", stack, typeLoadBalancer)
	}
	if zoneID == "" {
		return Managed{}, fmt.Errorf("the state of stack %s has no output hostedZoneId: is it deployed?", stack)
	}
	// The zone's name: the created zone's, else the domain or the parent
	// of it that the stack's records there sit under.
	zones := map[string]*Zone{zoneID: {ID: zoneID, Name: zoneNames[zoneID]}}
	for _, rec := range m.Records {
		if _, ok := zones[rec.Zone]; !ok && rec.Zone != "" {
			zones[rec.Zone] = &Zone{ID: rec.Zone, Parent: true}
		}
		if z := zones[rec.Zone]; z != nil && z.Name == "" && rec.Type == "TXT" && strings.Contains(rec.Name, "-owner.") {
			_, z.Name, _ = strings.Cut(rec.Name, "-owner.")
		}
	}
	if zones[zoneID].Name == "" {
		zones[zoneID].Name = m.Domain
	}
	for _, z := range zones {
		if z.Name == "" {
			z.Name = z.ID
		}
		m.Zones = append(m.Zones, *z)
	}
	sort.Slice(m.Zones, func(i, j int) bool { return m.Zones[i].ID < m.Zones[j].ID })
	hosts := map[string]bool{}
	for _, r := range m.Rules {
		for _, h := range r.Hosts {
			hosts[strings.ToLower(h)] = true
		}
	}
	for h := range hosts {
		m.Hosts = append(m.Hosts, h)
	}
	slices.Sort(m.Hosts)
	return m, nil
}

// RuleFromInputs reads a listener rule's inputs (aws.lb.ListenerRule):
// its listener, priority, conditions and first action.
func RuleFromInputs(in map[string]any) Rule {
	c := lbaction.ReadConditions(in["conditions"])
	r := Rule{Listener: str(in, "listenerArn"), Priority: int(num(in, "priority")), Hosts: c.Hosts, Paths: c.Paths, Other: c.Beyond()}
	actions, _ := in["actions"].([]any)
	if len(actions) > 0 {
		a, _ := actions[0].(map[string]any)
		r.Action = actionWords(str(a, "type"), str(a, "targetGroupArn"), a)
	}
	return r
}

// actionWords is a rule action in words: where it sends the request.
func actionWords(typ, targetGroup string, a map[string]any) string {
	switch typ {
	case "forward":
		if targetGroup == "" {
			if f, ok := a["forward"].(map[string]any); ok {
				if tgs, ok := f["targetGroups"].([]any); ok && len(tgs) > 0 {
					tg, _ := tgs[0].(map[string]any)
					targetGroup = str(tg, "arn")
				}
			}
		}
		return "forwards to target group " + tgName(targetGroup)
	case "redirect":
		rd, _ := a["redirect"].(map[string]any)
		return fmt.Sprintf("redirects (%s) to %s://%s:%s%s", str(rd, "statusCode"), or(str(rd, "protocol"), "#{protocol}"), or(str(rd, "host"), "#{host}"), or(str(rd, "port"), "#{port}"), or(str(rd, "path"), "/#{path}"))
	case "fixed-response":
		fr, _ := a["fixedResponse"].(map[string]any)
		return "answers " + str(fr, "statusCode") + " itself"
	}
	return typ
}

// tgName is a target group's name from its ARN (targetgroup/NAME/ID).
func tgName(arn string) string {
	if _, rest, ok := strings.Cut(arn, ":targetgroup/"); ok {
		name, _, _ := strings.Cut(rest, "/")
		return name
	}
	return arn
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func str(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}

func num(m map[string]any, key string) float64 {
	switch v := m[key].(type) {
	case float64:
		return v
	case int:
		return float64(v)
	case json.Number:
		f, _ := v.Float64()
		return f
	}
	return 0
}
