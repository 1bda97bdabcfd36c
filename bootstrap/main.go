// Command bootstrap is the Pulumi program an administrator runs once per
// AWS account before the first pull request (cd bootstrap && pulumi up):
// the GitHub OIDC provider (or the one the account has), per stack a deploy
// role that only that stack's GitHub environment may assume and a preview
// role for the repository's pull requests, both with the policies
// internal/iampolicy derives from the stack's plan (bootstrap/stacks), the
// state bucket (versioned, encrypted, private, TLS only, protected and kept
// on destroy) and the KMS key of the stacks' secrets. Its outputs are the
// repository variables the workflows read, and the gh commands that set
// them.
package main

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/iampolicy"
)

// stackFiles are the needs of every stack file, kept equal to the plans by
// the root package's TestGoldenBootstrapNeeds (make golden).
//
//go:embed stacks/*.json
var stackFiles embed.FS

func main() { pulumi.Run(program(stackFiles)) }

// readNeeds reads every stacks/<stack>.json of files.
func readNeeds(files fs.FS) (map[string]iampolicy.Needs, error) {
	names, err := fs.Glob(files, "stacks/*.json")
	if err != nil {
		return nil, err
	}
	out := map[string]iampolicy.Needs{}
	for _, name := range names {
		b, err := fs.ReadFile(files, name)
		if err != nil {
			return nil, err
		}
		var n iampolicy.Needs
		if err := json.Unmarshal(b, &n); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if want := strings.TrimSuffix(path.Base(name), ".json"); n.Stack != want {
			return nil, fmt.Errorf("%s holds the needs of stack %q", name, n.Stack)
		}
		out[n.Stack] = n
	}
	return out, nil
}

// program is what pulumi up runs: build, then export its outputs.
func program(files fs.FS) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		outputs, err := build(ctx, files)
		if err != nil {
			return err
		}
		for k, v := range outputs {
			ctx.Export(k, v)
		}
		return nil
	}
}

// build reads and checks the config before it registers anything, then
// builds the state backend, the provider and the roles, and returns the
// stack's outputs.
func build(ctx *pulumi.Context, files fs.FS) (pulumi.Map, error) {
	all, err := readNeeds(files)
	if err != nil {
		return nil, err
	}
	cfg, err := parseConfig(func(key string) (string, bool) { return ctx.GetConfig(key) }, all)
	if err != nil {
		return nil, fmt.Errorf("invalid configuration:\n%w", err)
	}
	state, err := newState(ctx, cfg)
	if err != nil {
		return nil, err
	}
	roles, err := newRoles(ctx, cfg, state)
	if err != nil {
		return nil, err
	}
	return outputs(cfg, state, roles), nil
}
