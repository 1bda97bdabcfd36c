package main

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/stretchr/testify/require"
)

// TestProjectDeclaresEveryKey: the Pulumi CLI accepts bootstrap/Pulumi.yaml,
// and it declares exactly the keys the program reads, each with a
// description, every one but the repository with a default.
func TestProjectDeclaresEveryKey(t *testing.T) {
	project, err := workspace.LoadProject("Pulumi.yaml")
	require.NoError(t, err)
	require.Equal(t, "meething-bootstrap", string(project.Name))
	require.Equal(t, namespace, string(project.Name))
	var declared []string
	for key, v := range project.Config {
		declared = append(declared, key)
		require.NotEmpty(t, v.Description, key)
		if key != keyRepository {
			require.NotNil(t, v.Default, "%s has no default", key)
		}
	}
	slices.Sort(declared)
	// The keys the program asks for, as parseConfig asks for them.
	asked := map[string]bool{}
	all, err := readNeeds(os.DirFS("."))
	require.NoError(t, err)
	_, _ = parseConfig(func(key string) (string, bool) { asked[key] = true; return "", false }, all)
	var read []string
	for k := range asked {
		if strings.HasPrefix(k, namespace+":") {
			read = append(read, k)
		}
	}
	slices.Sort(read)
	require.Equal(t, read, declared)
}

func TestGhScript(t *testing.T) {
	got := ghScript("o/r", []variable{{Name: "A", Value: "x'y"}, {Name: "B", Env: "dev", Value: "v"}, {Name: "C", Env: "dev", Value: "w"}})
	want := "# The variables the workflows read, for o/r (bootstrap/ outputs).\n" +
		"# Secrets are not set here: PULUMI_CONFIG_PASSPHRASE for passphrase stacks.\n" +
		"gh variable set A --repo 'o/r' --body 'x'\\''y'\n" +
		"gh api repos/o/r/environments/dev --silent 2>/dev/null || gh api --method PUT repos/o/r/environments/dev --silent\n" +
		"gh variable set B --repo 'o/r' --env 'dev' --body 'v'\n" +
		"gh variable set C --repo 'o/r' --env 'dev' --body 'w'\n"
	require.Equal(t, want, got)
	require.Equal(t, "AWS_PREVIEW_ROLE_ARN_STAGING_EU", previewVariable("staging-eu"))
}

// The workflows find a stack's preview role under the name the bootstrap
// prints: .github/actions/preview-role asks scripts/preview-role-variable.sh.
func TestWorkflowsReadThePreviewVariableBootstrapPrints(t *testing.T) {
	for _, stack := range []string{"dev", "prod", "staging-eu", "Qa2", "a.b"} {
		out, err := exec.Command("../scripts/preview-role-variable.sh", stack).Output()
		require.NoError(t, err, stack)
		require.Equal(t, previewVariable(stack), strings.TrimSpace(string(out)), stack)
	}
	action, err := os.ReadFile("../.github/actions/preview-role/action.yml")
	require.NoError(t, err)
	require.Contains(t, string(action), "scripts/preview-role-variable.sh")
	for _, wf := range []string{"pull-request.yml", "drift.yml"} {
		text, err := os.ReadFile("../.github/workflows/" + wf)
		require.NoError(t, err)
		require.Contains(t, string(text), "uses: ./.github/actions/preview-role", wf)
		require.NotContains(t, string(text), "vars.AWS_PREVIEW_ROLE_ARN_", wf+" picks a preview role by hand")
	}
}
