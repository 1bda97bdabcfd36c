package stackconfig

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
)

// Lookup returns the raw value of a fully qualified config key
// ("meething:domain") and whether it is set: under Pulumi, ctx.GetConfig.
type Lookup func(key string) (string, bool)

// Parse reads every key through lookup, applies defaults and validates the
// result. keys are the fully qualified keys the stack sets (all of them, as
// the engine passes them): one in the project's namespace that the program
// does not read is a problem too. The error, an *Error, lists every problem
// found; a value that cannot be read is reported once, without the
// problems that would follow from it.
func Parse(lookup Lookup, keys []string) (*Config, error) {
	return ParseWithSecrets(lookup, keys, nil)
}

// ParseWithSecrets is Parse for a config some of whose keys are secret, as
// isSecret (ctx.IsConfigSecret) reports for a fully qualified key: the
// Config records them (Config.Secret), and a secret key that may not be
// secret (see SecretKeys) is a problem, reported alone: the other problems
// wait until no refused key is secret.
func ParseWithSecrets(lookup Lookup, keys []string, isSecret func(key string) bool) (*Config, error) {
	cfg := Defaults()
	r := reader{lookup: lookup, d: decoder{ps: &problems{}}}

	r.region(&cfg.Region, keys)
	for _, k := range keys {
		name, inAWS := strings.CutPrefix(k, ProviderNamespace+":")
		if !inAWS || k == RegionKey {
			continue
		}
		if v, ok := lookup(k); ok {
			cfg.AWSProvider[name] = v
		}
	}
	r.declared(&cfg)
	r.unknownKeys(keys)
	routingDefaults(&cfg)

	unreadable := *r.d.ps
	validated := withoutFollowOns(validate(&cfg, r.setKeys(CreatedVpcKeys)), unreadable, r.d.secret)
	// A rule that needs an encrypted value the program cannot read (the
	// offline synth's placeholder) is skipped for it, and the key noted.
	ps := unreadable
	cfg.Unchecked = r.d.secret
	for _, p := range validated {
		if p.Value == RedactedValue {
			cfg.Unchecked = append(cfg.Unchecked, p.Key)
			continue
		}
		ps = append(ps, p)
	}
	cfg.Secret = secretKeysOf(keys, isSecret)
	if refused := refusedSecrets(cfg.Secret); len(refused) > 0 {
		// Only the refusals: a problem of another key may quote the secret
		// (a parent zone's problem quotes the domain).
		return nil, refused.err()
	}
	if len(ps) > 0 {
		return nil, ps.err()
	}
	sort.Strings(cfg.Unchecked)
	return &cfg, nil
}

// withoutFollowOns drops the problems at or under a key already reported
// as unreadable or whose value is a secret the synth cannot read, and an
// empty value beside an unreadable field of the same object (a misspelt
// "Name" leaves the name empty).
func withoutFollowOns(ps, unreadable problems, secret []string) problems {
	var causes []string
	for _, p := range unreadable {
		causes = append(causes, p.Key)
	}
	causes = append(causes, secret...)
	var out problems
	for _, p := range ps {
		follows := false
		for _, c := range causes {
			// At or under the cause; the whole of which the cause is a part
			// (a list with an unreadable item); or an empty value beside an
			// unreadable field of the same object.
			if under(p.Key, c) || under(c, p.Key) || (p.Value == "" && parentOf(p.Key) != "" && parentOf(p.Key) == parentOf(c)) {
				follows = true
			}
		}
		if !follows {
			out = append(out, p)
		}
	}
	return out
}

// under reports whether key is at or under path.
func under(key, path string) bool {
	return key == path || strings.HasPrefix(key, path+".") || strings.HasPrefix(key, path+"[")
}

// parentOf returns the object path of a field path: meething:services[0]
// for meething:services[0].name, "" for a top-level key.
func parentOf(key string) string {
	i := strings.LastIndex(key, ".")
	if i < 0 || !strings.Contains(key[:i], ":") {
		return ""
	}
	return key[:i]
}

// FullKey returns the namespaced form of a key: meething:<key>.
func FullKey(key string) string { return Namespace + ":" + key }

type reader struct {
	lookup Lookup
	d      decoder
	// set records which keys the lookup had a value for.
	set map[string]bool
}

func (r *reader) get(key string) (string, bool) {
	v, ok := r.lookup(FullKey(key))
	if empty, declared := NotSet[key]; declared && ok && v == empty {
		v, ok = "", false
	}
	if r.set == nil {
		r.set = map[string]bool{}
	}
	r.set[key] = ok
	return v, ok
}

// setKeys returns those of the already read keys that had a value.
func (r *reader) setKeys(keys []string) []string {
	var out []string
	for _, k := range keys {
		if r.set[k] {
			out = append(out, k)
		}
	}
	return out
}

// declared reads every declared key into the field its declaration names
// (Declaration.Field), in the order of Declarations, so that a key is read
// once it is declared; the few keys read another way say so here.
// Objects decode over their defaults: unset fields keep them.
func (r *reader) declared(cfg *Config) {
	for _, d := range Declarations {
		switch d.Key {
		case KeyServices:
			r.services(&cfg.Services)
		case KeyDefaultAction:
			r.defaultAction(&cfg.DefaultAction)
		case KeyRestrictDefaultSecurityGroup:
			// Its default is true for a created VPC only: existingVpcId
			// is declared, and read, before it.
			cfg.RestrictDefaultSecurityGroup = cfg.ExistingVpcID == ""
			r.key(d.Key, d.Field(cfg))
		default:
			r.key(d.Key, d.Field(cfg))
		}
	}
}

