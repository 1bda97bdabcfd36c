package awsmock

import (
	"regexp"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	recordsZone = "Z0RECORDSZONE0000001"
	recordsName = "app.example.com"
)

func intPtr(n int) *int    { return &n }
func boolPtr(b bool) *bool { return &b }

// TestLookupRecordsOfAWeightedWorld: getRecords answers each set with the
// fields pulumi-aws's GetRecordsResourceRecordSet names.
func TestLookupRecordsOfAWeightedWorld(t *testing.T) {
	m := New("p", "s", "ap-northeast-2")
	m.ExistingZones[recordsZone] = "example.com"
	m.addRecord(recordsZone, Record{Name: recordsName, Type: "A", AliasTarget: "hand-built-edge.elb.amazonaws.com", SetIdentifier: "old-edge", Weight: intPtr(200)})
	m.addRecord(recordsZone, Record{Name: recordsName, Type: "A", AliasTarget: "new-edge.elb.amazonaws.com", AliasZoneID: "ZNEWZONE", SetIdentifier: "new-edge",
		Weight: intPtr(0), HealthCheckID: "abcdef11-2222-3333-4444-555555fedcba", EvaluateTargetHealth: boolPtr(false)})
	m.addRecord(recordsZone, Record{Name: "www.example.com", Type: "CNAME", Values: []string{recordsName}})

	out, err := m.Invoke("aws:route53/getRecords:getRecords", resource.PropertyMap{"zoneId": resource.NewStringProperty(recordsZone)})
	require.NoError(t, err)
	sets := out["resourceRecordSets"].ArrayValue()
	require.Len(t, sets, 3)
	bySet := map[string]resource.PropertyMap{}
	for _, s := range sets {
		obj := s.ObjectValue()
		key := obj["name"].StringValue() + " " + obj["type"].StringValue()
		if v, ok := obj["setIdentifier"]; ok {
			key += " " + v.StringValue()
		}
		bySet[key] = obj
	}

	old := bySet[recordsName+". A old-edge"]
	require.NotNil(t, old)
	assert.Equal(t, float64(200), old["weight"].NumberValue())
	assert.Equal(t, albZoneIDs["ap-northeast-2"], old["aliasTarget"].ObjectValue()["hostedZoneId"].StringValue(), "no zone given: the region's ALB zone")
	assert.True(t, old["aliasTarget"].ObjectValue()["evaluateTargetHealth"].BoolValue())
	assert.NotContains(t, old, resource.PropertyKey("healthCheckId"))

	fresh := bySet[recordsName+". A new-edge"]
	require.NotNil(t, fresh)
	assert.Equal(t, float64(0), fresh["weight"].NumberValue(), "a weight of 0 is a weight")
	assert.Equal(t, "ZNEWZONE", fresh["aliasTarget"].ObjectValue()["hostedZoneId"].StringValue())
	assert.Equal(t, "new-edge.elb.amazonaws.com.", fresh["aliasTarget"].ObjectValue()["dnsName"].StringValue())
	assert.False(t, fresh["aliasTarget"].ObjectValue()["evaluateTargetHealth"].BoolValue())
	assert.Equal(t, "abcdef11-2222-3333-4444-555555fedcba", fresh["healthCheckId"].StringValue())

	cname := bySet["www.example.com. CNAME"]
	require.NotNil(t, cname)
	assert.NotContains(t, cname, resource.PropertyKey("setIdentifier"), "a simple set has none")
	assert.NotContains(t, cname, resource.PropertyKey("weight"))
	assert.Equal(t, float64(300), cname["ttl"].NumberValue())
}

// TestAddRecordKeysBySet: a zone holds one set per name, type and set
// identifier; names compare without case or trailing dot.
func TestAddRecordKeysBySet(t *testing.T) {
	cases := []struct {
		name string
		add  []Record
		want int
	}{
		{"two weighted sets of a name", []Record{{Name: recordsName, Type: "A", SetIdentifier: "a"}, {Name: recordsName, Type: "A", SetIdentifier: "b"}}, 2},
		{"the same weighted set twice", []Record{{Name: recordsName, Type: "A", SetIdentifier: "a"}, {Name: recordsName, Type: "A", SetIdentifier: "a", Weight: intPtr(3)}}, 1},
		{"the same simple set, spelled otherwise", []Record{{Name: recordsName, Type: "A"}, {Name: "App.Example.com.", Type: "A"}}, 1},
		{"a wildcard as Route53 escapes it", []Record{{Name: "*.example.com", Type: "A"}, {Name: `\052.example.com.`, Type: "A"}}, 1},
		{"another type", []Record{{Name: recordsName, Type: "A"}, {Name: recordsName, Type: "AAAA"}}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := New("p", "s", "")
			for _, r := range c.add {
				m.addRecord(recordsZone, r)
			}
			assert.Len(t, m.Records[recordsZone], c.want)
		})
	}
}

// TestProvideRoute53IDs: a weighted record's ID is the Terraform provider's
// ZONE_NAME_TYPE_SETID; a health check's is a UUID with its arn.
func TestProvideRoute53IDs(t *testing.T) {
	m := New("p", "s", "")
	inputs := resource.NewPropertyMapFromMap(map[string]any{"zoneId": recordsZone, "name": recordsName + ".", "type": "A"})
	id, _, err := m.Provide("urn:pulumi:s::p::aws:route53/record:Record::simple", "aws:route53/record:Record", inputs)
	require.NoError(t, err)
	assert.Equal(t, recordsZone+"_"+recordsName+"_A", id)

	inputs["setIdentifier"] = resource.NewStringProperty("new-edge")
	id, _, err = m.Provide("urn:pulumi:s::p::aws:route53/record:Record::weighted", "aws:route53/record:Record", inputs)
	require.NoError(t, err)
	assert.Equal(t, recordsZone+"_"+recordsName+"_A_new-edge", id)

	for _, typ := range []string{"CLOUDWATCH_METRIC", "CALCULATED"} {
		hc := resource.NewPropertyMapFromMap(map[string]any{"type": typ})
		id, out, err := m.Provide("urn:pulumi:s::p::aws:route53/healthCheck:HealthCheck::"+typ, "aws:route53/healthCheck:HealthCheck", hc)
		require.NoError(t, err)
		assert.Regexp(t, regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`), id)
		assert.Equal(t, "arn:aws:route53:::healthcheck/"+id, out["arn"].StringValue())
	}
}

// TestParseRecordID reads import IDs as the Terraform provider does.
func TestParseRecordID(t *testing.T) {
	cases := []struct {
		id        string
		zone      string
		want      Record
		parseable bool
	}{
		{"Z1_app.example.com_A", "Z1", Record{Name: "app.example.com", Type: "A"}, true},
		{"Z1_app.example.com_A_new-edge", "Z1", Record{Name: "app.example.com", Type: "A", SetIdentifier: "new-edge"}, true},
		{"Z1_*.example.com_AAAA_old_edge", "Z1", Record{Name: "*.example.com", Type: "AAAA", SetIdentifier: "old_edge"}, true},
		{"Z1__owner.example.com_TXT", "Z1", Record{Name: "_owner.example.com", Type: "TXT"}, true},
		{"Z1_app.example.com", "", Record{}, false},
		{"Z1_A", "", Record{}, false},
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			zone, r, ok := parseRecordID(c.id)
			assert.Equal(t, c.parseable, ok)
			assert.Equal(t, c.zone, zone)
			assert.Equal(t, c.want, r)
		})
	}
}
