package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
)

const (
	typeListenerCertificate = "aws:lb/listenerCertificate:ListenerCertificate"
	givenCertificateArn     = "arn:aws:acm:ap-northeast-2:123456789012:certificate/01234567-89ab-cdef-0123-456789abcdef"
)

// TestExtraCertificates: prod serves meething.com beside meething.net
// during a migration: a certificate for *.meething.com validated in the
// meething.com zone, and one more given by ARN, both on the HTTPS listener.
func TestExtraCertificates(t *testing.T) {
	config := with(stackConfig(t, "prod"),
		"meething:extraCertificates", `[{"domain":"meething.com","zoneName":"meething.com"},{"certificateArn":"`+givenCertificateArn+`"}]`,
		"meething:rules", `[{"name":"old-www","priority":10,"hosts":["www.meething.com"],"redirect":{"to":"https://meething.net/#{path}?#{query}"}}]`)
	res := mustRun(t, "prod", config)

	c := res.Named(typeCertificate, "meething-meething.com")
	require.NotNil(t, c)
	assert.Equal(t, "*.meething.com", c.Input("domainName"))
	assert.Equal(t, []any{"meething.com"}, c.Input("subjectAlternativeNames"))
	assert.True(t, c.Protect, "prod protects the serving path")

	record := res.Named(typeRecord, "meething-meething.com-validation-meething.com")
	require.NotNil(t, record)
	assert.Equal(t, awsmock.DeclaredZoneID("meething.com"), record.Input("zoneId"), "validated in the meething.com zone")
	assert.True(t, record.RetainOnDelete, "the zone is not the stack's: its records stay on destroy")

	https := res.Named("aws:lb/listener:Listener", "meething-https")
	validation := res.Named("aws:acm/certificateValidation:CertificateValidation", "meething-meething.com")
	created := res.Named(typeListenerCertificate, "meething-sni-meething.com")
	require.NotNil(t, created)
	assert.Equal(t, https.Output("arn"), created.Input("listenerArn"))
	assert.Equal(t, validation.Output("certificateArn"), created.Input("certificateArn"), "attached once issued")
	assert.True(t, res.Monitor.DependsOn(created, validation))
	assert.True(t, created.Protect)
	wildcard := res.Named(typeRecord, "meething-wildcard-A")
	require.NotNil(t, wildcard)
	assert.True(t, res.Monitor.DependsOn(wildcard, created), "in the adopted zone the names move only once every certificate serves")

	given := res.Named(typeListenerCertificate, "meething-sni-01234567-89ab-cdef-0123-456789abcdef")
	require.NotNil(t, given)
	assert.Equal(t, givenCertificateArn, given.Input("certificateArn"))
	assert.Len(t, res.OfType(typeCertificate), 2, "the stack's own and meething.com's; none for the given ARN")

	assert.Equal(t, map[string]any{"meething.com": validation.Output("certificateArn"), "01234567-89ab-cdef-0123-456789abcdef": givenCertificateArn},
		res.Outputs["extraCertificateArns"])
}

func TestNoExtraCertificatesByDefault(t *testing.T) {
	res := mustRun(t, "dev", stackConfig(t, "dev"))
	assert.Empty(t, res.OfType(typeListenerCertificate))
	assert.Len(t, res.OfType(typeCertificate), 1)
	assert.Equal(t, map[string]any{}, res.Outputs["extraCertificateArns"])
}

// TestExtraCertificateZoneAlreadyHoldsItsValidationRecord: on every deploy
// after the first, the extra zone holds the validation record the stack
// wrote (the stack keeps no owner record there). ACM gives one record per
// domain and account, so the one found is the one the stack writes: it is
// overwritten in place, not reported as a conflict, and kept on destroy.
func TestExtraCertificateZoneAlreadyHoldsItsValidationRecord(t *testing.T) {
	config := with(stackConfig(t, "prod"), "meething:extraCertificates", `[{"domain":"meething.com","zoneName":"meething.com"}]`)
	res, err := runProgram("prod", config, func(m *awsmock.Monitor) {
		zone := awsmock.DeclaredZoneID("meething.com")
		m.Records[zone] = append(m.Records[zone], awsmock.Record{
			Name: "_0a1b2c3d4e5f60718293a4b5c6d7e8f9.meething.com", Type: "CNAME",
			Values: []string{"_9f8e7d6c5b4a39281706f5e4d3c2b1a0.xlfgrmvvlj.acm-validations.aws."},
		})
	})
	require.NoError(t, err)
	record := res.Named(typeRecord, "meething-meething.com-validation-meething.com")
	require.NotNil(t, record)
	assert.Equal(t, true, record.Input("allowOverwrite"))
	assert.True(t, record.RetainOnDelete)

	fresh := mustRun(t, "prod", config)
	assert.Equal(t, true, fresh.Named(typeRecord, "meething-meething.com-validation-meething.com").Input("allowOverwrite"),
		"the same input on the first deploy, so the second changes nothing")
}

// An extra certificate's zone that is not in the account stops the run
// before anything is registered, naming the entry's key and value.
func TestExtraCertificateZoneNotFoundNamesTheKey(t *testing.T) {
	config := with(stackConfig(t, "prod"), "meething:extraCertificates",
		`[{"certificateArn":"`+givenCertificateArn+`"},{"domain":"meething.org","zoneName":"meething.org"}]`)
	res, err := runProgram("prod", config, func(m *awsmock.Monitor) { delete(m.ExistingZones, awsmock.DeclaredZoneID("meething.org")) })
	require.Error(t, err)
	assert.Contains(t, err.Error(), `validating the certificate of meething:extraCertificates[1].domain = "meething.org" in the zone of meething:extraCertificates[1].zoneName = "meething.org"`)
	assertNothingRegistered(t, res)
}
