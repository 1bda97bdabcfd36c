// Package verifytest has fakes of a load balancer and its zone for the
// tests of meething verify: a certificate authority the test alone trusts,
// HTTP and HTTPS servers on 127.0.0.1 and ::1 that answer as the stack's
// load balancer does, and a DNS server on 127.0.0.1. Loopback only; each
// stops when its test ends.
package verifytest

import (
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"
)

// The fakes stand in for a load balancer and its zone on loopback only.
const (
	Domain = "meething.test"
	LB     = "meething-1.ap-northeast-2.elb.amazonaws.com"
	OldLB  = "old-edge-9.ap-northeast-2.elb.amazonaws.com"
)

// ALB answers as the stack's load balancer does: HTTP redirects to
// HTTPS, HTTPS routes by host (services answer their health path with 200),
// anything else gets the fixed 404 "Not found", with the listener's headers.
type ALB struct {
	mu sync.Mutex
	// Cert is what HTTPS presents; Headers are added to every HTTPS answer;
	// Services answer their hosts; Redirect, when set, answers plain HTTP.
	// Change them with Set.
	Cert     tls.Certificate
	Headers  map[string]string
	Services map[string]http.HandlerFunc // by host
	Redirect http.HandlerFunc
	// HTTPPort and HTTPSPort are the same on 127.0.0.1 and ::1.
	HTTPPort, HTTPSPort int
}

// Set changes the fake under its lock.
func (f *ALB) Set(change func(f *ALB)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	change(f)
}

func (f *ALB) serveHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	redirect := f.Redirect
	f.mu.Unlock()
	if redirect != nil {
		redirect(w, r)
		return
	}
	http.Redirect(w, r, "https://"+hostOnly(r.Host)+":443"+r.URL.RequestURI(), http.StatusMovedPermanently)
}

func (f *ALB) serveHTTPS(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	h, headers := f.Services[hostOnly(r.Host)], f.Headers
	f.mu.Unlock()
	for k, v := range headers {
		w.Header().Set(k, v)
	}
	w.Header().Set("Server", "awselb/2.0")
	if h == nil {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, "Not found")
		return
	}
	h(w, r)
}

func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return hostport
}

// Healthy answers a health path as a service does.
func Healthy(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Server", "api")
	fmt.Fprint(w, "ok")
}

// NoTargets answers as the load balancer does for a group without healthy
// targets: its own 503 page.
func NoTargets(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(http.StatusServiceUnavailable)
	fmt.Fprint(w, "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n</html>")
}

// StartALB serves HTTP and HTTPS on 127.0.0.1 and ::1, one port each
// shared by both addresses, until the test ends.
func StartALB(t testing.TB, cert tls.Certificate) *ALB {
	t.Helper()
	f := &ALB{Cert: cert, Services: map[string]http.HandlerFunc{}, Headers: map[string]string{}}
	tlsConf := &tls.Config{GetCertificate: func(*tls.ClientHelloInfo) (*tls.Certificate, error) {
		f.mu.Lock()
		defer f.mu.Unlock()
		return &f.Cert, nil
	}}
	f.HTTPPort = serveBoth(t, &http.Server{Handler: http.HandlerFunc(f.serveHTTP)}, nil)
	f.HTTPSPort = serveBoth(t, &http.Server{Handler: http.HandlerFunc(f.serveHTTPS)}, tlsConf)
	return f
}

// serveBoth serves srv on one port of 127.0.0.1 and ::1 and returns it.
func serveBoth(t testing.TB, srv *http.Server, tlsConf *tls.Config) int {
	t.Helper()
	for try := 0; try < 20; try++ {
		l4, err := net.Listen("tcp4", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := l4.Addr().(*net.TCPAddr).Port
		l6, err := net.Listen("tcp6", net.JoinHostPort("::1", strconv.Itoa(port)))
		if err != nil {
			l4.Close()
			continue
		}
		for _, l := range []net.Listener{l4, l6} {
			if tlsConf != nil {
				l = tls.NewListener(l, tlsConf)
			}
			go srv.Serve(l) //nolint:errcheck // ends at Close
		}
		t.Cleanup(func() { srv.Close() })
		return port
	}
	t.Fatal("no port free on both 127.0.0.1 and ::1")
	return 0
}

// Edge is a load balancer and its zone: the ALB serves *.Domain and Domain
// with a 90-day certificate from CA; the zone resolves LB and every host to
// 127.0.0.1 (A) and ::1 (AAAA), and OldLB, the hand-built edge's load
// balancer, to 127.0.0.2.
type Edge struct {
	CA   *CA
	ALB  *ALB
	Zone *Zone
}

// NewEdge starts an Edge serving hosts; services are the hosts whose health
// paths answer as a healthy service does.
func NewEdge(t testing.TB, hosts, services []string) *Edge {
	t.Helper()
	ca := NewCA(t)
	e := &Edge{CA: ca, ALB: StartALB(t, ca.Issue(t, 90*24*time.Hour, "*."+Domain, Domain)), Zone: StartZone(t)}
	for _, s := range services {
		e.ALB.Services[s] = Healthy
	}
	e.Zone.Add(t, LB+". 60 IN A 127.0.0.1", LB+". 60 IN AAAA ::1", OldLB+". 60 IN A 127.0.0.2")
	for _, h := range hosts {
		e.PointAt(t, h, "")
	}
	return e
}

// PointAt replaces host's records: with target "" the A and AAAA of the
// load balancer, else a CNAME to target.
func (e *Edge) PointAt(t testing.TB, host, target string) {
	t.Helper()
	e.Zone.Clear(host)
	if target != "" {
		e.Zone.Add(t, dns.Fqdn(host)+" 60 IN CNAME "+dns.Fqdn(target))
		return
	}
	e.Zone.Add(t, dns.Fqdn(host)+" 60 IN A 127.0.0.1", dns.Fqdn(host)+" 60 IN AAAA ::1")
}

// Silent listens on 127.0.0.1 and returns its port: it accepts connections
// and never answers, until the test ends.
func Silent(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	return l.Addr().(*net.TCPAddr).Port
}

// Named answers a health path as the service name does: with the header
// X-Service: name and the body "ok name".
func Named(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Service", name)
		fmt.Fprint(w, "ok "+name)
	}
}
