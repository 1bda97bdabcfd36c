package iampolicy

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// delegated is a stack like dev: its own zone dev.example.net, delegated
// from example.net, which it does not own, by the NS record and its owner
// record it writes there.
func delegated() Needs {
	return Needs{Project: "edge", Stack: "dev", Region: "eu-west-1",
		Types:    slices.Sorted(maps.Keys(Types)),
		Names:    map[string][]string{"aws:s3/bucketV2:BucketV2": {"edge-access-logs"}, "aws:iam/role:Role": {"edge-flow-logs"}},
		Domain:   "dev.example.net",
		OwnTypes: []string{"A", "CNAME"},
		Foreign: []ZoneWrites{{Zone: "example.net", Records: []RecordSet{
			{Name: "dev.example.net", Type: "NS"}, {Name: "_edge-dev-owner.example.net", Type: "TXT"}}}},
	}
}

var env = Env{Account: "111122223333", ZoneIDs: map[string]string{"example.net": "ZPARENT"},
	StateBucket: "edge-state", KMSKeyARN: "arn:aws:kms:eu-west-1:111122223333:key/k1"}

func mustBuild(t *testing.T, n Needs, role Role, e Env) Document {
	t.Helper()
	d, err := Build(n, role, e)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func decide(t *testing.T, d Document, req Request) Decision {
	t.Helper()
	got, err := Evaluate(req, d)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestEveryEntryCitesTheProviderAndNamesActions(t *testing.T) {
	for token, e := range Types {
		if !strings.HasPrefix(e.Source, "internal/service/") || !strings.HasSuffix(e.Source, ".go") {
			t.Errorf("%s: Source %q is not a provider file (internal/service/.../*.go)", token, e.Source)
		}
		if (e.Tagged || e.DeleteTagged) && !strings.HasPrefix(e.TagDocs, "https://docs.aws.amazon.com/service-authorization/") {
			t.Errorf("%s: tag-scoped without the service authorization reference that allows it", token)
		}
		if len(e.Read) == 0 {
			t.Errorf("%s: no read actions", token)
		}
		writes := slices.Concat(e.Create, e.Update, e.Delete, e.Tag)
		if len(writes) > 0 && e.ARN == "" {
			t.Errorf("%s: writes without an ARN to scope them", token)
		}
		for _, a := range writes {
			if !IsWrite(a) {
				t.Errorf("%s: write action %s is not classified as a write by IsWrite", token, a)
			}
		}
		for _, a := range slices.Concat(e.Read, writes) {
			if svc, name, ok := strings.Cut(a, ":"); !ok || svc == "" || name == "" || strings.ContainsAny(a, "* ") {
				t.Errorf("%s: %q is not service:Action", token, a)
			}
		}
		for _, a := range e.Read {
			if IsWrite(a) {
				t.Errorf("%s: read action %s is classified as a write", token, a)
			}
		}
	}
	for token, l := range Lookups {
		for _, a := range l.Actions {
			if IsWrite(a) {
				t.Errorf("look-up %s: %s is a write", token, a)
			}
		}
	}
}

func TestStatementIDsAreUnique(t *testing.T) {
	for _, role := range []Role{Deploy, Preview} {
		d := mustBuild(t, delegated(), role, env)
		if err := d.CheckSids(); err != nil {
			t.Errorf("%s: %v", role, err)
		}
	}
	dup := Document{Statement: []Statement{{Sid: "A"}, {Sid: "A"}}}
	if dup.CheckSids() == nil {
		t.Error("CheckSids passed a policy with two statements A")
	}
}

func TestBuildNamesEveryProblemAtOnce(t *testing.T) {
	n := delegated()
	n.Types = append(n.Types, "aws:ec2/natGateway:NatGateway")
	_, err := Build(n, Deploy, Env{})
	if err == nil {
		t.Fatal("Build accepted a type without an entry and a foreign zone without an ID")
	}
	for _, want := range []string{"aws:ec2/natGateway:NatGateway", "zone example.net", "--zone-id example.net="} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if _, err := Build(delegated(), "admin", env); err == nil || !strings.Contains(err.Error(), `"admin"`) {
		t.Errorf("Build with role admin: %v", err)
	}
}

func TestPreviewHoldsNoWrite(t *testing.T) {
	d := mustBuild(t, delegated(), Preview, env)
	for _, a := range d.Actions() {
		if IsWrite(a) {
			t.Errorf("the preview policy holds the write %s", a)
		}
	}
	for _, req := range []Request{
		{Action: "elasticloadbalancing:CreateLoadBalancer", Resource: "*", Context: map[string][]string{"aws:RequestTag/Project": {"edge"}, "aws:RequestTag/Stack": {"dev"}}},
		{Action: "route53:ChangeResourceRecordSets", Resource: "arn:aws:route53:::hostedzone/ZOWN", Context: recordChange([]string{"a.dev.example.net"}, []string{"A"})},
		{Action: "s3:PutObject", Resource: "arn:aws:s3:::edge-state/.pulumi/stacks/edge/dev.json"},
	} {
		if got := decide(t, d, req); got == Allowed {
			t.Errorf("preview allows %s on %s", req.Action, req.Resource)
		}
	}
	for _, req := range []Request{
		{Action: "elasticloadbalancing:DescribeLoadBalancers", Resource: "*"},
		{Action: "s3:GetObject", Resource: "arn:aws:s3:::edge-state/.pulumi/stacks/edge/dev.json"},
		{Action: "kms:Decrypt", Resource: env.KMSKeyARN},
	} {
		if got := decide(t, d, req); got != Allowed {
			t.Errorf("preview refuses the read %s on %s: %v", req.Action, req.Resource, got)
		}
	}
}

func recordChange(names, types []string) map[string][]string {
	norm := []string{}
	for _, n := range names {
		norm = append(norm, NormalizeRecordName(n))
	}
	return map[string][]string{KeyRecordNames: norm, KeyRecordTypes: types, KeyActions: {"UPSERT"}}
}

func TestDelegatedStackWritesOnlyItsOwnNamesInTheParent(t *testing.T) {
	d := mustBuild(t, delegated(), Deploy, env)
	parent, own := "arn:aws:route53:::hostedzone/ZPARENT", "arn:aws:route53:::hostedzone/ZOWN"
	cases := []struct {
		zone         string
		names, types []string
		want         Decision
	}{
		{parent, []string{"dev.example.net"}, []string{"NS"}, Allowed},
		{parent, []string{"dev.example.net."}, []string{"NS"}, Allowed},
		{parent, []string{"_edge-dev-owner.example.net"}, []string{"TXT"}, Allowed},
		{parent, []string{"dev.example.net"}, []string{"A"}, ImplicitDeny},
		{parent, []string{"_edge-dev-owner.example.net"}, []string{"NS"}, ImplicitDeny},
		{parent, []string{"example.net"}, []string{"NS"}, ImplicitDeny},
		{parent, []string{"*.example.net"}, []string{"A"}, ImplicitDeny},
		{parent, []string{"www.example.net"}, []string{"CNAME"}, ImplicitDeny},
		{parent, []string{"api.dev.example.net"}, []string{"A"}, ImplicitDeny},
		{parent, []string{"dev.example.net", "www.example.net"}, []string{"NS"}, ImplicitDeny},
		{parent, []string{"dev.example.net", "_edge-dev-owner.example.net"}, []string{"NS", "TXT"}, ImplicitDeny},
		{own, []string{"*.dev.example.net"}, []string{"A"}, Allowed},
		{own, []string{"_x.dev.example.net", "*.dev.example.net"}, []string{"CNAME", "A"}, Allowed},
		{own, []string{"dev.example.net"}, []string{"MX"}, Allowed},
		{own, []string{"www.example.net"}, []string{"A"}, ImplicitDeny},
		{own, []string{"*.example.net"}, []string{"A"}, ImplicitDeny},
		{own, []string{"dev.example.net.evil.com"}, []string{"A"}, ImplicitDeny},
	}
	for _, c := range cases {
		req := Request{Action: "route53:ChangeResourceRecordSets", Resource: c.zone, Context: recordChange(c.names, c.types)}
		if got := decide(t, d, req); got != c.want {
			t.Errorf("%s %v %v: %v, want %v", c.zone, c.names, c.types, got, c.want)
		}
	}
	// The parent zone itself: no other write reaches it.
	for _, a := range []string{"route53:DeleteHostedZone", "route53:ChangeTagsForResource", "route53:UpdateHostedZoneComment", "route53:CreateQueryLoggingConfig"} {
		if got := decide(t, d, Request{Action: a, Resource: parent}); got == Allowed {
			t.Errorf("dev's deploy role may %s on the parent zone", a)
		}
		if got := decide(t, d, Request{Action: a, Resource: own}); got != Allowed {
			t.Errorf("dev's deploy role may not %s on its own zone: %v", a, got)
		}
	}
}

func TestApexStackIsNotLimitedInItsOwnZone(t *testing.T) {
	n := delegated()
	n.Stack, n.Domain, n.Foreign = "prod", "example.net", nil
	d := mustBuild(t, n, Deploy, env)
	for _, names := range [][]string{{"example.net"}, {"*.example.net"}, {"www.example.net", "_x.example.net"}, {"dev.example.net"}} {
		req := Request{Action: "route53:ChangeResourceRecordSets", Resource: "arn:aws:route53:::hostedzone/ZPARENT", Context: recordChange(names, []string{"A", "AAAA", "TXT", "NS"})}
		if got := decide(t, d, req); got != Allowed {
			t.Errorf("prod may not change %v in its own zone: %v", names, got)
		}
	}
	req := Request{Action: "route53:ChangeResourceRecordSets", Resource: "arn:aws:route53:::hostedzone/ZOTHER", Context: recordChange([]string{"www.other.org"}, []string{"A"})}
	if got := decide(t, d, req); got == Allowed {
		t.Error("prod may change records outside its domain")
	}
}

func TestTagsScopeWhatAnotherStackBuilt(t *testing.T) {
	d := mustBuild(t, delegated(), Deploy, env)
	tags := func(prefix, stack string) map[string][]string {
		return map[string][]string{prefix + "/Project": {"edge"}, prefix + "/Stack": {stack}}
	}
	lb := "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/edge/1"
	cases := []struct {
		req  Request
		want Decision
	}{
		{Request{"elasticloadbalancing:CreateLoadBalancer", lb, tags("aws:RequestTag", "dev")}, Allowed},
		{Request{"elasticloadbalancing:CreateLoadBalancer", lb, tags("aws:RequestTag", "prod")}, ImplicitDeny},
		{Request{"elasticloadbalancing:CreateLoadBalancer", lb, nil}, ImplicitDeny},
		{Request{"elasticloadbalancing:DeleteLoadBalancer", lb, tags("aws:ResourceTag", "dev")}, Allowed},
		{Request{"elasticloadbalancing:DeleteLoadBalancer", lb, tags("aws:ResourceTag", "prod")}, ImplicitDeny},
		{Request{"elasticloadbalancing:ModifyListener", lb, tags("aws:ResourceTag", "prod")}, ImplicitDeny},
		{Request{"ec2:DeleteVpc", "arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-1", tags("aws:ResourceTag", "dev")}, Allowed},
		{Request{"ec2:DeleteVpc", "arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-1", tags("aws:ResourceTag", "prod")}, ImplicitDeny},
		{Request{"ec2:CreateVpc", "arn:aws:ec2:eu-west-1:111122223333:vpc/*", nil}, Allowed},
		{Request{"ec2:CreateVpc", "arn:aws:ec2:us-east-1:111122223333:vpc/*", nil}, ImplicitDeny},
		{Request{"acm:DeleteCertificate", "arn:aws:acm:eu-west-1:111122223333:certificate/c", tags("aws:ResourceTag", "prod")}, ImplicitDeny},
		{Request{"s3:PutBucketPolicy", "arn:aws:s3:::edge-access-logs-1a2b3c4", nil}, Allowed},
		{Request{"s3:PutBucketPolicy", "arn:aws:s3:::edge-state", nil}, ImplicitDeny},
		{Request{"iam:PutRolePolicy", "arn:aws:iam::111122223333:role/edge-flow-logs-1a2b3c4", nil}, Allowed},
		{Request{"iam:PutRolePolicy", "arn:aws:iam::111122223333:role/admin", nil}, ImplicitDeny},
		{Request{"iam:PassRole", "arn:aws:iam::111122223333:role/admin", nil}, ImplicitDeny},
		{Request{"s3:PutObject", "arn:aws:s3:::edge-state/.pulumi/stacks/edge/dev.json", nil}, Allowed},
		{Request{"kms:GenerateDataKey", env.KMSKeyARN, nil}, Allowed},
		{Request{"iam:CreateServiceLinkedRole", "arn:aws:iam::111122223333:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing",
			map[string][]string{"iam:AWSServiceName": {"elasticloadbalancing.amazonaws.com"}}}, Allowed},
		{Request{"iam:CreateServiceLinkedRole", "arn:aws:iam::111122223333:role/aws-service-role/ec2.amazonaws.com/x",
			map[string][]string{"iam:AWSServiceName": {"ec2.amazonaws.com"}}}, ImplicitDeny},
	}
	for _, c := range cases {
		if got := decide(t, d, c.req); got != c.want {
			t.Errorf("%s on %s with %v: %v, want %v", c.req.Action, c.req.Resource, c.req.Context, got, c.want)
		}
	}
	// A type whose resources carry no stack tags (imported) is not scoped.
	n := delegated()
	n.Untagged = []string{"aws:lb/loadBalancer:LoadBalancer"}
	d = mustBuild(t, n, Deploy, env)
	if got := decide(t, d, Request{"elasticloadbalancing:SetSubnets", lb, nil}); got != Allowed {
		t.Errorf("an untagged load balancer cannot be updated: %v", got)
	}
}
