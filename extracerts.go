package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/cert"
	"github.com/meething/edge/dns"
	"github.com/meething/edge/internal/adoption"
	"github.com/meething/edge/stackconfig"
)

// extraZone is the zone an extra certificate is validated in, and what the
// stack found there.
type extraZone struct {
	zone    *dns.ExistingZone
	records []adoption.Record
	check   adoption.Check
}

// lookUpExtraZones finds the zone of every extra certificate the stack
// requests, and checks the validation records it would write there
// against what the zone holds, as for the stack's own shared zones.
func (pf *preflight) lookUpExtraZones(ctx *pulumi.Context, cfg *stackconfig.Config) error {
	pf.extraZones = map[string]*extraZone{}
	key := stackconfig.FullKey(stackconfig.KeyExtraCertificates)
	var ps []stackconfig.Problem
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
		ez := &extraZone{zone: zone}
		for _, d := range cert.ValidationDomains(cert.Names(c.Domain, nil)) {
			ez.records = append(ez.records, adoption.Record{Key: "record/" + c.Domain + "-validation-" + d, Name: d, Type: "CNAME", Validation: true})
		}
		existing, err := dns.ExistingRecords(ctx, zone.Id)
		if err != nil {
			return fmt.Errorf("checking the records of the zone %s: %w", zone.Name, err)
		}
		owned := adoption.Owned(ctx.Project(), ctx.Stack(), zone.Name, existing)
		ez.check = adoption.CheckRecords(ez.records, existing, importedKeys(cfg), cfg.TakeOverRecords, owned)
		for _, conflict := range ez.check.Conflicts {
			ps = append(ps, conflictProblem(zone, conflict))
		}
		pf.extraZones[c.Domain] = ez
	}
	if len(ps) > 0 {
		return &stackconfig.Error{Problems: ps}
	}
	return nil
}

// buildExtraCertificates requests and validates a certificate for each
// configured domain, and returns every extra certificate's ARN for the
// listener, by its key: the domain, or the ID at the end of a given ARN.
// The validated ARN makes the listener certificate wait for issuance.
func buildExtraCertificates(ctx *pulumi.Context, name string, cfg *stackconfig.Config, pf *preflight, tags map[string]string) (map[string]pulumi.StringInput, error) {
	out := map[string]pulumi.StringInput{}
	for _, c := range cfg.ExtraCertificates {
		if c.CertificateArn != "" {
			out[extraCertificateKey(c)] = pulumi.String(c.CertificateArn)
			continue
		}
		ez := pf.extraZones[c.Domain]
		certificate, err := cert.NewCertificate(ctx, name+"-"+c.Domain, &cert.CertificateArgs{
			Domain: c.Domain,
			ZoneId: pulumi.String(ez.zone.Id),
			// The zone is not the stack's: its validation records are
			// retained on destroy, and taken over only where the check
			// found ACM's own record or the config says so.
			SharedZone: true,
			TakeOver:   takenOverWith(ez.check, "record/"+c.Domain+"-validation-"),
			Protect:    cfg.Protect,
			Tags:       tags,
		})
		if err != nil {
			return nil, fmt.Errorf("building the certificate for %s: %w", c.Domain, err)
		}
		out[extraCertificateKey(c)] = certificate.ValidatedCertificateArn
	}
	return out, nil
}

// extraCertificateKey names an extra certificate's listener attachment.
func extraCertificateKey(c stackconfig.ExtraCertificate) string {
	if c.CertificateArn != "" {
		return c.CertificateArn[strings.LastIndex(c.CertificateArn, "/")+1:]
	}
	return c.Domain
}

func importedKeys(cfg *stackconfig.Config) map[string]bool {
	out := map[string]bool{}
	for k := range cfg.Import {
		out[k] = true
	}
	return out
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
