package synth

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// plainMap converts a property map to plain JSON values; never nil.
func plainMap(m resource.PropertyMap) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[string(k)] = plainProperty(v)
	}
	return out
}

// plainProperty converts a property value to a plain JSON value: secrets
// become SecretPlaceholder, unknown values nil, resource references their URN.
func plainProperty(v resource.PropertyValue) any {
	switch {
	case v.IsSecret():
		return SecretPlaceholder
	case v.IsComputed():
		return nil
	case v.IsOutput():
		o := v.OutputValue()
		switch {
		case o.Secret:
			return SecretPlaceholder
		case !o.Known:
			return nil
		}
		return plainProperty(o.Element)
	case v.IsNull():
		return nil
	case v.IsBool():
		return v.BoolValue()
	case v.IsNumber():
		return v.NumberValue()
	case v.IsString():
		return v.StringValue()
	case v.IsArray():
		out := make([]any, 0, len(v.ArrayValue()))
		for _, e := range v.ArrayValue() {
			out = append(out, plainProperty(e))
		}
		return out
	case v.IsObject():
		return plainMap(v.ObjectValue())
	case v.IsResourceReference():
		return string(v.ResourceReferenceValue().URN)
	case v.IsAsset():
		a := v.AssetValue()
		return nonEmpty(map[string]any{"path": a.Path, "text": a.Text, "uri": a.URI, "hash": a.Hash})
	case v.IsArchive():
		a := v.ArchiveValue()
		out := nonEmpty(map[string]any{"path": a.Path, "uri": a.URI, "hash": a.Hash})
		if len(a.Assets) > 0 {
			names := make([]string, 0, len(a.Assets))
			for name := range a.Assets {
				names = append(names, name)
			}
			out["assets"] = sortedStrings(names)
		}
		return out
	}
	return fmt.Sprint(v.V)
}

func nonEmpty(m map[string]any) map[string]any {
	for k, v := range m {
		if v == "" {
			delete(m, k)
		}
	}
	return m
}

// plainGo converts a resolved Go value (what an output's apply receives) to
// a plain JSON value: numbers become float64, slices []any (never nil), maps
// with any key type map[string]any.
func plainGo(v any) any {
	return plainValue(reflect.ValueOf(v))
}

func plainValue(rv reflect.Value) any {
	if !rv.IsValid() {
		return nil
	}
	switch rv.Kind() {
	case reflect.String:
		return rv.String()
	case reflect.Bool:
		return rv.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return float64(rv.Uint())
	case reflect.Float32, reflect.Float64:
		return rv.Float()
	case reflect.Slice, reflect.Array:
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			return []any{}
		}
		out := make([]any, 0, rv.Len())
		for i := 0; i < rv.Len(); i++ {
			out = append(out, plainValue(rv.Index(i)))
		}
		return out
	case reflect.Map:
		out := make(map[string]any, rv.Len())
		iter := rv.MapRange()
		for iter.Next() {
			out[fmt.Sprint(iter.Key().Interface())] = plainValue(iter.Value())
		}
		return out
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return nil
		}
		return plainValue(rv.Elem())
	}
	// Structs and anything else: their JSON form, read back as plain values.
	b, err := json.Marshal(rv.Interface())
	if err != nil {
		return fmt.Sprint(rv.Interface())
	}
	var out any
	if json.Unmarshal(b, &out) != nil {
		return fmt.Sprint(rv.Interface())
	}
	return out
}
