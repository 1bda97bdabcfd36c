package main

import (
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/internal/iampolicy"
)

// mocks answers as the shared mock does, plus the ARNs of the types only
// the bootstrap registers (the KMS key, the OIDC provider, IAM policies).
type mocks struct{ *awsmock.Monitor }

func (m mocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	id, out, err := m.Monitor.NewResource(args)
	set := func(k, v string) { out[resource.PropertyKey(k)] = resource.NewStringProperty(v) }
	switch args.TypeToken {
	case "aws:kms/key:Key":
		set("keyId", id)
		set("arn", "arn:aws:kms:ap-northeast-2:"+awsmock.AccountID+":key/"+id)
	case "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
		set("arn", "arn:aws:iam::"+awsmock.AccountID+":oidc-provider/"+iampolicy.GitHubOIDCHost)
	case "aws:iam/policy:Policy":
		set("arn", "arn:aws:iam::"+awsmock.AccountID+":policy/"+id)
	}
	return id, out, err
}

const parentZone = "ZPARENTZONE1"

// run runs the bootstrap against the mock with config (short keys under
// the project's namespace) and returns the mock and the resolved outputs.
func run(t *testing.T, config map[string]string) (*awsmock.Monitor, map[string]any, error) {
	t.Helper()
	full := map[string]string{"aws:region": "ap-northeast-2"}
	for k, v := range config {
		full[namespace+":"+k] = v
	}
	m := awsmock.New("meething-bootstrap", "admin", "ap-northeast-2")
	m.ExistingZones[parentZone] = "meething.net"
	var (
		mu  sync.Mutex
		got map[string]any
	)
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		outs, err := build(ctx, os.DirFS("."))
		if err != nil {
			return err
		}
		awsmock.Await(ctx, outs, func(v map[string]any) error {
			mu.Lock()
			defer mu.Unlock()
			got = v
			return nil
		})
		return nil
	}, pulumi.WithMocks("meething-bootstrap", "admin", mocks{m}), func(info *pulumi.RunInfo) { info.Config = full })
	mu.Lock()
	defer mu.Unlock()
	return m, got, err
}

func input(r *awsmock.Resource, key string) string {
	v := r.Inputs[resource.PropertyKey(key)]
	if v.IsString() {
		return v.StringValue()
	}
	return ""
}

func document(t *testing.T, r *awsmock.Resource, key string) iampolicy.Document {
	t.Helper()
	var d iampolicy.Document
	require.NoError(t, json.Unmarshal([]byte(input(r, key)), &d), "%s of %s", key, r.Name)
	return d
}

func claims(sub string) iampolicy.Request {
	return iampolicy.Request{Action: "sts:AssumeRoleWithWebIdentity", Context: map[string][]string{
		iampolicy.GitHubOIDCHost + ":aud": {"sts.amazonaws.com"}, iampolicy.GitHubOIDCHost + ":sub": {sub}}}
}

func allowed(t *testing.T, req iampolicy.Request, docs ...iampolicy.Document) bool {
	t.Helper()
	got, err := iampolicy.Evaluate(req, docs...)
	require.NoError(t, err)
	return got == iampolicy.Allowed
}

