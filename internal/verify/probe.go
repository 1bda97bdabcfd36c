package verify

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Via says how the checks reach the load balancer.
type Via string

const (
	// ViaDNS connects where the host resolves (with Prober.Resolver): what
	// users reach.
	ViaDNS Via = "dns"
	// ViaALB connects to the load balancer's own addresses with the host's
	// name, as `curl --resolve` does: it proves the load balancer before
	// any name points at it.
	ViaALB Via = "alb"
)

// RedirectPath is the path and query the redirect check requests over
// plain HTTP; the redirect must keep both.
const RedirectPath = "/meething-verify?check=redirect"

// Prober runs one check at a time against a host. Its zero value is not
// usable: set Via and LoadBalancer, or Connect.
type Prober struct {
	// Resolver is the system resolver: ViaDNS resolves hosts with it, ViaALB
	// the load balancer's name. Default: net.DefaultResolver.
	Resolver Resolver
	Via      Via
	// LoadBalancer is the load balancer's DNS name.
	LoadBalancer string
	// Connect, when set, is the host (name or address) every connection
	// goes to instead, whatever the host checked: a tunnel, or a test
	// server. Family is then not forced.
	Connect string
	// HTTPPort and HTTPSPort are the ports connected to for the
	// listeners on 80 and 443. Default: 80 and 443.
	HTTPPort, HTTPSPort int
	// Roots are the trusted certificate authorities. Default: the system's.
	Roots *x509.CertPool
	// Intermediates are intermediate certificates known here (those of
	// --ca-file): a chain that verifies only with one of them added is
	// incomplete, not untrusted. Default: none.
	Intermediates *x509.CertPool
	// Now is the clock certificates are checked against. Default: time.Now.
	Now func() time.Time
}

// dialer returns the DialContext of a connection to host over family:
// addr's port 80 or 443 becomes HTTPPort or HTTPSPort, and its host the
// address Via or Connect say.
func (p *Prober) dialer(family Family) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, _, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		port = p.port(port)
		var d net.Dialer
		if p.Connect != "" {
			return d.DialContext(ctx, "tcp", net.JoinHostPort(p.Connect, port))
		}
		name, what := host, host
		if p.Via == ViaALB {
			name, what = p.LoadBalancer, "the load balancer "+p.LoadBalancer
		}
		start := time.Now()
		ips, err := p.resolver().LookupIP(ctx, family.network("ip"), name)
		if err != nil || len(ips) == 0 {
			return nil, fmt.Errorf("no %s address for %s (%s)", family, what, lookupWhy(ctx, start, err, family))
		}
		var errs []error
		for _, ip := range ips {
			c, err := d.DialContext(ctx, family.network("tcp"), net.JoinHostPort(ip.String(), port))
			if err == nil {
				return c, nil
			}
			errs = append(errs, err)
		}
		return nil, errors.Join(errs...)
	}
}

func (p *Prober) port(listener string) string {
	switch {
	case listener == "80" && p.HTTPPort != 0:
		return strconv.Itoa(p.HTTPPort)
	case listener == "443" && p.HTTPSPort != 0:
		return strconv.Itoa(p.HTTPSPort)
	}
	return listener
}

func (p *Prober) resolver() Resolver {
	if p.Resolver != nil {
		return p.Resolver
	}
	return net.DefaultResolver
}

func (p *Prober) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// Answer is a response with its body read.
type Answer struct {
	URL    string
	Status int
	Header http.Header
	Body   []byte
}

// Get requests rawURL (http:// or https://, no port) of its host over
// family, without following redirects, verifying the certificate for the
// host against Roots, and returns the answer with up to 64 KiB of its body.
func (p *Prober) Get(ctx context.Context, rawURL string, family Family) (*Answer, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", "meething-verify")
	// Dialled here, not by the transport, so that a dial's failure (no
	// address, no answer) is the one reported, not the request's context.
	start := time.Now()
	port := map[string]string{"http": "80", "https": "443"}[req.URL.Scheme]
	conn, err := p.dialer(family)(ctx, "tcp", net.JoinHostPort(req.URL.Hostname(), port))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rawURL, noAnswer(ctx, start, err))
	}
	var taken atomic.Bool
	defer func() {
		if !taken.Load() {
			conn.Close()
		}
	}()
	dial := func(context.Context, string, string) (net.Conn, error) {
		if taken.Swap(true) {
			return nil, errors.New("a second connection for one request")
		}
		return conn, nil
	}
	client := &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport: &http.Transport{
			Proxy:               nil,
			DialContext:         dial,
			TLSClientConfig:     &tls.Config{ServerName: req.URL.Hostname(), RootCAs: p.Roots, MinVersion: tls.VersionTLS12},
			TLSHandshakeTimeout: 10 * time.Second,
			DisableKeepAlives:   true,
		},
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rawURL, noAnswer(ctx, start, unwrapURL(err)))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		return nil, fmt.Errorf("reading the answer of %s: %w", rawURL, noAnswer(ctx, start, err))
	}
	return &Answer{URL: rawURL, Status: resp.StatusCode, Header: resp.Header, Body: body}, nil
}