// key decodes the key's value, when it is set, into dst over its default.
func (r *reader) key(key string, dst any) {
	if v, ok := r.get(key); ok {
		wanted := ""
		if r, ok := rangeOf(key); ok {
			wanted = r.Want()
		}
		r.d.topLevel(FullKey(key), v, dst, wanted)
	}
}

// region reads aws:region; without it the AWS provider would take
// AWS_REGION or AWS_DEFAULT_REGION, which the lookup answers for when the
// caller passes them (see WithRegionFromEnv).
func (r *reader) region(dst *string, keys []string) {
	v, ok := r.lookup(RegionKey)
	if !ok || v == "" {
		for _, k := range keys {
			if k != RegionKey && strings.HasSuffix(unknownKey(k), "did you mean "+RegionKey+"?") {
				return // the misspelt key is reported, with aws:region meant
			}
		}
		r.d.ps.add(RegionKey, v, "is not set, and neither is AWS_REGION or AWS_DEFAULT_REGION: set the region in the stack file (pulumi config set aws:region ap-northeast-2)")
		return
	}
	*dst = v
}

// WithRegionFromEnv answers aws:region from getenv's AWS_REGION or
// AWS_DEFAULT_REGION when lookup has none, as the AWS provider does.
func WithRegionFromEnv(lookup Lookup, getenv func(string) string) Lookup {
	return func(key string) (string, bool) {
		v, ok := lookup(key)
		if key != RegionKey || (ok && v != "") {
			return v, ok
		}
		for _, env := range []string{"AWS_REGION", "AWS_DEFAULT_REGION"} {
			if e := getenv(env); e != "" {
				return e, true
			}
		}
		return v, ok
	}
}

// unknownKeys reports every key the stack sets that nothing reads, with
// the key probably meant: in the project's namespace, in the AWS
// provider's (aws:regoin), and in a namespace no one reads (meethng:domain).
// The engine checks its own namespace (pulumi:).
func (r *reader) unknownKeys(keys []string) {
	sorted := append([]string(nil), keys...)
	sort.Strings(sorted)
	for _, full := range sorted {
		if problem := unknownKey(full); problem != "" {
			v, _ := r.lookup(full)
			r.d.ps.add(full, v, "%s", problem)
		}
	}
}

// unknownKey returns the problem of a fully qualified key that no one
// reads, "" for a key someone reads.
func unknownKey(full string) string {
	namespace, name, ok := strings.Cut(full, ":")
	if !ok {
		return "is not a namespace:key setting"
	}
	switch namespace {
	case Namespace:
		if slices.Contains(Keys, name) {
			return ""
		}
		return "is not a setting of this stack" + suggestion(name, Keys, Namespace+":")
	case ProviderNamespace:
		if slices.Contains(ProviderKeys, name) {
			return ""
		}
		return "is not a setting of the AWS provider" + suggestion(name, ProviderKeys, ProviderNamespace+":")
	case EngineNamespace:
		return ""
	}
	// A misspelt namespace: the key meant is the same key in the
	// namespace closest to it.
	for _, known := range []struct {
		namespace string
		keys      []string
	}{{Namespace, Keys}, {ProviderNamespace, ProviderKeys}} {
		if suggestion(namespace, []string{known.namespace}, "") != "" {
			return fmt.Sprintf("is in namespace %s:, which nothing of this stack reads%s", namespace, suggestion(name, known.keys, known.namespace+":"))
		}
	}
	return fmt.Sprintf("is in namespace %s:, which nothing of this stack reads (its settings are %s: and the AWS provider's %s:)", namespace, Namespace, ProviderNamespace)
}

// serviceDefaults fills the defaults that depend on other fields: a gRPC
// health check's matcher (AWS's 12), a stickiness duration (a day).
func serviceDefaults(raw any, s *Service) {
	fields, _ := raw.(map[string]any)
	hc, _ := fields["healthCheck"].(map[string]any)
	if _, set := hc["matcher"]; !set && s.ProtocolVersion == "GRPC" {
		s.HealthCheck.Matcher = DefaultGRPCMatcher
	}
	st, _ := fields["stickiness"].(map[string]any)
	if _, set := st["duration"]; !set && s.Stickiness != nil {
		s.Stickiness.Duration = DefaultStickinessDuration
	}
}

// DefaultGRPCMatcher is AWS's default matcher of a gRPC health check.
const DefaultGRPCMatcher = "12"

// DefaultStickinessDuration is a day, in seconds.
const DefaultStickinessDuration = 86400

// services decodes meething:services, filling each entry's unset fields with
// the service defaults.
func (r *reader) services(dst *[]Service) {
	key := FullKey(KeyServices)
	v, ok := r.get(KeyServices)
	if !ok {
		return
	}
	const wanted = "a list of services, each an object with at least a name"
	parsed, ok := r.d.parse(key, v, wanted)
	if !ok {
		return
	}
	items, isList := parsed.([]any)
	if !isList {
		if parsed == nil {
			r.d.ps.add(key, "null", "is empty; want %s, or leave the key out for api, config and chat", wanted)
		} else {
			r.d.ps.add(key, shown(parsed), "is %s; want %s", kindOf(parsed), wanted)
		}
		return
	}
	out := make([]Service, len(items))
	for i, item := range items {
		out[i] = DefaultService("")
		r.d.value(fmt.Sprintf("%s[%d]", key, i), item, reflect.ValueOf(&out[i]).Elem(), false)
		serviceDefaults(item, &out[i])
	}
	*dst = out
}