func TestBootstrapPlan(t *testing.T) {
	m, outs, err := run(t, map[string]string{"repository": "meething/edge"})
	require.NoError(t, err)

	providers := m.OfType("aws:iam/openIdConnectProvider:OpenIdConnectProvider")
	require.Len(t, providers, 1)
	require.Equal(t, "https://token.actions.githubusercontent.com", input(providers[0], "url"))
	require.Equal(t, "sts.amazonaws.com", providers[0].Inputs["clientIdLists"].ArrayValue()[0].StringValue())

	subjects := []string{"repo:meething/edge:environment:dev", "repo:meething/edge:environment:prod",
		"repo:meething/edge:pull_request", "repo:other/edge:environment:dev", "repo:meething/edge:ref:refs/heads/main"}
	for _, c := range []struct{ role, admits string }{
		{"meething-dev-deploy", "repo:meething/edge:environment:dev"},
		{"meething-prod-deploy", "repo:meething/edge:environment:prod"},
		{"meething-dev-preview", "repo:meething/edge:pull_request"},
		{"meething-prod-preview", "repo:meething/edge:pull_request"},
	} {
		role := m.Named("aws:iam/role:Role", c.role)
		require.NotNil(t, role, c.role)
		trust := document(t, role, "assumeRolePolicy")
		for _, sub := range subjects {
			require.Equal(t, sub == c.admits, allowed(t, claims(sub), trust), "%s admits %s", c.role, sub)
		}
	}

	// The state bucket and the key: kept, private, versioned, encrypted.
	bucket := m.Named("aws:s3/bucketV2:BucketV2", "meething-pulumi-state")
	key := m.Named("aws:kms/key:Key", "meething-pulumi")
	for _, r := range []*awsmock.Resource{bucket, key} {
		require.True(t, r.Protect && r.RetainOnDelete, "%s %s is not protected and kept on delete", r.Type, r.Name)
	}
	require.True(t, key.Inputs["enableKeyRotation"].BoolValue())
	for _, typ := range []string{"aws:s3/bucketVersioningV2:BucketVersioningV2", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
		"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", "aws:s3/bucketPolicy:BucketPolicy"} {
		r := m.Named(typ, "meething-pulumi-state")
		require.NotNil(t, r, typ)
		require.True(t, r.Protect && r.RetainOnDelete, typ)
		require.Equal(t, bucket.ID, input(r, "bucket"), typ)
	}
	require.Equal(t, "Enabled", m.Named("aws:s3/bucketVersioningV2:BucketVersioningV2", "meething-pulumi-state").
		Inputs["versioningConfiguration"].ObjectValue()["status"].StringValue())
	pab := m.Named("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "meething-pulumi-state")
	for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
		require.True(t, pab.Inputs[resource.PropertyKey(k)].BoolValue(), k)
	}
	sse := m.Named("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", "meething-pulumi-state")
	byDefault := sse.Inputs["rules"].ArrayValue()[0].ObjectValue()["applyServerSideEncryptionByDefault"].ObjectValue()
	require.Equal(t, "aws:kms", byDefault["sseAlgorithm"].StringValue())
	bucketPolicy := document(t, m.Named("aws:s3/bucketPolicy:BucketPolicy", "meething-pulumi-state"), "policy")
	object := "arn:aws:s3:::" + bucket.ID + "/.pulumi/stacks/meething/prod.json"
	insecure := iampolicy.Request{Action: "s3:GetObject", Resource: object, Context: map[string][]string{"aws:SecureTransport": {"false"}}}
	got, err := iampolicy.Evaluate(insecure, bucketPolicy)
	require.NoError(t, err)
	require.Equal(t, iampolicy.ExplicitDeny, got, "the bucket serves a request without TLS")

	// The roles' policies, evaluated: dev's deploy role writes only its two
	// records in meething.net; preview roles write nothing; each role
	// reaches the state.
	// A role's policies are those attached to it (by the role's name) and
	// its inline ones, as IAM would find them.
	policies := func(role string) []iampolicy.Document {
		name := m.Named("aws:iam/role:Role", role).Outputs["name"].StringValue()
		byArn := map[string]*awsmock.Resource{}
		for _, p := range m.OfType("aws:iam/policy:Policy") {
			byArn[p.Outputs["arn"].StringValue()] = p
		}
		var out []iampolicy.Document
		for _, a := range m.OfType("aws:iam/rolePolicyAttachment:RolePolicyAttachment") {
			if input(a, "role") == name {
				p := byArn[input(a, "policyArn")]
				require.NotNil(t, p, "%s attaches %s, which no policy is", a.Name, input(a, "policyArn"))
				out = append(out, document(t, p, "policy"))
			}
		}
		require.NotEmpty(t, out, "no managed policy is attached to %s", role)
		for _, p := range m.OfType("aws:iam/rolePolicy:RolePolicy") {
			if input(p, "role") == name {
				out = append(out, document(t, p, "policy"))
			}
		}
		return out
	}
	for _, role := range []string{"meething-dev-deploy", "meething-prod-deploy", "meething-dev-preview", "meething-prod-preview"} {
		require.True(t, allowed(t, iampolicy.Request{Action: "s3:GetObject", Resource: object}, policies(role)...), role)
	}
	// A policy's description forces its replacement: it names the part,
	// never how many parts there are, so a policy that grows a part
	// updates the others in place.
	for _, p := range m.OfType("aws:iam/policy:Policy") {
		i := p.Name[strings.LastIndex(p.Name, "-")+1:]
		require.True(t, strings.HasSuffix(input(p, "description"), ", part "+i+" (internal/iampolicy)"), "%s: %q", p.Name, input(p, "description"))
	}
	record := func(name, typ string) iampolicy.Request {
		return iampolicy.Request{Action: "route53:ChangeResourceRecordSets", Resource: "arn:aws:route53:::hostedzone/" + parentZone,
			Context: map[string][]string{iampolicy.KeyRecordNames: {iampolicy.NormalizeRecordName(name)}, iampolicy.KeyRecordTypes: {typ}}}
	}
	dev := policies("meething-dev-deploy")
	require.True(t, allowed(t, record("dev.meething.net", "NS"), dev...))
	require.False(t, allowed(t, record("*.meething.net", "A"), dev...))
	require.False(t, allowed(t, record("meething.net", "NS"), dev...))
	for _, role := range []string{"meething-dev-preview", "meething-prod-preview"} {
		for _, d := range policies(role) {
			for _, a := range d.Actions() {
				require.False(t, iampolicy.IsWrite(a), "%s holds %s", role, a)
			}
		}
	}

	// The outputs: the workflows' variables and the commands that set them.
	require.Equal(t, "s3://"+bucket.ID+"?region=ap-northeast-2", outs["PULUMI_BACKEND_URL"])
	devDeploy := m.Named("aws:iam/role:Role", "meething-dev-deploy")
	require.Equal(t, devDeploy.Outputs["arn"].StringValue(), outs["environments"].(map[string]any)["dev"].(map[string]any)["AWS_DEPLOY_ROLE_ARN"])
	for _, v := range []string{"AWS_PREVIEW_ROLE_ARN_DEV", "AWS_PREVIEW_ROLE_ARN_PROD"} {
		require.Contains(t, outs[v], ":role/meething-", v)
	}
	require.Equal(t, "awskms://alias/meething-pulumi?region=ap-northeast-2", outs["secretsProvider"])
	script := outs["ghCommands"].(string)
	for _, want := range []string{
		"gh variable set PULUMI_BACKEND_URL --repo 'meething/edge' --body 's3://" + bucket.ID + "?region=ap-northeast-2'",
		"gh variable set AWS_PREVIEW_ROLE_ARN_PROD --repo 'meething/edge' --body '",
		"gh variable set AWS_DEPLOY_ROLE_ARN --repo 'meething/edge' --env 'dev' --body '" + devDeploy.Outputs["arn"].StringValue() + "'",
		"gh api repos/meething/edge/environments/prod --silent 2>/dev/null || gh api --method PUT repos/meething/edge/environments/prod",
	} {
		require.Contains(t, script, want)
	}
}

