package testprovider

import (
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// ChangedPaths returns the property paths at which news differs from olds,
// sorted: a changed scalar or list at its own path ("port",
// "subnets"), a changed field of an object at the field's dotted path
// ("healthCheck.path"), an added or removed property at its path. A value
// unknown on either side (a preview's computed input) counts as changed.
// Secrets compare by their values.
func ChangedPaths(olds, news resource.PropertyMap) []string {
	var out []string
	changedPaths("", olds, news, &out)
	slices.Sort(out)
	return out
}

func changedPaths(prefix string, olds, news resource.PropertyMap, out *[]string) {
	keys := map[resource.PropertyKey]bool{}
	for k := range olds {
		keys[k] = true
	}
	for k := range news {
		keys[k] = true
	}
	for k := range keys {
		path := string(k)
		if prefix != "" {
			path = prefix + "." + path
		}
		o, inOld := olds[k]
		n, inNew := news[k]
		o, n = plain(o), plain(n)
		switch {
		case inOld != inNew && !(o.IsNull() && n.IsNull()):
			*out = append(*out, path)
		case o.ContainsUnknowns() || n.ContainsUnknowns():
			*out = append(*out, path)
		case o.IsObject() && n.IsObject():
			changedPaths(path, o.ObjectValue(), n.ObjectValue(), out)
		case !o.DeepEquals(n):
			*out = append(*out, path)
		}
	}
}

// plain unwraps a secret.
func plain(v resource.PropertyValue) resource.PropertyValue {
	for v.IsSecret() {
		v = v.SecretValue().Element
	}
	return v
}
