package iampolicy

import "testing"

func TestEvaluate(t *testing.T) {
	doc := newDocument([]Statement{
		{Sid: "A", Effect: Allow, Action: []string{"ec2:Describe*"}, Resource: []string{"*"}},
		{Sid: "B", Effect: Allow, Action: []string{"s3:GetObject"}, Resource: []string{"arn:aws:s3:::b/state/*"}},
		{Sid: "C", Effect: Allow, Action: []string{"elasticloadbalancing:DeleteLoadBalancer"}, Resource: []string{"*"},
			Condition: map[string]Condition{"StringEquals": {"aws:ResourceTag/Stack": {"dev"}}}},
		{Sid: "D", Effect: Allow, Action: []string{"route53:ChangeResourceRecordSets"}, NotResource: []string{"arn:aws:route53:::hostedzone/ZP"},
			Condition: map[string]Condition{"ForAllValues:StringLike": {KeyRecordNames: {"dev.x", "*.dev.x"}}, "Null": {KeyRecordNames: {"false"}}}},
		{Sid: "E", Effect: Deny, Action: []string{"s3:GetObject"}, Resource: []string{"arn:aws:s3:::b/state/secret"}},
		{Sid: "F", Effect: Allow, Action: []string{"sns:Publish"}, Resource: []string{"*"},
			Condition: map[string]Condition{"ForAnyValue:StringEquals": {"aws:TagKeys": {"Stack"}}, "StringNotLike": {"aws:RequestTag/Stack": {"prod*"}}}},
	})
	cases := []struct {
		name string
		req  Request
		want Decision
	}{
		{"action glob, any case", Request{Action: "EC2:describeVpcs", Resource: "*"}, Allowed},
		{"no statement", Request{Action: "ec2:CreateVpc", Resource: "*"}, ImplicitDeny},
		{"resource glob crosses slashes", Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/state/.pulumi/stacks/dev.json"}, Allowed},
		{"resource outside", Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::c/state/x"}, ImplicitDeny},
		{"explicit deny wins", Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/state/secret"}, ExplicitDeny},
		{"tag equal", Request{Action: "elasticloadbalancing:DeleteLoadBalancer", Resource: "arn:lb", Context: map[string][]string{"aws:ResourceTag/Stack": {"dev"}}}, Allowed},
		{"tag other", Request{Action: "elasticloadbalancing:DeleteLoadBalancer", Resource: "arn:lb", Context: map[string][]string{"aws:ResourceTag/Stack": {"prod"}}}, ImplicitDeny},
		{"tag absent", Request{Action: "elasticloadbalancing:DeleteLoadBalancer", Resource: "arn:lb"}, ImplicitDeny},
		{"condition keys are case-insensitive", Request{Action: "elasticloadbalancing:DeleteLoadBalancer", Resource: "arn:lb", Context: map[string][]string{"AWS:ResourceTag/Stack": {"dev"}}}, Allowed},
		{"NotResource: another zone", Request{Action: "route53:ChangeResourceRecordSets", Resource: "arn:aws:route53:::hostedzone/ZD",
			Context: map[string][]string{KeyRecordNames: {"a.dev.x", "dev.x"}}}, Allowed},
		{"NotResource: the excluded zone", Request{Action: "route53:ChangeResourceRecordSets", Resource: "arn:aws:route53:::hostedzone/ZP",
			Context: map[string][]string{KeyRecordNames: {"a.dev.x"}}}, ImplicitDeny},
		{"ForAllValues: one value outside", Request{Action: "route53:ChangeResourceRecordSets", Resource: "arn:aws:route53:::hostedzone/ZD",
			Context: map[string][]string{KeyRecordNames: {"a.dev.x", "www.x"}}}, ImplicitDeny},
		{"ForAllValues alone would pass an absent key; Null false refuses it", Request{Action: "route53:ChangeResourceRecordSets", Resource: "arn:aws:route53:::hostedzone/ZD"}, ImplicitDeny},
		{"ForAnyValue and StringNotLike", Request{Action: "sns:Publish", Resource: "*",
			Context: map[string][]string{"aws:TagKeys": {"Name", "Stack"}, "aws:RequestTag/Stack": {"dev"}}}, Allowed},
		{"StringNotLike refuses", Request{Action: "sns:Publish", Resource: "*",
			Context: map[string][]string{"aws:TagKeys": {"Stack"}, "aws:RequestTag/Stack": {"prod-1"}}}, ImplicitDeny},
		{"ForAnyValue: absent key is false", Request{Action: "sns:Publish", Resource: "*"}, ImplicitDeny},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Evaluate(c.req, doc)
			if err != nil || got != c.want {
				t.Fatalf("Evaluate(%+v) = %v, %v; want %v", c.req, got, err, c.want)
			}
		})
	}
}

func TestEvaluateRefusesAnOperatorItDoesNotKnow(t *testing.T) {
	doc := newDocument([]Statement{{Sid: "X", Effect: Allow, Action: []string{"a:B"}, Resource: []string{"*"},
		Condition: map[string]Condition{"IpAddress": {"aws:SourceIp": {"10.0.0.0/8"}}}}})
	if _, err := Evaluate(Request{Action: "a:B", Resource: "*"}, doc); err == nil {
		t.Fatal("Evaluate accepted the operator IpAddress, which it does not implement")
	}
}

func TestNormalizeRecordName(t *testing.T) {
	for in, want := range map[string]string{
		"*.Dev.Meething.NET.":              "\\052.dev.meething.net",
		"_meething-dev-owner.meething.net": "_meething-dev-owner.meething.net",
		"_abc.dev.meething.net.":           "_abc.dev.meething.net",
		"a b.example.com":                  "a\\040b.example.com",
	} {
		if got := NormalizeRecordName(in); got != want {
			t.Errorf("NormalizeRecordName(%q) = %q, want %q", in, got, want)
		}
	}
}
