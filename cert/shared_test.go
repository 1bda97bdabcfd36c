package cert

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
)

// In a zone the stack does not own, the validation record may serve a
// certificate outside the stack too: it is retained on destroy, and an
// existing one is overwritten only when the config takes it over.
func TestNewCertificateInASharedZone(t *testing.T) {
	res := mustRunCert(t, &CertificateArgs{
		Domain: "meething.net", ExtraNames: []string{"www.example.meething.net"}, ZoneId: pulumi.String(zoneID),
		SharedZone: true, TakeOver: map[string]bool{"meething.net": true},
	})
	apex := res.m.Named(typeRecord, certName+"-validation-meething.net")
	other := res.m.Named(typeRecord, certName+"-validation-www.example.meething.net")
	for _, r := range []any{apex, other} {
		assert.NotNil(t, r)
	}
	assert.True(t, apex.RetainOnDelete)
	assert.True(t, other.RetainOnDelete)
	assert.Equal(t, true, apex.Input("allowOverwrite"), "taken over")
	assert.Equal(t, false, other.Input("allowOverwrite"), "not taken over")
	assert.False(t, res.m.Named("aws:acm/certificate:Certificate", certName).RetainOnDelete, "the certificate itself is the stack's")
}
