package stackconfig

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/meething/edge/network/layout"
)

// fuzzKeys are the keys FuzzParse sets, in the order of its string arguments.
var fuzzKeys = []string{
	RegionKey,
	FullKey(KeyDomain),
	FullKey(KeyVpcCidr),
	FullKey(KeyServices),
	FullKey(KeySubnetPrefixLength),
	FullKey(KeyAvailabilityZones),
	FullKey(KeySubnetCidrs),
	FullKey(KeyIdleTimeout),
	FullKey(KeyCertificateNames),
	FullKey(KeyTags),
}

// FuzzParse checks that Parse never panics and either returns a usable
// configuration or an *Error naming only config keys. set selects which of the
// values are set: bit i sets fuzzKeys[i].
func FuzzParse(f *testing.F) {
	type seed struct {
		set                                                       uint16
		region, domain, vpc, services, prefix, zones, cidrs, idle string
		certs, tags                                               string
	}
	all := uint16(1<<len(fuzzKeys) - 1)
	seeds := []seed{
		// Nothing set: the defaults.
		{set: 0},
		// Valid.
		{all, "ap-northeast-2", "meething.net", "172.31.0.0/16", `[{"name":"api"},{"name":"chat","priority":7}]`, "20",
			`["ap-northeast-2a","ap-northeast-2b","ap-northeast-2c","ap-northeast-2d"]`, `{"ap-northeast-2d":"172.31.128.0/20"}`, "60",
			`["www.meething.net"]`, `{"team":"edge"}`},
		{all, "us-east-1", "edge.example.com", "10.0.0.0/24", `[{"name":"web","port":8080,"healthCheck":{"path":"/h","interval":30,"timeout":10},"targetType":"ip","targets":["10.0.0.5"]}]`, "26",
			`["us-east-1a","us-east-1d"]`, `{}`, "4000", `[]`, `{}`},
		{all, "", "a.io", "192.168.0.0/16", `[{"name":"a","hosts":["x.a.io","*.b.io"]}]`, "27", `["eu-west-1a","eu-west-1c"]`, "null", "1", "null", "null"},
		// Invalid values of each key.
		{all, "us-east-1", "Bad..Domain", "8.8.0.0/16", `[{"name":"API","priority":0},{"name":"API"}]`, "15", `["us-west-2a"]`, `{"x":"y"}`, "0", `["*.*.x"]`, `{"Name":"x"}`},
		{all, "", "meething.net", "10.0.0.0/24", `[{"name":"api"}]`, "26", `["ap-northeast-2a","ap-northeast-2e"]`, "", "60", "", ""},
		{all, "", "meething.net", "172.31.0.0/16", `[{"name":"api"}]`, "20", `["ap-northeast-2a","ap-northeast-2b"]`, `{"ap-northeast-2a":"172.31.64.0/20","ap-northeast-2b":"172.31.72.0/21"}`, "60", "[]", "{}"},
		{all, "", "", "fd00::/48", `[{"name":"x","healthcheck":{}}]`, "twenty", `"ap-northeast-2a"`, `[]`, "1.5", `{}`, `[]`},
		{1<<2 | 1<<3 | 1<<4 | 1<<5, "", "", "172.31.1.0/16", `not json`, "/20", `["a","b"]]`, "", "", "", ""},
		{1<<3 | 1<<5, "", "", "", `[{"name":"a","targets":["i-01234567","10.0.0.1"]}]`, "", `["apne2-az1","apne2-az2"]`, "", "", "", ""},
		{1 << 3, "", "", "", `[{"name":"a","priority":99999999999999999999}]`, "", "", "", "", "", ""},
		{1 << 3, "", "", "", `[]`, "", "", "", "", "", ""},
		{1 << 3, "", "", "", `[null, {}]`, "", "", "", "", "", ""},
		{1<<1 | 1<<5, "", "x", "", "", "", `["us-west-2a","us-west-2-lax-1a"]`, "", "", "", ""},
		// Unknown and misspelt keys.
		{1<<10 | 1, "ap-northeast-2", "servics", `[{"name":"meet"}]`, "", "", "", "", "", "", ""},
		{1<<10 | 1, "ap-northeast-2", "Domain", "meething.dev", "", "", "", "", "", "", ""},
	}
	for _, s := range seeds {
		f.Add(s.set, s.region, s.domain, s.vpc, s.services, s.prefix, s.zones, s.cidrs, s.idle, s.certs, s.tags)
	}

	f.Fuzz(func(t *testing.T, set uint16, region, domain, vpc, services, prefix, zones, cidrs, idle, certs, tags string) {
		values := []string{region, domain, vpc, services, prefix, zones, cidrs, idle, certs, tags}
		m := map[string]string{}
		for i, k := range fuzzKeys {
			if set&(1<<i) != 0 {
				m[k] = values[i]
			}
		}
		if set&(1<<len(fuzzKeys)) != 0 {
			// A key of the namespace named by the input, known or not.
			m[Namespace+":"+domain] = vpc
		}

		cfg, err := Parse(lookupOf(m), keysOf(m))
		if err != nil {
			if cfg != nil {
				t.Fatalf("Parse returned both a config and an error: %v", err)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not an *Error: %v", err, err)
			}
			if len(e.Problems) == 0 {
				t.Fatalf("*Error without problems")
			}
			for _, p := range e.Problems {
				top := p.Key
				if i := strings.IndexAny(top, ".["); i >= 0 && strings.Contains(top[:i], ":") {
					top = top[:i]
				}
				named := func(k string) bool {
					_, set := m[k]
					return set || k == RegionKey || slices.Contains(Keys, strings.TrimPrefix(k, Namespace+":"))
				}
				if !named(p.Key) && !named(top) {
					t.Fatalf("problem key %q names no key of the stack: %v", p.Key, p)
				}
				if p.Rule == "" {
					t.Fatalf("problem without a rule: %v", p)
				}
			}
			if !strings.Contains(err.Error(), e.Problems[0].Key) {
				t.Fatalf("Error() does not name %q: %s", e.Problems[0].Key, err)
			}
			return
		}
		if cfg == nil {
			t.Fatalf("Parse returned neither a config nor an error")
		}

		if len(cfg.AvailabilityZones) > 0 {
			plans, err := layout.PlanSubnets(cfg.VpcCidr, cfg.AvailabilityZones, cfg.SubnetPrefixLength, cfg.SubnetCidrs)
			if err != nil {
				t.Fatalf("valid config %+v has no subnet plan: %v", cfg, err)
			}
			if len(plans) != len(cfg.AvailabilityZones) {
				t.Fatalf("plan has %d subnets for %d zones", len(plans), len(cfg.AvailabilityZones))
			}
		}

		if len(cfg.Services) == 0 {
			t.Fatalf("valid config has no services")
		}
		seen := map[int]string{}
		for _, s := range cfg.Services {
			p := s.RulePriority()
			if p < 1 || p > MaxRulePriority {
				t.Fatalf("service %q has priority %d", s.Name, p)
			}
			if other, dup := seen[p]; dup {
				t.Fatalf("services %q and %q share priority %d", other, s.Name, p)
			}
			seen[p] = s.Name
		}
	})
}
