package verifytest

import (
	"context"
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/miekg/dns"
)

// Zone is a DNS server on 127.0.0.1 answering A, AAAA and CNAME
// queries from its records, as both the zone's name server and the system
// resolver do in the tests.
type Zone struct {
	mu      sync.Mutex
	records map[string][]dns.RR // by lower-case FQDN
	// Addr is the server's 127.0.0.1:port.
	Addr string
}

// StartZone starts an empty zone.
func StartZone(t testing.TB) *Zone {
	t.Helper()
	z := &Zone{records: map[string][]dns.RR{}}
	pc, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	z.Addr = pc.LocalAddr().String()
	srv := &dns.Server{PacketConn: pc, Handler: dns.HandlerFunc(z.serve)}
	go srv.ActivateAndServe() //nolint:errcheck // ends at Shutdown
	t.Cleanup(func() { srv.Shutdown() })
	return z
}

// Add adds records in zone-file syntax: "api.meething.test. 60 IN A 127.0.0.1".
func (z *Zone) Add(t testing.TB, lines ...string) {
	t.Helper()
	z.mu.Lock()
	defer z.mu.Unlock()
	for _, l := range lines {
		rr, err := dns.NewRR(l)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.ToLower(rr.Header().Name)
		z.records[name] = append(z.records[name], rr)
	}
}

// Clear removes every record of name.
func (z *Zone) Clear(name string) {
	z.mu.Lock()
	defer z.mu.Unlock()
	delete(z.records, strings.ToLower(dns.Fqdn(name)))
}

func (z *Zone) serve(w dns.ResponseWriter, req *dns.Msg) {
	m := new(dns.Msg)
	m.SetReply(req)
	m.Authoritative = true
	z.mu.Lock()
	defer z.mu.Unlock()
	q := req.Question[0]
	name, found := strings.ToLower(q.Name), false
	for hop := 0; hop < 4; hop++ {
		var next string
		for _, rr := range z.records[name] {
			found = true
			switch {
			case rr.Header().Rrtype == q.Qtype:
				m.Answer = append(m.Answer, rr)
			case rr.Header().Rrtype == dns.TypeCNAME:
				m.Answer = append(m.Answer, rr)
				next = strings.ToLower(rr.(*dns.CNAME).Target)
			}
		}
		if next == "" || q.Qtype == dns.TypeCNAME {
			break
		}
		name = next
	}
	if !found {
		m.Rcode = dns.RcodeNameError
	}
	w.WriteMsg(m) //nolint:errcheck // the client retries
}

// Resolver is a Go resolver that asks only the zone.
func (z *Zone) Resolver() *net.Resolver {
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, z.Addr)
	}}
}
