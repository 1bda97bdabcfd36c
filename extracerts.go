package main

import (
	"fmt"
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/dns"
	"github.com/meething/edge/stackconfig"
)

// lookUpExtraZones finds the zone of every extra certificate the stack
// requests, by domain.
func (pf *preflight) lookUpExtraZones(ctx *pulumi.Context, cfg *stackconfig.Config) error {
	pf.extraZones = map[string]*dns.ExistingZone{}
	key := stackconfig.FullKey(stackconfig.KeyExtraCertificates)
	for i, c := range cfg.ExtraCertificates {
		if c.Domain == "" {
			continue
		}
		zone, err := dns.LookupZone(ctx, c.ZoneID, c.ZoneName, c.Domain)
		if err != nil {
			field, value := "zoneName", c.ZoneName
			if c.ZoneID != "" {
				field, value = "zoneId", c.ZoneID
			}
			return fmt.Errorf("validating the certificate of %s[%d].domain = %q in the zone of %s[%d].%s = %q: %w", key, i, c.Domain, key, i, field, value, err)
		}
		pf.extraZones[c.Domain] = zone
	}
	return nil
}

// extraCertificateDomains are the domains of the certificates the stack
// requests, sorted.
func extraCertificateDomains(cfg *stackconfig.Config) []string {
	var out []string
	for _, c := range cfg.ExtraCertificates {
		if c.Domain != "" {
			out = append(out, c.Domain)
		}
	}
	sort.Strings(out)
	return out
}
