package verify_test

import (
	"context"
	"crypto/x509"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/meething/edge/internal/lbaction"
	"github.com/meething/edge/internal/verify"
	vt "github.com/meething/edge/internal/verify/verifytest"
)

var (
	api       = "api." + vt.Domain
	unmatched = verify.UnmatchedLabel + "." + vt.Domain
)

// setup starts a fake edge serving api and the unmatched host, and returns
// the promise and options of a run against it that passes.
func setup(t *testing.T, dual bool) (*vt.Edge, *verify.Promise, verify.Options) {
	t.Helper()
	e := vt.NewEdge(t, []string{api, unmatched}, []string{api})
	e.ALB.Services[api] = vt.Named("api")
	hsts := map[string]string{"Strict-Transport-Security": "max-age=31536000; includeSubDomains"}
	e.ALB.Headers = hsts
	notFound := verify.Action{Type: "fixed-response", Answer: lbaction.Answer{StatusCode: 404, Body: "Not found", ContentType: "text/plain"}}
	p := &verify.Promise{
		Stack: "test", Domain: vt.Domain, IPv4: true, IPv6: dual, Headers: hsts, Default: notFound, Aliased: true,
		LoadBalancer: vt.LB, NameServers: []string{e.Zone.Addr},
		Hosts: []verify.Host{
			{Name: api, Kind: verify.KindService, Rule: "meething-api", Path: "/healthz",
				Expect:    verify.Action{Type: "forward", TargetGroup: "meething-api", HealthPath: "/healthz", Matcher: "200-399"},
				Signature: &verify.Signature{Header: "X-Service", HeaderValue: "api"}},
			{Name: unmatched, Kind: verify.KindDefault, Path: "/", Expect: notFound},
		},
	}
	o := verify.Options{
		Prober: verify.Prober{Resolver: e.Zone.Resolver(), Via: verify.ViaDNS, LoadBalancer: vt.LB,
			HTTPPort: e.ALB.HTTPPort, HTTPSPort: e.ALB.HTTPSPort, Roots: e.CA.Pool},
		MinDays: 30, Timeout: 20 * time.Second, Attempts: 1, Others: []string{vt.OldLB},
	}
	return e, p, o
}

// failures lists "host check: reason" of every failed check.
func failures(r *verify.Report) []string {
	var out []string
	for _, h := range r.Hosts {
		for _, c := range h.Checks {
			if c.Status == verify.Fail {
				out = append(out, fmt.Sprintf("%s %s: %s", h.Host, c.Check, c.Reason))
			}
		}
	}
	return out
}

