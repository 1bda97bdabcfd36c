package verify

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"
)

// Options tune a Run.
type Options struct {
	Prober
	// MinDays is how many more days each certificate must be valid.
	MinDays int
	// Timeout bounds the whole run; Attempts bounds the tries of each check,
	// Backoff is the wait after the first failed try (doubled after each
	// next one, up to 10 s) and AttemptTimeout bounds one try. Defaults: 2
	// minutes, 3 tries, 2 s and 15 s.
	Timeout        time.Duration
	Attempts       int
	Backoff        time.Duration
	AttemptTimeout time.Duration
	// NoTargets lets a service's health path answer with the load
	// balancer's 503: its targets are not registered yet.
	NoTargets bool
	// Others are DNS names of other load balancers (the hand-built edge's),
	// named in a failure when a host still resolves to their addresses.
	Others []string
	// NoIPv6 says why the connections over IPv6 are not made (this machine
	// has no IPv6 route, say): their checks are skipped and the report
	// notes it. Empty: they are made when the stack is dual-stack.
	NoIPv6 string
	// Progress receives a line per host started and finished, and per
	// failed try; nil for none.
	Progress io.Writer
}

// Check names, in the order of a report's columns.
const (
	NameDNS      = "dns"
	NameRedirect = "redirect"
	NameTLS      = "tls"
	NameHeaders  = "headers"
	NameAnswer   = "answer"
)

// Checks are the check names in column order.
var Checks = []string{NameDNS, NameRedirect, NameTLS, NameHeaders, NameAnswer}

// Status is a check's outcome.
type Status string

const (
	Pass Status = "pass"
	Fail Status = "fail"
	Skip Status = "skip" // not counted: not applicable, or its premise failed
)

// Result is one check of one host.
type Result struct {
	Check    string `json:"check"`
	Status   Status `json:"status"`
	Reason   string `json:"reason,omitempty"`
	Attempts int    `json:"attempts,omitempty"`
}

// HostReport is every check of one host.
type HostReport struct {
	Host   string   `json:"host"`
	Kind   Kind     `json:"kind"`
	Checks []Result `json:"checks"`
}

// Report is a run's outcome: Passed when no check failed.
type Report struct {
	Stack   string       `json:"stack"`
	Via     Via          `json:"via"`
	Connect string       `json:"connect,omitempty"`
	Passed  bool         `json:"passed"`
	Hosts   []HostReport `json:"hosts"`
	// Notes are what the run could not check, said once.
	Notes []string `json:"notes,omitempty"`
}

// Run checks every host of p, four hosts at a time, within o.Timeout.
func Run(ctx context.Context, p *Promise, o Options) *Report {
	o.defaults()
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	r := &runner{o: o, p: p, start: time.Now()}
	report := &Report{Stack: p.Stack, Via: o.Via, Connect: o.Connect, Passed: true, Hosts: make([]HostReport, len(p.Hosts))}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i, h := range p.Hosts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			report.Hosts[i] = r.host(ctx, h)
		}()
	}
	wg.Wait()
	if p.IPv6 && o.NoIPv6 != "" && o.Connect == "" {
		report.Notes = append(report.Notes, "IPv6 connections not checked: "+o.NoIPv6)
	}
	if o.Connect != "" {
		report.Notes = append(report.Notes, connectNote(o.Connect, o.LoadBalancer != "", p.IPv6))
	}
	for _, h := range report.Hosts {
		for _, c := range h.Checks {
			if c.Status == Fail {
				report.Passed = false
			}
		}
	}
	return report
}

func (o *Options) defaults() {
	if o.Timeout <= 0 {
		o.Timeout = 2 * time.Minute
	}
	if o.Attempts <= 0 {
		o.Attempts = 3
	}
	if o.Backoff <= 0 {
		o.Backoff = 2 * time.Second
	}
	if o.AttemptTimeout <= 0 {
		o.AttemptTimeout = 15 * time.Second
	}
	if o.Via == "" {
		o.Via = ViaDNS
	}
}

type runner struct {
	o     Options
	p     *Promise
	start time.Time
	mu    sync.Mutex // Progress
}

func (r *runner) progress(format string, args ...any) {
	if r.o.Progress == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	fmt.Fprintf(r.o.Progress, "verify: [%4.1fs] %s\n", time.Since(r.start).Seconds(), fmt.Sprintf(format, args...))
}

