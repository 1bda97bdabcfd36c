package stackconfig

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOneOf(t *testing.T) {
	tests := []struct {
		tag      string
		ok       bool
		want     string
		in, out  []string
		bad      string
		badRule  string
		values   []string
		accEmpty bool
	}{
		{tag: "round_robin|least_outstanding_requests|weighted_random", ok: true,
			want: "round_robin, least_outstanding_requests or weighted_random",
			in:   []string{"round_robin", "weighted_random"}, out: []string{"", "Round_Robin", "random"},
			bad: "least-outstanding-requests", badRule: "must be round_robin, least_outstanding_requests or weighted_random; did you mean least_outstanding_requests?",
			values: []string{"round_robin", "least_outstanding_requests", "weighted_random"}},
		{tag: "HTTP|HTTPS", ok: true, want: "HTTP or HTTPS", in: []string{"HTTP"}, out: []string{"http", "TCP"},
			bad: "TCP", badRule: "must be HTTP or HTTPS", values: []string{"HTTP", "HTTPS"}},
		{tag: "|HTTP|HTTPS", ok: true, want: "HTTP or HTTPS", in: []string{"", "HTTPS"}, out: []string{" "},
			bad: "https", badRule: "must be HTTP or HTTPS; did you mean HTTPS?", values: []string{"HTTP", "HTTPS"}, accEmpty: true},
		{tag: "nosniff|(for none)", ok: true, want: "nosniff, or empty for none", in: []string{"", "nosniff"}, out: []string{"none"},
			bad: "nosnif", badRule: "must be nosniff, or empty for none; did you mean nosniff?", values: []string{"nosniff"}, accEmpty: true},
		{tag: "instance (EC2 instance IDs)|ip (IPv4 addresses)", ok: true, want: "instance (EC2 instance IDs) or ip (IPv4 addresses)",
			in: []string{"instance", "ip"}, out: []string{"instance (EC2 instance IDs)"},
			bad: "lambda", badRule: "must be instance (EC2 instance IDs) or ip (IPv4 addresses)", values: []string{"instance", "ip"}},
		{tag: "", ok: false},
		{tag: "|", ok: false},
		{tag: "a|a", ok: false},
		{tag: "a||b", ok: true, want: "a or b", in: []string{"", "a"}, bad: "c", badRule: "must be a or b", values: []string{"a", "b"}, accEmpty: true},
		{tag: "||a", ok: false},
		{tag: "a b|c", ok: false},
		{tag: "a (open", ok: false},
	}
	for _, tc := range tests {
		t.Run(tc.tag, func(t *testing.T) {
			o, ok := ParseOneOf(tc.tag)
			require.Equal(t, tc.ok, ok)
			if !ok {
				return
			}
			assert.Equal(t, tc.values, o.Values)
			assert.Equal(t, tc.accEmpty, o.Empty)
			assert.Equal(t, tc.want, o.Want())
			assert.Equal(t, tc.badRule, o.Rule(tc.bad))
			assert.False(t, o.Holds(tc.bad))
			for _, s := range tc.in {
				assert.True(t, o.Holds(s), s)
			}
			for _, s := range tc.out {
				assert.False(t, o.Holds(s), s)
			}
		})
	}
}

// TestOneOfTagsParse: every oneof tag of the config's structs (taggedFields) parses, on
// a text or a whole number (or a map of texts, each checked), and no
// field has a want tag too: the values are written once, in the tag.
func TestOneOfTagsParse(t *testing.T) {
	count := 0
	for _, tf := range taggedStructFields() {
		rt, f := tf.owner, tf.field
		if tag := f.Tag.Get("oneof"); tag != "" {
			count++
			_, ok := ParseOneOf(tag)
			assert.True(t, ok, "%s.%s: oneof %q", rt.Name(), f.Name, tag)
			ft := f.Type
			if ft.Kind() == reflect.Map {
				ft = ft.Elem()
			}
			assert.Contains(t, []reflect.Kind{reflect.String, reflect.Int}, ft.Kind(), "%s.%s", rt.Name(), f.Name)
			assert.Empty(t, f.Tag.Get("want"), "%s.%s: the oneof says what it wants", rt.Name(), f.Name)
			assert.Empty(t, f.Tag.Get("range"), "%s.%s", rt.Name(), f.Name)
		}
	}
	assert.GreaterOrEqual(t, count, 14)
	for _, d := range Declarations {
		if d.OneOf != "" {
			_, ok := ParseOneOf(d.OneOf)
			assert.True(t, ok, "%s: oneof %q", d.Key, d.OneOf)
		}
	}
}

// TestEveryDefaultHoldsItsTags: each default the program gives a tagged
// field, or a declared key, is a value its own tag accepts, so that the
// tags and the defaults cannot drift apart.
func TestEveryDefaultHoldsItsTags(t *testing.T) {
	cfg := Defaults()
	var ps problems
	checkDeclared(&cfg, &ps, KeySubnetCount, KeySubnetPrefixLength) // 0 reads as not set for these two
	s := DefaultService("api")
	s.Stickiness = &Stickiness{Type: "lb_cookie", Duration: DefaultStickinessDuration}
	checkFields("service", s, &ps)
	checkFields("service.healthCheck", s.HealthCheck, &ps)
	checkFields("service.stickiness", *s.Stickiness, &ps)
	checkFields("accessLogs", cfg.AccessLogs, &ps)
	checkFields("flowLogs", cfg.FlowLogs, &ps)
	checkFields("waf", cfg.Waf, &ps)
	checkFields("ruleGroup", RuleGroupSetting{}, &ps)
	checkFields("alarms", cfg.Alarms, &ps)
	checkFields("loadBalancer", cfg.LoadBalancer, &ps)
	checkFields("responseHeaders", cfg.ResponseHeaders, &ps)
	checkFields("cutover", cfg.Cutover, &ps)
	assert.Empty(t, ps)
}

// TestNamedValuesAreTheTags: the values the code names (the default
// target type, the IP type) are values of the tag that lists them.
func TestNamedValuesAreTheTags(t *testing.T) {
	types := oneOfOf[Service]("targetType")
	assert.Equal(t, []string{TargetTypeInstance, TargetTypeIP}, types.Values)
	assert.Equal(t, []string{"round_robin", "least_outstanding_requests", "weighted_random"}, Algorithms)
	assert.Equal(t, 100, maxShare)
	assert.Panics(t, func() { oneOfOf[Service]("port") })
	assert.Panics(t, func() { checkField("k", Service{}, "name", &problems{}) })
}

// TestListedNumberOrBooleanReadsAsText: YAML's true, written for a text
// field whose oneof tag lists "true", is that text, not a type error.
func TestListedNumberOrBooleanReadsAsText(t *testing.T) {
	m := withRequired(map[string]string{FullKey(KeyResponseHeaders): `{"accessControlAllowCredentials": true, "accessControlAllowOrigin": "https://app.meething.net"}`})
	cfg, err := Parse(lookupOf(m), keysOf(m))
	require.NoError(t, err)
	assert.Equal(t, "true", cfg.ResponseHeaders.AccessControlAllowCredentials)

	m = withRequired(map[string]string{FullKey(KeyServices): `[{"name":"api","protocolVersion":2}]`})
	_, err = Parse(lookupOf(m), keysOf(m))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `meething:services[0].protocolVersion: "2" is a number; want HTTP1, HTTP2 or GRPC`)
}
