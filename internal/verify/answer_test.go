package verify_test

import (
	"crypto/x509"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/meething/edge/internal/verify"
	vt "github.com/meething/edge/internal/verify/verifytest"
)

var notFound = verify.Action{Type: "fixed-response", StatusCode: 404, Body: "Not found"}

func TestCheckAnswer(t *testing.T) {
	service := verify.Host{Name: "api.x", Kind: verify.KindService, Path: "/healthz",
		Expect: verify.Action{Type: "forward", TargetGroup: "meething-api", Matcher: "200-399"}}
	fixed := verify.Host{Name: "x", Kind: verify.KindFixed, Path: "/",
		Expect: verify.Action{Type: "fixed-response", StatusCode: 410, Body: "gone"}}
	redirect := verify.Host{Name: "old.x", Kind: verify.KindRedirect, Path: "/a",
		Expect: verify.Action{Type: "redirect", StatusCode: 301, Location: "https://new.x:443/#{path}?#{query}"}}
	alb503 := &verify.Answer{Status: 503, Header: http.Header{"Server": {"awselb/2.0"}}}
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
		{"fixed as configured", fixed, &verify.Answer{Status: 410, Body: []byte("gone")}, false, ""},
		{"fixed otherwise", fixed, &verify.Answer{Status: 200, Body: []byte("hi")}, false, `answered 200 "hi", want the fixed 410 "gone"`},
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
	now := time.Now()
	leaf := func(valid time.Duration, names ...string) []*x509.Certificate {
		c := ca.Issue(t, valid, names...)
		parsed, err := x509.ParseCertificate(c.Certificate[0])
		if err != nil {
			t.Fatal(err)
		}
		return []*x509.Certificate{parsed}
	}
	tests := []struct {
		name  string
		certs []*x509.Certificate
		roots *x509.CertPool
		now   time.Time
		err   string
	}{
		{"valid", leaf(90*24*time.Hour, "*.meething.net", "meething.net"), ca.Pool, now, ""},
		{"other names", leaf(90*24*time.Hour, "*.example.com"), ca.Pool, now, "certificate covers *.example.com, not api.meething.net"},
		{"expires soon", leaf(10*24*time.Hour+time.Hour, "api.meething.net"), ca.Pool, now, "certificate expires in 10 days"},
		{"expired", leaf(24*time.Hour, "api.meething.net"), ca.Pool, now.Add(48 * time.Hour), "certificate expired on"},
		{"untrusted", leaf(90*24*time.Hour, "api.meething.net"), vt.NewCA(t).Pool, now, `certificate is issued by "meething test CA", which is not trusted`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := verify.CheckCertificate(tt.certs, "api.meething.net", tt.roots, tt.now, 30)
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
