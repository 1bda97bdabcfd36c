package testprovider

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
)

func TestChangedPaths(t *testing.T) {
	obj := func(m map[string]any) resource.PropertyMap { return resource.NewPropertyMapFromMap(m) }
	cases := []struct {
		name       string
		olds, news resource.PropertyMap
		want       []string
	}{
		{"same", obj(map[string]any{"port": 80, "tags": map[string]any{"a": "b"}}), obj(map[string]any{"port": 80, "tags": map[string]any{"a": "b"}}), nil},
		{"scalar", obj(map[string]any{"port": 80}), obj(map[string]any{"port": 8080}), []string{"port"}},
		{"nested field", obj(map[string]any{"healthCheck": map[string]any{"path": "/", "port": "traffic-port"}}),
			obj(map[string]any{"healthCheck": map[string]any{"path": "/healthz", "port": "traffic-port"}}), []string{"healthCheck.path"}},
		{"added and removed", obj(map[string]any{"a": "x"}), obj(map[string]any{"b": "y"}), []string{"a", "b"}},
		{"list", obj(map[string]any{"subnets": []any{"a", "b"}}), obj(map[string]any{"subnets": []any{"a", "c"}}), []string{"subnets"}},
		{"unknown", obj(map[string]any{"vpcId": "vpc-1"}), resource.PropertyMap{"vpcId": resource.MakeComputed(resource.NewStringProperty(""))}, []string{"vpcId"}},
		{"secret compares by value", obj(map[string]any{"email": "a@b"}), resource.PropertyMap{"email": resource.MakeSecret(resource.NewStringProperty("a@b"))}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, ChangedPaths(c.olds, c.news))
		})
	}
}
