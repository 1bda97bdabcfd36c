package testprovider

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/meething/edge/internal/awsmock"
)

// The zone, name and load balancers of a cutover in the tests.
const (
	testZone   = "Z0TESTZONE00000000001"
	testName   = "app.example.com"
	oldTarget  = "hand-built-edge.elb.amazonaws.com"
	oldZone    = "ZOLDALBZONE01"
	newTarget  = "meething-edge-1234567890.ap-northeast-2.elb.amazonaws.com"
	newZone    = "ZWKZPGTI48KDX"
	healthID   = "abcdef11-2222-3333-4444-555555fedcba"
	handMadeV6 = "AAAA"
)

// r53 drives a Server against an account file, as the engine would.
type r53 struct {
	t    *testing.T
	s    *Server
	path string
}

// newR53 returns a provider whose account holds the zone with the hand-made
// simple alias of testName (A) and an AAAA beside it, plus extra sets.
func newR53(t *testing.T, extra ...awsmock.Record) *r53 {
	t.Helper()
	path := filepath.Join(t.TempDir(), "account.json")
	a := NewAccount()
	a.Zones[testZone] = "example.com"
	a.Records[testZone] = append([]awsmock.Record{
		{Name: testName, Type: "A", AliasTarget: oldTarget},
		{Name: testName, Type: handMadeV6, AliasTarget: oldTarget},
	}, extra...)
	require.NoError(t, WriteAccount(path, a))
	return &r53{t: t, s: New(path), path: path}
}

// simple is a record resource's inputs: an A alias of testName to target.
func simple(target, zone string) map[string]any {
	return map[string]any{
		"zoneId": testZone, "name": testName, "type": "A",
		"aliases": []any{map[string]any{"name": target, "zoneId": zone, "evaluateTargetHealth": true}},
	}
}

// weighted is simple with a set identifier and a weight.
func weighted(setID string, weight int, target, zone string) map[string]any {
	m := simple(target, zone)
	m["setIdentifier"] = setID
	m["weightedRoutingPolicies"] = []any{map[string]any{"weight": weight}}
	return m
}

// with returns m with more inputs.
func with(m map[string]any, kv ...any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1]
	}
	return out
}

// without returns m without keys.
func without(m map[string]any, keys ...string) map[string]any {
	out := with(m)
	for _, k := range keys {
		delete(out, k)
	}
	return out
}

func (r *r53) props(m map[string]any) *structpb.Struct {
	s, err := plugin.MarshalProperties(resource.NewPropertyMapFromMap(m), marshal)
	require.NoError(r.t, err)
	return s
}

func recordURN(name string) string {
	return string(resource.NewURN("dev", "meething", "", recordType, name))
}

func (r *r53) create(name string, inputs map[string]any) (string, error) {
	res, err := r.s.Create(context.Background(), &pulumirpc.CreateRequest{Urn: recordURN(name), Properties: r.props(inputs)})
	if err != nil {
		return "", err
	}
	return res.GetId(), nil
}

func (r *r53) preview(name string, inputs map[string]any) error {
	_, err := r.s.Create(context.Background(), &pulumirpc.CreateRequest{Urn: recordURN(name), Properties: r.props(inputs), Preview: true})
	return err
}

func (r *r53) update(name, id string, olds, news map[string]any) error {
	_, err := r.s.Update(context.Background(), &pulumirpc.UpdateRequest{
		Urn: recordURN(name), Id: id, Olds: r.props(olds), OldInputs: r.props(olds), News: r.props(news),
	})
	return err
}

func (r *r53) delete(name, id string, inputs map[string]any) error {
	_, err := r.s.Delete(context.Background(), &pulumirpc.DeleteRequest{Urn: recordURN(name), Id: id, Properties: r.props(inputs)})
	return err
}

// sets describes the zone's record sets, sorted: "NAME TYPE [SETID wW] ->
// TARGET (ZONE)".
func (r *r53) sets() []string {
	r.t.Helper()
	a, err := ReadAccount(r.path)
	require.NoError(r.t, err)
	var out []string
	for _, s := range a.RecordsOf(testZone) {
		d := s.Name + " " + s.Type
		if s.SetIdentifier != "" {
			d += " " + s.SetIdentifier
		}
		if s.Weight != nil {
			d += fmt.Sprintf(" w%d", *s.Weight)
		}
		d += " -> " + s.AliasTarget
		if s.AliasZoneID != "" {
			d += " (" + s.AliasZoneID + ")"
		}
		if s.HealthCheckID != "" {
			d += " hc"
		}
		out = append(out, d)
	}
	return out
}
