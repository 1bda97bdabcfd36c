package integration

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

// edge reaches the deployed stack as a browser would, with one difference:
// it resolves names at the hosted zone's own name servers instead of through
// a recursive resolver.
//
// Asking the authoritative servers still exercises the stack's wildcard alias
// record (unlike dialling the ALB's DNS name, which would skip it), and no
// cache stands in between: a recursive resolver asked a moment before the
// record existed may keep the NXDOMAIN for the zone's negative TTL (an hour
// or more on Route53 by default), longer than the test waits. The connection
// then goes to the addresses found, with the service host as the TLS server
// name and the Host header, as for any client.
type edge struct {
	resolver *net.Resolver
	dialer   net.Dialer
}

// newEdge returns an edge that resolves at nameServers, taking them in turn.
func newEdge(nameServers []string) *edge {
	e := &edge{dialer: net.Dialer{Timeout: 10 * time.Second}}
	var next atomic.Uint32
	e.resolver = &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
			ns := nameServers[int(next.Add(1))%len(nameServers)]
			return e.dialer.DialContext(ctx, network, net.JoinHostPort(strings.TrimSuffix(ns, "."), "53"))
		},
	}
	return e
}

// dial connects to addr's host at an address the zone's name servers give.
func (e *edge) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	ips, err := e.resolver.LookupHost(ctx, host)
	if err != nil {
		return nil, fmt.Errorf("resolving %s at the zone's name servers: %w", host, err)
	}
	var errs []error
	for _, ip := range ips {
		conn, err := e.dialer.DialContext(ctx, network, net.JoinHostPort(ip, port))
		if err == nil {
			return conn, nil
		}
		errs = append(errs, err)
	}
	return nil, errors.Join(errs...)
}

// client returns an HTTP client for host that verifies the server's
// certificate against the system roots and for host, and returns redirects
// instead of following them. It ignores proxy settings: it dials itself.
func (e *edge) client(host string) *http.Client {
	return &http.Client{
		Timeout: 20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
		Transport: &http.Transport{
			DialContext:         e.dial,
			TLSClientConfig:     &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12},
			TLSHandshakeTimeout: 10 * time.Second,
			DisableKeepAlives:   true,
		},
	}
}