func TestBootstrapAdoptsTheAccountsProvider(t *testing.T) {
	arn := "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
	m, _, err := run(t, map[string]string{"repository": "meething/edge", "oidcProviderArn": arn, "stacks": "prod",
		"zoneIds": `{"meething.net":"ZGIVEN"}`})
	require.NoError(t, err)
	require.Empty(t, m.OfType("aws:iam/openIdConnectProvider:OpenIdConnectProvider"))
	require.Nil(t, m.Named("aws:iam/role:Role", "meething-dev-deploy"), "stacks: prod made dev's roles")
	trust := document(t, m.Named("aws:iam/role:Role", "meething-prod-deploy"), "assumeRolePolicy")
	require.Equal(t, arn, trust.Statement[0].Principal["Federated"])
}

func TestBootstrapRefusesBadConfigBeforeRegistering(t *testing.T) {
	m, _, err := run(t, map[string]string{"repository": "meething", "zoneIds": `{"meething.net":"nope","Meething.net.":"ZTYPO"}`, "stacks": "dev,no-such-stack,dev",
		"oidcProviderArn": "arn:aws:iam::1:role/x", "keyAlias": "meething"})
	require.Error(t, err)
	for _, want := range []string{
		`meething-bootstrap:repository: "meething" is not a GitHub repository as owner/name`,
		`meething-bootstrap:zoneIds.meething.net: "nope"`,
		`meething-bootstrap:stacks: "no-such-stack" is not a stack of bootstrap/stacks (`,
		`meething-bootstrap:stacks: "dev" is listed twice`,
		`meething-bootstrap:zoneIds: "Meething.net." is not a zone a stack of bootstrap/stacks writes into without owning it (meething.net)`,
		`meething-bootstrap:oidcProviderArn: "arn:aws:iam::1:role/x"`,
		`meething-bootstrap:keyAlias: "meething"`,
	} {
		require.Contains(t, err.Error(), want)
	}
	require.Empty(t, m.Resources(), "resources were registered before the config was checked")
}

func TestBootstrapNeedsTheParentZone(t *testing.T) {
	full := map[string]string{"aws:region": "ap-northeast-2", keyRepository: "meething/edge"}
	m := awsmock.New("meething-bootstrap", "admin", "ap-northeast-2") // no meething.net in the account
	err := pulumi.RunErr(program(os.DirFS(".")), pulumi.WithMocks("meething-bootstrap", "admin", mocks{m}),
		func(info *pulumi.RunInfo) { info.Config = full })
	require.Error(t, err)
	require.Contains(t, err.Error(), "stack dev writes into zone meething.net")
	require.Contains(t, err.Error(), keyZoneIDs)
}
