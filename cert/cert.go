// Package cert builds the stack's TLS certificate: one ACM certificate for
// *.<domain> and <domain> (plus any extra names), the DNS records that prove
// ownership, written into the stack's hosted zone, and a validation that waits
// until ACM has issued it. In a zone the stack does not own, the records are
// retained on destroy: a certificate outside the stack may share them.
// NewExtraCertificates requests the further certificates of
// meething:extraCertificates the same way, each in the zone of its domain.
//
// The package is a module in the terraform-aws-modules style: stackconfig
// is its variables layer, owning each key's type, default and check, and
// ExtraCertificatesArgs carries meething:extraCertificates as it is (a
// []stackconfig.ExtraCertificate) beside wiring inputs (the looked-up
// zones, tags). The package maps them onto the provider's arguments,
// adding no defaults or checks of its own to the config's values.
package cert

import (
	"cmp"
	"fmt"
	"sort"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/acm"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/tags"
)

// TypeToken is the Certificate component's type.
const TypeToken = "meething:cert:Certificate"

// ValidationRecordTTL is the TTL, in seconds, of the validation records.
const ValidationRecordTTL = 60

// CertificateArgs configures a Certificate.
type CertificateArgs struct {
	// Domain is the apex, such as meething.net. The certificate's name is
	// *.<Domain> and it also covers <Domain>. Required.
	Domain string
	// ExtraNames are further names on the certificate, each the domain or
	// under it. Default: none.
	ExtraNames []string
	// ZoneId is the hosted zone that receives the validation records. Required.
	ZoneId pulumi.StringInput
	// Tags go on the certificate, with Component=cert and Name.
	Tags map[string]string
	// SharedZone says the zone is not the stack's own: ACM gives every
	// certificate of the account the same validation record for a domain,
	// so one already there may serve a certificate outside the stack. The
	// records are then retained on destroy. Default: false.
	SharedZone bool
	// TakeOver overwrites an existing validation record, by the domain it
	// validates. Default: none; an existing record makes the create fail.
	TakeOver map[string]bool
	// KeepTTL are the TTLs of taken-over records, by domain: a record
	// taken over keeps what resolvers were told. Default: ValidationRecordTTL.
	KeepTTL map[string]int
}

// Certificate is an ACM certificate with its DNS validation.
type Certificate struct {
	pulumi.ResourceState

	// Certificate is the ACM certificate.
	Certificate *acm.Certificate
	// Validation waits until ACM has issued the certificate.
	Validation *acm.CertificateValidation
	// ValidationRecords are the DNS validation records, by the domain they
	// validate (the wildcard and the apex share one).
	ValidationRecords map[string]*route53.Record
	// CertificateArn is the certificate's ARN, known once the certificate
	// exists (before it is issued).
	CertificateArn pulumi.StringOutput
	// ValidatedCertificateArn is the same ARN, resolved only after validation:
	// a listener that takes it waits for an issued certificate.
	ValidatedCertificateArn pulumi.StringOutput
}

// Names returns the certificate's names: *.<domain> first (the common name),
// then <domain> and the extra names sorted, so reordering them in the config
// changes nothing.
func Names(domain string, extra []string) []string {
	sorted := append([]string(nil), extra...)
	sort.Strings(sorted)
	return append([]string{"*." + domain, domain}, sorted...)
}

// ValidationDomains returns the distinct domains that need a validation
// record, sorted: a wildcard and its base name share one record, because ACM
// derives the record's name from the name without "*.".
func ValidationDomains(names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		base := strings.TrimPrefix(n, "*.")
		if !seen[base] {
			seen[base] = true
			out = append(out, base)
		}
	}
	sort.Strings(out)
	return out
}

