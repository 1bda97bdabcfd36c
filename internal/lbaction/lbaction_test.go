package lbaction

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/stackconfig"
)

func TestOf(t *testing.T) {
	for _, tc := range []struct {
		name     string
		config   stackconfig.Action
		want     Action
		location string // a redirect's
		code     int    // a redirect's or fixed response's
		group    string // a forward's first group
	}{
		{name: "weighted forward, groups by name, a weight of 0 skipped",
			config: stackconfig.Action{Forward: &stackconfig.Forward{Weights: map[string]int{"green": 1, "api": 0}, Stickiness: 600}},
			want: Action{Type: TypeForward, Forward: &Forward{
				TargetGroups: []TargetGroup{{Arn: "api", Weight: ptr(0)}, {Arn: "green", Weight: ptr(1)}},
				Stickiness:   &Stickiness{Enabled: true, Duration: 600}}},
			group: "green"},
		{name: "forward without stickiness (0, off)",
			config: stackconfig.Action{Forward: &stackconfig.Forward{Weights: map[string]int{"api": 1}}},
			want:   Action{Type: TypeForward, Forward: &Forward{TargetGroups: []TargetGroup{{Arn: "api", Weight: ptr(1)}}}},
			group:  "api"},
		{name: "redirect keeping the request's path and query",
			config:   stackconfig.Action{Redirect: &stackconfig.Redirect{To: "https://meething.net/#{path}?#{query}", StatusCode: 302}},
			want:     Action{Type: TypeRedirect, Redirect: &Redirect{Protocol: "HTTPS", Host: "meething.net", Port: "443", Path: "/#{path}", Query: "#{query}", StatusCode: "HTTP_302"}},
			location: "https://meething.net:443/#{path}?#{query}", code: 302},
		{name: "fixed response",
			config: stackconfig.Action{FixedResponse: &stackconfig.FixedResponse{StatusCode: 404, ContentType: "text/plain", Body: "Not found"}},
			want:   Action{Type: TypeFixedResponse, FixedResponse: &FixedResponse{StatusCode: "404", ContentType: "text/plain", MessageBody: "Not found"}},
			code:   404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok, err := Of(tc.config)
			require.NoError(t, err)
			require.True(t, ok)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.group, got.FirstGroup())
			if got.Redirect != nil {
				assert.Equal(t, tc.location, got.Redirect.Location())
				assert.Equal(t, tc.code, got.Redirect.Code())
			}
			if got.FixedResponse != nil {
				assert.Equal(t, tc.code, got.FixedResponse.Code())
			}

			// What a plan records of it reads back as the same description.
			b, err := json.Marshal(got)
			require.NoError(t, err)
			var plain any
			require.NoError(t, json.Unmarshal(b, &plain))
			back, err := Decode(plain)
			require.NoError(t, err)
			assert.Equal(t, got, back)
		})
	}
	_, ok, err := Of(stackconfig.Action{})
	assert.False(t, ok, "no action")
	assert.NoError(t, err)
	_, _, err = Of(stackconfig.Action{Redirect: &stackconfig.Redirect{To: "ftp://meething.net/"}})
	assert.Error(t, err)
}

// A plan's actions as the provider records them: a plain forward, a
// redirect that leaves parts to the request, a weight left out.
func TestDecodePlanActions(t *testing.T) {
	plain, err := Decode(map[string]any{"type": "forward", "targetGroupArn": "arn:tg/api"})
	require.NoError(t, err)
	assert.Equal(t, "arn:tg/api", plain.FirstGroup())

	unweighted, err := Decode(map[string]any{"type": "forward", "forward": map[string]any{"targetGroups": []any{map[string]any{"arn": "arn:tg/x"}}}})
	require.NoError(t, err)
	assert.Equal(t, "arn:tg/x", unweighted.FirstGroup(), "a group without a weight gets requests")

	http, err := Decode(map[string]any{"type": "redirect", "redirect": map[string]any{"protocol": "HTTPS", "port": "443", "statusCode": "HTTP_301"}})
	require.NoError(t, err)
	assert.Equal(t, "https://#{host}:443/#{path}?#{query}", http.Redirect.Location())
	assert.Equal(t, 301, http.Redirect.Code())

	_, err = Decode(map[string]any{"type": "fixed-response", "fixedResponse": map[string]any{"statusCode": 404}})
	assert.Error(t, err, "AWS's status code is a string")
}

// What each kind answers itself, as a probe should see it; a forward
// answers nothing itself.
func TestAnswer(t *testing.T) {
	for _, tc := range []struct {
		name   string
		action Action
		want   Answer
		ok     bool
	}{
		{"redirect keeping the request's parts", Action{Type: TypeRedirect, Redirect: &Redirect{Protocol: "HTTPS", Port: "443", StatusCode: "HTTP_302"}},
			Answer{StatusCode: 302, Location: "https://#{host}:443/#{path}?#{query}"}, true},
		{"fixed response", Action{Type: TypeFixedResponse, FixedResponse: &FixedResponse{StatusCode: "503", ContentType: "application/json", MessageBody: "{}"}},
			Answer{StatusCode: 503, Body: "{}", ContentType: "application/json"}, true},
		{"forward", ForwardTo("api"), Answer{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := tc.action.Answer()
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}

// A rule's conditions as a plan or the state records them: hosts and
// paths, methods and source IPs, and the others in words.
func TestReadConditions(t *testing.T) {
	var conditions any
	require.NoError(t, json.Unmarshal([]byte(`[
		{"hostHeader": {"values": ["api.meething.net", "*.api.meething.net"]}},
		{"pathPattern": {"values": ["/upload/*"]}},
		{"httpRequestMethod": {"values": ["POST", "PUT"]}},
		{"httpHeader": {"httpHeaderName": "X-Beta", "values": ["1"]}},
		{"queryStrings": [{"value": "beta"}]},
		{"sourceIp": {"values": ["203.0.113.0/24"]}}
	]`), &conditions))
	c := ReadConditions(conditions)
	assert.Equal(t, Conditions{
		Hosts: []string{"api.meething.net", "*.api.meething.net"}, Paths: []string{"/upload/*"},
		Methods: []string{"POST", "PUT"}, SourceIps: []string{"203.0.113.0/24"},
		Others: []string{"httpHeader 1", "queryStrings map[value:beta]"},
	}, c)
	assert.Equal(t, []string{"httpHeader 1", "httpRequestMethod POST, PUT", "queryStrings map[value:beta]", "sourceIp 203.0.113.0/24"}, c.Beyond())
	assert.Equal(t, Conditions{}, ReadConditions(nil), "no conditions")
	assert.Nil(t, ReadConditions(nil).Beyond())
}
