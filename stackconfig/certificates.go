package stackconfig

import (
	"fmt"
	"strings"
)

// ExtraCertificate is one entry of meething:extraCertificates: a further
// certificate on the HTTPS listener (SNI) for names outside the domain, so
// that two domains can be served during a migration. Either Domain with
// the zone to validate it in, or the ARN of an issued certificate.
type ExtraCertificate struct {
	// Domain gets a certificate for *.<Domain> and <Domain>, validated by
	// DNS in ZoneName or ZoneID.
	Domain string `json:"domain"`
	// ZoneName is the public hosted zone, by name, that holds Domain's
	// validation records: Domain or a parent of it.
	ZoneName string `json:"zoneName"`
	// ZoneID is the same zone by ID; set one of ZoneName and ZoneID.
	ZoneID string `json:"zoneId"`
	// CertificateArn is an issued ACM certificate of the stack's region,
	// attached as it is.
	CertificateArn string `json:"certificateArn"`
}

// MaxExtraCertificates is AWS's default quota of certificates per ALB,
// besides the default one.
const MaxExtraCertificates = DefaultCertificatesPerLoadBalancer

var certificateArn = lazy(`^arn:aws[a-z-]*:acm:([a-z0-9-]+):[0-9]{12}:certificate/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// ServedNames are the names the listener's certificates cover, and whether
// that is all of them: a certificate given by ARN covers names the config
// does not know.
func (cfg *Config) ServedNames() (names []string, complete bool) {
	names = append([]string{"*." + cfg.Domain, cfg.Domain}, cfg.CertificateNames...)
	complete = true
	for _, c := range cfg.ExtraCertificates {
		if c.CertificateArn != "" {
			complete = false
		} else if c.Domain != "" {
			names = append(names, "*."+c.Domain, c.Domain)
		}
	}
	return names, complete
}

// uncovered reports whether host is certainly not covered by the listener's
// certificates.
func (cfg *Config) uncovered(host string) bool {
	names, complete := cfg.ServedNames()
	return complete && !CoveredBy(host, names)
}

func uncoveredRule(cfg *Config) string {
	names, _ := cfg.ServedNames()
	return fmt.Sprintf("is not covered by the certificates (%s): add it to %s or %s, or users get a certificate error",
		strings.Join(names, ", "), FullKey(KeyCertificateNames), FullKey(KeyExtraCertificates))
}

func validateExtraCertificates(cfg *Config, ps *problems) {
	key := FullKey(KeyExtraCertificates)
	if len(cfg.ExtraCertificates) > cfg.Quotas.CertificatesPerLoadBalancer {
		ps.add(key, fmt.Sprintf("%d certificates", len(cfg.ExtraCertificates)), "exceeds the load balancer's quota of %d certificates besides its own (%s.certificatesPerLoadBalancer)", cfg.Quotas.CertificatesPerLoadBalancer, FullKey(KeyQuotas))
	}
	seen := map[string]int{}
	for i, c := range cfg.ExtraCertificates {
		k := fmt.Sprintf("%s[%d]", key, i)
		switch {
		case c.CertificateArn != "" && (c.Domain != "" || c.ZoneName != "" || c.ZoneID != ""):
			ps.add(k+".certificateArn", c.CertificateArn, "is a certificate the stack attaches as it is: give either certificateArn, or domain with zoneName or zoneId")
			continue
		case c.CertificateArn != "":
			m := certificateArn.FindStringSubmatch(c.CertificateArn)
			if m == nil {
				ps.add(k+".certificateArn", c.CertificateArn, "is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)")
			} else if cfg.Region != "" && m[1] != cfg.Region {
				ps.add(k+".certificateArn", c.CertificateArn, "is in %s: a load balancer in %s takes certificates of its own region", m[1], cfg.Region)
			}
			if j, dup := seen[c.CertificateArn]; dup {
				ps.add(k+".certificateArn", c.CertificateArn, "is already %s[%d]", key, j)
			}
			seen[c.CertificateArn] = i
			continue
		}
		switch {
		case !isDNSName(c.Domain):
			ps.add(k+".domain", c.Domain, "is not a DNS name: give the domain to serve, such as meething.com, or certificateArn")
		case len("*."+c.Domain) > MaxCommonNameLength:
			// The certificate's first name is *.<domain>: ACM's
			// RequestCertificate DomainName is at most 64 characters
			// (the X.509 common name's upper bound).
			ps.add(k+".domain", c.Domain, "is too long: the certificate's first name *.%s must be at most %d characters (ACM RequestCertificate)", c.Domain, MaxCommonNameLength)
		case c.Domain == cfg.Domain || strings.HasSuffix(c.Domain, "."+cfg.Domain):
			ps.add(k+".domain", c.Domain, "is under %s, which the stack's own certificate serves: use %s for names deeper than one label", cfg.Domain, FullKey(KeyCertificateNames))
		default:
			if j, dup := seen[c.Domain]; dup {
				ps.add(k+".domain", c.Domain, "is already %s[%d]", key, j)
			}
			seen[c.Domain] = i
		}
		switch {
		case c.ZoneName != "" && c.ZoneID != "":
			ps.add(k+".zoneId", c.ZoneID, "is set with zoneName %q: give one", c.ZoneName)
		case c.ZoneName == "" && c.ZoneID == "":
			ps.add(k+".domain", c.Domain, "needs zoneName or zoneId, the public zone to write its validation records in; or give certificateArn of an issued certificate instead")
		case c.ZoneID != "" && !zoneID.MatchString(c.ZoneID):
			ps.add(k+".zoneId", c.ZoneID, "is not a hosted zone ID (Z and up to 31 capital letters and digits)")
		case c.ZoneName != "" && isDNSName(c.Domain) && (!isDNSName(c.ZoneName) || c.Domain != c.ZoneName && !strings.HasSuffix(c.Domain, "."+c.ZoneName)):
			ps.add(k+".zoneName", c.ZoneName, "cannot hold the validation records of %s: give the zone of %s or of a parent of it", c.Domain, c.Domain)
		}
	}
}
