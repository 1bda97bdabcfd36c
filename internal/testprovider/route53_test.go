package testprovider

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
)

// TestCutoverIsAccepted walks a name from the hand-made simple alias to the
// stack's own through weighted sets, one pulumi up a step, with the new-edge
// record created with and without allowOverwrite.
func TestCutoverIsAccepted(t *testing.T) {
	handMadeAAAA := testName + " AAAA -> " + oldTarget
	for _, overwrite := range []bool{false, true} {
		t.Run(map[bool]string{false: "new edge created", true: "new edge upserted"}[overwrite], func(t *testing.T) {
			r := newR53(t)
			require.Equal(t, []string{testName + " A -> " + oldTarget, handMadeAAAA}, r.sets(), "1: the hand-made record")

			hold := with(simple(oldTarget, oldZone), "allowOverwrite", true)
			oldID, err := r.create("edge-old", hold)
			require.NoError(t, err, "2: hold upserts the hand-made set")
			assert.Equal(t, testZone+"_"+testName+"_A", oldID)
			assert.Equal(t, []string{testName + " A -> " + oldTarget + " (" + oldZone + ")", handMadeAAAA}, r.sets())

			oldEdge := with(weighted("old-edge", 255, oldTarget, oldZone), "allowOverwrite", true)
			require.NoError(t, r.update("edge-old", oldID, hold, oldEdge), "3: DELETE simple + CREATE old-edge in one batch")
			assert.Equal(t, []string{testName + " A old-edge w255 -> " + oldTarget + " (" + oldZone + ")", handMadeAAAA}, r.sets())

			newEdge := with(weighted("new-edge", 0, newTarget, newZone), "healthCheckId", healthID, "allowOverwrite", overwrite)
			newID, err := r.create("edge-new", newEdge)
			require.NoError(t, err, "3: new-edge beside old-edge")
			assert.Equal(t, testZone+"_"+testName+"_A_new-edge", newID, "the Terraform provider's ID of a weighted record")
			assert.Equal(t, []string{
				testName + " A new-edge w0 -> " + newTarget + " (" + newZone + ") hc",
				testName + " A old-edge w255 -> " + oldTarget + " (" + oldZone + ")",
				handMadeAAAA,
			}, r.sets())

			oldHalf, newHalf := with(oldEdge, "weightedRoutingPolicies", []any{map[string]any{"weight": 128}}),
				with(newEdge, "weightedRoutingPolicies", []any{map[string]any{"weight": 127}})
			require.NoError(t, r.update("edge-old", oldID, oldEdge, oldHalf), "4: UPSERT of old-edge")
			require.NoError(t, r.update("edge-new", newID, newEdge, newHalf), "4: UPSERT of new-edge")
			assert.Equal(t, []string{
				testName + " A new-edge w127 -> " + newTarget + " (" + newZone + ") hc",
				testName + " A old-edge w128 -> " + oldTarget + " (" + oldZone + ")",
				handMadeAAAA,
			}, r.sets())

			require.NoError(t, r.delete("edge-old", oldID, oldHalf), "5: old-edge goes")
			assert.Equal(t, []string{testName + " A new-edge w127 -> " + newTarget + " (" + newZone + ") hc", handMadeAAAA}, r.sets(),
				"the delete removes that set only")

			final := without(newHalf, "setIdentifier", "weightedRoutingPolicies")
			require.NoError(t, r.update("edge-new", newID, newHalf, final), "6: DELETE new-edge + CREATE simple in one batch")
			assert.Equal(t, []string{testName + " A -> " + newTarget + " (" + newZone + ") hc", handMadeAAAA}, r.sets())

			a, err := ReadAccount(r.path)
			require.NoError(t, err)
			assert.Contains(t, a.Resources, Key(recordType, newID), "an update keeps the resource's ID")
			assert.NotContains(t, a.Resources, Key(recordType, oldID))
		})
	}
}

