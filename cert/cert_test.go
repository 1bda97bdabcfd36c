package cert

import (
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
)

const (
	testProject = "meething"
	testStack   = "dev"
	certName    = "edge"
	domain      = "meething.net"
	zoneID      = "Z123"

	typeCert       = "aws:acm/certificate:Certificate"
	typeValidation = "aws:acm/certificateValidation:CertificateValidation"
	typeRecord     = "aws:route53/record:Record"
)

var manyExtras = []string{"api.meething.net", "*.api.meething.net", "www.meething.net"}

// runResult is a run of NewCertificate with its resolved outputs.
type runResult struct {
	m            *awsmock.Monitor
	c            *Certificate
	certArn      string
	validatedArn string
	// recordURNs are the URNs of c.ValidationRecords, by domain.
	mu         sync.Mutex
	recordURNs map[string]string
}

func runCert(t *testing.T, args *CertificateArgs) (*runResult, error) {
	t.Helper()
	res := &runResult{recordURNs: map[string]string{}}
	m, err := awsmock.Run(testProject, testStack, nil, func(ctx *pulumi.Context) error {
		c, err := NewCertificate(ctx, certName, args)
		if err != nil {
			return err
		}
		res.c = c
		c.CertificateArn.ApplyT(func(s string) error { res.certArn = s; return nil })
		c.ValidatedCertificateArn.ApplyT(func(s string) error { res.validatedArn = s; return nil })
		for d, r := range c.ValidationRecords {
			r.URN().ApplyT(func(urn pulumi.URN) error {
				res.mu.Lock()
				defer res.mu.Unlock()
				res.recordURNs[d] = string(urn)
				return nil
			})
		}
		return nil
	})
	res.m = m
	return res, err
}

func mustRunCert(t *testing.T, args *CertificateArgs) *runResult {
	t.Helper()
	res, err := runCert(t, args)
	require.NoError(t, err)
	require.NotNil(t, res.c)
	return res
}

func one(t *testing.T, m *awsmock.Monitor, typ string) *awsmock.Resource {
	t.Helper()
	rs := m.OfType(typ)
	require.Len(t, rs, 1, "want exactly one %s", typ)
	return rs[0]
}

// optionsOf returns the certificate's mocked domainValidationOptions in
// the order the mock gave them, and indexed by the domain each validates
// (without "*.").
func optionsOf(t *testing.T, cert *awsmock.Resource) ([]map[string]any, map[string]map[string]any) {
	t.Helper()
	raw, ok := cert.Output("domainValidationOptions").([]any)
	require.True(t, ok, "the mocked certificate has domainValidationOptions")
	var list []map[string]any
	byDomain := map[string]map[string]any{}
	for _, o := range raw {
		opt, ok := o.(map[string]any)
		require.True(t, ok)
		list = append(list, opt)
		byDomain[strings.TrimPrefix(opt["domainName"].(string), "*.")] = opt
	}
	return list, byDomain
}

func TestNewCertificateComponent(t *testing.T) {
	tests := []struct {
		name        string
		extra       []string
		wantRecords int
	}{
		{name: "wildcard and apex", wantRecords: 1},
		{name: "extra names", extra: manyExtras, wantRecords: 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustRunCert(t, &CertificateArgs{Domain: domain, ExtraNames: tc.extra, ZoneId: pulumi.String(zoneID)})
			m := res.m
			comp := one(t, m, TypeToken)
			assert.Equal(t, certName, comp.Name)
			assert.False(t, comp.Custom)

			children := 0
			for _, r := range m.Resources() {
				if r.URN == comp.URN {
					continue
				}
				children++
				assert.Equal(t, comp.URN, r.Parent, "%s %s is parented to the certificate component", r.Type, r.Name)
			}
			assert.Equal(t, 2+tc.wantRecords, children, "certificate, validation and records")
			assert.Len(t, m.OfType(typeCert), 1)
			assert.Len(t, m.OfType(typeValidation), 1)
			assert.Len(t, m.OfType(typeRecord), tc.wantRecords)
		})
	}
}

func TestNewCertificateInputs(t *testing.T) {
	tests := []struct {
		name    string
		extra   []string
		tags    map[string]string
		wantSAN []any
	}{
		{name: "defaults", wantSAN: []any{"meething.net"}},
		{
			name: "extra names, tagged", extra: manyExtras,
			tags:    map[string]string{"Project": "meething", "Stack": "dev"},
			wantSAN: []any{"meething.net", "*.api.meething.net", "api.meething.net", "www.meething.net"},
		},
		{name: "extra names", extra: []string{"www.meething.net"}, wantSAN: []any{"meething.net", "www.meething.net"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustRunCert(t, &CertificateArgs{
				Domain: domain, ExtraNames: tc.extra, ZoneId: pulumi.String(zoneID), Tags: tc.tags,
			})
			c := one(t, res.m, typeCert)
			assert.Equal(t, certName, c.Name)
			assert.Equal(t, "*.meething.net", c.Input("domainName"))
			assert.Equal(t, tc.wantSAN, c.Input("subjectAlternativeNames"))
			assert.Equal(t, "DNS", c.Input("validationMethod"))
			assert.Equal(t, "RSA_2048", c.Input("keyAlgorithm"))
			assert.False(t, c.DeleteBeforeReplace, "a replacement certificate is created before the old one is deleted")
			assert.False(t, c.Protect, "meething:protect is the stack's policy's (internal/adoption)")

			gotTags, ok := c.Input("tags").(map[string]any)
			require.True(t, ok)
			assert.Equal(t, "cert", gotTags["Component"])
			assert.Equal(t, certName, gotTags["Name"])
			for k, v := range tc.tags {
				assert.Equal(t, v, gotTags[k])
			}
		})
	}
}