// NewCertificate requests the certificate, writes its validation records and
// waits for it to be issued.
func NewCertificate(ctx *pulumi.Context, name string, args *CertificateArgs, opts ...pulumi.ResourceOption) (*Certificate, error) {
	if args == nil || args.Domain == "" || args.ZoneId == nil {
		return nil, fmt.Errorf("certificate %s: Domain and ZoneId are required", name)
	}
	names := Names(args.Domain, args.ExtraNames)

	c := &Certificate{ValidationRecords: map[string]*route53.Record{}}
	props := pulumi.Map{"names": pulumi.ToStringArray(names)}
	if err := ctx.RegisterComponentResourceV2(TypeToken, name, props, c, opts...); err != nil {
		return nil, fmt.Errorf("registering certificate %s: %w", name, err)
	}
	parent := pulumi.Parent(c)
	t := tags.Set(args.Tags).Component("cert")

	var err error
	// Replacement creates the new certificate before deleting the old one
	// (Pulumi's default, kept: no DeleteBeforeReplace), so the listener never
	// points at a deleted certificate.
	c.Certificate, err = acm.NewCertificate(ctx, name, &acm.CertificateArgs{
		DomainName:              pulumi.String(names[0]),
		SubjectAlternativeNames: pulumi.ToStringArray(names[1:]),
		ValidationMethod:        pulumi.String("DNS"),
		KeyAlgorithm:            pulumi.String("RSA_2048"),
		Tags:                    t.Named(name),
	}, parent) // protected under meething:protect by the stack's policy (internal/adoption)
	if err != nil {
		return nil, fmt.Errorf("requesting certificate %s: %w", name, err)
	}
	c.CertificateArn = c.Certificate.Arn

	var fqdns pulumi.StringArray
	for _, domain := range ValidationDomains(names) {
		ttl := cmp.Or(args.KeepTTL[domain], ValidationRecordTTL)
		record, err := c.validationRecord(ctx, name, domain, args.ZoneId, args.TakeOver[domain], ttl, parent, pulumi.RetainOnDelete(args.SharedZone))
		if err != nil {
			return nil, err
		}
		c.ValidationRecords[domain] = record
		fqdns = append(fqdns, record.Fqdn)
	}

	c.Validation, err = acm.NewCertificateValidation(ctx, name, &acm.CertificateValidationArgs{
		CertificateArn:        c.Certificate.Arn,
		ValidationRecordFqdns: fqdns,
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("waiting for validation of certificate %s: %w", name, err)
	}
	c.ValidatedCertificateArn = c.Validation.CertificateArn

	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"certificateArn": c.ValidatedCertificateArn,
	}); err != nil {
		return nil, fmt.Errorf("registering outputs of certificate %s: %w", name, err)
	}
	return c, nil
}

// validationRecord writes the CNAME that ACM asks for to prove ownership of
// domain. The record is keyed by the domain it validates, which fixes its name
// (ACM's record name for a domain never changes), not by its position in
// domainValidationOptions, whose order ACM does not keep.
func (c *Certificate) validationRecord(ctx *pulumi.Context, name, domain string, zoneID pulumi.StringInput, overwrite bool, ttl int, opts ...pulumi.ResourceOption) (*route53.Record, error) {
	option := c.Certificate.DomainValidationOptions.ApplyT(
		func(options []acm.CertificateDomainValidationOption) (acm.CertificateDomainValidationOption, error) {
			for _, o := range options {
				if o.DomainName != nil && strings.TrimPrefix(*o.DomainName, "*.") == domain {
					return o, nil
				}
			}
			return acm.CertificateDomainValidationOption{}, fmt.Errorf("ACM gave no validation record for %s", domain)
		}).(acm.CertificateDomainValidationOptionOutput)

	record, err := route53.NewRecord(ctx, name+"-validation-"+domain, &route53.RecordArgs{
		ZoneId:  zoneID,
		Name:    option.ResourceRecordName().Elem(),
		Type:    option.ResourceRecordType().Elem(),
		Records: pulumi.StringArray{option.ResourceRecordValue().Elem()},
		Ttl:     pulumi.Int(ttl),
		// A replacement certificate keeps the record: ACM's record for a
		// domain is the same for every certificate of the account, so its
		// name and value do not change. A record made outside the stack is
		// overwritten only when the config takes it over.
		AllowOverwrite: pulumi.Bool(overwrite),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("creating validation record for %s: %w", domain, err)
	}
	return record, nil
}
