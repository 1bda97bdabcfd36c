package adoption

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/meething/edge/internal/adoption/identity"
)

func TestCheckRecords(t *testing.T) {
	const acm = "_0a1b2c3d4e5f60718293a4b5c6d7e8f9.meething.net"
	wildcard := identity.Record{Key: "record/wildcard-A", Name: "*.meething.net", Type: "A"}
	aaaa := identity.Record{Key: "record/wildcard-AAAA", Name: "*.meething.net", Type: "AAAA"}
	validation := identity.Record{Key: "record/validation-meething.net", Name: "meething.net", Type: "CNAME", Validation: true}
	planned := []identity.Record{wildcard, aaaa, validation}
	handMade := []identity.Existing{
		{Name: "meething.net", Type: "NS"},
		{Name: "meething.net", Type: "SOA"},
		{Name: "*.meething.net", Type: "A", AliasTarget: "old-edge.elb.amazonaws.com"},
		{Name: acm, Type: "CNAME", Values: []string{"_x.acm-validations.aws."}, TTL: 300},
		{Name: "_other.meething.net", Type: "CNAME", Values: []string{"elsewhere."}},
	}

	tests := []struct {
		name          string
		existing      []identity.Existing
		imported      map[string]bool
		takeOver      []string
		owned         []string
		wantConflicts []string
		wantTaken     []string
		wantAdopted   []string
		wantTTL       map[string]int
	}{
		{name: "an empty zone", existing: nil},
		{
			name: "hand-made records stop the stack", existing: handMade,
			wantConflicts: []string{"*.meething.net A", acm + " CNAME"},
		},
		{
			name: "taken over by the name the zone lists", existing: handMade,
			takeOver:    []string{"*.meething.net A", acm + " cname"},
			wantTaken:   []string{"record/validation-meething.net", "record/wildcard-A"},
			wantAdopted: []string{"record/validation-meething.net", "record/wildcard-A"},
			// The CNAME keeps its TTL; an alias has none.
			wantTTL: map[string]int{"record/validation-meething.net": 300},
		},
		{
			name: "taken over, and listed by the owner record of the run that took it over", existing: handMade,
			takeOver:    []string{"*.meething.net A"},
			owned:       []string{"*.meething.net A adopted", "acm-validation meething.net CNAME"},
			wantTaken:   []string{"record/wildcard-A"},
			wantAdopted: []string{"record/wildcard-A"},
		},
		{
			name: "imported", existing: handMade,
			imported:    map[string]bool{"record/wildcard-A": true, "record/validation-meething.net": true},
			wantAdopted: []string{"record/validation-meething.net", "record/wildcard-A"},
		},
		{
			name: "a takeover entry for a record the stack created itself, in an earlier deployment, leaves it the stack's", existing: handMade,
			takeOver: []string{"*.meething.net A"},
			owned:    []string{"*.meething.net A", "acm-validation meething.net CNAME"},
		},
		{
			name: "the stack's own records from an earlier deployment", existing: handMade,
			owned: []string{"*.meething.net A", "acm-validation meething.net CNAME"},
		},
		{
			name: "adopted in an earlier deployment: still not the stack's to delete, entries gone", existing: handMade,
			owned:       []string{"*.meething.net A adopted", "acm-validation meething.net CNAME adopted"},
			wantAdopted: []string{"record/validation-meething.net", "record/wildcard-A"},
		},
		{
			name: "an owner record does not cover what it does not list", existing: handMade,
			owned:         []string{"*.meething.net AAAA"},
			wantConflicts: []string{"*.meething.net A", acm + " CNAME"},
		},
		{
			name: "a CNAME that is not ACM's form is not a validation record",
			existing: []identity.Existing{{Name: "_short.meething.net", Type: "CNAME"}, {Name: "_0a1b2c3d4e5f60718293a4b5c6d7e8f9.sub.meething.net", Type: "CNAME"},
				// The validated name itself, without ACM's _<hash>. label.
				{Name: "meething.net", Type: "CNAME"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := CheckRecords(planned, tt.existing, tt.imported, tt.takeOver, tt.owned)
			var got []string
			for _, conflict := range c.Conflicts {
				got = append(got, conflict.Existing.String())
			}
			assert.ElementsMatch(t, tt.wantConflicts, got)
			var taken []string
			for k := range c.TakenOver {
				taken = append(taken, k)
			}
			assert.ElementsMatch(t, tt.wantTaken, taken)
			var adopted []string
			for k := range c.Adopted {
				adopted = append(adopted, k)
			}
			assert.ElementsMatch(t, tt.wantAdopted, adopted)
			wantTTL := tt.wantTTL
			if wantTTL == nil {
				wantTTL = map[string]int{}
			}
			assert.Equal(t, wantTTL, c.TTL)
		})
	}
}

func TestOwnerRecord(t *testing.T) {
	records := []identity.Record{
		{Key: "record/wildcard-A", Name: "*.meething.net", Type: "A"},
		{Key: "record/validation-meething.net", Name: "meething.net", Type: "CNAME", Validation: true},
	}
	name := identity.OwnerRecordName("meething", "prod", "meething.net")
	assert.Equal(t, "_meething-prod-owner.meething.net", name)
	values := OwnerValues("meething", "prod", records, map[string]bool{"record/wildcard-A": true}, nil)
	assert.Equal(t, []string{"heritage=pulumi,project=meething,stack=prod", "*.meething.net A adopted", "acm-validation meething.net CNAME"}, values)

	// Route53 lists TXT strings quoted; another stack's owner record is not ours.
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = `"` + v + `"`
	}
	existing := []identity.Existing{
		{Name: name, Type: "TXT", Values: quoted},
		{Name: "_meething-dev-owner.meething.net", Type: "TXT", Values: []string{`"dev.meething.net NS"`}},
	}
	assert.Equal(t, []string{"*.meething.net A adopted", "acm-validation meething.net CNAME"}, Owned("meething", "prod", "meething.net", existing))
	assert.Equal(t, []string{"dev.meething.net NS"}, Owned("meething", "dev", "meething.net", existing))
	assert.Nil(t, Owned("meething", "staging", "meething.net", existing))
}
