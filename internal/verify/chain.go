package verify

import (
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"
	"time"
)

// CheckCertificate checks a presented chain (leaf first) for host: it must
// cover host, chain to roots (nil: the system's) at now, with the
// intermediates the server sent, and stay valid minDays more days. For
// example, a certificate for *.example.com presented for api.meething.net
// gives "certificate covers *.example.com, not api.meething.net". A chain
// that lacks the leaf's issuer is incomplete (IncompleteChain), not
// untrusted, when it verifies with known (intermediates known here) added,
// or when the leaf says where its issuer is published.
func CheckCertificate(certs []*x509.Certificate, host string, roots, known *x509.CertPool, now time.Time, minDays int) error {
	leaf := certs[0]
	if err := leaf.VerifyHostname(host); err != nil {
		names := leaf.DNSNames
		if len(names) == 0 {
			names = []string{leaf.Subject.CommonName}
		}
		return fmt.Errorf("certificate covers %s, not %s", strings.Join(names, ", "), host)
	}
	inter := x509.NewCertPool()
	for _, c := range certs[1:] {
		inter.AddCert(c)
	}
	if _, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: now}); err != nil {
		var unknown x509.UnknownAuthorityError
		var invalid x509.CertificateInvalidError
		switch {
		case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
			return fmt.Errorf("certificate expired on %s", leaf.NotAfter.UTC().Format(time.DateOnly))
		case errors.As(err, &unknown):
			if why, ok := incompleteChain(certs, roots, known, now); ok {
				return errors.New(why)
			}
			return fmt.Errorf("certificate is issued by %q, which is not trusted (system roots, and --ca-file)", leaf.Issuer.CommonName)
		}
		return fmt.Errorf("certificate does not verify: %v", err)
	}
	if left := leaf.NotAfter.Sub(now); left < time.Duration(minDays)*24*time.Hour {
		return &ExpiresSoonError{Days: int(left.Hours() / 24), NotAfter: leaf.NotAfter, MinDays: minDays}
	}
	return nil
}

// ExpiresSoonError is a valid certificate that expires within the days
// required: the connection can still be used for the other checks.
type ExpiresSoonError struct {
	Days     int
	NotAfter time.Time
	MinDays  int
}

func (e *ExpiresSoonError) Error() string {
	return fmt.Sprintf("certificate expires in %d days (%s), under the %d required", e.Days, e.NotAfter.UTC().Format(time.DateOnly), e.MinDays)
}

// IncompleteChain begins the failure of a server that did not send the
// intermediate certificate between its certificate and a trusted root:
// browsers that have met the intermediate elsewhere connect, other clients
// (curl, most HTTP libraries, mobile apps) refuse.
const IncompleteChain = "the chain to a trusted root is incomplete"

// incompleteChain says why a chain (leaf first) that does not verify lacks
// its leaf's issuer, or false when the issuer is there (the chain is
// complete and untrusted) or nothing says it is an intermediate. The issuer
// is missing when the chain verifies with the intermediates of known added,
// or when the leaf names where its issuer is published (Authority
// Information Access), as every publicly trusted leaf does: public roots
// never sign leaves themselves.
func incompleteChain(certs []*x509.Certificate, roots, known *x509.CertPool, now time.Time) (string, bool) {
	leaf := certs[0]
	if bytes.Equal(leaf.RawIssuer, leaf.RawSubject) {
		return "", false // self-signed: there is no intermediate to miss
	}
	for _, c := range certs[1:] {
		if bytes.Equal(c.RawSubject, leaf.RawIssuer) {
			return "", false // its issuer was sent
		}
	}
	what := "the server sent no intermediate certificate: " + IncompleteChain
	if len(certs) > 1 {
		what = fmt.Sprintf("the server sent no certificate of the issuer %q: %s", leaf.Issuer.CommonName, IncompleteChain)
	}
	if known != nil {
		inter := known.Clone()
		for _, c := range certs[1:] {
			inter.AddCert(c)
		}
		chains, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: now})
		if err == nil && len(chains[0]) > 1 {
			return fmt.Sprintf("%s (it verifies with the intermediate %q of --ca-file added: send it after the certificate)",
				what, chains[0][1].Subject.CommonName), true
		}
	}
	if len(leaf.IssuingCertificateURL) > 0 {
		return fmt.Sprintf("%s (the issuer, %q, is published at %s: send it after the certificate)",
			what, leaf.Issuer.CommonName, strings.Join(leaf.IssuingCertificateURL, ", ")), true
	}
	return "", false
}
