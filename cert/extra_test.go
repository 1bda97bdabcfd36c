package cert

import (
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/dns"
	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/stackconfig"
)

const givenArn = "arn:aws:acm:ap-northeast-2:123456789012:certificate/01234567-89ab-cdef-0123-456789abcdef"

// runExtra runs NewExtraCertificates and resolves the ARNs it returns.
func runExtra(t *testing.T, args *ExtraCertificatesArgs) (*awsmock.Monitor, map[string]string, error) {
	t.Helper()
	var mu sync.Mutex
	arns := map[string]string{}
	m, err := awsmock.Run(testProject, testStack, nil, func(ctx *pulumi.Context) error {
		out, err := NewExtraCertificates(ctx, certName, args)
		for key, arn := range out {
			if given, plain := arn.(pulumi.String); plain {
				// An output made of a plain value belongs to no resource:
				// the run would not wait for its apply.
				mu.Lock()
				arns[key] = string(given)
				mu.Unlock()
				continue
			}
			arn.ToStringOutput().ApplyT(func(s string) error {
				mu.Lock()
				defer mu.Unlock()
				arns[key] = s
				return nil
			})
		}
		return err
	})
	mu.Lock()
	defer mu.Unlock()
	return m, arns, err
}

// The certificates of meething:extraCertificates: one requested for a
// domain, in the zone looked up for it, and one given by ARN, attached as
// it is.
func TestNewExtraCertificates(t *testing.T) {
	{
		m, arns, err := runExtra(t, &ExtraCertificatesArgs{
			Certificates: []stackconfig.ExtraCertificate{
				{Domain: "meething.com", ZoneName: "meething.com"},
				{CertificateArn: givenArn},
			},
			Zones: map[string]*dns.ExistingZone{"meething.com": {Id: "Z0MEETHINGCOM", Name: "meething.com"}},
			Tags:  map[string]string{"Team": "edge"},
		})
		require.NoError(t, err)

		c := m.Named(typeCert, certName+"-meething.com")
		require.NotNil(t, c, "named <name>-<domain>")
		assert.Equal(t, "*.meething.com", c.Input("domainName"))
		assert.Equal(t, []any{"meething.com"}, c.Input("subjectAlternativeNames"))
		assert.False(t, c.Protect, "meething:protect is the stack's policy's (internal/adoption)")
		assert.Equal(t, "edge", c.Input("tags").(map[string]any)["Team"])

		record := m.Named(typeRecord, certName+"-meething.com-validation-meething.com")
		require.NotNil(t, record)
		assert.Equal(t, "Z0MEETHINGCOM", record.Input("zoneId"), "validated in the looked-up zone")
		assert.True(t, record.RetainOnDelete, "the zone is not the stack's: its records stay on destroy")
		assert.Equal(t, true, record.Input("allowOverwrite"), "the one record ACM gives the domain is the stack's own")

		assert.Len(t, m.OfType(typeCert), 1, "none for the given ARN")
		validation := m.Named(typeValidation, certName+"-meething.com")
		require.NotNil(t, validation)
		assert.Equal(t, map[string]string{
			"meething.com":                         validation.Output("certificateArn").(string),
			"01234567-89ab-cdef-0123-456789abcdef": givenArn,
		}, arns, "by domain, or the ID at the end of a given ARN; a requested one once validated")
	}
}

func TestNoExtraCertificates(t *testing.T) {
	m, arns, err := runExtra(t, &ExtraCertificatesArgs{Certificates: stackconfig.Defaults().ExtraCertificates})
	require.NoError(t, err)
	assert.Empty(t, arns)
	assert.Empty(t, m.Resources())
}

func TestExtraCertificateWithoutItsZone(t *testing.T) {
	m, _, err := runExtra(t, &ExtraCertificatesArgs{
		Certificates: []stackconfig.ExtraCertificate{{Domain: "meething.com", ZoneName: "meething.com"}},
	})
	require.ErrorContains(t, err, "certificate for meething.com: no looked-up zone")
	assert.Empty(t, m.Resources())
}
