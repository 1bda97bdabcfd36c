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
  Vpc_meething["meething<br/><small>Vpc</small>"]
  Listener_meething_https["meething-https<br/><small>Listener</small>"]:::critical
  subgraph meething_cert_Certificate["meething:cert:Certificate"]
    Certificate_meething["meething<br/><small>Certificate</small>"]:::critical
    Record_meething_validation["meething-validation<br/><small>Record</small>"]:::critical
    CertificateValidation_meething["meething<br/><small>CertificateValidation</small>"]:::critical
  end
  Certificate_meething ==> Record_meething_validation
  Certificate_meething --> CertificateValidation_meething
  Record_meething_validation ==> CertificateValidation_meething
  CertificateValidation_meething ==> Listener_meething_https
  classDef critical stroke:#d33,stroke-width:3px
  %% critical path: 4 resources, about 6 min 15 s of typical creation time
`
	assert.Equal(t, want, got)
	assert.NotContains(t, got, "providers", "providers are no cloud resources")
}

// TestWriteGraphOnlyAddsLines: a resource added to a plan, here a second
// rule as long after the listener as the first, adds lines to the chart
// and changes none: nodes are named by resource, and a tie on the critical
// path marks both chains.
func TestWriteGraphOnlyAddsLines(t *testing.T) {
	res := func(urn, typ, name string, deps ...string) Resource {
		return Resource{URN: urn, Type: typ, Name: name, Custom: true, Dependencies: deps}
	}
	before := &Plan{Resources: []Resource{
		res("urn:l", "aws:lb/listener:Listener", "meething-https"),
		res("urn:r-m", "aws:lb/listenerRule:ListenerRule", "meething-mail", "urn:l"),
		res("urn:t", "aws:lb/targetGroup:TargetGroup", "meething-mail"),
	}}
	after := &Plan{Resources: append([]Resource{
		res("urn:r-a", "aws:lb/listenerRule:ListenerRule", "meething-api", "urn:l"),
		res("urn:r-b", "aws:lb/listenerRule:ListenerRule", "meething-web.example.org", "urn:l"),
	}, before.Resources...)}
	var b, a strings.Builder
	require.NoError(t, before.WriteGraph(&b))
	require.NoError(t, after.WriteGraph(&a))
	assert.Contains(t, a.String(), "  ListenerRule_meething_web_example_org[", "IDs take letters, digits and _ only")
	added := addedLines(t, b.String(), a.String())
	assert.Len(t, added, 4, "two nodes and two arrows: %q", added)
	assert.Contains(t, a.String(), "  Listener_meething_https ==> ListenerRule_meething_api\n")
	assert.Contains(t, a.String(), "  Listener_meething_https ==> ListenerRule_meething_mail\n")
}

// addedLines returns the lines of after not in before, failing the test
// when a line of before is missing from after or moved within it.
func addedLines(t *testing.T, before, after string) []string {
	t.Helper()
	old, new := strings.Split(before, "\n"), strings.Split(after, "\n")
	var added []string
	i := 0
	for _, line := range new {
		if i < len(old) && line == old[i] {
			i++
			continue
		}
		added = append(added, line)
	}
	assert.Equal(t, len(old), i, "a line of the chart changed or moved: %q", old[min(i, len(old)-1)])
	return added
}
