package main

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/internal/stackfile"
	"github.com/meething/edge/internal/synth"
	"github.com/meething/edge/internal/testprovider"
)

// handBuilt is the hand-built edge of the cutover tests: a live zone whose
// wildcard is an alias to a load balancer the stack did not build.
const (
	handBuiltAlb    = "dualstack.hand-built-1234567890.ap-northeast-2.elb.amazonaws.com"
	handBuiltAlbZID = "ZWKZPGTI48KDX"
	liveZoneName    = "meething.net"
)

// liveZoneAccount writes an account that holds only the live zone, with
// records, and returns its path and the zone's ID.
func liveZoneAccount(t *testing.T, records ...awsmock.Record) (string, string) {
	t.Helper()
	account := filepath.Join(t.TempDir(), "account.json")
	zoneID := awsmock.DeclaredZoneID(liveZoneName)
	m := awsmock.New("meething", "prod", "ap-northeast-2")
	m.ExistingZones[zoneID] = liveZoneName
	m.Records[zoneID] = records
	a := testprovider.NewAccount()
	a.Seed(m)
	require.NoError(t, testprovider.WriteAccount(account, a))
	return account, zoneID
}

// handBuiltAccount writes an account holding the live zone, its hand-made
// wildcard alias and extra, and returns its path and the zone's ID.
func handBuiltAccount(t *testing.T, extra ...awsmock.Record) (string, string) {
	t.Helper()
	return liveZoneAccount(t, append([]awsmock.Record{{Name: "*." + liveZoneName, Type: "A", AliasTarget: handBuiltAlb, AliasZoneID: handBuiltAlbZID}}, extra...)...)
}

// cutoverFixture is the stack file of the cutover tests: the live zone
// adopted, its wildcard taken over, dual-stack (so a held AAAA shows), with
// services of its own: one whose targets are registered outside the
// stack, one the stack registers.
func cutoverFixture(cutover map[string]any) map[string]any {
	config := map[string]any{
		"aws:region":                 "ap-northeast-2",
		"meething:domain":            liveZoneName,
		"meething:existingZoneName":  liveZoneName,
		"meething:takeOverRecords":   []any{"*." + liveZoneName + " A"},
		"meething:vpcCidr":           "10.40.0.0/16",
		"meething:availabilityZones": []any{"ap-northeast-2a", "ap-northeast-2b"},
		"meething:dualStack":         "true",
		"meething:protect":           "true",
		"meething:services": []any{
			map[string]any{"name": "alpha", "externalTargets": true},
			map[string]any{"name": "beta", "targets": []any{"i-0123456789abcdef0"}},
		},
	}
	if cutover != nil {
		config["meething:cutover"] = cutover
	}
	return map[string]any{"config": config}
}

// answers are where Route53 sends the answers for a name and type, as the
// zone holds them: the targets of the records it answers with (the
// weighted ones of non-zero weight, or all of them when every weight is 0).
func answers(records []awsmock.Record, name, typ string) []string {
	var all, weighted []string
	for _, r := range records {
		if r.Name != name || r.Type != typ {
			continue
		}
		all = append(all, r.AliasTarget)
		if r.Weight == nil || *r.Weight > 0 {
			weighted = append(weighted, r.AliasTarget)
		}
	}
	if len(weighted) == 0 {
		return all
	}
	return weighted
}

// setsOf describes the record sets of a name and type: "old-edge=90",
// "new-edge=10", or "simple" for a simple one, each with its target.
func setsOf(records []awsmock.Record, name, typ string) map[string]string {
	out := map[string]string{}
	for _, r := range records {
		if r.Name != name || r.Type != typ {
			continue
		}
		id := "simple"
		if r.SetIdentifier != "" {
			id = fmt.Sprintf("%s=%d", r.SetIdentifier, *r.Weight)
		}
		out[id] = r.AliasTarget
	}
	return out
}

