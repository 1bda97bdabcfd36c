package verify_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/meething/edge/internal/lbaction"
	"github.com/meething/edge/internal/synth"
	"github.com/meething/edge/internal/verify"
)

// readFixturePlan reads the plan of a fixture stack of the repository's
// testdata (testdata/fixtures/<stack>.json, written by make golden from
// testdata/fixtures/Pulumi.<stack>.yaml), never the committed stacks':
// those are the team's to change.
func readFixturePlan(t *testing.T, stack string) *synth.Plan {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "fixtures", stack+".json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := synth.ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFromPlan(t *testing.T) {
	notFound := verify.Action{Type: "fixed-response", Answer: lbaction.Answer{StatusCode: 404, Body: "Not found", ContentType: "text/plain"}}
	service := func(domain, name, path string) verify.Host {
		return verify.Host{Name: name + "." + domain, Kind: verify.KindService, Rule: "meething-" + name, Path: path,
			Expect: verify.Action{Type: "forward", TargetGroup: "meething-" + name, HealthPath: path, Matcher: "200-399"}}
	}
	def := func(host string) verify.Host {
		return verify.Host{Name: host, Kind: verify.KindDefault, Path: "/", Expect: notFound}
	}
	tests := []struct {
		stack, domain string
		want          verify.Promise
	}{
		{"prod", "meething.net", verify.Promise{
			Stack: "prod", Domain: "meething.net", IPv4: true, IPv6: true, Aliased: true, Default: notFound,
			Headers: map[string]string{"Strict-Transport-Security": "max-age=31536000; includeSubDomains"},
			Hosts: []verify.Host{
				service("meething.net", "api", "/healthz"), service("meething.net", "chat", "/healthz"),
				service("meething.net", "config", "/healthz"),
				def("meething-verify-unmatched.meething.net"), def("meething.net"),
			},
		}},
		{"dev", "dev.meething.net", verify.Promise{
			Stack: "dev", Domain: "dev.meething.net", IPv4: true, Aliased: true, Default: notFound,
			Headers: map[string]string{},
			Hosts: []verify.Host{
				service("dev.meething.net", "api", "/"), service("dev.meething.net", "chat", "/"),
				service("dev.meething.net", "config", "/"), def("meething-verify-unmatched.dev.meething.net"),
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.stack, func(t *testing.T) {
			got, err := verify.FromPlan(readFixturePlan(t, tt.stack), tt.domain)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("FromPlan:\n got %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

func TestApplyOutputs(t *testing.T) {
	p, err := verify.FromPlan(readFixturePlan(t, "prod"), "meething.net")
	if err != nil {
		t.Fatal(err)
	}
	missing, err := p.ApplyOutputs(map[string]any{
		"albDnsName":  "meething-1.ap-northeast-2.elb.amazonaws.com",
		"nameServers": []any{"ns-1.awsdns-1.com", "ns-2.awsdns-2.net"},
		"serviceUrls": map[string]any{"api": "https://api.meething.net", "video": "https://video.meething.net"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if p.LoadBalancer != "meething-1.ap-northeast-2.elb.amazonaws.com" || len(p.NameServers) != 2 {
		t.Errorf("ApplyOutputs left %q %v", p.LoadBalancer, p.NameServers)
	}
	if !reflect.DeepEqual(missing, []string{"video.meething.net"}) {
		t.Errorf("missing = %v, want the deployed service the plan lacks", missing)
	}
	if _, err := p.ApplyOutputs(map[string]any{"nameServers": "ns-1"}); err == nil {
		t.Error("a nameServers string was taken for a list")
	}
}

// TestFromPlanRouting reads the complete example, whose rules redirect,
// answer themselves, match on paths, headers and queries.
func TestFromPlanRouting(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "testdata", "examples", "complete.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	plan, err := synth.ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	p, err := verify.FromPlan(plan, "edge.meething.net")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		host, rule, path string
		kind             verify.Kind
	}{
		// The host-only rule sets the path, not the uploads rule on /upload/*.
		{"api.edge.meething.net", "meething-api", "/healthz", verify.KindService},
		// A gRPC service's matcher is not HTTP's.
		{"config.edge.meething.net", "meething-config", "/grpc.health.v1.Health/Check", verify.KindService},
		// The maintenance rule wants ?preview=1, which the probe does not send.
		{"status.edge.meething.net", "", "/", verify.KindDefault},
		{"www.edge.meething.net", "meething-rule-www", "/", verify.KindRedirect},
		{"edge.meething.net", "", "/", verify.KindDefault},
	}
	for _, tt := range tests {
		h := p.Host(tt.host)
		if h == nil {
			t.Errorf("no host %s in %+v", tt.host, p.Hosts)
			continue
		}
		if h.Rule != tt.rule || h.Path != tt.path || h.Kind != tt.kind {
			t.Errorf("%s: rule %q path %q kind %s, want %q %q %s", tt.host, h.Rule, h.Path, h.Kind, tt.rule, tt.path, tt.kind)
		}
	}
	if got := p.Host("config.edge.meething.net").Expect.Matcher; got != "grpc:0" {
		t.Errorf("config's matcher is %q, want grpc:0", got)
	}
	if got := p.Host("www.edge.meething.net").Expect.Location; got != "https://edge.meething.net:443/#{path}?#{query}" {
		t.Errorf("www redirects to %q", got)
	}
}

// TestFromPlanPriorityAndProtocols: of two rules for one host the one with
// the lower priority number answers, whatever their order in the plan; an
// IPv6-only load balancer is reached over IPv6 alone; a rule on another
// method than GET never answers the probe.
func TestFromPlanPriorityAndProtocols(t *testing.T) {
	host := func(h string) map[string]any {
		return map[string]any{"hostHeader": map[string]any{"values": []any{h}}}
	}
	rule := func(name string, priority float64, conds ...any) synth.Resource {
		return synth.Resource{Type: "aws:lb/listenerRule:ListenerRule", Name: name, Custom: true, Inputs: map[string]any{
			"listenerArn": "https-arn", "priority": priority, "conditions": conds,
			"actions": []any{map[string]any{"type": "fixed-response", "fixedResponse": map[string]any{"statusCode": "200"}}}}}
	}
	plan := &synth.Plan{Stack: "t", Resources: []synth.Resource{
		{Type: "aws:lb/loadBalancer:LoadBalancer", Name: "lb", Custom: true, Inputs: map[string]any{"ipAddressType": "dualstack-without-public-ipv4"}},
		{Type: "aws:lb/listener:Listener", Name: "https", Custom: true, Outputs: map[string]any{"arn": "https-arn"},
			Inputs: map[string]any{"protocol": "HTTPS", "defaultActions": []any{map[string]any{"type": "fixed-response"}}}},
		rule("later", 20, host("a.x.net")),
		rule("post-only", 5, host("a.x.net"), map[string]any{"httpRequestMethod": map[string]any{"values": []any{"POST"}}}),
		rule("sooner", 10, host("a.x.net")),
	}}
	p, err := verify.FromPlan(plan, "x.net")
	if err != nil {
		t.Fatal(err)
	}
	if !p.IPv6 || p.IPv4 {
		t.Errorf("an IPv6-only load balancer: IPv4 %v IPv6 %v, want IPv6 alone", p.IPv4, p.IPv6)
	}
	if h := p.Host("a.x.net"); h == nil || h.Rule != "sooner" {
		t.Errorf("a.x.net is answered by %+v, want the rule sooner (priority 10; later is 20, post-only never matches a GET)", h)
	}
}

func TestSetSignatures(t *testing.T) {
	sig := verify.Signature{Header: "X-Service", HeaderValue: "api"}
	p := &verify.Promise{Hosts: []verify.Host{
		{Name: "api.x.test", Kind: verify.KindService},
		{Name: "talk.x.test", Kind: verify.KindService},
		{Name: "old.x.test", Kind: verify.KindRedirect},
		{Name: "chat.x.test", Kind: verify.KindService},
	}}
	p.SetSignatures(map[string]verify.Signature{
		"api.x.test": sig, "talk.x.test": {Contains: "chat"},
		"old.x.test": sig, // another rule answers it: a redirect has no service's answer
	})
	want := map[string]*verify.Signature{"api.x.test": &sig, "talk.x.test": {Contains: "chat"}, "old.x.test": nil, "chat.x.test": nil}
	for _, h := range p.Hosts {
		if !reflect.DeepEqual(h.Signature, want[h.Name]) {
			t.Errorf("%s: signature %+v, want %+v", h.Name, h.Signature, want[h.Name])
		}
	}
}

// TestFromPlanHeldNamesAreNotAliased: while a cutover holds the live
// wildcard (its old-edge copy points at the hand-built load balancer), the
// stack points no name at its own: the dns check is not the stack's to
// pass (check the new edge --via alb). Its new-edge record does.
func TestFromPlanHeldNamesAreNotAliased(t *testing.T) {
	record := func(name string) synth.Resource {
		return synth.Resource{Type: "aws:route53/record:Record", Name: name, Custom: true, Inputs: map[string]any{
			"name": "*.x.net", "type": "A", "aliases": []any{map[string]any{"name": "old.elb.amazonaws.com"}}}}
	}
	for _, tc := range []struct {
		records []synth.Resource
		want    bool
	}{
		{[]synth.Resource{record("meething-wildcard-A-old-edge")}, false},
		{[]synth.Resource{record("meething-wildcard-A-old-edge"), record("meething-wildcard-A")}, true},
	} {
		https := synth.Resource{Type: "aws:lb/listener:Listener", Name: "https", Custom: true, Outputs: map[string]any{"arn": "https-arn"},
			Inputs: map[string]any{"protocol": "HTTPS", "defaultActions": []any{map[string]any{"type": "fixed-response"}}}}
		p, err := verify.FromPlan(&synth.Plan{Stack: "t", Resources: append(tc.records, https)}, "x.net")
		if err != nil {
			t.Fatal(err)
		}
		if p.Aliased != tc.want {
			t.Errorf("%d records: Aliased %v, want %v", len(tc.records), p.Aliased, tc.want)
		}
	}
}
