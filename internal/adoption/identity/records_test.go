package identity

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNormalizeName(t *testing.T) {
	tests := map[string]string{
		`\052.meething.net.`:  "*.meething.net",
		`*.Meething.NET.`:     "*.meething.net",
		"meething.net":        "meething.net",
		`a\100b.meething.net`: "a@b.meething.net",
		`trailing\05`:         `trailing\05`,
		`_0A1B.meething.net.`: "_0a1b.meething.net",
	}
	for in, want := range tests {
		assert.Equal(t, want, NormalizeName(in), in)
	}
	assert.Equal(t, "*.meething.net A", NormalizeEntry("*.Meething.net.   a"))
	assert.Equal(t, "not an entry", NormalizeEntry("not an entry"))
}

func TestAliasRecordSets(t *testing.T) {
	tests := []struct {
		apex, ipv6 bool
		want       []string
	}{
		{false, false, []string{"record/wildcard-A *.meething.net A"}},
		{false, true, []string{"record/wildcard-A *.meething.net A", "record/wildcard-AAAA *.meething.net AAAA"}},
		{true, true, []string{"record/wildcard-A *.meething.net A", "record/wildcard-AAAA *.meething.net AAAA", "record/apex-A meething.net A", "record/apex-AAAA meething.net AAAA"}},
	}
	for _, tc := range tests {
		var got []string
		for _, r := range AliasRecordSets("meething.net", tc.apex, tc.ipv6) {
			got = append(got, r.Key+" "+r.String())
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("AliasRecordSets(apex %v, ipv6 %v) = %q, want %q", tc.apex, tc.ipv6, got, tc.want)
		}
	}
}
