package stackconfig

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

func validateTags(cfg *Config, ps *problems) {
	if n := len(cfg.Tags); n > MaxUserTags {
		ps.add(FullKey(KeyTags), fmt.Sprintf("%d tags", n), "is too many: AWS allows 50 per resource and the stack sets up to %d itself", len(ReservedTagKeys))
	}
	for _, k := range slices.Sorted(maps.Keys(cfg.Tags)) {
		v := cfg.Tags[k]
		key := fmt.Sprintf("%s.%s", FullKey(KeyTags), k)
		switch {
		case k == "" || len(k) > MaxResourceTagLength || !tagText.MatchString(k):
			ps.add(key, k, "must be a tag key of 1 to %d letters, digits, spaces and _ . : / = + - @", MaxResourceTagLength)
		case strings.HasPrefix(strings.ToLower(k), "aws:"):
			ps.add(key, k, "uses the reserved prefix aws:")
		case slices.Contains(ReservedTagKeys, k):
			ps.add(key, k, "is set by the stack itself: reserved keys are %s", strings.Join(ReservedTagKeys, ", "))
		case len(v) > MaxTagValueLength || (!tagText.MatchString(v) && v != RedactedValue):
			ps.add(key, v, "must be a tag value of at most %d letters, digits, spaces and _ . : / = + - @", MaxTagValueLength)
		}
	}
}

// ReservedTagKeys are the tags the stack sets: the first five on every
// resource, Service on a service's target group and rule, Tier on subnets.
var ReservedTagKeys = []string{"Project", "Stack", "Component", "ManagedBy", "Name", "Service", "Tier"}

// MaxUserTags leaves room for the stack's own tags within AWS's 50.
var MaxUserTags = 50 - len(ReservedTagKeys)

// RedactedValue stands in for an encrypted value the program cannot read,
// as in the offline synth: a tag value may be secret, so the character rule
// is not applied to it.
const RedactedValue = "[secret]"

// tagText is what AWS accepts in tag keys and values.
var tagText = lazy(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)