// TestEngineStagedCutover moves the live wildcard from the hand-built edge
// to the stack's load balancer through the real engine, one reviewed step
// at a time: hold, 0, 10, 50, 100, retire, finish. After every step the
// test provider (which refuses what Route53 refuses) accepted the run, the
// name answers, the engine's state equals synth's plan of the same world,
// and a second preview plans nothing; at the end one simple record per
// name points at the stack's load balancer and the hand-built edge was
// never deleted.
func TestEngineStagedCutover(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	account, zoneID := handBuiltAccount(t)
	s := newEngineStack(ctx, t, ".", "prod", account)
	wildcard := "*." + liveZoneName

	share := func(n int) map[string]any { return map[string]any{"enabled": true, "share": n} }
	steps := []struct {
		name    string
		cutover map[string]any
		// want are the wildcard's A record sets; ours stands for the
		// stack's load balancer.
		want map[string]string
	}{
		{"hold", map[string]any{"enabled": true}, map[string]string{"simple": handBuiltAlb}},
		{"share 0", share(0), map[string]string{"old-edge=100": handBuiltAlb, "new-edge=0": "ours"}},
		{"share 10", share(10), map[string]string{"old-edge=90": handBuiltAlb, "new-edge=10": "ours"}},
		{"share 50", share(50), map[string]string{"old-edge=50": handBuiltAlb, "new-edge=50": "ours"}},
		{"share 100", share(100), map[string]string{"old-edge=0": handBuiltAlb, "new-edge=100": "ours"}},
		{"retire", map[string]any{"enabled": true, "share": 100, "retireOldEdge": true}, map[string]string{"new-edge=100": "ours"}},
		{"finish", nil, map[string]string{"simple": "ours"}},
	}
	for _, step := range steps {
		s.writeStackFile(t, cutoverFixture(step.cutover))
		start := time.Now()
		s.up(ctx, t)
		t.Logf("cutover step %-9s pulumi up took %s", step.name, time.Since(start).Round(time.Millisecond))

		acct, err := testprovider.ReadAccount(account)
		require.NoError(t, err)
		records := acct.RecordsOf(zoneID)
		ours := albDNSName(ctx, t, s)
		requireCutoverOutput(ctx, t, s, step.cutover)
		want := map[string]string{}
		for id, target := range step.want {
			if target == "ours" {
				target = ours
			}
			want[id] = target
		}
		assert.Equal(t, want, setsOf(records, wildcard, "A"), "%s: the wildcard's record sets", step.name)
		assert.NotEmpty(t, answers(records, wildcard, "A"), "%s: the wildcard answers", step.name)
		if step.cutover != nil {
			assert.Empty(t, setsOf(records, wildcard, "AAAA"), "%s: no AAAA for the wildcard while the old edge answers A alone", step.name)
		} else {
			assert.Equal(t, map[string]string{"simple": ours}, setsOf(records, wildcard, "AAAA"), "finish: the AAAA follows the A")
		}
		for _, r := range records {
			if r.SetIdentifier == "new-edge" {
				assert.NotEmpty(t, r.HealthCheckID, "%s: the new edge's record follows its health check", step.name)
			}
		}

		loaded, err := stackfile.Load(s.project, s.name)
		require.NoError(t, err)
		plan, err := synth.Run(loaded, stackFor(loaded.Keys()), func(m *awsmock.Monitor) {
			m.Records = acct.Monitor("meething", "prod", "ap-northeast-2").Records
		})
		require.NoError(t, err, "%s: synth of the same world", step.name)
		requireStateMatchesSynth(ctx, t, s.state(ctx, t), plan)
		s.requireNoChange(ctx, t, step.name)
	}
}

// TestEngineCutoverRefusesWhatRoute53Would holds that the program stops,
// before anything is registered, a step that skips one: weights before the
// stack holds the live record, and the end of the cutover while the old
// edge is still weighted.
func TestEngineCutoverRefusesWhatRoute53Would(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	account, _ := handBuiltAccount(t)
	s := newEngineStack(ctx, t, ".", "prod", account)

	s.writeStackFile(t, cutoverFixture(map[string]any{"enabled": true, "share": 10}))
	_, err := s.preview(ctx, t)
	require.Error(t, err, "weights before the hold")
	assert.Contains(t, err.Error(), "meething:cutover.share")
	assert.Contains(t, err.Error(), "without a share")

	s.writeStackFile(t, cutoverFixture(map[string]any{"enabled": true}))
	s.up(ctx, t)
	s.writeStackFile(t, cutoverFixture(map[string]any{"enabled": true, "share": 50}))
	s.up(ctx, t)
	before := s.accountKeys(t)
	s.writeStackFile(t, cutoverFixture(nil))
	_, err = s.preview(ctx, t)
	require.Error(t, err, "finishing with the old edge weighted")
	assert.Contains(t, err.Error(), "retireOldEdge: true")
	s.writeStackFile(t, cutoverFixture(map[string]any{"enabled": true}))
	_, err = s.preview(ctx, t)
	require.Error(t, err, "holding again while weighted")
	assert.Contains(t, err.Error(), "share: 0")
	assert.Equal(t, before, s.accountKeys(t), "refused steps change nothing")

	_, err = s.destroy(ctx, t)
	require.Error(t, err, "with meething:protect, a destroy mid-cutover is refused")
	acct, err := testprovider.ReadAccount(account)
	require.NoError(t, err)
	assert.Len(t, setsOf(acct.RecordsOf(awsmock.DeclaredZoneID(liveZoneName)), "*."+liveZoneName, "A"), 2, "both weighted records are still there")
}