// TestSetIdentifierRenameBesideTheOtherEdge: DELETE of one weighted set and
// CREATE of another beside a third is one accepted batch.
func TestSetIdentifierRenameBesideTheOtherEdge(t *testing.T) {
	newEdge := awsmock.Record{Name: testName, Type: "A", AliasTarget: newTarget, SetIdentifier: "new-edge", Weight: ptr(10)}
	oldEdge := awsmock.Record{Name: testName, Type: "A", AliasTarget: oldTarget, SetIdentifier: "old-edge", Weight: ptr(90)}
	r := newR53(t, newEdge, oldEdge)
	clearSimpleA(t, r)
	was := weighted("old-edge", 90, oldTarget, "")
	require.NoError(t, r.update("edge-old", testZone+"_"+testName+"_A_old-edge", was, weighted("legacy-edge", 90, oldTarget, oldZone)))
	assert.Equal(t, []string{
		testName + " A legacy-edge w90 -> " + oldTarget + " (" + oldZone + ")",
		testName + " A new-edge w10 -> " + newTarget,
		testName + " AAAA -> " + oldTarget,
	}, r.sets())
}

// TestRoute53Refusals: what Route53 and the provider refuse is refused
// whole, the account left as it was.
func TestRoute53Refusals(t *testing.T) {
	oldEdge := awsmock.Record{Name: testName, Type: "A", AliasTarget: oldTarget, AliasZoneID: oldZone, SetIdentifier: "old-edge", Weight: ptr(255)}
	newEdge := awsmock.Record{Name: testName, Type: "A", AliasTarget: newTarget, AliasZoneID: newZone, SetIdentifier: "new-edge", Weight: ptr(0)}
	weightedWorld := func(r *r53) { clearSimpleA(t, r) }
	cases := []struct {
		name  string
		extra []awsmock.Record
		setup func(*r53)
		do    func(*r53) error
		want  string
	}{
		{name: "weighted created beside the simple set", do: func(r *r53) error {
			_, err := r.create("edge-new", weighted("new-edge", 0, newTarget, newZone))
			return err
		}, want: "creating Route53 Record: InvalidChangeBatch: [RRSet with DNS name app.example.com., type A, SetIdentifier new-edge cannot be created as a non-weighted set exists with the same name and type.]"},
		{name: "weighted upserted beside the simple set", do: func(r *r53) error {
			_, err := r.create("edge-new", with(weighted("new-edge", 0, newTarget, newZone), "allowOverwrite", true))
			return err
		}, want: "SetIdentifier new-edge cannot be created as a non-weighted set exists"},
		{name: "simple upserted beside weighted sets", extra: []awsmock.Record{oldEdge}, setup: weightedWorld, do: func(r *r53) error {
			_, err := r.create("edge", with(simple(newTarget, newZone), "allowOverwrite", true))
			return err
		}, want: "InvalidChangeBatch: [RRSet with DNS name app.example.com., type A cannot be created as weighted sets exist with the same name and type.]"},
		{name: "step 6 while old-edge is there", extra: []awsmock.Record{oldEdge, newEdge}, setup: weightedWorld, do: func(r *r53) error {
			news := weighted("new-edge", 0, newTarget, newZone)
			return r.update("edge-new", testZone+"_"+testName+"_A_new-edge", news, without(news, "setIdentifier", "weightedRoutingPolicies"))
		}, want: "updating Route53 Record (" + testZone + "_" + testName + "_A_new-edge): InvalidChangeBatch: [RRSet with DNS name app.example.com., type A cannot be created as weighted sets exist"},
		{name: "weight above 255", extra: []awsmock.Record{oldEdge}, setup: weightedWorld, do: func(r *r53) error {
			_, err := r.create("edge-new", weighted("new-edge", 256, newTarget, newZone))
			return err
		}, want: "creating Route53 Record: InvalidInput: 1 validation error detected: Value '256' at 'changeBatch.changes.1.member.resourceRecordSet.weight' failed to satisfy constraint: Member must have value less than or equal to 255"},
		{name: "negative weight in an update", extra: []awsmock.Record{oldEdge}, setup: weightedWorld, do: func(r *r53) error {
			was := weighted("old-edge", 255, oldTarget, oldZone)
			return r.update("edge-old", testZone+"_"+testName+"_A_old-edge", was, weighted("old-edge", -1, oldTarget, oldZone))
		}, want: "Member must have value greater than or equal to 0"},
		{name: "set identifier without a routing policy", extra: []awsmock.Record{oldEdge}, setup: weightedWorld, do: func(r *r53) error {
			_, err := r.create("edge-new", without(weighted("new-edge", 1, newTarget, newZone), "weightedRoutingPolicies"))
			return err
		}, want: "InvalidInput: Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, MultiValueAnswer, GeoProximityLocation, or CidrRoutingConfig], but found none in Change with [Action=CREATE, Name=app.example.com., Type=A, SetIdentifier=new-edge]"},
		{name: "routing policy without a set identifier", extra: []awsmock.Record{oldEdge}, setup: weightedWorld, do: func(r *r53) error {
			_, err := r.create("edge-new", without(weighted("new-edge", 1, newTarget, newZone), "setIdentifier"))
			return err
		}, want: "\"weighted_routing_policy\": all of `set_identifier,weighted_routing_policy` must be specified"},
		{name: "create of the hand-made set without allowOverwrite", do: func(r *r53) error {
			_, err := r.create("edge", simple(oldTarget, oldZone))
			return err
		}, want: "creating Route53 Record: InvalidChangeBatch: [Tried to create resource record set [name='app.example.com.', type='A'] but it already exists]"},
		{name: "create of an existing weighted set", extra: []awsmock.Record{oldEdge}, setup: weightedWorld, do: func(r *r53) error {
			_, err := r.create("edge-old", weighted("old-edge", 1, oldTarget, oldZone))
			return err
		}, want: "[Tried to create resource record set [name='app.example.com.', type='A', set-identifier='old-edge'] but it already exists]"},
		{name: "set identifier change of a set that is gone", extra: []awsmock.Record{newEdge}, setup: weightedWorld, do: func(r *r53) error {
			was := weighted("old-edge", 255, oldTarget, oldZone)
			return r.update("edge-old", testZone+"_"+testName+"_A_old-edge", was, weighted("legacy-edge", 255, oldTarget, oldZone))
		}, want: "[Tried to delete resource record set [name='app.example.com.', type='A', set-identifier='old-edge'] but it was not found]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := newR53(t, c.extra...)
			if c.setup != nil {
				c.setup(r)
			}
			before := r.sets()
			err := c.do(r)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
			assert.Equal(t, before, r.sets(), "a refused batch changes nothing")
		})
	}
}

