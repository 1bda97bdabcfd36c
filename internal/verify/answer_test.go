package verify_test

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/meething/edge/internal/lbaction"
	"github.com/meething/edge/internal/verify"
	vt "github.com/meething/edge/internal/verify/verifytest"
)

var notFound = verify.Action{Type: "fixed-response", Answer: lbaction.Answer{StatusCode: 404, Body: "Not found"}}

func TestCheckAnswer(t *testing.T) {
	service := verify.Host{Name: "api.x", Kind: verify.KindService, Path: "/healthz",
		Expect: verify.Action{Type: "forward", TargetGroup: "meething-api", Matcher: "200-399"}}
	fixed := verify.Host{Name: "x", Kind: verify.KindFixed, Path: "/",
		Expect: verify.Action{Type: "fixed-response", Answer: lbaction.Answer{StatusCode: 410, Body: "gone"}}}
	redirect := verify.Host{Name: "old.x", Kind: verify.KindRedirect, Path: "/a",
		Expect: verify.Action{Type: "redirect", Answer: lbaction.Answer{StatusCode: 301, Location: "https://new.x:443/#{path}?#{query}"}}}
	alb503 := &verify.Answer{Status: 503, Header: http.Header{"Server": {"awselb/2.0"}}}
	signed := func(sig verify.Signature) verify.Host { h := service; h.Signature = &sig; return h }
	byHeader := signed(verify.Signature{Header: "x-service", HeaderValue: "api"})
	anyValue := signed(verify.Signature{Header: "X-Service"})
	byBody := signed(verify.Signature{Contains: `"service":"api"`})
	chat := http.Header{"X-Service": {"chat"}}
	tests := []struct {
		name      string
		host      verify.Host
		answer    *verify.Answer
		noTargets bool
		want      string // a substring of the failure; "" for a pass
	}{
		{"service answers", service, &verify.Answer{Status: 200}, false, ""},
		{"default 404", service, &verify.Answer{Status: 404, Body: []byte("Not found")}, false, "answered the load balancer's default 404"},
		{"no healthy target", service, alb503, false, "target group meething-api has no healthy target"},
		{"no targets allowed", service, alb503, true, ""},
		{"service fails", service, &verify.Answer{Status: 500}, false, "answered 500, outside the health check's 200-399"},
		{"service's own header", byHeader, &verify.Answer{Status: 200, Header: http.Header{"X-Service": {"api"}}}, false, ""},
		{"no header: another service", byHeader, &verify.Answer{Status: 200, Header: http.Header{}}, false,
			`api.x /healthz: answered 200 without "x-service: api" (the answer of another service?)`},
		{"another service's header", byHeader, &verify.Answer{Status: 200, Header: chat}, false,
			`api.x /healthz: answered 200 with "X-Service: chat", not "x-service: api" (the answer of another service?)`},
		{"header with any value", anyValue, &verify.Answer{Status: 200, Header: chat}, false, ""},
		{"header missing, any value", anyValue, &verify.Answer{Status: 204, Header: http.Header{}}, false, `api.x /healthz: answered 204 without "X-Service"`},
		{"service's own body", byBody, &verify.Answer{Status: 200, Body: []byte(`{"service":"api","ok":true}`)}, false, ""},
		{"another service's body", byBody, &verify.Answer{Status: 200, Body: []byte(`{"service":"chat"}`)}, false,
			`api.x /healthz: answered 200 without "\"service\":\"api\"" in its body (the answer of another service?)`},
		{"no targets: no signature to check", byHeader, alb503, true, ""},
		{"fixed as configured", fixed, &verify.Answer{Status: 410, Body: []byte("gone")}, false, ""},
		{"fixed otherwise", fixed, &verify.Answer{Status: 200, Body: []byte("hi")}, false, `answered 200 "hi", want the fixed 410 "gone"`},
		{"fixed code, another body", fixed, &verify.Answer{Status: 410, Body: []byte("went")}, false, `answered 410 "went", want the fixed 410 "gone"`},
		{"redirect as configured", redirect, &verify.Answer{URL: "https://old.x/a", Status: 301, Header: http.Header{"Location": {"https://new.x:443/a?"}}}, false, ""},
		{"redirect elsewhere", redirect, &verify.Answer{URL: "https://old.x/a", Status: 301, Header: http.Header{"Location": {"https://evil.x/a"}}}, false, "want https://new.x"},
		{"redirect missing", redirect, &verify.Answer{URL: "https://old.x/a", Status: 200}, false, "answered 200, want a 301 redirect"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.answer.URL == "" {
				tt.answer.URL = "https://" + tt.host.Name + tt.host.Path
			}
			err := verify.CheckAnswer(tt.answer, tt.host, notFound, tt.noTargets)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("want a pass, got %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("got %v, want a failure with %q", err, tt.want)
			}
		})
	}
}

