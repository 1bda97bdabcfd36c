package integration

import (
	"context"
	"fmt"

	"github.com/meething/edge/internal/lbaction"
	"github.com/meething/edge/internal/verify"
	"github.com/meething/edge/stackconfig"
)

// The checks are meething verify's own (internal/verify), one at a time, so
// that each can be retried while the new load balancer comes up.
//
// The edge is reached as a browser would reach it, with one difference: names
// are resolved at the hosted zone's own name servers instead of through a
// recursive resolver. Asking the authoritative servers still exercises the
// stack's wildcard alias record (unlike dialling the ALB's DNS name, which
// would skip it), and no cache stands in between: a recursive resolver asked a
// moment before the record existed may keep the NXDOMAIN for the zone's
// negative TTL (an hour or more on Route53 by default), longer than the test
// waits. The connection then goes to the addresses found, with the service
// host as the TLS server name and the Host header, as for any client.
type edge struct {
	prober *verify.Prober
}

// newEdge returns an edge that resolves at d's name servers, taking them in
// turn, and connects over IPv4 (the test's stack is not dual-stack).
func newEdge(d deployment) *edge {
	return &edge{prober: &verify.Prober{
		Resolver:     verify.AtNameServer(d.nameServers...),
		Via:          verify.ViaDNS,
		LoadBalancer: d.albDNSName,
	}}
}

// minDays is how long an issued certificate must still be valid: ACM issues
// for 13 months.
const minDays = 30

// notFound is the HTTPS listener's default action.
var notFound = verify.Action{Type: "fixed-response", Answer: lbaction.Answer{StatusCode: 404, Body: stackconfig.NotFoundBody}}

// checkRedirect checks that plain HTTP to host answers with the HTTP
// listener's permanent redirect to the same host and path over HTTPS.
func checkRedirect(ctx context.Context, e *edge, host string) error {
	return e.prober.Redirect(ctx, host, verify.IPv4)
}

// checkCertificate checks that HTTPS to host completes a verified TLS
// handshake whose certificate covers host and stays valid minDays more days.
func checkCertificate(ctx context.Context, e *edge, host string) error {
	return e.prober.TLS(ctx, host, verify.IPv4, minDays)
}

// checkNotFound checks that HTTPS to a host no rule matches gets the HTTPS
// listener's fixed 404.
func checkNotFound(ctx context.Context, e *edge, host string) error {
	a, err := e.prober.Get(ctx, "https://"+host+"/", verify.IPv4)
	if err != nil {
		return err
	}
	return verify.CheckAnswer(a, verify.Host{Name: host, Kind: verify.KindDefault, Path: "/", Expect: notFound}, notFound, false)
}

// checkNoTargets checks that HTTPS to a service without registered targets
// gets the load balancer's own 503: the host rule matched (not the default
// 404), and the target group has nobody to forward to.
func checkNoTargets(ctx context.Context, e *edge, host string) error {
	a, err := e.prober.Get(ctx, "https://"+host+"/", verify.IPv4)
	if err != nil {
		return err
	}
	if !verify.IsLoadBalancer503(a) {
		return fmt.Errorf("https://%s/ answered %d %q, want the load balancer's 503 for a group without targets", host, a.Status, a.Body)
	}
	return nil
}
