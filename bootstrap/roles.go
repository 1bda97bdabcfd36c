package main

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/iampolicy"
)

// Roles are the ARNs of the roles by stack, and the OIDC provider's.
type Roles struct {
	ProviderArn pulumi.StringOutput
	Deploy      map[string]pulumi.StringOutput
	Preview     map[string]pulumi.StringOutput
}

// newRoles registers the GitHub OIDC provider (unless config names the
// account's), then for each stack its deploy and preview roles.
func newRoles(ctx *pulumi.Context, cfg Config, state *State) (*Roles, error) {
	caller, err := aws.GetCallerIdentity(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("looking up the account: %w", err)
	}
	r := &Roles{Deploy: map[string]pulumi.StringOutput{}, Preview: map[string]pulumi.StringOutput{}}
	if cfg.OIDCProviderArn != "" {
		r.ProviderArn = pulumi.String(cfg.OIDCProviderArn).ToStringOutput()
	} else {
		// An account has one provider per URL, which other repositories
		// may come to trust: it outlives this stack.
		p, err := iam.NewOpenIdConnectProvider(ctx, "github", &iam.OpenIdConnectProviderArgs{
			Url:           pulumi.String(iampolicy.GitHubOIDCURL),
			ClientIdLists: pulumi.StringArray{pulumi.String(iampolicy.GitHubOIDCAudience)},
		}, pulumi.RetainOnDelete(true))
		if err != nil {
			return nil, fmt.Errorf("registering the GitHub OIDC provider: %w", err)
		}
		r.ProviderArn = p.Arn
	}
	for _, n := range cfg.Stacks {
		zones, err := zoneIDs(ctx, cfg, n)
		if err != nil {
			return nil, err
		}
		env := iampolicy.Env{Account: caller.AccountId, ZoneIDs: zones}
		for _, role := range roles {
			subject := iampolicy.PreviewSubject(cfg.Repository)
			if role == iampolicy.Deploy {
				subject = iampolicy.DeploySubject(cfg.Repository, n.Stack)
			}
			arn, err := newRole(ctx, n, role, env, subject, r.ProviderArn, state)
			if err != nil {
				return nil, fmt.Errorf("stack %s, %s role: %w", n.Stack, role, err)
			}
			if role == iampolicy.Deploy {
				r.Deploy[n.Stack] = arn
			} else {
				r.Preview[n.Stack] = arn
			}
		}
	}
	return r, nil
}

// zoneIDs are the IDs of the zones stack n writes into without owning
// them: from config, or looked up by name.
func zoneIDs(ctx *pulumi.Context, cfg Config, n iampolicy.Needs) (map[string]string, error) {
	out := map[string]string{}
	for _, z := range n.Foreign {
		if z.Zone == "" {
			continue
		}
		if id := cfg.ZoneIDs[z.Zone]; id != "" {
			out[z.Zone] = id
			continue
		}
		name := z.Zone
		found, err := route53.LookupZone(ctx, &route53.LookupZoneArgs{Name: &name})
		if err != nil {
			return nil, fmt.Errorf("stack %s writes into zone %s, which it does not own, and the zone cannot be looked up (create it first, or give its ID in %s): %w",
				n.Stack, z.Zone, keyZoneIDs, err)
		}
		out[z.Zone] = found.ZoneId
	}
	return out, nil
}

// roles are the roles made per stack.
var roles = []iampolicy.Role{iampolicy.Deploy, iampolicy.Preview}

// roleName is the logical name of stack n's role; Pulumi names the role
// after it, plus a hyphen and 7 random characters (autoNameSuffix).
func roleName(n iampolicy.Needs, role iampolicy.Role) string {
	return fmt.Sprintf("%s-%s-%s", n.Project, n.Stack, role)
}

const (
	autoNameSuffix = 8
	// maxRoleName is how long an IAM role's name may be:
	// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
	maxRoleName = 64
)

// newRole registers one role: trusted for subject only, with the stack's
// policy as managed policies (as many as its length needs) and the state
// backend's as an inline one.
func newRole(ctx *pulumi.Context, n iampolicy.Needs, role iampolicy.Role, env iampolicy.Env,
	subject string, provider pulumi.StringOutput, state *State) (pulumi.StringOutput, error) {
	doc, err := iampolicy.Build(n, role, env)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	parts, err := doc.Split(iampolicy.MaxManagedSize)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	if len(parts) > iampolicy.MaxManagedPerRole {
		return pulumi.StringOutput{}, fmt.Errorf("the policy needs %d managed policies, more than the %d a role takes", len(parts), iampolicy.MaxManagedPerRole)
	}
	name := roleName(n, role)
	what := map[iampolicy.Role]string{
		iampolicy.Deploy:  fmt.Sprintf("pulumi up of stack %s, from its GitHub environment", n.Stack),
		iampolicy.Preview: fmt.Sprintf("pulumi preview of stack %s, from pull requests (reads only)", n.Stack),
	}[role]
	tags := pulumi.StringMap{"Project": pulumi.String(n.Project), "Stack": pulumi.String(n.Stack), "ManagedBy": pulumi.String("pulumi")}
	r, err := iam.NewRole(ctx, name, &iam.RoleArgs{
		Description: pulumi.String(what + " (bootstrap/)"),
		AssumeRolePolicy: provider.ApplyT(func(arn string) (string, error) {
			b, err := iampolicy.Trust(arn, subject).JSON()
			return string(b), err
		}).(pulumi.StringOutput),
		MaxSessionDuration: pulumi.Int(3600),
		Tags:               tags,
	})
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	// Part i keeps its logical name and description whatever the number of
	// parts: a policy's description forces its replacement (terraform-
	// provider-aws, website/docs/r/iam_policy.html.markdown: "description -
	// (Optional, Forces new resource)"), and replacing every part at once,
	// create before delete, would hold twice the parts on the role, over
	// MaxManagedPerRole from six parts on. A grown policy updates part i in
	// place and adds parts; a shrunk one deletes the last parts after the
	// updates.
	for i, part := range parts {
		b, err := part.JSON()
		if err != nil {
			return pulumi.StringOutput{}, err
		}
		p, err := iam.NewPolicy(ctx, fmt.Sprintf("%s-%d", name, i+1), &iam.PolicyArgs{
			Description: pulumi.Sprintf("%s, part %d (internal/iampolicy)", what, i+1),
			Policy:      pulumi.String(string(b)),
			Tags:        tags,
		}, pulumi.Parent(r))
		if err != nil {
			return pulumi.StringOutput{}, err
		}
		if _, err := iam.NewRolePolicyAttachment(ctx, fmt.Sprintf("%s-%d", name, i+1), &iam.RolePolicyAttachmentArgs{
			Role: r.Name, PolicyArn: p.Arn,
		}, pulumi.Parent(r)); err != nil {
			return pulumi.StringOutput{}, err
		}
	}
	if _, err := iam.NewRolePolicy(ctx, name+"-state", &iam.RolePolicyArgs{
		Role: r.Name,
		Policy: pulumi.All(state.Bucket.Bucket, state.Key.Arn).ApplyT(func(v []any) (string, error) {
			b, err := iampolicy.StatePolicy(role, iampolicy.Env{StateBucket: v[0].(string), KMSKeyARN: v[1].(string)}).JSON()
			return string(b), err
		}).(pulumi.StringOutput),
	}, pulumi.Parent(r)); err != nil {
		return pulumi.StringOutput{}, err
	}
	return r.Arn, nil
}
