package stackconfig

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lookupOf serves config values from m, keyed by full key ("meething:domain").
func lookupOf(m map[string]string) Lookup {
	return func(key string) (string, bool) {
		v, ok := m[key]
		return v, ok
	}
}

// parse parses m as a stack's whole config, in ap-northeast-2 and for
// meething.net unless m sets aws:region or meething:domain.
func parse(m map[string]string) (*Config, error) {
	m = withRequired(m)
	return Parse(lookupOf(m), keysOf(m))
}

// testDomain is the domain of a test's config that sets none.
const testDomain = "meething.net"

// withRequired returns m with the keys every stack must set (aws:region,
// meething:domain) added where m lacks them.
func withRequired(m map[string]string) map[string]string {
	if _, ok := m[RegionKey]; !ok {
		m = with(m, RegionKey, "ap-northeast-2")
	}
	if _, ok := m[FullKey(KeyDomain)]; !ok {
		m = with(m, FullKey(KeyDomain), testDomain)
	}
	return m
}

// defaultsFor returns the config of a stack that sets only what m sets of
// the required keys.
func defaultsFor(m map[string]string) Config {
	m = withRequired(m)
	want := Defaults()
	want.Region = m[RegionKey]
	want.Domain = m[FullKey(KeyDomain)]
	for k, v := range m {
		if name, ok := strings.CutPrefix(k, "aws:"); ok && k != RegionKey {
			want.AWSProvider[name] = v
		}
	}
	return want
}

