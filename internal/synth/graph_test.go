package synth

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteGraph(t *testing.T) {
	res := func(urn, typ, name, parent string, deps ...string) Resource {
		return Resource{URN: urn, Type: typ, Name: name, Parent: parent, Custom: true, Dependencies: deps}
	}
	comp := Resource{URN: "urn:c", Type: "meething:cert:Certificate", Name: "meething"}
	p := &Plan{Resources: []Resource{
		comp,
		res("urn:a", "aws:acm/certificate:Certificate", "meething", "urn:c"),
		res("urn:b", "aws:route53/record:Record", "meething-validation", "urn:c", "urn:a"),
		res("urn:d", "aws:acm/certificateValidation:CertificateValidation", "meething", "urn:c", "urn:a", "urn:b"),
		res("urn:e", "aws:ec2/vpc:Vpc", "meething", ""),
		res("urn:f", "aws:lb/listener:Listener", "meething-https", "", "urn:d"),
		{URN: "urn:p", Type: "pulumi:providers:aws", Name: "x", Custom: true},
	}}
	var b strings.Builder
	require.NoError(t, p.WriteGraph(&b))
	got := b.String()
	want := `flowchart LR
  r4["meething<br/><small>Vpc</small>"]
  r5["meething-https<br/><small>Listener</small>"]:::critical
  subgraph meething_cert_Certificate["meething:cert:Certificate"]
    r1["meething<br/><small>Certificate</small>"]:::critical
    r2["meething-validation<br/><small>Record</small>"]:::critical
    r3["meething<br/><small>CertificateValidation</small>"]:::critical
  end
  r1 ==> r2
  r2 ==> r3
  r3 ==> r5
  r1 --> r3
  classDef critical stroke:#d33,stroke-width:3px
  %% critical path: 4 resources, about 6 min 15 s of typical creation time
`
	assert.Equal(t, want, got)
	assert.NotContains(t, got, "providers", "providers are no cloud resources")
}