// albDNSName is the stack's load balancer's DNS name, from its outputs.
func albDNSName(ctx context.Context, t *testing.T, s *engineStack) string {
	t.Helper()
	out, err := s.Outputs(ctx)
	require.NoError(t, err)
	name, _ := out["albDnsName"].Value.(string)
	require.NotEmpty(t, name)
	return name
}

// TestEngineProdAsCommittedMovesNoLiveName: from an account holding the
// hand-built edge (the live wildcard and the hand-built certificate's
// validation CNAME), prod's stack file as committed, plus each entry its
// preview asks to add to meething:takeOverRecords, deploys the new edge
// beside the old one and moves no live name: the wildcard still answers
// with the hand-built load balancer. Taking the cutover out of the file
// (pointing the names at once) is refused while prod's services have no
// targets, naming each.
func TestEngineProdAsCommittedMovesNoLiveName(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	account, zoneID := handBuiltAccount(t, awsmock.Record{Name: handMadeValidation, Type: "CNAME", Values: []string{"_9f8e7d6c5b4a39281706f5e4d3c2b1a0.xlfgrmvvlj.acm-validations.aws."}})
	s := newEngineStack(ctx, t, ".", "prod", account)
	before, err := testprovider.ReadAccount(account)
	require.NoError(t, err)
	wildcard := "*." + liveZoneName

	// Follow the preview's advice, literally, until it has none.
	for range 3 {
		_, err := s.preview(ctx, t)
		if err == nil {
			break
		}
		entry := takeOverAdvice.FindStringSubmatch(err.Error())
		require.NotNil(t, entry, "the preview fails only to ask for a takeover: %v", err)
		file := s.stackFile(t)
		config := file["config"].(map[string]any)
		config["meething:takeOverRecords"] = append(config["meething:takeOverRecords"].([]any), entry[1])
		s.writeStackFile(t, file)
	}
	s.up(ctx, t)
	s.requireNoChange(ctx, t, "prod's first up")

	after, err := testprovider.ReadAccount(account)
	require.NoError(t, err)
	assert.Equal(t, setsOf(before.RecordsOf(zoneID), wildcard, "A"), setsOf(after.RecordsOf(zoneID), wildcard, "A"), "the live wildcard still answers with the hand-built edge")
	assert.Equal(t, []string{handBuiltAlb}, answers(after.RecordsOf(zoneID), wildcard, "A"))
	assert.Empty(t, setsOf(after.RecordsOf(zoneID), wildcard, "AAAA"), "no AAAA sends IPv6 clients to the new edge")

	file := s.stackFile(t)
	config := file["config"].(map[string]any)
	delete(config, "meething:cutover")
	s.writeStackFile(t, file)
	_, err = s.preview(ctx, t)
	services, _ := config["meething:services"].([]any)
	for i, svc := range services {
		if svc.(map[string]any)["targets"] == nil && svc.(map[string]any)["externalTargets"] == nil {
			require.Error(t, err, "pointing the live names at a load balancer without targets")
			assert.Contains(t, err.Error(), fmt.Sprintf("meething:services[%d].targets", i))
		}
	}
}

// takeOverAdvice is the entry a conflict's message says to add.
var takeOverAdvice = regexp.MustCompile(`take it over by adding "([^"]+)" to meething:takeOverRecords`)

// requireCutoverOutput checks the cutover output, which the deploy
// workflow's gate reads: absent once the cutover ends, without a share
// while the names are held, else the step's share and the health check.
func requireCutoverOutput(ctx context.Context, t *testing.T, s *engineStack, cutover map[string]any) {
	t.Helper()
	out, err := s.Outputs(ctx)
	require.NoError(t, err)
	got, ok := out["cutover"]
	if cutover == nil {
		assert.False(t, ok, "no cutover output once it ends")
		return
	}
	value, _ := got.Value.(map[string]any)
	assert.Equal(t, []any{"*." + liveZoneName + " A"}, value["names"])
	share, weighted := cutover["share"]
	if !weighted {
		assert.NotContains(t, value, "share", "held: no share")
		return
	}
	assert.EqualValues(t, share, value["share"])
	assert.NotEmpty(t, value["healthCheckId"])
}
