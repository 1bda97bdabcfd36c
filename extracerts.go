package main

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/cert"
	"github.com/meething/edge/internal/adoption"
	"github.com/meething/edge/stackconfig"
)

// buildExtraCertificates requests and validates a certificate for each
// configured domain, and returns every extra certificate's ARN for the
// listener, by its key: the domain, or the ID at the end of a given ARN.
// The validated ARN makes the listener certificate wait for issuance.
func buildExtraCertificates(ctx *pulumi.Context, name string, cfg *stackconfig.Config, pf *adoption.Plan, tags map[string]string) (map[string]pulumi.StringInput, error) {
	out := map[string]pulumi.StringInput{}
	for _, c := range cfg.ExtraCertificates {
		if c.CertificateArn != "" {
			out[extraCertificateKey(c)] = pulumi.String(c.CertificateArn)
			continue
		}
		// The zone is not the stack's: its validation records are retained
		// on destroy. They are written over what is there (the stack keeps
		// no owner record in this zone, so on every later deploy it finds
		// its own): ACM gives one validation record per domain and account,
		// so a record of the very name ACM asks for already holds the very
		// value, whoever wrote it.
		takeOver := map[string]bool{}
		for _, d := range cert.ValidationDomains(cert.Names(c.Domain, nil)) {
			takeOver[d] = true
		}
		certificate, err := cert.NewCertificate(ctx, name+"-"+c.Domain, &cert.CertificateArgs{
			Domain:     c.Domain,
			ZoneId:     pulumi.String(pf.ExtraZones[c.Domain].Id),
			SharedZone: true,
			TakeOver:   takeOver,
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
