package verify_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/meething/edge/internal/verify"
	vt "github.com/meething/edge/internal/verify/verifytest"
)

// TestNoAnswer checks that a server that does not answer fails its checks
// with "no answer within 1 s" (the try's bound), not Go's error text.
func TestNoAnswer(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, p *verify.Promise, o *verify.Options)
		// want are the reasons of api's failed checks, by check.
		want map[string]string
	}{
		{"HTTP and HTTPS accept and never answer", func(t *testing.T, _ *verify.Promise, o *verify.Options) {
			port := vt.Silent(t)
			o.HTTPPort, o.HTTPSPort = port, port
		}, map[string]string{
			verify.NameRedirect: "http://" + api + verify.RedirectPath + ": no answer within 1 s",
			verify.NameTLS:      "TLS handshake with " + api + ": no answer within 1 s",
		}},
		{"HTTP and HTTPS never accept", func(t *testing.T, _ *verify.Promise, o *verify.Options) {
			port := vt.Unaccepting(t)
			o.HTTPPort, o.HTTPSPort = port, port
		}, map[string]string{
			verify.NameRedirect: "http://" + api + verify.RedirectPath + ": no answer within 1 s",
			verify.NameTLS:      "connecting to " + api + ":443: no answer within 1 s",
		}},
		{"the zone's name server never answers", func(t *testing.T, p *verify.Promise, _ *verify.Options) {
			p.NameServers = []string{vt.SilentDNS(t)}
		}, map[string]string{
			verify.NameDNS: "A at " + "%ns: no answer within 1 s",
		}},
		{"the resolver never answers", func(t *testing.T, p *verify.Promise, o *verify.Options) {
			o.Resolver = verify.AtNameServer(vt.SilentDNS(t))
		}, map[string]string{
			verify.NameDNS:      "the load balancer " + vt.LB + " has no IPv4 address (no answer within 1 s)",
			verify.NameRedirect: "http://" + api + verify.RedirectPath + ": no IPv4 address for " + api + " (no answer within 1 s)",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, p, o := setup(t, false)
			o.AttemptTimeout, o.Timeout = time.Second, 20*time.Second
			tt.change(t, p, &o)
			r := verify.Run(context.Background(), p, o)
			for _, h := range r.Hosts {
				if h.Host != api {
					continue
				}
				for _, c := range h.Checks {
					want, ok := tt.want[c.Check]
					if !ok {
						continue
					}
					if len(p.NameServers) > 0 {
						want = strings.ReplaceAll(want, "%ns", p.NameServers[0])
					}
					if c.Status != verify.Fail || c.Reason != want {
						t.Errorf("%s: %s %q, want a failure %q", c.Check, c.Status, c.Reason, want)
					}
					for _, goText := range []string{"i/o timeout", "deadline exceeded", "dial tcp"} {
						if strings.Contains(c.Reason, goText) {
							t.Errorf("%s: %q says Go's %q", c.Check, c.Reason, goText)
						}
					}
				}
			}
		})
	}
}
