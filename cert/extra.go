package cert

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/dns"
	"github.com/meething/edge/stackconfig"
)

// ExtraCertificatesArgs configures the listener's extra certificates.
type ExtraCertificatesArgs struct {
	// Certificates is meething:extraCertificates, as stackconfig validated
	// it: each entry a domain to request a certificate for, or the ARN of an
	// issued one.
	Certificates []stackconfig.ExtraCertificate
	// Zones are the looked-up zones the requested certificates are
	// validated in, by domain: one for each entry with a domain.
	Zones map[string]*dns.ExistingZone
	// Tags go on the requested certificates, with Component=cert and Name.
	Tags map[string]string
}

// NewExtraCertificates requests and validates a certificate for each
// configured domain, named <name>-<domain>, and returns every extra
// certificate's ARN for the listener, by its key (ExtraCertificateKey). A
// requested certificate's ARN is the validated one: the listener
// certificate that takes it waits for issuance. It registers no component
// of its own: each certificate is a Certificate.
func NewExtraCertificates(ctx *pulumi.Context, name string, args *ExtraCertificatesArgs, opts ...pulumi.ResourceOption) (map[string]pulumi.StringInput, error) {
	out := map[string]pulumi.StringInput{}
	if args == nil {
		return out, nil
	}
	for _, c := range args.Certificates {
		if c.CertificateArn != "" {
			out[ExtraCertificateKey(c)] = pulumi.String(c.CertificateArn)
			continue
		}
		zone := args.Zones[c.Domain]
		if zone == nil {
			return nil, fmt.Errorf("certificate for %s: no looked-up zone to validate it in", c.Domain)
		}
		// The zone is not the stack's: its validation records are retained
		// on destroy. They are written over what is there (the stack keeps
		// no owner record in this zone, so on every later deploy it finds
		// its own): ACM gives one validation record per domain and account,
		// so a record of the very name ACM asks for already holds the very
		// value, whoever wrote it.
		takeOver := map[string]bool{}
		for _, d := range ValidationDomains(Names(c.Domain, nil)) {
			takeOver[d] = true
		}
		certificate, err := NewCertificate(ctx, name+"-"+c.Domain, &CertificateArgs{
			Domain:     c.Domain,
			ZoneId:     pulumi.String(zone.Id),
			SharedZone: true,
			TakeOver:   takeOver,
			Tags:       args.Tags,
		}, opts...)
		if err != nil {
			return nil, fmt.Errorf("building the certificate for %s: %w", c.Domain, err)
		}
		out[ExtraCertificateKey(c)] = certificate.ValidatedCertificateArn
	}
	return out, nil
}

// ExtraCertificateKey names an extra certificate's listener attachment: its
// domain, or the ID at the end of a given ARN.
func ExtraCertificateKey(c stackconfig.ExtraCertificate) string {
	if c.CertificateArn != "" {
		return c.CertificateArn[strings.LastIndex(c.CertificateArn, "/")+1:]
	}
	return c.Domain
}
