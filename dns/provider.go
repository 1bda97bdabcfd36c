package dns

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/stackconfig"
)

// ProviderConfig is the stack's AWS provider configuration: its aws: keys
// but the region, as the stack file holds them (objects and lists as JSON).
// The engine gives exactly these to the default provider, and an explicit
// provider gets nothing of them unless it is given them: the query-log
// provider in us-east-1 takes them, so that its resources land under the
// same profile, role and account checks as the rest of the stack.
type ProviderConfig struct {
	// Values are by key without the namespace ("profile").
	Values map[string]string
	// Secret are the keys set with --secret (accessKey, say).
	Secret map[string]bool
}

// StackProviderConfig is the stack's provider settings (the config's
// AWSProvider) as the query-log provider takes them: isSecret, which is
// ctx.IsConfigSecret, tells which were set with --secret.
func StackProviderConfig(cfg *stackconfig.Config, isSecret func(key string) bool) ProviderConfig {
	c := ProviderConfig{Values: cfg.AWSProvider, Secret: map[string]bool{}}
	for k := range cfg.AWSProvider {
		c.Secret[k] = isSecret(stackconfig.ProviderNamespace + ":" + k)
	}
	return c
}

// providerSecrets are the provider's own secret outputs, as aws.NewProvider
// declares them.
var providerSecrets = []string{"accessKey", "secretKey", "token"}

// providerFieldTypes are the Go types of the provider's settings by name,
// from the SDK's own argument struct: a string setting is passed as written,
// any other is decoded from its JSON.
var providerFieldTypes = sync.OnceValue(func() map[string]reflect.Type {
	t := aws.ProviderArgs{}.ElementType()
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("pulumi"), ",")
		if name != "" {
			out[name] = f.Type
		}
	}
	return out
})

// inputs returns the provider's inputs: the stack's settings, typed as the
// provider declares them, with region in place of the stack's own; secrets
// stay secret.
func (c ProviderConfig) inputs(region string) (pulumi.Map, error) {
	// What aws.NewProvider sets unless told otherwise (the provider's own
	// defaults too): an existing provider keeps the inputs it had.
	out := pulumi.Map{
		"region":                    pulumi.String(region),
		"skipCredentialsValidation": pulumi.Bool(false),
		"skipRegionValidation":      pulumi.Bool(true),
	}
	var problems []string
	for _, key := range slices.Sorted(maps.Keys(c.Values)) {
		if key == "region" {
			continue
		}
		raw := c.Values[key]
		var v pulumi.Input = pulumi.String(raw)
		if t, known := providerFieldTypes()[key]; known && derefType(t).Kind() != reflect.String {
			var decoded any
			kind := derefType(t).Kind()
			if err := json.Unmarshal([]byte(raw), &decoded); err != nil || !decodedAs(decoded, kind) {
				shown := raw
				if c.Secret[key] {
					shown = "[secret]"
				}
				problems = append(problems, fmt.Sprintf("aws:%s: %q is not what the AWS provider reads there: write %s", key, shown, jsonKind(kind)))
				continue
			}
			v = toInput(decoded)
		}
		if c.Secret[key] || slices.Contains(providerSecrets, key) {
			v = pulumi.ToSecret(v)
		}
		out[key] = v
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("the stack's AWS provider settings, given to the %s provider of query logging: %s", region, strings.Join(problems, "; "))
	}
	return out, nil
}

// Check reports, before anything is registered, a setting the provider
// could not read, naming its key.
func (c ProviderConfig) Check() error {
	_, err := c.inputs(QueryLogRegion)
	return err
}

// decodedAs reports whether a decoded JSON value is of the Go kind a
// setting has.
func decodedAs(v any, k reflect.Kind) bool {
	switch v.(type) {
	case bool:
		return k == reflect.Bool
	case []any:
		return k == reflect.Slice || k == reflect.Array
	case map[string]any:
		return k == reflect.Map || k == reflect.Struct
	case float64:
		return k >= reflect.Int && k <= reflect.Float64
	}
	return false
}

// jsonKind says in the stack file's terms what a setting of kind k is
// written as.
func jsonKind(k reflect.Kind) string {
	switch k {
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return `a JSON list, such as ["123456789012"]`
	case reflect.Map, reflect.Struct:
		return `a JSON object, such as {"roleArn": "arn:aws:iam::123456789012:role/deploy"}`
	}
	return "a number"
}

func derefType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// toInput returns a decoded JSON value as a Pulumi input.
func toInput(v any) pulumi.Input {
	switch v := v.(type) {
	case map[string]any:
		m := pulumi.Map{}
		for k, e := range v {
			m[k] = toInput(e)
		}
		return m
	case []any:
		a := pulumi.Array{}
		for _, e := range v {
			a = append(a, toInput(e))
		}
		return a
	case string:
		return pulumi.String(v)
	case bool:
		return pulumi.Bool(v)
	case float64:
		return pulumi.Float64(v)
	}
	return pulumi.Any(v)
}

// providerVersion is the version of the pulumi-aws SDK the program is built
// with, which an explicit provider asks the engine for, as the SDK's own
// constructors do.
var providerVersion = sync.OnceValue(func() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, d := range info.Deps {
		if d.Path == "github.com/pulumi/pulumi-aws/sdk/v6" {
			return strings.TrimPrefix(d.Version, "v")
		}
	}
	return ""
})

// newRegionProvider registers an AWS provider for region with the stack's
// own provider settings.
func newRegionProvider(ctx *pulumi.Context, name, region string, c ProviderConfig, opts ...pulumi.ResourceOption) (*aws.Provider, error) {
	inputs, err := c.inputs(region)
	if err != nil {
		return nil, err
	}
	opts = append(slices.Clone(opts), pulumi.AdditionalSecretOutputs(providerSecrets))
	if v := providerVersion(); v != "" {
		opts = append(opts, pulumi.Version(v))
	}
	var p aws.Provider
	if err := ctx.RegisterResource("pulumi:providers:aws", name, inputs, &p, opts...); err != nil {
		return nil, err
	}
	return &p, nil
}
