package verify

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"strings"
	"time"
)

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
