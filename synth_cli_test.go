package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/stackfile"
	"github.com/meething/edge/internal/synth"
	"github.com/meething/edge/stackconfig"
)

// synthProjectDir returns a temporary directory holding the repository's
// Pulumi.yaml and the given stack files (name -> content).
func synthProjectDir(t *testing.T, stacks map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	project, err := os.ReadFile("Pulumi.yaml")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), project, 0o644))
	for name, content := range stacks {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi."+name+".yaml"), []byte(content), 0o644))
	}
	return dir
}

const badStack = `config:
  aws:region: ap-northeast-2
  meething:vpcCidr: 8.8.8.0/24
  meething:idleTimeout: 0
`

func TestSynthInvalidConfig(t *testing.T) {
	dir := synthProjectDir(t, map[string]string{"bad": badStack})
	s, err := stackfile.Load(dir, "bad")
	require.NoError(t, err)

	// What the program says under pulumi up: stackconfig's error.
	_, want := stackconfig.Parse(func(key string) (string, bool) {
		v, ok := s.Config[key]
		return v, ok
	}, s.Keys())
	require.Error(t, want)

	t.Run("Run returns the error and no plan", func(t *testing.T) {
		plan, err := synth.Run(s, stackFor(s.Keys()))
		require.Error(t, err)
		assert.Nil(t, plan)
		assert.Equal(t, want.Error(), err.Error())
	})

	t.Run("the command exits 1 and prints nothing on stdout", func(t *testing.T) {
		for _, args := range [][]string{{"--json"}, {}} {
			code, stdout, stderr := cliRun(append([]string{"--dir", dir, "--stack", "bad"}, args...)...)
			assert.Equal(t, 1, code)
			assert.Empty(t, stdout)
			assert.Equal(t, "error: "+want.Error()+"\n", stderr)
		}
	})

	t.Run("the same text as the program under the engine", func(t *testing.T) {
		_, err := runProgram("bad", s.Config)
		require.Error(t, err)
		assert.Contains(t, err.Error(), want.Error())
	})
}

func TestSynthUsageErrors(t *testing.T) {
	dir := synthProjectDir(t, nil)
	for name, args := range map[string][]string{
		"unknown flag":       {"--bogus"},
		"missing stack file": {"--dir", dir, "--stack", "nope"},
		"no Pulumi.yaml":     {"--dir", t.TempDir()},
		"stray argument":     {"--stack", "dev", "extra"},
		"flag without value": {"--stack"},
		"path as stack name": {"--stack", "../dev"},
		"json and graph":     {"--dir", dir, "--json", "--graph"},
	} {
		t.Run(name, func(t *testing.T) {
			code, stdout, stderr := cliRun(args...)
			assert.Equal(t, 2, code)
			assert.Empty(t, stdout)
			assert.Equal(t, 1, strings.Count(stderr, "\n"), "one line on stderr: %q", stderr)
			assert.True(t, strings.HasPrefix(stderr, "meething synth: "), stderr)
		})
	}
	// Told before the stack is read and its program run.
	code, _, stderr := cliRun("--dir", t.TempDir(), "--json", "--graph")
	assert.Equal(t, 2, code)
	assert.Equal(t, "meething synth: --json and --graph exclude each other\n", stderr)
}

// A secure value synth cannot decrypt reaches the program as "[secret]",
// as a secret; the ciphertext shows nowhere. A secure value in a key that
// may not be secret is refused.
func TestSynthSecretConfig(t *testing.T) {
	dir := synthProjectDir(t, map[string]string{
		"sec": `config:
  aws:region: ap-northeast-2
  meething:domain: dev.meething.net
  meething:alarms:
    enabled: true
    emails:
      - secure: AAABAMVfl1EXAMPLEciphertextnotdecryptable
`,
		"tag": `config:
  aws:region: ap-northeast-2
  meething:domain: dev.meething.net
  meething:tags:
    Owner:
      secure: AAABAMVfl1EXAMPLEciphertextnotdecryptable
`})
	code, stdout, stderr := cliRun("--dir", dir, "--stack", "sec", "--json")
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, stderr)

	var plan synth.Plan
	require.NoError(t, json.Unmarshal([]byte(stdout), &plan))
	subs := plan.OfType("aws:sns/topicSubscription:TopicSubscription")
	require.Len(t, subs, 1)
	assert.Equal(t, "[secret]", subs[0].Inputs["endpoint"])
	assert.NotContains(t, stdout, "AAABAMVfl1EXAMPLE")

	code, stdout, stderr = cliRun("--dir", dir, "--stack", "tag", "--json")
	assert.Equal(t, exitProgram, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, `meething:tags: "[secret]" is secret (set with --secret, or holds a secure: value), but AWS shows tags`)
	assert.NotContains(t, stderr, "AAABAMVfl1EXAMPLE")
}

