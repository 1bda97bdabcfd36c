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

// ParseRedirect splits an absolute http or https URL, in which #{host},
// #{path} and #{query} stand for the request's, into a redirect's parts;
// a URL without a port gets its scheme's.
func ParseRedirect(to string) (ParsedRedirect, error) {
	const rule = "must be an absolute URL such as https://meething.net/#{path}?#{query}"
	scheme, rest, ok := strings.Cut(to, "://")
	var p ParsedRedirect
	switch strings.ToLower(scheme) {
	case "https":
		p.Protocol, p.Port = "HTTPS", "443"
	case "http":
		p.Protocol, p.Port = "HTTP", "80"
	default:
		return p, fmt.Errorf("%s (http or https)", rule)
	}
	if !ok || rest == "" {
		return p, fmt.Errorf("%s", rule)
	}
	hostPort, pathQuery, _ := strings.Cut(rest, "/")
	if i := strings.LastIndex(hostPort, ":"); i >= 0 {
		n, err := strconv.Atoi(hostPort[i+1:])
		if err != nil || n < 1 || n > 65535 {
			return p, fmt.Errorf("%s: its port must be 1 to 65535", rule)
		}
		p.Port, hostPort = hostPort[i+1:], hostPort[:i]
	}
	if hostPort != "#{host}" && !isDNSName(hostPort) {
		return p, fmt.Errorf("%s: %q is not a host name", rule, hostPort)
	}
	p.Host = hostPort
	path, query, _ := strings.Cut(pathQuery, "?")
	p.Path, p.Query = "/"+path, query
	plain := strings.NewReplacer("#{host}", "", "#{path}", "", "#{query}", "", "#{port}", "", "#{protocol}", "").Replace(to)
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
