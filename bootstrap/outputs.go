package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// outputs are the repository variables the workflows read, by their
// names: PULUMI_BACKEND_URL and AWS_PREVIEW_ROLE_ARN_<STACK> for the
// repository, AWS_DEPLOY_ROLE_ARN per GitHub environment (environments),
// plus the secrets provider for the stacks, the OIDC provider's ARN and
// ghCommands, the gh commands that set them.
func outputs(cfg Config, state *State, roles *Roles) pulumi.Map {
	backend := state.Bucket.Bucket.ApplyT(func(b string) string { return backendURL(b, cfg.Region) }).(pulumi.StringOutput)
	out := pulumi.Map{
		"PULUMI_BACKEND_URL": backend,
		"secretsProvider":    pulumi.String(secretsProvider(cfg.KeyAlias, cfg.Region)),
		"oidcProviderArn":    roles.ProviderArn,
	}
	envs := pulumi.Map{}
	var names []string
	var arns []any
	for _, stack := range slices.Sorted(maps.Keys(roles.Preview)) {
		out[previewVariable(stack)] = roles.Preview[stack]
		envs[stack] = pulumi.Map{deployVariable: roles.Deploy[stack]}
		names = append(names, stack)
		arns = append(arns, roles.Preview[stack], roles.Deploy[stack])
	}
	out["environments"] = envs
	out["ghCommands"] = pulumi.All(append([]any{backend}, arns...)...).ApplyT(func(v []any) string {
		vars := []variable{{Name: "PULUMI_BACKEND_URL", Value: v[0].(string)}}
		for i, stack := range names {
			vars = append(vars,
				variable{Name: previewVariable(stack), Value: v[1+2*i].(string)},
				variable{Name: deployVariable, Env: stack, Value: v[2+2*i].(string)})
		}
		return ghScript(cfg.Repository, vars)
	}).(pulumi.StringOutput)
	return out
}

// deployVariable is the environment variable pulumi-up.yml reads.
const deployVariable = "AWS_DEPLOY_ROLE_ARN"

// previewVariable is the repository variable the workflows read for a
// stack's preview role (.github/actions/preview-role, through
// scripts/preview-role-variable.sh): AWS_PREVIEW_ROLE_ARN_DEV for dev,
// AWS_PREVIEW_ROLE_ARN_STAGING_EU for staging-eu.
func previewVariable(stack string) string {
	return "AWS_PREVIEW_ROLE_ARN_" + strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			return r
		}
		return '_'
	}, stack)
}

// backendURL is the self-managed backend in bucket, as Pulumi reads
// PULUMI_BACKEND_URL.
func backendURL(bucket, region string) string {
	return fmt.Sprintf("s3://%s?region=%s", bucket, region)
}

// secretsProvider is what `pulumi stack init --secrets-provider` (or
// change-secrets-provider) takes for the key.
func secretsProvider(alias, region string) string {
	return fmt.Sprintf("awskms://%s?region=%s", alias, region)
}

// variable is a GitHub Actions variable: of the repository, or of the
// environment Env.
type variable struct{ Name, Env, Value string }

// ghScript is the shell script that sets vars in repository with the
// GitHub CLI, creating each environment that does not exist first (gh
// variable set --env fails for one that does not exist). Paste it as it is.
func ghScript(repository string, vars []variable) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# The variables the workflows read, for %s (bootstrap/ outputs).\n", repository)
	b.WriteString("# Secrets are not set here: PULUMI_CONFIG_PASSPHRASE for passphrase stacks.\n")
	created := map[string]bool{}
	for _, v := range vars {
		if v.Env != "" && !created[v.Env] {
			created[v.Env] = true
			// Created only when missing: a PUT of an existing one would
			// reset its protection rules (prod's required reviewers).
			fmt.Fprintf(&b, "gh api repos/%[1]s/environments/%[2]s --silent 2>/dev/null || gh api --method PUT repos/%[1]s/environments/%[2]s --silent\n", repository, v.Env)
		}
		env := ""
		if v.Env != "" {
			env = " --env " + quote(v.Env)
		}
		fmt.Fprintf(&b, "gh variable set %s --repo %s%s --body %s\n", v.Name, quote(repository), env, quote(v.Value))
	}
	return b.String()
}

// quote quotes s for a POSIX shell.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
