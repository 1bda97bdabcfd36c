package awsmock

import (
	"encoding/json"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/meething/edge/internal/replace"
)

// identityOf is what the mock derives a resource's IDs and ARNs from: its
// URN and the values of the inputs that force its replacement
// (replace.Rules), so that changing one of them gives the resource new IDs,
// as AWS would, and changing any other input does not.
func identityOf(r *Resource) string {
	rule, ok := replace.Lookup(r.Type)
	if !ok || len(rule.ForceNew) == 0 {
		return r.URN
	}
	var b strings.Builder
	b.WriteString(r.URN)
	for _, path := range rule.ForceNew {
		v := Plain(propertyAt(r, path))
		data, _ := json.Marshal(v)
		b.WriteString("|" + path + "=" + string(data))
	}
	return b.String()
}

// propertyAt returns the input at a dotted path, or null.
func propertyAt(r *Resource, path string) resource.PropertyValue {
	v := resource.NewObjectProperty(r.Inputs)
	for _, part := range strings.Split(path, ".") {
		if v.IsSecret() {
			v = v.SecretValue().Element
		}
		if !v.IsObject() {
			return resource.NewNullProperty()
		}
		next, ok := v.ObjectValue()[resource.PropertyKey(part)]
		if !ok {
			return resource.NewNullProperty()
		}
		v = next
	}
	return v
}
