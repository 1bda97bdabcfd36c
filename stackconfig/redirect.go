package stackconfig

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// ParsedRedirect is a redirect URL in the parts an ALB redirect takes.
type ParsedRedirect struct {
	Protocol, Host, Port, Path, Query string
}

// The reserved keywords a redirect's parts may use to keep the request's
// own: "You can reuse URI components using the following reserved keywords:
// #{protocol}, #{host}, #{port}, #{path} (the leading "/" is removed),
// #{query}. For example, you can change the path to "/new/#{path}", the
// hostname to "example.#{host}", or the query to "#{query}&value=xyz""
// (Elastic Load Balancing API reference, RedirectActionConfig).
const (
	KeywordProtocol = "#{protocol}"
	KeywordHost     = "#{host}"
	KeywordPort     = "#{port}"
	KeywordPath     = "#{path}"
	KeywordQuery    = "#{query}"
)

// keywords are the reserved keywords each part may contain, per
// RedirectActionConfig: "The protocol. You can specify HTTP, HTTPS, or
// #{protocol}", "The hostname can contain #{host}", "The port. You can
// specify a value from 1 to 65535 or #{port}", "The path can contain
// #{host}, #{path}, and #{port}", and the query "any of the reserved
// keywords".
var keywords = map[string][]string{
	"host":  {KeywordHost},
	"path":  {KeywordHost, KeywordPath, KeywordPort},
	"query": {KeywordProtocol, KeywordHost, KeywordPort, KeywordPath, KeywordQuery},
}

// ParseRedirect splits an absolute URL into a redirect's parts. The scheme
// is https, http or #{protocol}; the host may be or contain #{host}
// (example.#{host}); the port is a number or #{port}, and without one the
// scheme's (443, 80, or #{port} for #{protocol}); the path may contain
// #{host}, #{path} and #{port}, the query any keyword.
func ParseRedirect(to string) (ParsedRedirect, error) {
	const rule = "must be an absolute URL such as https://meething.net/#{path}?#{query}"
	scheme, rest, ok := strings.Cut(to, "://")
	var p ParsedRedirect
	switch strings.ToLower(scheme) {
	case "https":
		p.Protocol, p.Port = "HTTPS", "443"
	case "http":
		p.Protocol, p.Port = "HTTP", "80"
	case KeywordProtocol:
		p.Protocol, p.Port = KeywordProtocol, KeywordPort
	default:
		return p, fmt.Errorf("%s (http, https or #{protocol})", rule)
	}
	if !ok || rest == "" {
		return p, fmt.Errorf("%s", rule)
	}
	hostPort, pathQuery, _ := strings.Cut(rest, "/")
	if i := strings.LastIndex(hostPort, ":"); i >= 0 {
		port := hostPort[i+1:]
		if port != KeywordPort {
			n, err := strconv.Atoi(port)
			if err != nil || n < 1 || n > 65535 {
				return p, fmt.Errorf("%s: its port must be 1 to 65535 or #{port}", rule)
			}
		}
		p.Port, hostPort = port, hostPort[:i]
	}
	if !isRedirectHost(hostPort) {
		return p, fmt.Errorf("%s: %q is not a host name (#{host} may stand for the request's, alone or in a name such as example.#{host})", rule, hostPort)
	}
	p.Host = hostPort
	path, query, _ := strings.Cut(pathQuery, "?")
	p.Path, p.Query = "/"+path, query
	for _, part := range []struct{ name, value string }{{"host", p.Host}, {"path", p.Path}, {"query", p.Query}} {
		if k := foreignKeyword(part.value, keywords[part.name]); k != "" {
			return p, fmt.Errorf("%s: AWS does not allow %s in the %s (it allows %s)", rule, k, part.name, strings.Join(keywords[part.name], ", "))
		}
	}
	plain := strings.NewReplacer(KeywordProtocol, "https", KeywordHost, "host", KeywordPath, "path", KeywordQuery, "query", KeywordPort, "1").Replace(to)
	if strings.ContainsAny(plain, " \t\n#") {
		return p, fmt.Errorf("%s, without spaces or a #fragment", rule)
	}
	if _, err := url.Parse(plain); err != nil {
		return p, fmt.Errorf("%s", rule)
	}
	for _, part := range []struct{ name, value string }{{"host", p.Host}, {"path", p.Path}, {"query", p.Query}} {
		if len(part.value) > MaxConditionLength {
			return p, fmt.Errorf("%s: its %s is %d characters, and AWS allows %d", rule, part.name, len(part.value), MaxConditionLength)
		}
	}
	return p, nil
}

// isRedirectHost reports whether h is a redirect's host: a DNS name in
// which #{host} may stand for the request's host (#{host}, example.#{host}).
func isRedirectHost(h string) bool {
	if !strings.Contains(h, KeywordHost) {
		return isDNSName(strings.ToLower(h))
	}
	return isDNSName(strings.ToLower(strings.ReplaceAll(h, KeywordHost, "request.example")))
}

// foreignKeyword returns the first #{...} in v that is not one of allowed.
func foreignKeyword(v string, allowed []string) string {
	for _, k := range []string{KeywordProtocol, KeywordHost, KeywordPort, KeywordPath, KeywordQuery} {
		if strings.Contains(v, k) && !containsString(allowed, k) {
			return k
		}
	}
	return ""
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
