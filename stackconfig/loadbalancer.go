package stackconfig

import (
	"slices"
	"strconv"
	"strings"
)

// LoadBalancerSettings is meething:loadBalancer, the load balancer's
// attributes beyond the ones with keys of their own.
type LoadBalancerSettings struct {
	// PublicIpv4 gives the internet-facing load balancer public IPv4 addresses,
	// one per zone, each charged by the hour. false
	// (dualstack-without-public-ipv4) serves IPv6 clients only and needs
	// meething:dualStack.
	PublicIpv4 bool `json:"publicIpv4"`
	// ClientKeepAlive is how long a client connection may live, in seconds.
	// Default: AWS's.
	ClientKeepAlive int `json:"clientKeepAlive" range:"60..604800 seconds"`
	// XffHeaderProcessingMode is what the load balancer does with a request's
	// X-Forwarded-For header. Default: AWS's.
	XffHeaderProcessingMode string `json:"xffHeaderProcessingMode" oneof:"append|preserve|remove"`
	// PreserveHostHeader passes the Host header with its port.
	PreserveHostHeader bool `json:"preserveHostHeader"`
	// ConnectionLogs writes connection logs beside the access logs, which must
	// be enabled.
	ConnectionLogs bool `json:"connectionLogs"`
	// ZonalShift lets Route53 ARC shift traffic away from an impaired zone.
	ZonalShift bool `json:"zonalShift"`
}

// ResponseHeaders is meething:responseHeaders, the headers the HTTPS
// listener adds to every response. Each is unset when empty.
type ResponseHeaders struct {
	// StrictTransportSecurity, such as max-age=31536000; includeSubDomains.
	StrictTransportSecurity string `json:"strictTransportSecurity"`
	// ContentSecurityPolicy, such as default-src 'self'.
	ContentSecurityPolicy string `json:"contentSecurityPolicy"`
	// XContentTypeOptions stops browsers guessing content types.
	XContentTypeOptions string `json:"xContentTypeOptions" oneof:"nosniff|(for none)"`
	// XFrameOptions is DENY, SAMEORIGIN or ALLOW-FROM <origin>.
	XFrameOptions string `json:"xFrameOptions"`
	// AccessControl* are the CORS headers.
	AccessControlAllowOrigin      string `json:"accessControlAllowOrigin"`
	AccessControlAllowMethods     string `json:"accessControlAllowMethods"`
	AccessControlAllowHeaders     string `json:"accessControlAllowHeaders"`
	AccessControlExposeHeaders    string `json:"accessControlExposeHeaders"`
	AccessControlAllowCredentials string `json:"accessControlAllowCredentials" oneof:"true|(for none)"`
	AccessControlMaxAge           string `json:"accessControlMaxAge"`
	// Server keeps the Server: awselb/2.0 header. Default: AWS's.
	Server bool `json:"server"`
}

func defaultLoadBalancerSettings() LoadBalancerSettings {
	return LoadBalancerSettings{PublicIpv4: true, ClientKeepAlive: 3600, XffHeaderProcessingMode: "append"}
}

func defaultResponseHeaders() ResponseHeaders { return ResponseHeaders{Server: true} }

var (
	hstsValue   = lazy(`^max-age=[0-9]{1,10}(; ?includeSubDomains)?(; ?preload)?$`)
	headerToken = lazy(`^[A-Za-z0-9!#$%&'*+.^_` + "`" + `|~-]+$`)
	origin      = lazy(`^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$`)
	httpMethods = []string{"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"}
)

// validateEdge checks meething:loadBalancer and meething:responseHeaders.
func validateEdge(cfg *Config, ps *problems) {
	s := cfg.LoadBalancer
	k := FullKey(KeyLoadBalancer)
	if !s.PublicIpv4 && !cfg.DualStack {
		ps.add(k+".publicIpv4", "false", "needs %s true: a load balancer without public IPv4 serves IPv6 clients only, over a dual-stack network", FullKey(KeyDualStack))
	}
	// clientKeepAlive, xffHeaderProcessingMode and any field added with a
	// range or oneof tag.
	checkFields(k, s, ps)
	if s.ConnectionLogs && !cfg.AccessLogs.Enabled {
		ps.add(k+".connectionLogs", "true", "needs %s.enabled: connection logs go to the access-log bucket", FullKey(KeyAccessLogs))
	}

	h := cfg.ResponseHeaders
	k = FullKey(KeyResponseHeaders)
	if v := h.StrictTransportSecurity; v != "" && !hstsValue.MatchString(v) {
		ps.add(k+".strictTransportSecurity", v, "must be max-age=<seconds>, optionally followed by ; includeSubDomains and ; preload")
	}
	if v := h.ContentSecurityPolicy; len(v) > 1024 || strings.ContainsAny(v, "\r\n") {
		ps.add(k+".contentSecurityPolicy", v, "must be one line of at most 1024 characters")
	}
	checkField(k, h, "xContentTypeOptions", ps)
	if v := h.XFrameOptions; v != "" && v != "DENY" && v != "SAMEORIGIN" && !(strings.HasPrefix(v, "ALLOW-FROM ") && origin.MatchString(strings.TrimPrefix(v, "ALLOW-FROM "))) {
		ps.add(k+".xFrameOptions", v, "must be DENY, SAMEORIGIN or ALLOW-FROM <origin>")
	}
	if v := h.AccessControlAllowOrigin; v != "" && v != "*" && !origin.MatchString(v) {
		ps.add(k+".accessControlAllowOrigin", v, "must be * or one origin such as https://app.meething.net")
	}
	if v := h.AccessControlAllowMethods; v != "" {
		for _, m := range splitList(v) {
			if !slices.Contains(httpMethods, m) {
				ps.add(k+".accessControlAllowMethods", v, "must list HTTP methods among %s, separated by commas", strings.Join(httpMethods, ", "))
				break
			}
		}
	}
	for _, f := range []struct{ field, value string }{
		{"accessControlAllowHeaders", h.AccessControlAllowHeaders},
		{"accessControlExposeHeaders", h.AccessControlExposeHeaders},
	} {
		for _, name := range splitList(f.value) {
			if f.value != "" && name != "*" && !headerToken.MatchString(name) {
				ps.add(k+"."+f.field, f.value, "must list header names separated by commas")
				break
			}
		}
	}
	checkField(k, h, "accessControlAllowCredentials", ps)
	if v := h.AccessControlMaxAge; v != "" {
		if n, err := strconv.Atoi(v); err != nil || n < -1 || n > 86400 {
			ps.add(k+".accessControlMaxAge", v, "must be seconds from -1 to 86400")
		}
	}
	if h.AccessControlAllowCredentials == "true" && h.AccessControlAllowOrigin == "*" {
		ps.add(k+".accessControlAllowCredentials", "true", "cannot go with %s.accessControlAllowOrigin *: browsers refuse credentials for any origin", k)
	}
}

func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		out = append(out, strings.TrimSpace(p))
	}
	return out
}
