package main

import (
	"github.com/meething/edge/dns"
	"github.com/meething/edge/network"
	"github.com/meething/edge/stackconfig"
)

// The production controls: each is nil, and so absent, unless its config
// object says enabled.

func flowLogs(cfg *stackconfig.Config) *network.FlowLogsArgs {
	f := cfg.FlowLogs
	if !f.Enabled {
		return nil
	}
	return &network.FlowLogsArgs{
		Destination:   f.Destination,
		TrafficType:   f.TrafficType,
		RetentionDays: f.RetentionDays,
		BucketArn:     f.BucketArn,
	}
}

// queryLogs gives the us-east-1 provider of query logging the stack's own
// provider settings; isSecret tells which were set with --secret.
func queryLogs(cfg *stackconfig.Config, isSecret func(key string) bool) *dns.QueryLogArgs {
	if !cfg.QueryLogs.Enabled {
		return nil
	}
	provider := dns.ProviderConfig{Values: cfg.AWSProvider, Secret: map[string]bool{}}
	for k := range cfg.AWSProvider {
		provider.Secret[k] = isSecret(stackconfig.ProviderNamespace + ":" + k)
	}
	return &dns.QueryLogArgs{RetentionDays: cfg.QueryLogs.RetentionDays, Provider: provider}
}