func TestRun(t *testing.T) {
	tests := []struct {
		name   string
		dual   bool
		change func(t *testing.T, e *vt.Edge, o *verify.Options)
		// want are substrings of the failures, "host check: reason"; none
		// means the run passes.
		want []string
		// pass are checks that pass all the same, as "host check".
		pass []string
		// note is one of the report's notes.
		note string
	}{
		{name: "all pass", change: func(*testing.T, *vt.Edge, *verify.Options) {}},
		{name: "all pass dual-stack", dual: true, change: func(*testing.T, *vt.Edge, *verify.Options) {}},
		{name: "certificate for other names", change: func(t *testing.T, e *vt.Edge, _ *verify.Options) {
			e.ALB.Set(func(f *vt.ALB) { f.Cert = e.CA.Issue(t, 90*24*time.Hour, "*.example.com") })
		}, want: []string{
			api + " tls: certificate covers *.example.com, not " + api,
			unmatched + " tls: certificate covers *.example.com, not " + unmatched,
		}},
		{name: "certificate expires soon", change: func(t *testing.T, e *vt.Edge, _ *verify.Options) {
			e.ALB.Set(func(f *vt.ALB) { f.Cert = e.CA.Issue(t, 10*24*time.Hour, "*."+vt.Domain) })
		}, want: []string{api + " tls: certificate expires in 9 days", "under the 30 required"},
			// The certificate is valid still: the answer is checked.
			pass: []string{api + " headers", api + " answer"}},
		{name: "certificate from an untrusted authority", change: func(t *testing.T, e *vt.Edge, _ *verify.Options) {
			other := vt.NewCA(t)
			e.ALB.Set(func(f *vt.ALB) { f.Cert = other.Issue(t, 90*24*time.Hour, "*."+vt.Domain) })
		}, want: []string{api + ` tls: certificate is issued by "meething test CA", which is not trusted`}},
		{name: "no redirect", change: func(t *testing.T, e *vt.Edge, _ *verify.Options) {
			e.ALB.Set(func(f *vt.ALB) { f.Redirect = func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "plain") } })
		}, want: []string{api + " redirect: http://" + api + verify.RedirectPath + " answered 200, not a 301 redirect to HTTPS"}},
		{name: "redirect to another host", change: func(t *testing.T, e *vt.Edge, _ *verify.Options) {
			e.ALB.Set(func(f *vt.ALB) {
				f.Redirect = func(w http.ResponseWriter, r *http.Request) {
					http.Redirect(w, r, "https://www.example.com/", http.StatusMovedPermanently)
				}
			})
		}, want: []string{api + " redirect: http://" + api + verify.RedirectPath + " redirects to https://www.example.com/, another host"}},
		{name: "redirect to another port", change: func(t *testing.T, e *vt.Edge, _ *verify.Options) {
			e.ALB.Set(func(f *vt.ALB) {
				f.Redirect = func(w http.ResponseWriter, r *http.Request) {
					http.Redirect(w, r, "https://"+api+":8443"+verify.RedirectPath, http.StatusMovedPermanently)
				}
			})
		}, want: []string{api + " redirect: http://" + api + verify.RedirectPath + " redirects to https://" + api + ":8443" + verify.RedirectPath + ", not to port 443"}},
		{name: "redirect losing the path", change: func(t *testing.T, e *vt.Edge, _ *verify.Options) {
			e.ALB.Set(func(f *vt.ALB) {
				f.Redirect = func(w http.ResponseWriter, r *http.Request) {
					http.Redirect(w, r, "https://"+api+"/", http.StatusMovedPermanently)
				}
			})
		}, want: []string{api + " redirect: http://" + api + verify.RedirectPath + " redirects to https://" + api + "/, losing the path " + verify.RedirectPath}},
		{name: "health path answered by the load balancer's 404", change: func(t *testing.T, e *vt.Edge, _ *verify.Options) {
			e.ALB.Set(func(f *vt.ALB) { delete(f.Services, api) })
		}, want: []string{api + ` answer: https://` + api + `/healthz answered the load balancer's default 404 "Not found": no rule sends it to meething-api`}},
		{name: "no healthy target", change: func(t *testing.T, e *vt.Edge, _ *verify.Options) {
			e.ALB.Set(func(f *vt.ALB) { f.Services[api] = vt.NoTargets })
		}, want: []string{api + " answer: https://" + api + "/healthz answered the load balancer's 503: target group meething-api has no healthy target"}},
		{name: "no healthy target allowed", change: func(t *testing.T, e *vt.Edge, o *verify.Options) {
			e.ALB.Set(func(f *vt.ALB) { f.Services[api] = vt.NoTargets })
			o.NoTargets = true
		}},
		{name: "another service's answer", change: func(t *testing.T, e *vt.Edge, _ *verify.Options) {
			e.ALB.Set(func(f *vt.ALB) { f.Services[api] = vt.Named("chat") })
		}, want: []string{api + ` answer: ` + api + ` /healthz: answered 200 with "X-Service: chat", not "X-Service: api" (the answer of another service?)`}},
		{name: "an answer without the service's header", change: func(t *testing.T, e *vt.Edge, _ *verify.Options) {
			e.ALB.Set(func(f *vt.ALB) { f.Services[api] = vt.Healthy })
		}, want: []string{api + ` answer: ` + api + ` /healthz: answered 200 without "X-Service: api" (the answer of another service?)`}},
		{name: "intermediate certificate not sent", change: func(t *testing.T, e *vt.Edge, o *verify.Options) {
			inter := e.CA.Intermediate(t, "meething test intermediate")
			o.Intermediates = x509.NewCertPool()
			o.Intermediates.AddCert(inter.Cert)
			e.ALB.Set(func(f *vt.ALB) { f.Cert = inter.Issue(t, 90*24*time.Hour, "*."+vt.Domain) })
		}, want: []string{api + " tls: the server sent no intermediate certificate: the chain to a trusted root is incomplete"}},
		{name: "intermediate certificate sent", change: func(t *testing.T, e *vt.Edge, o *verify.Options) {
			inter := e.CA.Intermediate(t, "meething test intermediate")
			o.Intermediates = x509.NewCertPool()
			o.Intermediates.AddCert(inter.Cert)
			e.ALB.Set(func(f *vt.ALB) { f.Cert = inter.WithChain(inter.Issue(t, 90*24*time.Hour, "*."+vt.Domain)) })
		}},
		{name: "missing HSTS", change: func(t *testing.T, e *vt.Edge, _ *verify.Options) {
			e.ALB.Set(func(f *vt.ALB) { f.Headers = nil })
		}, want: []string{api + ` headers: no Strict-Transport-Security header (want "max-age=31536000; includeSubDomains")`}},
		{name: "missing AAAA", dual: true, change: func(t *testing.T, e *vt.Edge, _ *verify.Options) {
			e.Zone.Clear(api)
			e.Zone.Add(t, api+". 60 IN A 127.0.0.1")
		}, want: []string{api + " dns: over IPv6: AAAA at " /* the zone */, "no AAAA record"}},
		{name: "DNS at another load balancer by CNAME", change: func(t *testing.T, e *vt.Edge, _ *verify.Options) {
			e.PointAt(t, api, vt.OldLB)
		}, want: []string{api + " dns: A at 127.0.0.1", "points at another load balancer, " + vt.OldLB + ", not " + vt.LB}},
		{name: "DNS at another load balancer by address", change: func(t *testing.T, e *vt.Edge, _ *verify.Options) {
			e.Zone.Clear(api)
			e.Zone.Add(t, api+". 60 IN A 127.0.0.2")
		}, want: []string{api + " dns: A at 127.0.0.1", "points at another load balancer, " + vt.OldLB + " (127.0.0.2), not " + vt.LB}},
		{name: "no IPv6 route", dual: true, change: func(t *testing.T, e *vt.Edge, o *verify.Options) {
			e.ALB.Set(func(f *vt.ALB) { f.Headers = nil }) // fails over IPv4 only
			o.NoIPv6 = "this machine has no IPv6 route"
		}, want: []string{api + " headers: over IPv4: no Strict-Transport-Security header"},
			note: "IPv6 connections not checked: this machine has no IPv6 route"},
		{name: "connect without the load balancer's name", dual: true, change: func(t *testing.T, e *vt.Edge, o *verify.Options) {
			o.Connect, o.LoadBalancer = "127.0.0.1", ""
		}, note: "--connect 127.0.0.1: DNS and IPv6 were not checked: every connection went to 127.0.0.1, once, whatever the names resolve to"},
		{name: "connect with the load balancer's name", change: func(t *testing.T, e *vt.Edge, o *verify.Options) {
			o.Connect = "127.0.0.1"
		}, note: "--connect 127.0.0.1: the dns column checks the records alone: every connection went to 127.0.0.1, whatever the names resolve to"},
		{name: "DNS elsewhere is not counted via alb", change: func(t *testing.T, e *vt.Edge, o *verify.Options) {
			e.PointAt(t, api, vt.OldLB)
			o.Via = verify.ViaALB
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, p, o := setup(t, tt.dual)
			tt.change(t, e, &o)
			r := verify.Run(context.Background(), p, o)
			got := failures(r)
			if tt.note != "" && !slices.Contains(r.Notes, tt.note) {
				t.Errorf("notes %q, want %q among them", r.Notes, tt.note)
			}
			if len(tt.want) == 0 {
				if !r.Passed || len(got) > 0 {
					t.Fatalf("want a pass, got failures:\n%s", strings.Join(got, "\n"))
				}
				return
			}
			if r.Passed {
				t.Fatalf("the run passed, want failures with %q", tt.want)
			}
			for _, p := range tt.pass {
				if !passed(r, p) {
					t.Errorf("%s did not pass", p)
				}
			}
			all := strings.Join(got, "\n")
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("no failure contains %q; failures:\n%s", w, all)
				}
			}
		})
	}
}

