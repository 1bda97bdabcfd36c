package stackconfig

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseRedirect(t *testing.T) {
	for _, tc := range []struct {
		to   string
		want ParsedRedirect
		err  string
	}{
		{to: "https://meething.net/#{path}?#{query}", want: ParsedRedirect{"HTTPS", "meething.net", "443", "/#{path}", "#{query}"}},
		{to: "http://meething.net", want: ParsedRedirect{"HTTP", "meething.net", "80", "/", ""}},
		{to: "https://meething.net:8443/new/#{path}", want: ParsedRedirect{"HTTPS", "meething.net", "8443", "/new/#{path}", ""}},
		{to: "HTTPS://#{host}/docs", want: ParsedRedirect{"HTTPS", "#{host}", "443", "/docs", ""}},
		{to: "meething.net/x", err: "(http, https or #{protocol})"},
		{to: "ftp://meething.net/", err: "(http, https or #{protocol})"},
		// The reserved keywords, where RedirectActionConfig allows them,
		// inside a value too.
		{to: "https://example.#{host}/new/#{path}", want: ParsedRedirect{"HTTPS", "example.#{host}", "443", "/new/#{path}", ""}},
		{to: "#{protocol}://#{host}:#{port}/v2/#{path}?#{query}&v=2", want: ParsedRedirect{"#{protocol}", "#{host}", "#{port}", "/v2/#{path}", "#{query}&v=2"}},
		{to: "#{protocol}://meething.net/", want: ParsedRedirect{"#{protocol}", "meething.net", "#{port}", "/", ""}},
		{to: "https://meething.net/#{host}/#{port}/#{path}", want: ParsedRedirect{"HTTPS", "meething.net", "443", "/#{host}/#{port}/#{path}", ""}},
		{to: "https://meething.net/?p=#{protocol}&h=#{host}", want: ParsedRedirect{"HTTPS", "meething.net", "443", "/", "p=#{protocol}&h=#{host}"}},
		{to: "https://#{path}.meething.net/", err: "is not a host name"},
		{to: "https://meething.net/#{query}", err: "AWS does not allow #{query} in the path"},
		{to: "https://meething.net/#{protocol}", err: "AWS does not allow #{protocol} in the path"},
		{to: "https://meething.net:#{host}/", err: "its port must be 1 to 65535 or #{port}"},
		{to: "https://meething.net/#{nope}", err: "without spaces or a #fragment"},
		{to: "https://", err: "must be an absolute URL"},
		{to: "https://meething.net:99999/", err: "its port must be 1 to 65535"},
		{to: "https://Meething .net/", err: "is not a host name"},
		{to: "https://meething.net/a b", err: "without spaces or a #fragment"},
		{to: "https://meething.net/#top", err: "without spaces or a #fragment"},
		{to: "https://meething.net/" + strings.Repeat("p", 128), err: "its path is 129 characters, and AWS allows 128"},
		{to: "https://meething.net/?" + strings.Repeat("q", 129), err: "its query is 129 characters"},
	} {
		t.Run(tc.to, func(t *testing.T) {
			got, err := ParseRedirect(tc.to)
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestConditionValuesCountLikeAWS(t *testing.T) {
	r := Rule{
		Hosts: []string{"a.meething.net"}, Paths: []string{"/x", "/y"},
		Headers: map[string][]string{"X-A": {"1", "2"}, "X-B": {"3"}}, Methods: []string{"GET"},
		QueryStrings: []QueryString{{Key: "k", Value: "v"}}, SourceIps: []string{"10.0.0.0/8"},
	}
	assert.Equal(t, 9, r.ConditionValues())
	assert.Equal(t, 0, Rule{}.ConditionValues())
}

// TestRoutingParses: every routing field reaches the config, with the
// defaults that depend on other values.
func TestRoutingParses(t *testing.T) {
	cfg, err := parse(map[string]string{
		"meething:services": `[{"name":"api","priority":100,"port":8080,"healthCheck":{"path":"/healthz"},
			"targetGroups":[{"name":"green","port":9090,"healthCheck":{"interval":30}},{"name":"canary","protocol":"HTTPS","targetType":"ip","targets":["172.31.1.5"]}],
			"forward":{"weights":{"api":90,"green":10},"stickiness":300},
			"rules":[{"name":"uploads","priority":90,"paths":["/upload/*"],"methods":["POST","PUT"],"forward":{"weights":{"green":1}}},
			         {"name":"beta","priority":91,"headers":{"X-Beta":["1"]},"queryStrings":[{"value":"beta"}],"sourceIps":["203.0.113.0/24"]},
			         {"name":"maint","priority":92,"paths":["/admin/*"],"fixedResponse":{"statusCode":503,"body":"down"}}]}]`,
		"meething:rules":         `[{"name":"www","priority":10,"hosts":["www.meething.net"],"redirect":{"to":"https://meething.net/#{path}?#{query}"}}]`,
		"meething:defaultAction": `{"redirect":{"to":"https://meething.net/","statusCode":302}}`,
	})
	require.NoError(t, err)
	s := cfg.Services[0]
	require.Len(t, s.TargetGroups, 2)
	green, canary := s.TargetGroups[0], s.TargetGroups[1]
	assert.Equal(t, 9090, green.Port)
	assert.Equal(t, "HTTP", green.Protocol, "the service's protocol")
	assert.Equal(t, "/healthz", green.HealthCheck.Path, "the service's health check path")
	assert.Equal(t, 30, green.HealthCheck.Interval, "the group's own interval")
	assert.Equal(t, 8080, canary.Port, "the service's port")
	assert.Equal(t, "HTTPS", canary.Protocol)
	assert.Equal(t, 15, canary.HealthCheck.Interval)
	assert.Equal(t, "instance", green.TargetType, "the service's target type")
	assert.Equal(t, "ip", canary.TargetType, "the group's own")
	assert.Equal(t, &Forward{Weights: map[string]int{"api": 90, "green": 10}, Stickiness: 300}, s.Forward)
	assert.Equal(t, []string{"api.meething.net"}, s.Rules[0].Hosts, "a service rule matches the service's host by default")
	assert.Equal(t, "text/plain", s.Rules[2].FixedResponse.ContentType)
	assert.Equal(t, []QueryString{{Value: "beta"}}, s.Rules[1].QueryStrings)
	assert.Equal(t, 301, cfg.Rules[0].Redirect.StatusCode, "a redirect is permanent by default")
	assert.Equal(t, Action{Redirect: &Redirect{To: "https://meething.net/", StatusCode: 302}}, cfg.DefaultAction,
		"the stack's action replaces the 404 whole")
	assert.Equal(t, []string{"api", "green", "canary"}, s.GroupNames())
}

func TestDefaultActionIsTheFixed404(t *testing.T) {
	cfg, err := parse(map[string]string{})
	require.NoError(t, err)
	assert.Equal(t, Action{FixedResponse: &FixedResponse{StatusCode: 404, ContentType: "text/plain", Body: "Not found"}}, cfg.DefaultAction)
	assert.Empty(t, cfg.Rules)
}
