package verify

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Family is the IP version a check runs over.
type Family string

const (
	IPv4 Family = "IPv4"
	IPv6 Family = "IPv6"
)

// network is the family's network for LookupIP and Dial.
func (f Family) network(prefix string) string {
	if f == IPv6 {
		return prefix + "6"
	}
	return prefix + "4"
}

// record is the family's DNS record type.
func (f Family) record() string {
	if f == IPv6 {
		return "AAAA"
	}
	return "A"
}

// families are the IP versions the stack is reached over: the records the
// DNS check wants.
func (r *runner) families() []Family {
	var out []Family
	if r.p.IPv4 {
		out = append(out, IPv4)
	}
	if r.p.IPv6 {
		out = append(out, IPv6)
	}
	if len(out) == 0 {
		out = []Family{IPv4}
	}
	return out
}

// connections are the IP versions the connection checks run over: the
// families, but one pass with Connect, which goes where it is told.
func (r *runner) connections() []Family {
	fams := r.families()
	if r.o.Connect != "" {
		return fams[:1]
	}
	return fams
}

// Resolver looks names up; *net.Resolver is one.
type Resolver interface {
	LookupIP(ctx context.Context, network, host string) ([]net.IP, error)
	LookupCNAME(ctx context.Context, host string) (string, error)
}

// Source is a resolver the DNS check asks, with the name it goes by in a
// failure: a name server's address, or "the system resolver".
type Source struct {
	Name     string
	Resolver Resolver
}

// AtNameServer returns a resolver that asks only the name servers at addrs
// (each host, or host:port; port 53 by default), taking them in turn, over
// UDP and, for long answers, TCP, without any cache: what it answers is what
// the zone says now.
func AtNameServer(addrs ...string) *net.Resolver {
	servers := make([]string, len(addrs))
	for i, a := range addrs {
		if _, _, err := net.SplitHostPort(a); err != nil {
			a = net.JoinHostPort(strings.TrimSuffix(a, "."), "53")
		}
		servers[i] = a
	}
	var next atomic.Uint32
	d := net.Dialer{Timeout: 5 * time.Second}
	return &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return d.DialContext(ctx, network, servers[int(next.Add(1)-1)%len(servers)])
		},
	}
}

// CheckDNS checks that host resolves, at every source, to addresses of the
// load balancer lb (whose own addresses are lbAddrs) for family: the A
// records, or with IPv6 the AAAA records. A name that is a CNAME to another
// name, or resolves to the addresses of one of others (name to addresses),
// is named as such. For example, at a zone still pointing *.meething.net at
// the hand-built edge:
//
//	api.meething.net: A at ns-1.example: points at another load balancer,
//	old-123.ap-northeast-2.elb.amazonaws.com, not meething-1.ap-northeast-2.elb.amazonaws.com
func CheckDNS(ctx context.Context, host string, family Family, lb string, lbAddrs []net.IP, others map[string][]net.IP, sources []Source) error {
	// Sources that say the same are named together.
	// Each source is asked at once, so that one that keeps silent does not
	// use up the others' time.
	start := time.Now()
	errs := make([]error, len(sources))
	var wg sync.WaitGroup
	for i, src := range sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = checkDNSAt(ctx, start, host, family, lb, lbAddrs, others, src)
		}()
	}
	wg.Wait()
	var reasons []string
	where := map[string][]string{}
	for i, err := range errs {
		if err != nil {
			if where[err.Error()] == nil {
				reasons = append(reasons, err.Error())
			}
			where[err.Error()] = append(where[err.Error()], sources[i].Name)
		}
	}
	var out []error
	for _, r := range reasons {
		out = append(out, fmt.Errorf("%s at %s: %s", family.record(), strings.Join(where[r], " and "), r))
	}
	return joined(out)
}

func checkDNSAt(ctx context.Context, start time.Time, host string, family Family, lb string, lbAddrs []net.IP, others map[string][]net.IP, src Source) error {
	fqdn := strings.TrimSuffix(host, ".") + "."
	ips, err := src.Resolver.LookupIP(ctx, family.network("ip"), fqdn)
	var extra []net.IP
	for _, ip := range ips {
		if !slices.ContainsFunc(lbAddrs, ip.Equal) {
			extra = append(extra, ip)
		}
	}
	if err == nil && len(ips) > 0 && len(extra) == 0 {
		return nil
	}
	// Name what the host points at instead.
	if cname, cerr := src.Resolver.LookupCNAME(ctx, fqdn); cerr == nil {
		cname = strings.TrimSuffix(cname, ".")
		if cname != "" && !strings.EqualFold(cname, host) && !strings.EqualFold(cname, lb) {
			if isLoadBalancerName(cname) {
				return fmt.Errorf("points at another load balancer, %s, not %s", cname, lb)
			}
			return fmt.Errorf("is a CNAME to %s, not an alias of the load balancer %s", cname, lb)
		}
	}
	var dnsErr *net.DNSError
	switch {
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound, err == nil && len(ips) == 0:
		return fmt.Errorf("no %s record", family.record())
	case err != nil:
		if na := noAnswer(ctx, start, err); na != err {
			return na
		}
		return fmt.Errorf("no answer: %s", lookupReason(err, family))
	}
	for name, addrs := range others {
		if len(addrs) > 0 && allIn(extra, addrs) {
			return fmt.Errorf("points at another load balancer, %s (%s), not %s", name, ipList(extra), lb)
		}
	}
	return fmt.Errorf("resolves to %s, not to the load balancer %s (%s)", ipList(extra), lb, ipList(lbAddrs))
}

// isLoadBalancerName says whether name is an Elastic Load Balancing DNS
// name, as the CNAME of a hand-built edge often is.
func isLoadBalancerName(name string) bool {
	return strings.HasSuffix(strings.ToLower(name), ".elb.amazonaws.com")
}

func allIn(ips, set []net.IP) bool {
	for _, ip := range ips {
		if !slices.ContainsFunc(set, ip.Equal) {
			return false
		}
	}
	return true
}

func ipList(ips []net.IP) string {
	if len(ips) == 0 {
		return "no address"
	}
	s := make([]string, len(ips))
	for i, ip := range ips {
		s[i] = ip.String()
	}
	slices.Sort(s)
	return strings.Join(s, ", ")
}

// joined joins errors into one whose message is their messages separated by
// "; ", or returns nil.
func joined(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = e.Error()
	}
	return errors.New(strings.Join(msgs, "; "))
}