func TestSynthTree(t *testing.T) {
	code, stdout, stderr := cliRun()
	require.Equal(t, 0, code, stderr)
	lines := strings.Split(stdout, "\n")
	require.Greater(t, len(lines), 3)
	assert.Regexp(t, `^Type +Name +Import key +Options +Key inputs$`, lines[0])
	assert.Regexp(t, `^pulumi:pulumi:Stack +meething-dev$`, lines[1])
	// Custom resources sit one level under their component, with the key
	// meething:import knows them by.
	assert.Regexp(t, `(?m)^[├└]─ meething:network:Network +meething$`, stdout)
	assert.Regexp(t, `(?m)^[│ ]  [├└]─ aws:ec2/vpc:Vpc +meething +vpc +cidr=172\.31\.0\.0/16$`, stdout)
	assert.Regexp(t, `(?m)^[│ ]  [├└]─ aws:lb/loadBalancer:LoadBalancer +meething +loadBalancer +ip=ipv4 zones=4$`, stdout)
	assert.Regexp(t, `(?m)^[│ ]  [├└]─ aws:lb/targetGroup:TargetGroup +meething-api +targetGroup/api +port=80 protocol=HTTP health=/$`, stdout)
	assert.Regexp(t, `(?m)^    total +31\.53$`, stdout, "the monthly fixed cost")
	assert.Contains(t, stdout, "\nOutputs:\n")
	assert.Regexp(t, `(?m)^    albDnsName +: "meething-.*\.elb\.amazonaws\.com"$`, stdout)

	// The summary counts what the JSON lists.
	_, js, _ := cliRun("--json")
	plan, err := synth.ReadJSON(bytes.NewReader([]byte(js)))
	require.NoError(t, err)
	assert.Regexp(t, `(?m)^    total +`+strconv.Itoa(len(plan.Resources))+`$`, stdout)
	assert.Regexp(t, `(?m)^    aws:ec2/subnet:Subnet +`+strconv.Itoa(len(plan.OfType("aws:ec2/subnet:Subnet")))+`$`, stdout)
}

// TestSynthJSONContract checks the shape of the JSON document against the
// contract tools rely on.
func TestSynthJSONContract(t *testing.T) {
	code, stdout, stderr := cliRun("--json")
	require.Equal(t, 0, code, stderr)
	assert.True(t, strings.HasSuffix(stdout, "}\n"))
	assert.True(t, strings.HasPrefix(stdout, "{\n  \"project\": \"meething\",\n  \"stack\": \"dev\",\n  \"resources\": [\n"))

	var doc map[string]any
	dec := json.NewDecoder(strings.NewReader(stdout))
	require.NoError(t, dec.Decode(&doc))
	assert.False(t, dec.More(), "exactly one JSON document")
	resources := doc["resources"].([]any)
	require.NotEmpty(t, resources)
	var prev string
	fields := []string{"urn", "id", "type", "name", "parent", "custom", "inputs", "outputs",
		"dependencies", "protect", "retainOnDelete", "deleteBeforeReplace", "ignoreChanges", "aliases"}
	optional := map[string]bool{"key": true, "importId": true}
	for _, raw := range resources {
		r := raw.(map[string]any)
		for _, f := range fields {
			require.Contains(t, r, f)
		}
		for f := range r {
			assert.True(t, slices.Contains(fields, f) || optional[f], "unexpected field %s", f)
		}
		urn := r["urn"].(string)
		assert.Greater(t, urn, prev, "sorted by URN")
		prev = urn
		assert.NotContains(t, urn, "pulumi:pulumi:Stack", "the root stack is not listed")
		assert.NotContains(t, r["parent"], "pulumi:pulumi:Stack", "%s: a root parent prints as \"\"", urn)
		for _, list := range []string{"dependencies", "ignoreChanges", "aliases"} {
			assert.IsType(t, []any{}, r[list], "%s: %s", urn, list)
		}
		if r["custom"] == false {
			assert.Equal(t, "", r["id"], "%s: a component has no ID", urn)
		} else {
			assert.NotEqual(t, "", r["id"], urn)
		}
	}
	assert.IsType(t, map[string]any{}, doc["outputs"])
}