// Redirect checks that plain HTTP to host answers 301 to the same host and
// path over HTTPS, as the HTTP listener's default action does.
func (p *Prober) Redirect(ctx context.Context, host string, family Family) error {
	from := "http://" + host + RedirectPath
	a, err := p.Get(ctx, from, family)
	if err != nil {
		return err
	}
	loc := a.Header.Get("Location")
	if a.Status != http.StatusMovedPermanently {
		if loc != "" {
			return fmt.Errorf("%s answered %d redirecting to %s, want a 301 to HTTPS", from, a.Status, loc)
		}
		return fmt.Errorf("%s answered %d, not a 301 redirect to HTTPS", from, a.Status)
	}
	u, err := url.Parse(loc)
	switch {
	case err != nil || loc == "":
		return fmt.Errorf("%s answered 301 without a usable Location (%q)", from, loc)
	case u.Scheme != "https":
		return fmt.Errorf("%s redirects to %s, not to HTTPS", from, loc)
	case !strings.EqualFold(u.Hostname(), host):
		return fmt.Errorf("%s redirects to %s, another host", from, loc)
	case u.Port() != "" && u.Port() != "443":
		return fmt.Errorf("%s redirects to %s, not to port 443", from, loc)
	case u.RequestURI() != RedirectPath:
		return fmt.Errorf("%s redirects to %s, losing the path %s", from, loc, RedirectPath)
	}
	return nil
}

// TLS checks that HTTPS to host, with host as the server name (SNI),
// completes a handshake whose certificate chains to Roots, covers host and
// is valid for at least minDays more days.
func (p *Prober) TLS(ctx context.Context, host string, family Family, minDays int) error {
	start := time.Now()
	raw, err := p.dialer(family)(ctx, "tcp", net.JoinHostPort(host, "443"))
	if err != nil {
		return fmt.Errorf("connecting to %s:443: %w", host, noAnswer(ctx, start, err))
	}
	defer raw.Close()
	// Verified below, to say what is wrong in the user's words.
	conn := tls.Client(raw, &tls.Config{ServerName: host, InsecureSkipVerify: true, MinVersion: tls.VersionTLS12}) //nolint:gosec // verified by hand below
	if err := conn.HandshakeContext(ctx); err != nil {
		return fmt.Errorf("TLS handshake with %s: %w", host, noAnswer(ctx, start, err))
	}
	certs := conn.ConnectionState().PeerCertificates
	if len(certs) == 0 {
		return fmt.Errorf("%s presented no certificate", host)
	}
	return CheckCertificate(certs, host, p.Roots, p.Intermediates, p.now(), minDays)
}

// HasIPv6Route says whether this machine has a route to the IPv6 internet:
// it asks the kernel for a route to a documentation address (2001:db8::1)
// by connecting a UDP socket, which sends nothing.
func HasIPv6Route() bool {
	c, err := net.Dial("udp6", "[2001:db8::1]:53")
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// lookupReason says why a look-up found no address, without the name of
// the resolver the Go resolver would have asked had it not been redirected.
func lookupReason(err error, family Family) string {
	var dnsErr *net.DNSError
	switch {
	case err == nil, errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return "no " + family.record() + " record"
	case errors.As(err, &dnsErr):
		return dnsErr.Err
	}
	return err.Error()
}

// unwrapURL drops the *url.Error wrapping, whose message repeats the URL.
func unwrapURL(err error) error {
	var u *url.Error
	if errors.As(err, &u) {
		return u.Err
	}
	return err
}