func TestCheckHeaders(t *testing.T) {
	want := map[string]string{"Strict-Transport-Security": "max-age=31536000"}
	tests := []struct {
		name   string
		header http.Header
		err    string
	}{
		{"present", http.Header{"Strict-Transport-Security": {"max-age=31536000"}}, ""},
		{"missing", http.Header{}, `no Strict-Transport-Security header (want "max-age=31536000")`},
		{"other value", http.Header{"Strict-Transport-Security": {"max-age=60"}}, `Strict-Transport-Security is "max-age=60", want "max-age=31536000"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := verify.CheckHeaders(&verify.Answer{Header: tt.header}, want)
			if got := errString(err); got != tt.err {
				t.Errorf("got %q, want %q", got, tt.err)
			}
		})
	}
}

func TestCheckCertificate(t *testing.T) {
	ca := vt.NewCA(t)
	inter := ca.Intermediate(t, "meething test intermediate")
	published := ca.Intermediate(t, "meething published intermediate")
	published.IssuerURL = "http://ca.example/published.der"
	knownInter := x509.NewCertPool()
	knownInter.AddCert(inter.Cert)
	now := time.Now()
	chain := func(c tls.Certificate) []*x509.Certificate {
		var out []*x509.Certificate
		for _, der := range c.Certificate {
			parsed, err := x509.ParseCertificate(der)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, parsed)
		}
		return out
	}
	leaf := func(valid time.Duration, names ...string) []*x509.Certificate {
		return chain(ca.Issue(t, valid, names...))
	}
	day90 := 90 * 24 * time.Hour
	tests := []struct {
		name         string
		certs        []*x509.Certificate
		roots, known *x509.CertPool
		now          time.Time
		err          string
	}{
		{"valid", leaf(day90, "*.meething.net", "meething.net"), ca.Pool, nil, now, ""},
		{"other names", leaf(day90, "*.example.com"), ca.Pool, nil, now, "certificate covers *.example.com, not api.meething.net"},
		{"expires soon", leaf(10*24*time.Hour+time.Hour, "api.meething.net"), ca.Pool, nil, now, "certificate expires in 10 days"},
		{"expired", leaf(24*time.Hour, "api.meething.net"), ca.Pool, nil, now.Add(48 * time.Hour), "certificate expired on"},
		{"untrusted", leaf(day90, "api.meething.net"), vt.NewCA(t).Pool, knownInter, now, `certificate is issued by "meething test CA", which is not trusted`},
		{"leaf and intermediate sent", chain(inter.WithChain(inter.Issue(t, day90, "api.meething.net"))), ca.Pool, nil, now, ""},
		{"intermediate not sent, known here", chain(inter.Issue(t, day90, "api.meething.net")), ca.Pool, knownInter, now,
			`the server sent no intermediate certificate: the chain to a trusted root is incomplete (it verifies with the intermediate "meething test intermediate" of --ca-file added: send it after the certificate)`},
		{"intermediate not sent, published", chain(published.Issue(t, day90, "api.meething.net")), ca.Pool, nil, now,
			`the server sent no intermediate certificate: the chain to a trusted root is incomplete (the issuer, "meething published intermediate", is published at http://ca.example/published.der: send it after the certificate)`},
		{"another intermediate sent", chain(published.WithChain(inter.Issue(t, day90, "api.meething.net"))), ca.Pool, knownInter, now,
			`the server sent no certificate of the issuer "meething test intermediate": the chain to a trusted root is incomplete`},
		{"intermediate not sent, nothing says so", chain(inter.Issue(t, day90, "api.meething.net")), ca.Pool, nil, now,
			`certificate is issued by "meething test intermediate", which is not trusted`},
		{"whole chain sent, root untrusted", chain(published.WithChain(published.Issue(t, day90, "api.meething.net"))), vt.NewCA(t).Pool, knownInter, now,
			`certificate is issued by "meething published intermediate", which is not trusted`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := verify.CheckCertificate(tt.certs, "api.meething.net", tt.roots, tt.known, tt.now, 30)
			if got := errString(err); tt.err == "" && got != "" || !strings.Contains(got, tt.err) {
				t.Errorf("got %q, want %q", got, tt.err)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