// TestPreviewRefusesNothing: the checks need the account as it is when the
// change is sent, which a preview does not change.
func TestPreviewRefusesNothing(t *testing.T) {
	r := newR53(t)
	assert.NoError(t, r.preview("edge-new", weighted("new-edge", 300, newTarget, newZone)))
}

// clearSimpleA takes the hand-made simple A set out of the account, for a
// world of weighted sets.
func clearSimpleA(t *testing.T, r *r53) {
	t.Helper()
	require.NoError(t, UpdateAccount(r.path, func(a *Account) error {
		a.dropRecord(testZone, awsmock.Record{Name: testName, Type: "A"})
		return nil
	}))
}

func ptr(n int) *int { return &n }

// TestSeedKeepsWeightedSets: an account seeded from a mock's weighted world
// holds each set, and gives it back to the mock.
func TestSeedKeepsWeightedSets(t *testing.T) {
	m := awsmock.New("meething", "dev", "")
	m.Records[testZone] = []awsmock.Record{
		{Name: testName, Type: "A", AliasTarget: oldTarget, SetIdentifier: "old-edge", Weight: ptr(1)},
		{Name: testName, Type: "A", AliasTarget: newTarget, SetIdentifier: "new-edge", Weight: ptr(0)},
	}
	a := NewAccount()
	a.Seed(m)
	require.Len(t, a.RecordsOf(testZone), 2)
	assert.Equal(t, []string{"new-edge", "old-edge"}, []string{a.RecordsOf(testZone)[0].SetIdentifier, a.RecordsOf(testZone)[1].SetIdentifier})
	assert.Len(t, a.Monitor("meething", "dev", "").Records[testZone], 2)
}
