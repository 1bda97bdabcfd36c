package iampolicy

import "fmt"

// GitHub Actions' OpenID Connect issuer and the audience
// aws-actions/configure-aws-credentials asks for:
// https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
const (
	GitHubOIDCHost     = "token.actions.githubusercontent.com"
	GitHubOIDCURL      = "https://" + GitHubOIDCHost
	GitHubOIDCAudience = "sts.amazonaws.com"
)

// DeploySubject is the sub claim of a job of repository (owner/name) that
// runs in the GitHub environment named after the stack, as pulumi-up.yml's
// jobs do: only those may assume the stack's deploy role.
func DeploySubject(repository, stack string) string {
	return fmt.Sprintf("repo:%s:environment:%s", repository, stack)
}

// PreviewSubject is the sub claim of a pull request's jobs in repository.
func PreviewSubject(repository string) string {
	return fmt.Sprintf("repo:%s:pull_request", repository)
}

// Trust is the trust policy of a role that the GitHub OIDC provider
// (providerARN) lets a job with exactly subject assume, for the audience
// sts.amazonaws.com.
func Trust(providerARN, subject string) Document {
	return newDocument([]Statement{{
		Sid: "GitHubActions", Effect: Allow,
		Principal: map[string]any{"Federated": providerARN},
		Action:    []string{"sts:AssumeRoleWithWebIdentity"},
		Condition: map[string]Condition{"StringEquals": {
			GitHubOIDCHost + ":aud": {GitHubOIDCAudience},
			GitHubOIDCHost + ":sub": {subject},
		}},
	}})
}

// StatePolicy is a role's access to the state backend alone (env's bucket
// and key), the part of Build that needs only the backend.
func StatePolicy(role Role, env Env) Document {
	if env.Partition == "" {
		env.Partition = "aws"
	}
	return newDocument(stateStatements(role, env))
}