func TestNewCertificateValidationRecords(t *testing.T) {
	tests := []struct {
		name        string
		extra       []string
		wantDomains []string
	}{
		{name: "wildcard and apex share one record", wantDomains: []string{"meething.net"}},
		{name: "wildcard names share with their base", extra: manyExtras, wantDomains: []string{"api.meething.net", "meething.net", "www.meething.net"}},
		{name: "extra wildcard only", extra: []string{"*.eu.meething.net"}, wantDomains: []string{"eu.meething.net", "meething.net"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustRunCert(t, &CertificateArgs{Domain: domain, ExtraNames: tc.extra, ZoneId: pulumi.String(zoneID)})
			m := res.m
			_, options := optionsOf(t, one(t, m, typeCert))

			records := m.OfType(typeRecord)
			require.Len(t, records, len(tc.wantDomains), "exactly one record per validation domain")
			names := map[string]bool{}
			for _, d := range tc.wantDomains {
				r := m.Named(typeRecord, certName+"-validation-"+d)
				require.NotNil(t, r, "the record of %s is keyed by its domain", d)
				opt := options[d]
				require.NotNil(t, opt, "the mock gave an option for %s", d)

				assert.Equal(t, opt["resourceRecordName"], r.Input("name"))
				assert.Equal(t, opt["resourceRecordType"], r.Input("type"))
				assert.Equal(t, "CNAME", r.Input("type"))
				assert.Equal(t, []any{opt["resourceRecordValue"]}, r.Input("records"))
				assert.Equal(t, float64(ValidationRecordTTL), r.Input("ttl"))
				assert.Equal(t, float64(60), r.Input("ttl"))
				assert.Equal(t, zoneID, r.Input("zoneId"))
				assert.Equal(t, false, r.Input("allowOverwrite"), "a record made outside the stack is never overwritten silently")
				assert.False(t, r.RetainOnDelete, "in the stack's own zone the record goes with the certificate")
				names[r.Input("name").(string)] = true

				assert.Equal(t, r.URN, res.recordURNs[d], "ValidationRecords[%s] is that record", d)
			}
			assert.Len(t, names, len(tc.wantDomains), "record names are distinct")
			assert.Len(t, res.c.ValidationRecords, len(tc.wantDomains))
			assert.Len(t, res.recordURNs, len(tc.wantDomains))

			// No record is named by an index into domainValidationOptions.
			for _, r := range records {
				suffix := strings.TrimPrefix(r.Name, certName+"-validation-")
				assert.Contains(t, tc.wantDomains, suffix, "record %s is keyed by a domain", r.Name)
			}
		})
	}
}

// TestNewCertificateRecordsIgnoreOptionOrder checks that each record is the
// one ACM gave for its domain although the mock returns the options in hashed
// order, not in the order the names were asked for.
func TestNewCertificateRecordsIgnoreOptionOrder(t *testing.T) {
	tests := []struct {
		name  string
		extra []string
	}{
		{name: "three extra names", extra: manyExtras},
		{name: "reordered extra names", extra: []string{"www.meething.net", "*.api.meething.net", "api.meething.net"}},
		{name: "more names", extra: []string{"a.meething.net", "b.meething.net", "c.meething.net", "d.meething.net"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustRunCert(t, &CertificateArgs{Domain: domain, ExtraNames: tc.extra, ZoneId: pulumi.String(zoneID)})
			m := res.m
			list, byDomain := optionsOf(t, one(t, m, typeCert))

			var got []string
			for _, o := range list {
				got = append(got, o["domainName"].(string))
			}
			names := Names(domain, tc.extra)
			require.ElementsMatch(t, names, got)
			require.NotEqual(t, names, got, "the mock must not keep the input order, or this test proves nothing")

			// The distinct domains in the order the mock gave them differ
			// from the sorted order the records are created in.
			var optionOrder []string
			seen := map[string]bool{}
			for _, n := range got {
				base := strings.TrimPrefix(n, "*.")
				if !seen[base] {
					seen[base] = true
					optionOrder = append(optionOrder, base)
				}
			}
			require.NotEqual(t, ValidationDomains(names), optionOrder, "the options' order must differ from the records' order")

			for i, d := range ValidationDomains(names) {
				r := m.Named(typeRecord, certName+"-validation-"+d)
				require.NotNil(t, r)
				name := r.Input("name").(string)
				assert.Equal(t, byDomain[d]["resourceRecordName"], name, "record of %s", d)
				assert.True(t, strings.HasSuffix(name, "."+d+"."), "record %s validates %s", name, d)
				assert.Equal(t, []any{byDomain[d]["resourceRecordValue"]}, r.Input("records"))
				// Where the option at the same position is for another
				// domain, the record must not have taken it.
				if pos := strings.TrimPrefix(list[i]["domainName"].(string), "*."); pos != d {
					assert.NotEqual(t, list[i]["resourceRecordName"], name, "record of %s must not take option %d", d, i)
				}
			}
		})
	}
}

