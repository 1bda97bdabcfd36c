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
