package stackconfig

import (
	"sort"
	"strings"
)

// Which keys may be secret.
//
// The engine marks a whole top-level key secret when it was set with
// `pulumi config set --secret`, or when the stack file holds a `secure:`
// value anywhere inside it. Pulumi keeps a secret encrypted wherever it
// can carry the mark: resource inputs and outputs, the state, stack
// outputs. It cannot in a logical name (and so a URN), in how many
// resources exist, in an error or a log line. A key that decides names or
// structure, or whose value AWS shows to every client anyway, could only
// ever be a nonsense secret, so such a key is refused when secret, before
// any resource is registered; the program carries the keys of SecretKeys
// through as secrets.

// SecretKeys are the keys that may be secret. Their values reach resources
// only as secret outputs and never a logical name, a component's plain
// recorded inputs, an error or a log line.
//
// meething:alarms: its addresses are subscription endpoints; its
// thresholds and the alarms' descriptions become secret too, since the
// whole key is. Whether alarms are enabled and how many addresses there
// are still show: they decide which resources exist.
var SecretKeys = []string{KeyAlarms}

// Reasons a key may not be secret, in the user's terms.
const (
	publicName    = "it names hosts, certificates and DNS records, which are public (a certificate's names are in Certificate Transparency logs)"
	adoptedID     = "it picks what the stack adopts, by an ID or name the stack's records, outputs and state show"
	structure     = "it decides which resources the stack makes and what they are called, which the state and every preview show"
	seenByClients = "every client sees it in the answers the load balancer gives"
	setting       = "it is a setting, not a secret: AWS and every preview show it"
)

// notSecret says, for every key that may not be secret, why.
var notSecret = map[string]string{
	KeyDomain:            publicName,
	KeyCertificateNames:  publicName,
	KeyExtraCertificates: publicName,
	KeyExistingZoneID:    adoptedID,
	KeyExistingZoneName:  adoptedID,
	KeyParentZoneID:      adoptedID,
	KeyParentZoneName:    adoptedID,
	KeyExistingVpcID:     adoptedID,
	KeyExistingSubnetIDs: adoptedID,
	KeyImport:            adoptedID,
	KeyTakeOverRecords:   publicName,
	KeyApexAlias:         structure,
	KeyAliasRecords:      structure,
	KeyCutover:           structure,
	KeyServices:          publicName,
	KeyRules:             publicName,
	KeyPhysicalNames:     structure,

	KeyVpcCidr:                      structure,
	KeyAvailabilityZones:            structure,
	KeySubnetCount:                  structure,
	KeySubnetPrefixLength:           structure,
	KeySubnetCidrs:                  structure,
	KeyMapPublicIPOnLaunch:          structure,
	KeyDualStack:                    structure,
	KeyRestrictDefaultSecurityGroup: structure,
	KeyProtect:                      structure,
	KeyDeleteImportedOnDestroy:      structure,
	KeyAccessLogs:                   structure,
	KeyFlowLogs:                     structure,
	KeyWaf:                          structure,
	KeyQueryLogs:                    structure,

	KeySslPolicy:       seenByClients,
	KeyResponseHeaders: seenByClients,
	KeyDefaultAction:   seenByClients,

	KeyDesyncMitigationMode: setting,
	KeyIdleTimeout:          setting,
	KeyDeletionProtection:   setting,
	KeyLoadBalancer:         setting,
	KeyQuotas:               setting,

	// AWS's tagging guide: "Do not store personally identifiable
	// information (PII) or other confidential or sensitive information in
	// tags." Tags go on nearly every resource.
	KeyTags: "AWS shows tags to everyone who may read the account and asks that no tag hold confidential data",
}

// secretKeysOf returns the fully qualified keys of the namespace among keys
// that isSecret (ctx.IsConfigSecret) reports secret, sorted. A nil isSecret
// reports none.
func secretKeysOf(keys []string, isSecret func(key string) bool) []string {
	if isSecret == nil {
		return nil
	}
	var out []string
	for _, k := range keys {
		if strings.HasPrefix(k, Namespace+":") && isSecret(k) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// refusedSecrets returns a problem for every secret key (fully qualified)
// that may not be secret. Keys the program does not read are left to the
// unknown-key problem, whose value RedactSecrets hides.
func refusedSecrets(secret []string) problems {
	var ps problems
	for _, full := range secret {
		reason, refused := notSecret[strings.TrimPrefix(full, Namespace+":")]
		if !refused {
			continue
		}
		ps.add(full, RedactedValue, "is secret (set with --secret, or holds a secure: value), but %s; set it without --secret (only %s may be secret)",
			reason, strings.Join(fullKeys(SecretKeys), ", "))
	}
	return ps
}

func fullKeys(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = FullKey(k)
	}
	return out
}

// IsSecret reports whether the stack set key (without the namespace, as
// KeyAlarms) as a secret: its values must reach resources as secrets.
func (c *Config) IsSecret(key string) bool {
	full := FullKey(key)
	for _, k := range c.Secret {
		if k == full {
			return true
		}
	}
	return false
}
