package main

import (
	"github.com/meething/edge/loadbalancer"
	"github.com/meething/edge/stackconfig"
)

// The production controls: each is nil, and so absent, unless its config
// object says enabled.

func accessLogs(cfg *stackconfig.Config) *loadbalancer.AccessLogsArgs {
	a := cfg.AccessLogs
	if !a.Enabled {
		return nil
	}
	return &loadbalancer.AccessLogsArgs{
		Bucket:          a.Bucket,
		Prefix:          a.Prefix,
		ExpireAfterDays: a.ExpireAfterDays,
		ForceDestroy:    a.ForceDestroy,
	}
}

func responseHeaders(cfg *stackconfig.Config) loadbalancer.ResponseHeaders {
	h := cfg.ResponseHeaders
	return loadbalancer.ResponseHeaders{
		StrictTransportSecurity:       h.StrictTransportSecurity,
		ContentSecurityPolicy:         h.ContentSecurityPolicy,
		XContentTypeOptions:           h.XContentTypeOptions,
		XFrameOptions:                 h.XFrameOptions,
		AccessControlAllowOrigin:      h.AccessControlAllowOrigin,
		AccessControlAllowMethods:     h.AccessControlAllowMethods,
		AccessControlAllowHeaders:     h.AccessControlAllowHeaders,
		AccessControlExposeHeaders:    h.AccessControlExposeHeaders,
		AccessControlAllowCredentials: h.AccessControlAllowCredentials,
		AccessControlMaxAge:           h.AccessControlMaxAge,
		NoServerHeader:                !h.Server,
	}
}

func waf(cfg *stackconfig.Config) *loadbalancer.WafArgs {
	if !cfg.Waf.Enabled {
		return nil
	}
	groups := map[string]loadbalancer.RuleGroupMode{}
	for name, g := range cfg.Waf.RuleGroups {
		groups[name] = loadbalancer.RuleGroupMode{Count: g.Mode == "count", Overrides: g.Overrides}
	}
	return &loadbalancer.WafArgs{
		WebAclArn: cfg.Waf.WebAclArn, RateLimit: cfg.Waf.RateLimit,
		CountRateLimit: cfg.Waf.RateLimitMode == "count", RuleGroups: groups,
	}
}
