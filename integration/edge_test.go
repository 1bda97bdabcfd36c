package integration

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"testing"
)

// TestEdgeEndToEnd deploys the program to a new stack, checks the edge the
// way its users meet it, and destroys the stack. The package documentation
// says what it needs to run; without that it skips.
func TestEdgeEndToEnd(t *testing.T) {
	s := requireSettings(t)
	requireTools(t)

	// An interrupt (Ctrl-C, a cancelled CI job) ends the checks instead of the
	// test binary, so the cleanup still destroys the stack. Registered first,
	// so undone last, after the destroy.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	t.Cleanup(stop)

	run := newRunID()
	domain := run + "." + s.zone
	cfg := stackConfig(s, domain)
	checkConfig(t, cfg)
	t.Logf("stack %s deploys %s into the zone %s in %s", run, domain, s.zone, s.region)

	stack := createStack(t, run, cfg) // destroyed at cleanup from here on
	d, err := readOutputs(up(t, stack))
	if err != nil {
		t.Fatalf("outputs of stack %s: %v", run, err)
	}
	t.Logf("load balancer %s; zone name servers %v", d.albDNSName, d.nameServers)
	if strings.HasPrefix(d.albDNSName, "internal-") {
		t.Errorf("albDnsName %s is an internal load balancer's, want an internet-facing one", d.albDNSName)
	}

	ctx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	e := newEdge(d)
	type check struct {
		name string
		run  func(context.Context, *edge, string) error
	}

	serviceChecks := []check{
		{"redirect", checkRedirect},
		{"certificate", checkCertificate},
		{"no targets", checkNoTargets},
	}
	for _, svc := range d.services {
		t.Run(svc.name, func(t *testing.T) {
			if want := svc.name + "." + domain; svc.host != want {
				t.Errorf("serviceUrls[%s] has the host %s, want %s", svc.name, svc.host, want)
			}
			for _, c := range serviceChecks {
				expect(ctx, t, fmt.Sprintf("%s %s", c.name, svc.host), func(ctx context.Context) error {
					return c.run(ctx, e, svc.host)
				})
			}
		})
	}

	// A host under the wildcard alias and certificate that no rule matches.
	unknown := "nosuch-" + run + "." + domain
	t.Run("unknown host", func(t *testing.T) {
		for _, c := range []check{
			{"certificate", checkCertificate},
			{"not found", checkNotFound},
		} {
			expect(ctx, t, fmt.Sprintf("%s %s", c.name, unknown), func(ctx context.Context) error {
				return c.run(ctx, e, unknown)
			})
		}
	})
}
