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
					r := recordOf(m)
					a.dropRecord(stringAt(m, "zoneId"), r.Name, r.Type)
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
	if v, ok := inputs["aliases"]; ok && plain(v).IsArray() && len(plain(v).ArrayValue()) > 0 {
		if alias := plain(plain(v).ArrayValue()[0]); alias.IsObject() {
			r.AliasTarget = strings.TrimSuffix(stringAt(alias.ObjectValue(), "name"), ".")
		}
	}
	return r
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