// host runs every check of one host.
func (r *runner) host(ctx context.Context, h Host) HostReport {
	r.progress("%s: checking (%s)", h.Name, h.Kind)
	fams := r.connections()
	out := HostReport{Host: h.Name, Kind: h.Kind}
	out.Checks = append(out.Checks, r.dns(ctx, h))
	var redirect, tlsRes, headers, answer []familyResult
	for _, f := range fams {
		if f == IPv6 && r.o.NoIPv6 != "" {
			skip := familyResult{f, Skip, "IPv6 not checked: " + r.o.NoIPv6, 0, nil}
			redirect, tlsRes, headers, answer = append(redirect, skip), append(tlsRes, skip), append(headers, skip), append(answer, skip)
			continue
		}
		redirect = append(redirect, r.try(ctx, h.Name, NameRedirect, f, func(ctx context.Context) error {
			return r.o.Redirect(ctx, h.Name, f)
		}))
		t := r.try(ctx, h.Name, NameTLS, f, func(ctx context.Context) error {
			return r.o.TLS(ctx, h.Name, f, r.o.MinDays)
		})
		tlsRes = append(tlsRes, t)
		var soon *ExpiresSoonError
		if t.status != Pass && !errors.As(t.err, &soon) {
			skip := familyResult{f, Skip, "not checked: no valid TLS connection", 0, nil}
			headers, answer = append(headers, skip), append(answer, skip)
			continue
		}
		hd, an := r.https(ctx, h, f)
		headers, answer = append(headers, hd), append(answer, an)
	}
	out.Checks = append(out.Checks,
		merge(NameRedirect, redirect), merge(NameTLS, tlsRes), merge(NameHeaders, headers), merge(NameAnswer, answer))
	var failed []string
	for _, c := range out.Checks {
		if c.Status == Fail {
			failed = append(failed, c.Check)
		}
	}
	if len(failed) > 0 {
		r.progress("%s: failed %s", h.Name, strings.Join(failed, ", "))
	} else {
		r.progress("%s: passed", h.Name)
	}
	return out
}

// https requests h.Path over HTTPS once per try and checks the headers and
// the answer of the same response, trying again until both pass.
func (r *runner) https(ctx context.Context, h Host, f Family) (headers, answer familyResult) {
	var hErr, aErr error
	res := r.try(ctx, h.Name, NameHeaders+"+"+NameAnswer, f, func(ctx context.Context) error {
		a, err := r.o.Get(ctx, "https://"+h.Name+h.Path, f)
		if err != nil {
			hErr, aErr = err, err
			return err
		}
		hErr = CheckHeaders(a, r.p.Headers)
		aErr = nil
		if h.Unsure == "" {
			aErr = CheckAnswer(a, h, r.p.Default, r.o.NoTargets)
		}
		return errors.Join(hErr, aErr)
	})
	headers = familyResult{f, Pass, "", res.attempts, nil}
	answer = familyResult{f, Pass, "", res.attempts, nil}
	if hErr != nil {
		headers.status, headers.reason = Fail, reasonOf(hErr, ctx)
	} else if len(r.p.Headers) == 0 {
		headers.status, headers.reason = Skip, "none configured"
	}
	switch {
	case aErr != nil:
		answer.status, answer.reason = Fail, reasonOf(aErr, ctx)
	case h.Unsure != "":
		answer.status, answer.reason = Skip, "not checked: "+h.Unsure
	}
	return headers, answer
}

// dns checks the host's records at the zone's name servers and at the
// system resolver, for each family. With --via alb a failure is not
// counted: the names move at the cutover, and the report shows where they
// point now.
func (r *runner) dns(ctx context.Context, h Host) Result {
	if r.o.LoadBalancer == "" {
		return Result{Check: NameDNS, Status: Skip, Reason: "not checked: no load balancer DNS name (--alb-dns or --outputs)"}
	}
	sources := []Source{}
	// The zone's name servers answer for the names under its domain only.
	inZone := h.Name == r.p.Domain || strings.HasSuffix(h.Name, "."+r.p.Domain)
	for _, ns := range r.p.NameServers {
		if !inZone {
			break
		}
		sources = append(sources, Source{Name: ns, Resolver: AtNameServer(ns)})
	}
	sources = append(sources, Source{Name: "the system resolver", Resolver: r.o.resolver()})
	var results []familyResult
	for _, f := range r.families() {
		results = append(results, r.try(ctx, h.Name, NameDNS, f, func(ctx context.Context) error {
			start := time.Now()
			lbAddrs, err := r.o.resolver().LookupIP(ctx, f.network("ip"), r.o.LoadBalancer)
			if err != nil {
				return fmt.Errorf("the load balancer %s has no %s address (%s)", r.o.LoadBalancer, f, lookupWhy(ctx, start, err, f))
			}
			others := map[string][]net.IP{}
			for _, name := range r.o.Others {
				others[name], _ = r.o.resolver().LookupIP(ctx, f.network("ip"), name)
			}
			return CheckDNS(ctx, h.Name, f, r.o.LoadBalancer, lbAddrs, others, sources)
		}))
	}
	res := merge(NameDNS, results)
	if res.Status == Fail && r.o.Via == ViaALB {
		res.Status, res.Reason = Skip, "not counted with --via alb: "+res.Reason
	} else if res.Status == Fail && !r.p.Aliased {
		res.Reason += " (the stack makes no alias records: check it with --via alb)"
	}
	return res
}
