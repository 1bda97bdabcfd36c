package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
)

const handMadeValidation = "_0a1b2c3d4e5f60718293a4b5c6d7e8f9.meething.net"

// liveZone fills the live meething.net zone with the hand-made records: the wildcard alias to the old load balancer and ACM's validation
// CNAME of the hand-built certificate.
func liveZone(extra ...awsmock.Record) func(*awsmock.Monitor) {
	return func(m *awsmock.Monitor) {
		zone := awsmock.DeclaredZoneID("meething.net")
		m.Records[zone] = append([]awsmock.Record{
			{Name: "*.meething.net", Type: "A", AliasTarget: "hand-built-edge.elb.amazonaws.com"},
			{Name: handMadeValidation, Type: "CNAME", Values: []string{"_9f8e7d6c5b4a39281706f5e4d3c2b1a0.xlfgrmvvlj.acm-validations.aws."}},
		}, extra...)
	}
}

func TestExistingRecordsStopTheStack(t *testing.T) {
	config := without(stackConfig(t, "prod"), "meething:takeOverRecords")
	res, err := runProgram("prod", config, liveZone())
	require.Error(t, err)
	zone := awsmock.DeclaredZoneID("meething.net")
	msg := err.Error()
	assert.Contains(t, msg, `meething:takeOverRecords: "*.meething.net A" is already in the zone meething.net (`+zone+`, alias to hand-built-edge.elb.amazonaws.com), and the stack would write it: take it over by adding "*.meething.net A" to meething:takeOverRecords, or import it with meething:import.record/wildcard-A = "`+zone+`_*.meething.net_A"`)
	assert.Contains(t, msg, `meething:takeOverRecords: "`+handMadeValidation+` CNAME" is already in the zone meething.net`)
	assert.Contains(t, msg, `meething:import.record/validation-meething.net = "`+zone+`_`+handMadeValidation+`_CNAME"`)
	assertNothingRegistered(t, res)
}

func TestTakenOverRecordsAreOverwrittenOnlyThen(t *testing.T) {
	config := with(stackConfig(t, "prod"), "meething:takeOverRecords", `["*.meething.net A","`+handMadeValidation+` CNAME"]`)
	res := mustRun(t, "prod", config, liveZone())
	overwrite := map[string]any{}
	for _, r := range res.OfType(typeRecord) {
		overwrite[r.Name] = r.Input("allowOverwrite")
	}
	assert.Equal(t, true, overwrite["meething-wildcard-A"])
	assert.Equal(t, true, overwrite["meething-validation-meething.net"])
	assert.Equal(t, false, overwrite["meething-wildcard-AAAA"], "a record not in the zone is created, not overwritten")
	assert.Equal(t, false, overwrite["meething-apex-A"])

	validation := res.Named(typeRecord, "meething-validation-meething.net")
	assert.True(t, validation.RetainOnDelete, "the hand-built certificate may still need the record to renew")
	assert.Equal(t, float64(300), validation.Input("ttl"), "a record taken over keeps the TTL it had (the mock's hand-made records have the console's 300)")
	assert.True(t, res.Named(typeRecord, "meething-wildcard-A").RetainOnDelete, "the stack did not create the record it took over")
	assert.False(t, res.Named(typeRecord, "meething-wildcard-AAAA").RetainOnDelete, "a record the stack created goes with it")

	res = mustRun(t, "prod", with(config, "meething:deleteImportedOnDestroy", "true"), liveZone())
	assert.False(t, res.Named(typeRecord, "meething-wildcard-A").RetainOnDelete, "config can let destroy delete it")

	owner := res.Named(typeRecord, "meething-owner")
	require.NotNil(t, owner)
	assert.Equal(t, "_meething-prod-owner.meething.net", owner.Input("name"))
	assert.Equal(t, "TXT", owner.Input("type"))
	assert.Equal(t, []any{
		"heritage=pulumi,project=meething,stack=prod",
		"*.meething.net A adopted", "*.meething.net AAAA", "acm-validation meething.net CNAME adopted", "meething.net A", "meething.net AAAA",
	}, owner.Input("records"), "the records the stack did not create are marked, for later deployments")
}

