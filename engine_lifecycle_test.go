package main

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/stackfile"
	"github.com/meething/edge/internal/synth"
	"github.com/meething/edge/internal/testprovider"
)

// probeService is the service the lifecycle adds and removes.
const probeService = "probe"

// TestEngineLifecycleOfEveryStackAndExample drives every stack file and
// every example through the real engine, each in an account seeded with
// what its config says exists: preview; up; the state equals synth; a
// second preview plans nothing; stack output equals synth's outputs;
// destroy deletes exactly what the stack created, or with meething:protect
// is refused and deletes nothing. Adding a service creates only its
// resources, and removing it deletes only them (with meething:protect,
// only after they are unprotected, as the README says): that cycle runs on
// one project of each meething:protect setting (serviceCycleProjects), not
// on each, since TestSynthChangeSafety holds every stack's plan to it
// offline and the state of every project equals synth's.
func TestEngineLifecycleOfEveryStackAndExample(t *testing.T) {
	engineCLIRoot(t)
	projects := engineProjects(t)
	cycle := serviceCycleProjects(t, projects)
	for name, dir := range projects {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
			defer cancel()
			runLifecycle(ctx, t, newEngineStack(ctx, t, dir, name, ""), dir, cycle[name])
		})
	}
}

// serviceCycleProjects picks, for each meething:protect setting, the
// project whose lifecycle adds and removes a service: the first committed
// stack with that setting, or failing one the first example.
func serviceCycleProjects(t *testing.T, projects map[string]string) map[string]bool {
	t.Helper()
	names := slices.Sorted(maps.Keys(projects))
	slices.SortStableFunc(names, func(a, b string) int {
		return cmpBool(projects[a] != ".", projects[b] != ".") // committed stacks first
	})
	picked := map[bool]string{}
	for _, name := range names {
		loaded, err := stackfile.Load(projects[name], name)
		require.NoError(t, err)
		protect := loaded.Config["meething:protect"] == "true"
		if _, ok := picked[protect]; !ok {
			picked[protect] = name
		}
	}
	require.Len(t, picked, 2, "the service cycle runs with and without meething:protect, but every project has the same setting: %v", picked)
	out := map[string]bool{}
	for protect, name := range picked {
		out[name] = true
		t.Logf("the service add/remove cycle runs on %s (meething:protect %v)", name, protect)
	}
	return out
}

