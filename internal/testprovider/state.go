package testprovider

// What a create, update or delete leaves in the account, and the
// conversions between the engine's property maps and the stored JSON.

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/meething/edge/internal/awsmock"
)

// store records a created resource, and what it adds to the account's
// world: a zone, a record set.
func (a *Account) store(typ, id string, inputs, outputs resource.PropertyMap) error {
	in, err := toJSON(inputs)
	if err != nil {
		return err
	}
	out, err := toJSON(outputs)
	if err != nil {
		return err
	}
	a.Resources[Key(typ, id)] = Stored{Type: typ, ID: id, Inputs: in, Outputs: out}
	switch typ {
	case "aws:route53/zone:Zone":
		a.Zones[id] = strings.TrimSuffix(stringAt(inputs, "name"), ".")
	case "aws:route53/record:Record":
		a.putRecord(stringAt(inputs, "zoneId"), recordOf(inputs))
	}
	return nil
}

// forget removes a deleted resource and what it added to the world.
func (a *Account) forget(typ, id string) {
	st, ok := a.Resources[Key(typ, id)]
	delete(a.Resources, Key(typ, id))
	switch typ {
	case "aws:route53/zone:Zone":
		delete(a.Zones, id)
	case "aws:route53/record:Record":
		if ok {
			inputs := &structpb.Struct{}
			if protojson.Unmarshal(st.Inputs, inputs) == nil {
				if m, err := unmarshal(inputs); err == nil {
					a.dropRecord(stringAt(m, "zoneId"), recordOf(m))
				}
			}
		}
	}
}

// recordOf is the record set a record resource's inputs write.
func recordOf(inputs resource.PropertyMap) awsmock.Record {
	r := awsmock.Record{Name: strings.TrimSuffix(stringAt(inputs, "name"), "."), Type: stringAt(inputs, "type")}
	if v, ok := inputs["ttl"]; ok && plain(v).IsNumber() {
		r.TTL = int(plain(v).NumberValue())
	}
	if v, ok := inputs["records"]; ok && plain(v).IsArray() {
		for _, e := range plain(v).ArrayValue() {
			if e = plain(e); e.IsString() {
				r.Values = append(r.Values, e.StringValue())
			}
		}
	}
	if alias, ok := firstObject(inputs, "aliases"); ok {
		r.AliasTarget = strings.TrimSuffix(stringAt(alias, "name"), ".")
		r.AliasZoneID = stringAt(alias, "zoneId")
		if v := plain(alias["evaluateTargetHealth"]); v.IsBool() {
			evaluate := v.BoolValue()
			r.EvaluateTargetHealth = &evaluate
		}
	}
	r.SetIdentifier = stringAt(inputs, "setIdentifier")
	r.HealthCheckID = stringAt(inputs, "healthCheckId")
	if policy, ok := firstObject(inputs, "weightedRoutingPolicies"); ok {
		weight := 0
		if v := plain(policy["weight"]); v.IsNumber() {
			weight = int(v.NumberValue())
		}
		r.Weight = &weight
	}
	return r
}

// firstObject is the first element of the list at key, when it is an
// object: the one block of a MaxItems: 1 list such as aliases.
func firstObject(m resource.PropertyMap, key resource.PropertyKey) (resource.PropertyMap, bool) {
	v, ok := m[key]
	if !ok || !plain(v).IsArray() || len(plain(v).ArrayValue()) == 0 {
		return nil, false
	}
	if first := plain(plain(v).ArrayValue()[0]); first.IsObject() {
		return first.ObjectValue(), true
	}
	return nil, false
}

// keepIdentity keeps a resource's identifiers across an update: AWS does
// not give an updated resource a new ARN or name.
func keepIdentity(old Stored, outputs resource.PropertyMap) {
	st := &structpb.Struct{}
	if protojson.Unmarshal(old.Outputs, st) != nil {
		return
	}
	was, err := unmarshal(st)
	if err != nil {
		return
	}
	for _, k := range []resource.PropertyKey{"arn", "arnSuffix", "name", "dnsName", "zoneId", "nameServers", "bucket", "uniqueId"} {
		if v, ok := was[k]; ok {
			if _, computed := outputs[k]; computed {
				outputs[k] = v
			}
		}
	}
}

func stringAt(m resource.PropertyMap, key resource.PropertyKey) string {
	if v, ok := m[key]; ok {
		if v = plain(v); v.IsString() {
			return v.StringValue()
		}
	}
	return ""
}

func diffInputs(req *pulumirpc.DiffRequest) (resource.PropertyMap, resource.PropertyMap, error) {
	oldStruct := req.GetOldInputs()
	if oldStruct == nil {
		oldStruct = req.GetOlds()
	}
	olds, err := unmarshal(oldStruct)
	if err != nil {
		return nil, nil, err
	}
	news, err := unmarshal(req.GetNews())
	return olds, news, err
}

func unmarshal(s *structpb.Struct) (resource.PropertyMap, error) {
	m, err := plugin.UnmarshalProperties(s, marshal)
	if err != nil {
		return nil, fmt.Errorf("reading properties: %w", err)
	}
	return m, nil
}

func toJSON(m resource.PropertyMap) (json.RawMessage, error) {
	s, err := plugin.MarshalProperties(m, marshal)
	if err != nil {
		return nil, err
	}
	return protojson.Marshal(s)
}

// topLevel returns the distinct top-level properties of paths.
func topLevel(paths []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range paths {
		top, _, _ := strings.Cut(p, ".")
		if !seen[top] {
			seen[top] = true
			out = append(out, top)
		}
	}
	return out
}

// decode reads stored protocol JSON back into a property map.
func decode(raw json.RawMessage) (resource.PropertyMap, error) {
	st := &structpb.Struct{}
	if err := protojson.Unmarshal(raw, st); err != nil {
		return nil, fmt.Errorf("reading stored properties: %w", err)
	}
	return unmarshal(st)
}