func TestImportedRecordsNeedNoTakeOver(t *testing.T) {
	zone := awsmock.DeclaredZoneID("meething.net")
	imports := `{"record/wildcard-A":"` + zone + `_*.meething.net_A","record/validation-meething.net":"` + zone + `_` + handMadeValidation + `_CNAME"}`
	config := with(without(stackConfig(t, "prod"), "meething:takeOverRecords"), "meething:import", imports)
	res := mustRun(t, "prod", config, liveZone())
	wildcard := res.Named(typeRecord, "meething-wildcard-A")
	assert.Equal(t, zone+"_*.meething.net_A", wildcard.ImportID)
	assert.Equal(t, false, wildcard.Input("allowOverwrite"))
}

// TestOwnRecordsFromAnEarlierDeployment: on the second pulumi up the records
// the stack wrote are in the zone; its owner record says they are its own.
func TestOwnRecordsFromAnEarlierDeployment(t *testing.T) {
	takeOver := `["*.meething.net A","` + handMadeValidation + ` CNAME"]`
	first := mustRun(t, "prod", with(stackConfig(t, "prod"), "meething:takeOverRecords", takeOver), liveZone())
	owner := first.Named(typeRecord, "meething-owner")
	var values []string
	for _, v := range owner.Input("records").([]any) {
		values = append(values, `"`+v.(string)+`"`)
	}
	written := []awsmock.Record{
		{Name: "*.meething.net", Type: "AAAA", AliasTarget: "new-edge.elb.amazonaws.com"},
		{Name: "meething.net", Type: "A", AliasTarget: "new-edge.elb.amazonaws.com"},
		{Name: "_meething-prod-owner.meething.net", Type: "TXT", Values: values},
	}
	// The take-over entries may stay or go: the owner record remembers that
	// the stack did not create those records, so destroy still keeps them.
	config := without(stackConfig(t, "prod"), "meething:takeOverRecords")
	second, err := runProgram("prod", config, liveZone(written...))
	require.NoError(t, err)
	assert.True(t, second.Named(typeRecord, "meething-wildcard-A").RetainOnDelete)
	assert.True(t, second.Named(typeRecord, "meething-validation-meething.net").RetainOnDelete)
	assert.False(t, second.Named(typeRecord, "meething-wildcard-AAAA").RetainOnDelete, "the stack created it")
	assert.Equal(t, owner.Input("records"), second.Named(typeRecord, "meething-owner").Input("records"), "the owner record does not change")

	// Another stack's owner record proves nothing about this one's records.
	other := append([]awsmock.Record(nil), written...)
	other[2].Name = "_meething-staging-owner.meething.net"
	_, err = runProgram("prod", config, liveZone(other...))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"*.meething.net AAAA" is already in the zone`)
}

func TestDelegationRecord(t *testing.T) {
	parent := awsmock.DeclaredZoneID("meething.net")
	t.Run("an existing NS record of the name stops dev", func(t *testing.T) {
		res, err := runProgram("dev", stackConfig(t, "dev"), func(m *awsmock.Monitor) {
			m.Records[parent] = append(m.Records[parent], awsmock.Record{Name: "dev.meething.net", Type: "NS", Values: []string{"ns-1.example."}})
		})
		require.Error(t, err)
		assert.Contains(t, err.Error(), `meething:takeOverRecords: "dev.meething.net NS" is already in the zone meething.net`)
		assert.Contains(t, err.Error(), `meething:import.record/delegation = "`+parent+`_dev.meething.net_NS"`)
		assertNothingRegistered(t, res)
	})
	t.Run("taken over", func(t *testing.T) {
		res := mustRun(t, "dev", with(stackConfig(t, "dev"), "meething:takeOverRecords", `["dev.meething.net NS"]`), func(m *awsmock.Monitor) {
			m.Records[parent] = append(m.Records[parent], awsmock.Record{Name: "dev.meething.net", Type: "NS", Values: []string{"ns-1.example."}, TTL: 172800})
		})
		d := res.Named(typeRecord, "meething-delegation")
		assert.Equal(t, true, d.Input("allowOverwrite"))
		assert.Equal(t, float64(172800), d.Input("ttl"), "a record taken over keeps its TTL")
		assert.True(t, d.RetainOnDelete, "the stack did not create the record: destroy leaves it")
		assert.Contains(t, res.Named(typeRecord, "meething-delegation-owner").Input("records"), "dev.meething.net NS adopted",
			"the parent zone's owner record remembers it, for the deployments after the take-over")
	})
	t.Run("a missing parent zone names the key and what to deploy first", func(t *testing.T) {
		res, err := runProgram("dev", stackConfig(t, "dev"), func(m *awsmock.Monitor) { clear(m.ExistingZones) })
		require.Error(t, err)
		assert.Contains(t, err.Error(), `delegating dev.meething.net from the parent zone of meething:parentZoneName = "meething.net"`)
		assert.Contains(t, err.Error(), "deploy the stack that owns the parent zone first, or unset meething:parentZoneName")
		assertNothingRegistered(t, res)
	})
	t.Run("by ID", func(t *testing.T) {
		res := mustRun(t, "dev", with(stackConfig(t, "dev"), "meething:parentZoneName", "", "meething:parentZoneId", "Z0PARENT123"))
		d := res.Named(typeRecord, "meething-delegation")
		assert.Equal(t, "Z0PARENT123", d.Input("zoneId"))
		assert.Equal(t, float64(3600), d.Input("ttl"))
	})
	t.Run("without a parent the name servers are exported for a delegation by hand", func(t *testing.T) {
		res := mustRun(t, "dev", with(stackConfig(t, "dev"), "meething:parentZoneName", ""))
		assert.Nil(t, res.Named(typeRecord, "meething-delegation"))
		assert.Len(t, res.Outputs["nameServers"], 4)
	})
}

// TestCutoverOrder: in an adopted zone the names move to the new load
// balancer only once it serves every host; in its own new zone the stack
// keeps the short path.
func TestCutoverOrder(t *testing.T) {
	targets := `[{"name":"api","targets":["i-0123456789abcdef0"]},{"name":"chat","externalTargets":true}]`
	adopted := mustRun(t, "prod", with(stackConfig(t, "prod"), "meething:services", targets))
	fresh := mustRun(t, "dev", with(stackConfig(t, "dev"), "meething:services", targets))

	for _, res := range []*synthResult{adopted, fresh} {
		require.NotEmpty(t, res.OfType(typeAttachment))
	}
	for _, alias := range aliasRecords(adopted) {
		assert.True(t, adopted.DependsOn(alias, listener(t, adopted, 443)), "%s waits for the HTTPS listener", alias.Name)
		assert.True(t, adopted.DependsOn(alias, only(t, adopted, typeValidation)), "%s waits for the issued certificate", alias.Name)
		for _, r := range append(adopted.OfType(typeRule), adopted.OfType(typeAttachment)...) {
			assert.True(t, adopted.DependsOn(alias, r), "%s waits for %s", alias.Name, r.Name)
		}
	}
	for _, alias := range aliasRecords(fresh) {
		assert.False(t, fresh.DependsOn(alias, listener(t, fresh, 443)), "in a new zone %s need not wait", alias.Name)
		assert.True(t, fresh.DependsOn(alias, only(t, fresh, typeALB)))
	}
}

func TestAliasRecordsOff(t *testing.T) {
	config := with(stackConfig(t, "prod"), "meething:aliasRecords", "false", "meething:takeOverRecords", `["`+handMadeValidation+` CNAME"]`)
	res := mustRun(t, "prod", config, liveZone())
	assert.Empty(t, aliasRecords(res), "building beside: no name moves")
	assert.Nil(t, res.Named("meething:dns:AliasRecords", "meething"))
}

func aliasRecords(res *synthResult) []*awsmock.Resource {
	var out []*awsmock.Resource
	for _, r := range res.OfType(typeRecord) {
		if r.Input("aliases") != nil {
			out = append(out, r)
		}
	}
	return out
}
