package stackconfig

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withAnswer is a config of one service, api, whose answer is the JSON a.
func withAnswer(a string) map[string]string {
	return services(`{"name":"api","answer":` + a + `}`)
}

func TestServiceAnswerRejected(t *testing.T) {
	const k = "meething:services[0].answer"
	tests := []struct {
		name, json, key, value, rule string
	}{
		{"empty", `{}`, k, "{}", "must set header, contains or both: leave answer out"},
		{"empty strings", `{"header":"","contains":""}`, k, "{}", "must set header, contains or both"},
		{"space in the name", `{"header":"X Service: api"}`, k + ".header", "X Service: api", "does not start with a header name: 1 or more letters, digits and !#$%&'*+-.^_`|~ (an HTTP token, RFC 9110 section 5.6.2)"},
		{"space before the colon", `{"header":"X-Service : api"}`, k + ".header", "X-Service : api", "(an HTTP token, RFC 9110 section 5.6.2)"},
		{"no name", `{"header":": api"}`, k + ".header", ": api", "does not start with a header name"},
		{"non-ASCII name", `{"header":"X-Sérvice: api"}`, k + ".header", "X-Sérvice: api", "does not start with a header name"},
		{"separator in the name", `{"header":"X(Service): api"}`, k + ".header", "X(Service): api", "does not start with a header name"},
		{"control character in the value", `{"header":"X-Service: a\u0001pi"}`, k + ".header", "X-Service: a\u0001pi", "has a control character in its value"},
		{"nothing after the colon", `{"header":"X-Service:  "}`, k + ".header", "X-Service:  ", "has nothing after the colon: write the name alone (X-Service) to accept any value"},
		{"contains too long", `{"contains":"` + strings.Repeat("é", MaxAnswerContains+1) + `"}`, k + ".contains",
			strings.Repeat("é", 40) + "...", "is 1025 characters long: at most 1024"},
		{"unknown field", `{"body":"api"}`, k + ".body", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := parse(withAnswer(tt.json))
			assert.Nil(t, cfg)
			ps := problemsOf(t, err)
			require.Len(t, ps, 1, "exactly one problem: %v", err)
			assert.Equal(t, tt.key, ps[0].Key)
			if tt.rule == "" {
				return // the decoder's own words
			}
			assert.Equal(t, tt.value, ps[0].Value)
			assert.Contains(t, ps[0].Rule, tt.rule)
			assert.Contains(t, err.Error(), tt.key+": "+quoteValue(tt.value)+" "+ps[0].Rule)
		})
	}
}

func TestServiceAnswerAccepted(t *testing.T) {
	tests := []struct {
		name, json  string
		want        *Answer
		name2, val2 string // HeaderField
	}{
		{"header with value", `{"header":"X-Service: api"}`, &Answer{Header: "X-Service: api"}, "X-Service", "api"},
		{"header without space", `{"header":"X-Service:api"}`, &Answer{Header: "X-Service:api"}, "X-Service", "api"},
		{"header name alone", `{"header":"X-Service"}`, &Answer{Header: "X-Service"}, "X-Service", ""},
		{"every token character", "{\"header\":\"!#$%&'*+-.^_`|~09azAZ: a value, with: colons\\tand tabs\"}",
			&Answer{Header: "!#$%&'*+-.^_`|~09azAZ: a value, with: colons\tand tabs"}, "!#$%&'*+-.^_`|~09azAZ", "a value, with: colons\tand tabs"},
		{"contains only", `{"contains":"\"service\":\"api\""}`, &Answer{Contains: `"service":"api"`}, "", ""},
		{"contains at the limit", `{"contains":"` + strings.Repeat("é", MaxAnswerContains) + `"}`, &Answer{Contains: strings.Repeat("é", MaxAnswerContains)}, "", ""},
		{"both", `{"header":"Server: api","contains":"ok"}`, &Answer{Header: "Server: api", Contains: "ok"}, "Server", "api"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := parse(withAnswer(tt.json))
			require.NoError(t, err)
			assert.Equal(t, tt.want, cfg.Services[0].Answer)
			n, v := cfg.Services[0].Answer.HeaderField()
			assert.Equal(t, tt.name2, n)
			assert.Equal(t, tt.val2, v)
		})
	}
}

func TestServiceAnswerDefaultsToNone(t *testing.T) {
	cfg, err := parse(services(`{"name":"api"}`))
	require.NoError(t, err)
	assert.Nil(t, cfg.Services[0].Answer)
}
