package integration

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/meething/edge/loadbalancer"
)

// checkRedirect checks that plain HTTP to host answers with the HTTP
// listener's permanent redirect to the same host over HTTPS.
func checkRedirect(ctx context.Context, e *edge, host string) error {
	resp, _, err := get(ctx, e, "http://"+host+"/")
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusMovedPermanently {
		return fmt.Errorf("http://%s/ answered %s, want 301", host, resp.Status)
	}
	if got, want := resp.Header.Get("Location"), "https://"+host+":443/"; got != want {
		return fmt.Errorf("http://%s/ redirects to %q, want %q", host, got, want)
	}
	return nil
}

// checkCertificate checks that HTTPS to host completes a verified TLS
// handshake whose leaf certificate covers host. Any status will do.
func checkCertificate(ctx context.Context, e *edge, host string) error {
	resp, _, err := get(ctx, e, "https://"+host+"/")
	if err != nil {
		return err // a certificate that does not verify fails here
	}
	if resp.TLS == nil || len(resp.TLS.PeerCertificates) == 0 {
		return fmt.Errorf("https://%s/ answered without a peer certificate", host)
	}
	leaf := resp.TLS.PeerCertificates[0]
	if err := leaf.VerifyHostname(host); err != nil {
		return fmt.Errorf("the certificate of https://%s/ (names %v) does not cover it: %w", host, leaf.DNSNames, err)
	}
	return nil
}

// checkNotFound checks that HTTPS to a host no rule matches gets the HTTPS
// listener's fixed 404.
func checkNotFound(ctx context.Context, e *edge, host string) error {
	resp, body, err := get(ctx, e, "https://"+host+"/")
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusNotFound || string(body) != loadbalancer.NotFoundBody {
		return fmt.Errorf("https://%s/ answered %s %q, want 404 %q", host, resp.Status, body, loadbalancer.NotFoundBody)
	}
	return nil
}

// checkNoTargets checks that HTTPS to a service without registered targets
// gets the load balancer's 503: the host rule matched, and the target group
// has nobody to forward to.
func checkNoTargets(ctx context.Context, e *edge, host string) error {
	resp, _, err := get(ctx, e, "https://"+host+"/")
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusServiceUnavailable {
		return fmt.Errorf("https://%s/ answered %s, want 503", host, resp.Status)
	}
	return nil
}

// get fetches rawURL through e and returns the response with its body read
// (up to 64 KiB) and closed.
func get(ctx context.Context, e *edge, rawURL string) (*http.Response, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, nil, err
	}
	resp, err := e.client(req.URL.Hostname()).Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		return nil, nil, fmt.Errorf("reading the answer of %s: %w", rawURL, err)
	}
	return resp, body, nil
}
