package iampolicy

import "testing"

func TestTrustAdmitsOnlyItsSubject(t *testing.T) {
	doc := Trust("arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", DeploySubject("meething/edge", "dev"))
	claims := func(aud, sub string) Request {
		return Request{Action: "sts:AssumeRoleWithWebIdentity", Resource: "*", Context: map[string][]string{
			GitHubOIDCHost + ":aud": {aud}, GitHubOIDCHost + ":sub": {sub}}}
	}
	for _, c := range []struct {
		req  Request
		want Decision
	}{
		{claims("sts.amazonaws.com", "repo:meething/edge:environment:dev"), Allowed},
		{claims("sts.amazonaws.com", "repo:meething/edge:environment:prod"), ImplicitDeny},
		{claims("sts.amazonaws.com", "repo:meething/edge:pull_request"), ImplicitDeny},
		{claims("sts.amazonaws.com", "repo:other/edge:environment:dev"), ImplicitDeny},
		{claims("sts.amazonaws.com", "repo:meething/edge:ref:refs/heads/main"), ImplicitDeny},
		{claims("example.com", "repo:meething/edge:environment:dev"), ImplicitDeny},
	} {
		if got, err := Evaluate(c.req, doc); err != nil || got != c.want {
			t.Errorf("%v: %v, %v; want %v", c.req.Context, got, err, c.want)
		}
	}
	if PreviewSubject("meething/edge") != "repo:meething/edge:pull_request" {
		t.Error(PreviewSubject("meething/edge"))
	}
}