// passed says whether the check "host check" passed.
func passed(r *verify.Report, hostCheck string) bool {
	for _, h := range r.Hosts {
		for _, c := range h.Checks {
			if h.Host+" "+c.Check == hostCheck {
				return c.Status == verify.Pass
			}
		}
	}
	return false
}

// TestRunDeadline checks that a load balancer that never answers ends the
// run at its deadline, with every check failed.
func TestRunDeadline(t *testing.T) {
	e, p, o := setup(t, false)
	silent := vt.Silent(t)
	o.HTTPPort, o.HTTPSPort = silent, silent
	o.Timeout, o.Attempts, o.Backoff = 2*time.Second, 5, 100*time.Millisecond
	_ = e
	start := time.Now()
	r := verify.Run(context.Background(), p, o)
	if took := time.Since(start); took > o.Timeout+time.Second {
		t.Errorf("the run took %s, past its %s deadline", took, o.Timeout)
	}
	if r.Passed {
		t.Fatal("a silent load balancer passed")
	}
	for _, h := range r.Hosts {
		for _, c := range h.Checks {
			if c.Check == verify.NameTLS && (c.Status != verify.Fail || !strings.Contains(c.Reason, "deadline")) {
				t.Errorf("%s tls: %s %q, want a failure at the deadline", h.Host, c.Status, c.Reason)
			}
		}
	}
}