func TestNewCertificateValidation(t *testing.T) {
	tests := []struct {
		name  string
		extra []string
	}{
		{name: "one record"},
		{name: "three records", extra: manyExtras},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustRunCert(t, &CertificateArgs{Domain: domain, ExtraNames: tc.extra, ZoneId: pulumi.String(zoneID)})
			m := res.m
			cert := one(t, m, typeCert)
			v := one(t, m, typeValidation)
			arn, ok := cert.Output("arn").(string)
			require.True(t, ok)
			require.NotEmpty(t, arn)

			assert.Equal(t, certName, v.Name)
			assert.Equal(t, arn, v.Input("certificateArn"))
			assert.True(t, m.DependsOn(v, cert), "validation waits for the certificate")

			records := m.OfType(typeRecord)
			require.NotEmpty(t, records)
			var wantFqdns []any
			for _, r := range records {
				fqdn := r.Output("fqdn")
				require.NotEmpty(t, fqdn)
				wantFqdns = append(wantFqdns, fqdn)
				assert.True(t, m.DependsOn(v, r), "validation waits for record %s", r.Name)
			}
			gotFqdns, ok := v.Input("validationRecordFqdns").([]any)
			require.True(t, ok)
			assert.ElementsMatch(t, wantFqdns, gotFqdns)

			assert.Equal(t, arn, res.certArn, "CertificateArn is the certificate's ARN")
			assert.Equal(t, arn, res.validatedArn, "ValidatedCertificateArn is the validated certificate's ARN")
		})
	}
}

func TestNames(t *testing.T) {
	tests := []struct {
		name   string
		domain string
		extra  []string
		want   []string
	}{
		{name: "no extras", domain: "meething.net", want: []string{"*.meething.net", "meething.net"}},
		{
			name: "extras sorted, whatever their order in the config", domain: "meething.net", extra: manyExtras,
			want: []string{"*.meething.net", "meething.net", "*.api.meething.net", "api.meething.net", "www.meething.net"},
		},
		{
			name: "reordered extras give the same names", domain: "meething.net", extra: []string{"www.meething.net", "*.api.meething.net", "api.meething.net"},
			want: []string{"*.meething.net", "meething.net", "*.api.meething.net", "api.meething.net", "www.meething.net"},
		},
		{name: "subdomain", domain: "dev.meething.net", extra: []string{"x.dev.meething.net"}, want: []string{"*.dev.meething.net", "dev.meething.net", "x.dev.meething.net"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var before []string
			if tc.extra != nil {
				before = append([]string(nil), tc.extra...)
			}
			assert.Equal(t, tc.want, Names(tc.domain, tc.extra))
			assert.Equal(t, before, tc.extra, "Names does not modify its argument")
		})
	}
}

func TestValidationDomains(t *testing.T) {
	tests := []struct {
		name  string
		names []string
		want  []string
	}{
		{name: "empty", names: nil, want: nil},
		{name: "wildcard and apex", names: []string{"*.meething.net", "meething.net"}, want: []string{"meething.net"}},
		{name: "wildcard alone", names: []string{"*.meething.net"}, want: []string{"meething.net"}},
		{
			name:  "extras, sorted and deduplicated",
			names: Names("meething.net", manyExtras),
			want:  []string{"api.meething.net", "meething.net", "www.meething.net"},
		},
		{name: "duplicates", names: []string{"b.example", "a.example", "b.example", "*.a.example"}, want: []string{"a.example", "b.example"}},
		{name: "only the leading wildcard is stripped", names: []string{"*.x.example", "x.*.example"}, want: []string{"x.*.example", "x.example"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ValidationDomains(tc.names)
			assert.Equal(t, tc.want, got)
			assert.True(t, sort.StringsAreSorted(got))
		})
	}
}

func TestNewCertificateErrors(t *testing.T) {
	tests := []struct {
		name string
		args *CertificateArgs
	}{
		{name: "nil args", args: nil},
		{name: "missing domain", args: &CertificateArgs{ZoneId: pulumi.String(zoneID)}},
		{name: "missing zone", args: &CertificateArgs{Domain: domain}},
		{name: "missing both", args: &CertificateArgs{ExtraNames: []string{"www.meething.net"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := runCert(t, tc.args)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "Domain and ZoneId are required")
			assert.Contains(t, err.Error(), certName)
			assert.Nil(t, res.c)
			assert.Empty(t, res.m.OfType(typeCert), "no certificate is requested")
			assert.Empty(t, res.m.OfType(TypeToken), "no component is registered")
		})
	}
}
