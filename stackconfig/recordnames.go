package stackconfig

import (
	"fmt"
	"strings"

	"github.com/meething/edge/internal/adoption/identity"
)

// Route53's limits on a record's name: "Each label can be up to 63 bytes
// long. The total length of a domain name cannot exceed 255 bytes,
// including the periods" (Amazon Route 53 developer guide, DNS domain name
// format), which is 253 characters written without the trailing dot.
const (
	MaxLabelLength      = 63
	MaxRecordNameLength = 253
)

// acmValidationLabel is the length of the first label of the CNAME ACM asks
// for to validate a name: an underscore and 32 hex digits
// (_<32 hex>.<name>; ACM user guide, DNS validation).
const acmValidationLabel = 1 + 32

// validationRecordRule returns why the validation record of the
// certificate's name n would not fit Route53, or "".
func validationRecordRule(n string) string {
	base := strings.TrimPrefix(n, "*.")
	if l := acmValidationLabel + 1 + len(base); l > MaxRecordNameLength {
		return fmt.Sprintf("is too long for its validation record _<32 hex digits>.%s, which is %d characters: Route53 allows %d (DNS domain name format), so the name may be at most %d", base, l, MaxRecordNameLength, MaxRecordNameLength-acmValidationLabel-1)
	}
	return ""
}

// CheckStackName checks the names of the records that carry the stack's
// name, which the config cannot know: the owner record
// _<project>-<stack>-owner.<zone> the stack writes in an adopted zone and
// in the parent zone it delegates from. Run it with the config before
// anything is registered; it returns an *Error naming the stack.
func CheckStackName(cfg *Config, project, stack string) error {
	adopted := cfg.ExistingZoneID != "" || cfg.ExistingZoneName != "" || cfg.ParentZoneID != "" || cfg.ParentZoneName != ""
	if !adopted {
		return nil
	}
	var ps problems
	key := "stack name"
	owner := strings.TrimSuffix(identity.OwnerRecordName(project, stack, "x"), ".x")
	room := MaxLabelLength - len(owner) + len(stack)
	for _, l := range strings.Split(owner, ".") {
		if len(l) > MaxLabelLength {
			ps.add(key, stack, "makes the owner record's label %s, of %d characters, which the stack writes in the zone it adopts: Route53 allows %d (DNS domain name format); use a stack name of at most %d characters", l, len(l), MaxLabelLength, room)
			return ps.err()
		}
	}
	for _, z := range []struct{ key, zone string }{
		{FullKey(KeyExistingZoneName), cfg.ExistingZoneName},
		{FullKey(KeyParentZoneName), cfg.ParentZoneName},
	} {
		if z.zone == "" {
			continue
		}
		name := identity.OwnerRecordName(project, stack, z.zone)
		if len(name) > MaxRecordNameLength {
			ps.add(key, stack, "makes the owner record %s in %s %q, of %d characters: Route53 allows %d (DNS domain name format); use a shorter stack name", name, z.key, z.zone, len(name), MaxRecordNameLength)
		}
	}
	return ps.err()
}
