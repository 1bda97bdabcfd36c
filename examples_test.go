package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/meething/edge/internal/stackfile"
	"github.com/meething/edge/internal/synth"
	"github.com/meething/edge/stackconfig"
)

// exampleProjectHeader heads every examples/<name>/Pulumi.yaml, which is the
// project's Pulumi.yaml with main added: Pulumi reads the config
// declarations and defaults from the project file beside the stack file, so
// each example needs its own copy, and this test keeps them identical.
const exampleProjectHeader = `# Generated from ../../Pulumi.yaml by TestGoldenExampleProjectFiles: do not
# edit. After changing ../../Pulumi.yaml, run make golden
# (UPDATE_GOLDEN=1 go test . -run Golden). main runs the program at the
# root of the repository, with the config declared below.
main: ../..
`

// exampleProjectFile returns what examples/<name>/Pulumi.yaml must hold,
// given the project's Pulumi.yaml.
func exampleProjectFile(root []byte) ([]byte, error) {
	var p struct {
		Main string `yaml:"main"`
	}
	if err := yaml.Unmarshal(root, &p); err != nil {
		return nil, err
	}
	if p.Main != "" {
		return nil, fmt.Errorf("Pulumi.yaml sets main %q: the examples' copies set their own", p.Main)
	}
	return append([]byte(exampleProjectHeader), root...), nil
}

// TestGoldenExampleProjectFiles: every example's Pulumi.yaml is the
// project's, with main pointing at the program; UPDATE_GOLDEN=1 rewrites
// them. Each example folder holds one stack file, named like the folder, so
// that the examples' stacks do not collide in one backend (they all belong
// to project meething).
func TestGoldenExampleProjectFiles(t *testing.T) {
	root, err := os.ReadFile("Pulumi.yaml")
	require.NoError(t, err)
	want, err := exampleProjectFile(root)
	require.NoError(t, err)

	dirs, err := filepath.Glob(filepath.Join(examplesDir, "*"))
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	for _, dir := range dirs {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			info, err := os.Stat(dir)
			require.NoError(t, err)
			require.True(t, info.IsDir(), "%s: examples/ holds one folder per scenario", dir)

			path := filepath.Join(dir, "Pulumi.yaml")
			if os.Getenv("UPDATE_GOLDEN") == "1" {
				writeGolden(t, path, string(want))
			} else {
				got, err := os.ReadFile(path)
				require.NoError(t, err, "%s: run UPDATE_GOLDEN=1 go test . -run Golden to write it", path)
				if !bytes.Equal(got, want) {
					t.Errorf("%s is not the project's Pulumi.yaml with main: ../..:\n%s\n"+
						"Run UPDATE_GOLDEN=1 go test . -run Golden (make golden) to rewrite it.",
						path, synth.Diff(want, got, 2))
				}
			}

			stacks, err := filepath.Glob(filepath.Join(dir, "Pulumi.*.yaml"))
			require.NoError(t, err)
			assert.Equal(t, []string{filepath.Join(dir, "Pulumi."+name+".yaml")}, stacks,
				"%s holds one stack file, named like the folder: Pulumi.%s.yaml", dir, name)
		})
	}
}

// TestPulumiAcceptsTheExamples loads each example as the Pulumi CLI would in
// its folder: the project file, with main resolving to the repository's
// root (where the program is), and the stack file against its declarations;
// every key the stack sets is declared.
func TestPulumiAcceptsTheExamples(t *testing.T) {
	wd, err := os.Getwd()
	require.NoError(t, err)
	sink := diag.DefaultSink(os.Stderr, os.Stderr, diag.FormatOptions{Color: colors.Never})
	for _, name := range exampleNames(t) {
		t.Run(name, func(t *testing.T) {
			dir := exampleDir(name)
			project, err := workspace.LoadProject(filepath.Join(dir, "Pulumi.yaml"))
			require.NoError(t, err)
			assert.Equal(t, "meething", project.Name.String())
			assert.Equal(t, "go", project.Runtime.Name())
			program, err := filepath.Abs(filepath.Join(dir, project.Main))
			require.NoError(t, err)
			assert.Equal(t, wd, program, "main of %s/Pulumi.yaml must be the repository's root", dir)

			path := filepath.Join(dir, "Pulumi."+name+".yaml")
			stack, err := workspace.LoadProjectStack(sink, project, path)
			require.NoError(t, err)
			require.NotEmpty(t, stack.Config, "%s sets no config", path)

			data, err := os.ReadFile(path)
			require.NoError(t, err)
			var file struct {
				Config map[string]any `yaml:"config"`
			}
			require.NoError(t, yaml.Unmarshal(data, &file))
			for key := range file.Config {
				if strings.HasPrefix(key, "aws:") {
					continue
				}
				_, ok := project.Config[key]
				assert.True(t, ok, "%s sets %s, which Pulumi.yaml does not declare", path, key)
			}
		})
	}
}

// TestExamplesShowEveryAlgorithm: every load-balancing algorithm the
// stack accepts is shown on a service of some example, least outstanding
// requests without slow start (AWS refuses the two together), so that a
// user copies a form the stack and AWS accept.
func TestExamplesShowEveryAlgorithm(t *testing.T) {
	shown := map[string][]string{}
	for _, name := range exampleNames(t) {
		s, err := stackfile.Load(exampleDir(name), name)
		require.NoError(t, err)
		cfg, err := stackconfig.Parse(func(k string) (string, bool) { v, ok := s.Config[k]; return v, ok }, s.Keys())
		require.NoError(t, err, "example %s", name)
		for _, svc := range cfg.Services {
			algorithm := svc.Algorithm
			if algorithm == "" {
				algorithm = "round_robin"
			}
			shown[algorithm] = append(shown[algorithm], name+"/"+svc.Name)
			if algorithm == "least_outstanding_requests" {
				assert.Zero(t, svc.SlowStart, "%s/%s: no slow start beside least outstanding requests", name, svc.Name)
			}
		}
	}
	for _, algorithm := range stackconfig.Algorithms {
		t.Run(algorithm, func(t *testing.T) {
			assert.NotEmpty(t, shown[algorithm], "no example shows algorithm %s", algorithm)
		})
	}
	assert.Contains(t, shown["least_outstanding_requests"], "blue-green/api")
}