// TestServiceCycleCoversEachProtectSetting: offline, so that make unit
// fails when no stack or example is left with one of the meething:protect
// settings, rather than the lifecycle silently dropping that cycle.
func TestServiceCycleCoversEachProtectSetting(t *testing.T) {
	assert.Len(t, serviceCycleProjects(t, engineProjects(t)), 2)
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func runLifecycle(ctx context.Context, t *testing.T, s *engineStack, srcDir string, serviceCycle bool) {
	loaded, err := stackfile.Load(srcDir, s.name)
	require.NoError(t, err)
	plan, err := synth.Run(loaded, stackFor(loaded.Keys()))
	require.NoError(t, err)
	protect := loaded.Config["meething:protect"] == "true"
	start := time.Now()
	step := func(what string) { t.Logf("%s: %s (at %s)", s.name, what, time.Since(start).Round(time.Second)) }

	step("preview and up")
	planned, err := s.preview(ctx, t)
	require.NoError(t, err, "preview")
	require.NotEmpty(t, planned, "the first preview builds the stack")
	s.up(ctx, t)
	requireStateMatchesSynth(ctx, t, s.state(ctx, t), plan)
	s.requireNoChange(ctx, t, "up")
	requireOutputsMatchSynth(ctx, t, s, plan)
	if serviceCycle {
		step("adding and removing a service")
		runServiceCycle(ctx, t, s, protect)
	}
	step("destroy")
	runDestroy(ctx, t, s, protect)
	step("done")
}

// runServiceCycle adds a service to the stack and removes it again.
func runServiceCycle(ctx context.Context, t *testing.T, s *engineStack, protect bool) {
	original := s.stackFile(t)
	s.writeStackFile(t, withService(t, original, probeService))
	planned, err := s.preview(ctx, t)
	require.NoError(t, err, "preview with a service added")
	added := planned.only(t, "adding a service", "create", probeService)
	assert.NotEmpty(t, added)
	assert.Equal(t, added, s.up(ctx, t).only(t, "adding a service", "create", probeService), "up does what its preview showed")
	s.requireNoChange(ctx, t, "adding a service")

	s.writeStackFile(t, original)
	if protect {
		_, err := s.preview(ctx, t)
		require.Error(t, err, "with meething:protect, removing a service is refused until its resources are unprotected")
		assert.Contains(t, err.Error(), "protect")
		for _, urn := range added {
			s.pulumi(ctx, t, "state", "unprotect", "--yes", urn)
		}
	}
	planned, err = s.preview(ctx, t)
	require.NoError(t, err, "preview with the service removed")
	assert.Equal(t, added, planned.only(t, "removing a service", "delete", probeService), "removing a service deletes what adding it created")
	s.up(ctx, t)
	s.requireNoChange(ctx, t, "removing a service")
}

// runDestroy destroys the stack: it deletes what the stack created, or with
// meething:protect it is refused and leaves the account as it was.
func runDestroy(ctx context.Context, t *testing.T, s *engineStack, protect bool) {
	before := s.accountKeys(t)
	state := s.state(ctx, t)
	deleted, err := s.destroy(ctx, t)
	if protect {
		require.Error(t, err, "with meething:protect, destroy is refused")
		assert.Empty(t, deleted, "a refused destroy deletes nothing")
		assert.Equal(t, before, s.accountKeys(t), "a refused destroy leaves the account as it was")
		return
	}
	require.NoError(t, err, "destroy")
	want := maps.Clone(s.seeded)
	for _, r := range state {
		if r.RetainOnDelete && r.Custom {
			want[testprovider.Key(r.Type, r.ID)] = true
		}
	}
	assert.Equal(t, slices.Sorted(maps.Keys(want)), slices.Sorted(maps.Keys(s.accountKeys(t))),
		"destroy leaves what the stack did not create and what it retains, and nothing else")
}

// withService returns a copy of a stack file with a service added to
// meething:services (to the default services when the file sets none).
func withService(t *testing.T, file map[string]any, name string) map[string]any {
	t.Helper()
	out := maps.Clone(file)
	config := maps.Clone(file["config"].(map[string]any))
	services, _ := config["meething:services"].([]any)
	if services == nil {
		services = []any{map[string]any{"name": "api"}, map[string]any{"name": "config"}, map[string]any{"name": "chat"}}
	}
	config["meething:services"] = append(slices.Clone(services), map[string]any{"name": name})
	out["config"] = config
	return out
}

// requireStateMatchesSynth compares the engine's state after the first up
// with the synthesized plan: the same resources, each with the same type,
// parent, inputs, dependencies, protect, retain and import.
func requireStateMatchesSynth(ctx context.Context, t *testing.T, state map[string]engineResource, plan *synth.Plan) {
	t.Helper()
	engine := map[string]engineResource{}
	for urn, r := range state {
		if r.Type == "pulumi:pulumi:Stack" || strings.HasPrefix(r.Type, "pulumi:providers:") && strings.Contains(urn, "::default_") {
			continue // the engine's own: the root stack and default providers
		}
		engine[urn] = r
	}
	synthURNs := make([]string, 0, len(plan.Resources))
	for _, r := range plan.Resources {
		synthURNs = append(synthURNs, r.URN)
	}
	require.Equal(t, slices.Sorted(slices.Values(synthURNs)), slices.Sorted(maps.Keys(engine)), "the engine's resources are synth's")
	for _, want := range plan.Resources {
		got := engine[want.URN]
		parent := got.Parent
		if strings.HasSuffix(parent, "::"+plan.Project+"-"+plan.Stack) || strings.Contains(parent, "pulumi:pulumi:Stack") {
			parent = ""
		}
		assert.Equal(t, want.Type, got.Type, want.URN)
		assert.Equal(t, want.Parent, parent, "parent of %s", want.URN)
		assert.Equal(t, want.Protect, got.Protect, "protect of %s", want.URN)
		assert.Equal(t, want.RetainOnDelete, got.RetainOnDelete, "retainOnDelete of %s", want.URN)
		assert.Equal(t, want.ImportID, got.ImportID, "import of %s", want.URN)
		assert.Equal(t, want.Dependencies, sortedDeps(got.Dependencies), "dependencies of %s", want.URN)
		if want.Custom {
			inputs := secretsMasked(got.Inputs).(map[string]any)
			if strings.HasPrefix(want.Type, "pulumi:providers:") {
				// The engine records the plugin's version and its own
				// bookkeeping in a provider's inputs.
				delete(inputs, "version")
				delete(inputs, "__internal")
			}
			assert.Equal(t, normalized(t, want.Inputs), normalized(t, inputs), "inputs of %s", want.URN)
		}
	}
}

// requireOutputsMatchSynth compares `pulumi stack output` with synth's
// outputs; a secret output is secret in both.
func requireOutputsMatchSynth(ctx context.Context, t *testing.T, s *engineStack, plan *synth.Plan) {
	t.Helper()
	outputs, err := s.Outputs(ctx)
	require.NoError(t, err)
	got := map[string]any{}
	for k, v := range outputs {
		got[k] = v.Value
		if v.Secret {
			got[k] = synth.SecretPlaceholder
		}
	}
	assert.Equal(t, normalized(t, plan.Outputs), normalized(t, got), "stack output equals synth's outputs")
	var printed map[string]any
	require.NoError(t, json.Unmarshal([]byte(s.pulumi(ctx, t, "stack", "output", "--json")), &printed))
	assert.ElementsMatch(t, slices.Collect(maps.Keys(plan.Outputs)), slices.Collect(maps.Keys(printed)), "pulumi stack output prints every output")
}

func sortedDeps(deps []string) []string {
	if deps == nil {
		return []string{}
	}
	return slices.Sorted(slices.Values(deps))
}

// secretSig marks a secret in the state's JSON.
const secretSig = "4dabf18193072939515e22adb298388d"

// secretsMasked replaces the state's secrets with synth's placeholder.
func secretsMasked(v any) any {
	switch v := v.(type) {
	case map[string]any:
		if _, secret := v[secretSig]; secret {
			return synth.SecretPlaceholder
		}
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = secretsMasked(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = secretsMasked(e)
		}
		return out
	}
	return v
}

// normalized returns v as JSON decodes it, so that values compare by
// content.
func normalized(t *testing.T, v any) any {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	var out any
	require.NoError(t, json.Unmarshal(data, &out))
	return out
}