func keysOf(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// problemsOf asserts that err is an *Error and returns its problems.
func problemsOf(t *testing.T, err error) []Problem {
	t.Helper()
	require.Error(t, err)
	var e *Error
	require.True(t, errors.As(err, &e), "error %T is not an *Error: %v", err, err)
	require.NotEmpty(t, e.Problems)
	return e.Problems
}

// findProblem returns the problem with the given key and value.
func findProblem(t *testing.T, ps []Problem, key, value string) Problem {
	t.Helper()
	for _, p := range ps {
		if p.Key == key && p.Value == value {
			return p
		}
	}
	require.Failf(t, "problem not found", "no problem with key %q and value %q in %#v", key, value, ps)
	return Problem{}
}

func TestParseDefaults(t *testing.T) {
	for name, m := range map[string]map[string]string{
		"nothing set":             nil,
		"only the provider's":     {"aws:profile": "edge", "pulumi:disable-default-providers": `[]`},
		"only the region":         {"aws:region": "ap-northeast-2"},
		"values equal to default": {"meething:idleTimeout": "60", "meething:dualStack": "false"},
	} {
		t.Run(name, func(t *testing.T) {
			cfg, err := parse(m)
			require.NoError(t, err)
			require.NotNil(t, cfg)

			assert.Equal(t, defaultsFor(m), *cfg)

			assert.Equal(t, "meething.net", cfg.Domain)
			assert.Empty(t, cfg.CertificateNames)
			assert.Empty(t, cfg.ExistingZoneID)
			assert.Empty(t, cfg.ExistingZoneName)
			assert.False(t, cfg.ApexAlias)
			assert.Equal(t, "172.31.0.0/16", cfg.VpcCidr)
			assert.Empty(t, cfg.AvailabilityZones)
			assert.Equal(t, 4, cfg.SubnetCount)
			assert.Equal(t, 20, cfg.SubnetPrefixLength)
			assert.Empty(t, cfg.SubnetCidrs)
			assert.False(t, cfg.MapPublicIPOnLaunch)
			assert.False(t, cfg.DualStack)
			assert.Equal(t, DefaultSslPolicy, cfg.SslPolicy)
			assert.Equal(t, "defensive", cfg.DesyncMitigationMode)
			assert.Equal(t, 60, cfg.IdleTimeout)
			assert.False(t, cfg.DeletionProtection)
			assert.False(t, cfg.Protect)
			assert.Empty(t, cfg.Tags)

			require.Len(t, cfg.Services, 3)
			for i, name := range []string{"api", "config", "chat"} {
				s := cfg.Services[i]
				assert.Equal(t, name, s.Name)
				assert.Nil(t, s.Priority)
				assert.Empty(t, s.Hosts)
				assert.Equal(t, 80, s.Port)
				assert.Equal(t, "HTTP", s.Protocol)
				assert.Equal(t, HealthCheck{
					Path: "/", Matcher: "200-399", Interval: 15, Timeout: 5,
					HealthyThreshold: 3, UnhealthyThreshold: 3, Port: "traffic-port",
				}, s.HealthCheck)
				assert.Equal(t, 30, s.DeregistrationDelay)
				assert.Empty(t, s.Targets)
				assert.Equal(t, "instance", s.TargetType)
				assert.Equal(t, name+".meething.net", s.Host(cfg.Domain))
			}
		})
	}
}

// Defaults returns fresh values: changing one result does not change the next.
func TestDefaultsIsFresh(t *testing.T) {
	a := Defaults()
	a.Services[0].Name = "changed"
	a.Services[0].Hosts = append(a.Services[0].Hosts, "x.example.com")
	assert.Equal(t, "api", Defaults().Services[0].Name)
	assert.Empty(t, Defaults().Services[0].Hosts)
}

func TestParseValid(t *testing.T) {
	web := DefaultService("web")
	web.Port = 8080
	web.HealthCheck.Path = "/healthz"

	admin := DefaultService("admin")
	ten := 10
	admin.Priority = &ten
	admin.Hosts = []string{"portal.example.com", "x.api.example.com"}
	admin.Protocol = "HTTPS"
	admin.HealthCheck = HealthCheck{
		Path: "/status", Matcher: "200,202", Interval: 30, Timeout: 10,
		HealthyThreshold: 2, UnhealthyThreshold: 10, Port: "traffic-port",
	}
	admin.DeregistrationDelay = 0
	admin.TargetType = "ip"
	admin.Targets = []string{"10.20.1.5", "10.20.2.6"}

	tests := []struct {
		name string
		m    map[string]string
		want func(c *Config)
	}{
		{
			name: "every DNS, network, load balancer, service and tag key set",
			m: map[string]string{
				"aws:region":                    "ap-northeast-2",
				"meething:domain":               "example.com",
				"meething:certificateNames":     `["www.example.com","*.api.example.com"]`,
				"meething:existingZoneName":     "example.com",
				"meething:apexAlias":            "true",
				"meething:vpcCidr":              "10.20.0.0/16",
				"meething:availabilityZones":    `["ap-northeast-2c","ap-northeast-2a"]`,
				"meething:subnetCount":          "3",
				"meething:subnetPrefixLength":   "24",
				"meething:subnetCidrs":          `{"ap-northeast-2c":"10.20.200.0/24"}`,
				"meething:mapPublicIpOnLaunch":  "true",
				"meething:dualStack":            "true",
				"meething:sslPolicy":            "ELBSecurityPolicy-TLS13-1-3-2021-06",
				"meething:desyncMitigationMode": "strictest",
				"meething:idleTimeout":          "4000",
				"meething:deletionProtection":   "true",
				"meething:protect":              "true",
				"meething:services": `[
					{"name":"web","port":8080,"healthCheck":{"path":"/healthz"}},
					{"name":"admin","priority":10,"hosts":["portal.example.com","x.api.example.com"],"protocol":"HTTPS",
					 "healthCheck":{"path":"/status","matcher":"200,202","interval":30,"timeout":10,"healthyThreshold":2,"unhealthyThreshold":10},
					 "deregistrationDelay":0,"targetType":"ip","targets":["10.20.1.5","10.20.2.6"]}
				]`,
				"meething:tags": `{"team":"edge","cost-center":"1234"}`,
			},
			want: func(c *Config) {
				c.Region = "ap-northeast-2"
				c.Domain = "example.com"
				c.CertificateNames = []string{"www.example.com", "*.api.example.com"}
				c.ExistingZoneName = "example.com"
				c.ApexAlias = true
				c.VpcCidr = "10.20.0.0/16"
				c.AvailabilityZones = []string{"ap-northeast-2c", "ap-northeast-2a"}
				c.SubnetCount = 3
				c.SubnetPrefixLength = 24
				c.SubnetCidrs = map[string]string{"ap-northeast-2c": "10.20.200.0/24"}
				c.MapPublicIPOnLaunch = true
				c.DualStack = true
				c.SslPolicy = "ELBSecurityPolicy-TLS13-1-3-2021-06"
				c.DesyncMitigationMode = "strictest"
				c.IdleTimeout = 4000
				c.DeletionProtection = true
				c.Protect = true
				c.Services = []Service{web, admin}
				c.Tags = map[string]string{"team": "edge", "cost-center": "1234"}
			},
		},
		{
			name: "existing zone by ID, zone as parent of domain",
			m: map[string]string{
				"meething:domain":         "edge.example.com",
				"meething:existingZoneId": "Z0123456789ABCDEFGHIJ",
			},
			want: func(c *Config) {
				c.Domain = "edge.example.com"
				c.ExistingZoneID = "Z0123456789ABCDEFGHIJ"
			},
		},
		{
			name: "existing zone name parent of domain",
			m: map[string]string{
				"meething:domain":           "edge.example.com",
				"meething:existingZoneName": "example.com",
			},
			want: func(c *Config) {
				c.Domain = "edge.example.com"
				c.ExistingZoneName = "example.com"
			},
		},
		{
			name: "service with only a name gets every default",
			m:    map[string]string{"meething:services": `[{"name":"solo"}]`},
			want: func(c *Config) { c.Services = []Service{DefaultService("solo")} },
		},
		{
			name: "partial health check keeps the other health check defaults",
			m:    map[string]string{"meething:services": `[{"name":"api","healthCheck":{"interval":60,"timeout":30}}]`},
			want: func(c *Config) {
				s := DefaultService("api")
				s.HealthCheck.Interval = 60
				s.HealthCheck.Timeout = 30
				c.Services = []Service{s}
			},
		},
		{
			name: "instance targets",
			m:    map[string]string{"meething:services": `[{"name":"api","targets":["i-0123456789abcdef0","i-12345678"]}]`},
			want: func(c *Config) {
				s := DefaultService("api")
				s.Targets = []string{"i-0123456789abcdef0", "i-12345678"}
				c.Services = []Service{s}
			},
		},
		{
			name: "empty lists",
			m: map[string]string{
				"meething:certificateNames":  "[]",
				"meething:availabilityZones": "[]",
				"meething:tags":              "{}",
			},
			want: func(c *Config) {
				c.CertificateNames = []string{}
				c.AvailabilityZones = []string{}
				c.Tags = map[string]string{}
			},
		},
		{
			name: "eight certificate names make ten with domain and wildcard",
			m:    map[string]string{"meething:certificateNames": `["a.meething.net","b.meething.net","c.meething.net","d.meething.net","e.meething.net","f.meething.net","g.meething.net","h.meething.net"]`},
			want: func(c *Config) {
				c.CertificateNames = []string{"a.meething.net", "b.meething.net", "c.meething.net", "d.meething.net", "e.meething.net", "f.meething.net", "g.meething.net", "h.meething.net"}
			},
		},
		{
			name: "JSON with surrounding whitespace",
			m: map[string]string{
				"meething:availabilityZones": " [\"ap-northeast-2a\", \"ap-northeast-2b\"]\n",
				"meething:services":          "\n[ {\"name\": \"api\"} ]\t\n",
			},
			want: func(c *Config) {
				c.AvailabilityZones = []string{"ap-northeast-2a", "ap-northeast-2b"}
				c.Services = []Service{DefaultService("api")}
			},
		},
		{
			name: "local zone and its parent region",
			m: map[string]string{
				"aws:region":                 "us-west-2",
				"meething:availabilityZones": `["us-west-2a","us-west-2-lax-1b"]`,
			},
			want: func(c *Config) {
				c.Region = "us-west-2"
				c.AvailabilityZones = []string{"us-west-2a", "us-west-2-lax-1b"}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := parse(tc.m)
			require.NoError(t, err)
			require.NotNil(t, cfg)
			want := defaultsFor(tc.m)
			tc.want(&want)
			assert.Equal(t, want, *cfg)
		})
	}
}

func TestParseRegionIsOnlyReadFromAws(t *testing.T) {
	cfg, err := parse(map[string]string{"aws:region": "eu-west-1"})
	require.NoError(t, err)
	assert.Equal(t, "eu-west-1", cfg.Region)

	_, err = parse(map[string]string{"meething:region": "us-east-1", "aws:region": "eu-west-1"})
	require.Error(t, err, "meething:region is no setting of this stack")
}

// Without aws:region the AWS provider takes AWS_REGION, then
// AWS_DEFAULT_REGION; with none of them the config is invalid.
func TestParseRegionFromTheEnvironment(t *testing.T) {
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	m := map[string]string{FullKey(KeyDomain): testDomain}
	lookup := WithRegionFromEnv(lookupOf(m), getenv)

	_, err := Parse(lookup, nil)
	assert.EqualError(t, err, "invalid stack configuration (1 problem):\n"+
		`  - aws:region: "" is not set, and neither is AWS_REGION or AWS_DEFAULT_REGION: set the region in the stack file (pulumi config set aws:region ap-northeast-2)`)

	env["AWS_DEFAULT_REGION"] = "us-west-2"
	cfg, err := Parse(lookup, nil)
	require.NoError(t, err)
	assert.Equal(t, "us-west-2", cfg.Region)

	env["AWS_REGION"] = "eu-west-1"
	cfg, err = Parse(lookup, nil)
	require.NoError(t, err)
	assert.Equal(t, "eu-west-1", cfg.Region, "AWS_REGION first, as the provider")

	m[RegionKey] = "ap-northeast-2"
	cfg, err = Parse(lookup, nil)
	require.NoError(t, err)
	assert.Equal(t, "ap-northeast-2", cfg.Region, "the stack's own setting wins")
}

// The domain has no default: a default would be production's name, and a
// stack file that forgot the key would create a second zone of it.
func TestParseRequiresTheDomain(t *testing.T) {
	_, err := Parse(lookupOf(map[string]string{RegionKey: "ap-northeast-2"}), []string{RegionKey})
	assert.EqualError(t, err, "invalid stack configuration (1 problem):\n"+
		`  - meething:domain: "" is not set: say which DNS name this stack serves (prod: meething.net; any other environment: a subdomain of its own, such as dev.meething.net)`)
}

func TestParseReadsOnlyKnownKeys(t *testing.T) {
	var asked []string
	_, err := Parse(func(key string) (string, bool) {
		asked = append(asked, key)
		switch key {
		case RegionKey:
			return "ap-northeast-2", true
		case FullKey(KeyDomain):
			return testDomain, true
		}
		return "", false
	}, []string{RegionKey, FullKey(KeyDomain)})
	require.NoError(t, err)
	want := []string{RegionKey}
	for _, k := range Keys {
		want = append(want, FullKey(k))
	}
	assert.ElementsMatch(t, want, asked)
}

func TestServiceHelpers(t *testing.T) {
	s := DefaultService("api")
	s.Hosts = []string{"api.example.org"}
	assert.Equal(t, "api.meething.net", s.Host("meething.net"))
	assert.Equal(t, []string{"api.meething.net", "api.example.org"}, s.AllHosts("meething.net"))
	assert.Equal(t, []string{"api.example.org"}, s.Hosts, "AllHosts must not change Hosts")
	assert.Equal(t, "instance", s.TargetType, "AWS's default")
}

// A number or a boolean given as a tag value is taken as the text it was
// written as, the one way numbers are handled in text fields.
func TestTagValuesAsWritten(t *testing.T) {
	cfg, err := parse(kv("meething:tags", `{"team":42,"on":true,"big":1e23,"name":"edge"}`))
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"team": "42", "on": "true", "big": "1e23", "name": "edge"}, cfg.Tags)
}

// Pulumi passes every top-level value as text, and the CLI quotes numbers
// and booleans when it rewrites a stack file: both read the same.
func TestTopLevelNumbersAndBooleans(t *testing.T) {
	cfg, err := parse(kv("meething:idleTimeout", "300", "meething:dualStack", "true", "meething:subnetCount", "2"))
	require.NoError(t, err)
	assert.Equal(t, 300, cfg.IdleTimeout)
	assert.True(t, cfg.DualStack)
	assert.Equal(t, 2, cfg.SubnetCount)
}
