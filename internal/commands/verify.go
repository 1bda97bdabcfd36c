package commands

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/meething/edge/internal/stackfile"
	"github.com/meething/edge/internal/synth"
	"github.com/meething/edge/internal/verify"
	"github.com/meething/edge/stackconfig"
)

const verifyUsage = `usage: meething verify --stack NAME [--via dns|alb] [--outputs FILE]
                      [--alb-dns NAME] [--name-servers NS,...] [--connect HOST]
                      [--http-port N] [--https-port N] [--ca-file FILE] [--min-days N]
                      [--timeout D] [--attempts N] [--no-targets] [--old-alb NAME,...]
                      [--ipv6 auto|on|off] [--resolver HOST[:PORT]] [--dir DIR] [--json]

Checks the deployed stack against what it promises. The hosts, the answer
each should get, the response headers and the protocols come from the
stack's plan (synth, offline); the load balancer's DNS name and the zone's
name servers from the deployed stack's outputs: --outputs FILE (as printed
by pulumi stack output --json), --alb-dns and --name-servers, or else
pulumi stack output itself. Per host: DNS (A, and AAAA when dual-stack) at
the zone's name servers and the resolver points at the load balancer; HTTP
answers 301 to the same host and path over HTTPS; HTTPS presents a trusted
certificate for the host, valid --min-days more days; the listener's
response headers are there; the answer is the one its rule promises (a
service's health path reaches the service, and carries the service's
answer when the stack file gives one: services[i].answer). Over IPv6 too
when dual-stack and this machine has an IPv6 route (--ipv6).

--via dns connects where the names resolve: what users reach. --via alb
connects to the load balancer's own addresses with the real host names, as
curl --resolve does: it proves a new edge before any name points at it, and
reports where the names point without counting it. --connect HOST connects
to HOST instead (a tunnel, a local server), on --http-port and --https-port.

Progress goes to stderr, the table (or --json) to stdout. See docs/verify.md.

Exit status: 0 when every check passes, 4 when one fails, 2 for a usage
error, 1 when the stack's program fails.

`

// Verify is `meething verify ARGS`; it returns the process's exit code.
func Verify(program Program, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	stackName := fs.String("stack", "", "the stack to verify (required)")
	dir := fs.String("dir", ".", "the directory holding Pulumi.yaml and the stack files")
	via := fs.String("via", string(verify.ViaDNS), "dns: connect where the names resolve; alb: to the load balancer's own addresses")
	outputsFile := fs.String("outputs", "", "the stack's outputs, as pulumi stack output --json prints them")
	albDNS := fs.String("alb-dns", "", "the load balancer's DNS name (default: the output albDnsName)")
	nameServers := fs.String("name-servers", "", "the zone's name servers, comma-separated, each host[:port] (default: the output nameServers)")
	connect := fs.String("connect", "", "connect to this host instead (a tunnel, a local server)")
	httpPort := fs.Int("http-port", 80, "the port to connect to for the HTTP listener")
	httpsPort := fs.Int("https-port", 443, "the port to connect to for the HTTPS listener")
	caFile := fs.String("ca-file", "", "PEM certificates: self-signed ones trusted besides the system's roots, others known intermediates")
	minDays := fs.Int("min-days", 30, "how many more days each certificate must be valid")
	timeout := fs.Duration("timeout", 2*time.Minute, "the deadline of the whole run")
	attempts := fs.Int("attempts", 3, "tries of each check before it fails")
	noTargets := fs.Bool("no-targets", false, "let a service answer with the load balancer's 503: no targets registered yet")
	oldALB := fs.String("old-alb", "", "other load balancers' DNS names, comma-separated, to name when a host still points at one")
	ipv6 := fs.String("ipv6", "auto", "connect over IPv6 to a dual-stack stack: auto (when this machine has an IPv6 route), on, off")
	resolver := fs.String("resolver", "", "ask this DNS server (host[:port]) instead of the system resolver")
	asJSON := fs.Bool("json", false, "print one JSON document")
	rest, code, done := parseArgs(fs, args, verifyUsage, stderr)
	if done {
		return code
	}
	switch {
	case len(rest) > 0:
		return usageError(stderr, "verify", "unexpected argument %q (see meething verify --help)", rest[0])
	case *stackName == "":
		return usageError(stderr, "verify", "--stack is required (see meething verify --help)")
	case *via != string(verify.ViaDNS) && *via != string(verify.ViaALB):
		return usageError(stderr, "verify", "--via is %q: dns or alb", *via)
	case *ipv6 != "auto" && *ipv6 != "on" && *ipv6 != "off":
		return usageError(stderr, "verify", "--ipv6 is %q: auto, on or off", *ipv6)
	case *minDays < 0:
		return usageError(stderr, "verify", "--min-days is %d: 0 or more", *minDays)
	case *timeout <= 0:
		return usageError(stderr, "verify", "--timeout is %v: above 0", *timeout)
	case *attempts < 1:
		return usageError(stderr, "verify", "--attempts is %d: 1 or more", *attempts)
	case *httpPort < 1 || *httpPort > 65535:
		return usageError(stderr, "verify", "--http-port is %d: from 1 to 65535", *httpPort)
	case *httpsPort < 1 || *httpsPort > 65535:
		return usageError(stderr, "verify", "--https-port is %d: from 1 to 65535", *httpsPort)
	}
	roots, intermediates, err := loadRoots(*caFile)
	if err != nil {
		return usageError(stderr, "verify", "%v", err)
	}

	config, err := loadStack(*dir, *stackName)
	if err != nil {
		return usageError(stderr, "verify", "%v", err)
	}
	plan, err := synth.Run(config, program(config.Keys()))
	if err != nil {
		fmt.Fprintf(stderr, "error: stack %s: %v\n", *stackName, err)
		return ExitProgram
	}
	promise, err := verify.FromPlan(plan, config.Config[stackconfig.FullKey(stackconfig.KeyDomain)])
	if err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return ExitProgram
	}
	promise.SetSignatures(signatures(config))
	if *outputsFile != "" || *albDNS == "" && *connect == "" {
		outputs, err := stackOutputs(*outputsFile, *dir, *stackName, *timeout)
		if err != nil {
			return usageError(stderr, "verify", "%v", err)
		}
		missing, err := promise.ApplyOutputs(outputs)
		if err != nil {
			return usageError(stderr, "verify", "%v", err)
		}
		for _, host := range missing {
			fmt.Fprintf(stderr, "meething verify: warning: the deployed stack serves %s, which the working tree's stack %s does not: not checked\n", host, *stackName)
		}
	}
	if *albDNS != "" {
		promise.LoadBalancer = *albDNS
	}
	if *nameServers != "" {
		promise.NameServers = splitList(*nameServers)
	}
	if promise.LoadBalancer == "" && (*via == string(verify.ViaALB) && *connect == "") {
		return usageError(stderr, "verify", "--via alb needs the load balancer's DNS name: --alb-dns or --outputs")
	}
	if len(promise.NameServers) == 0 && *via == string(verify.ViaDNS) && promise.LoadBalancer != "" {
		return usageError(stderr, "verify", "--via dns asks the zone's name servers: --name-servers or --outputs")
	}

	opts := verify.Options{
		Prober: verify.Prober{Via: verify.Via(*via), LoadBalancer: promise.LoadBalancer, Connect: *connect,
			HTTPPort: *httpPort, HTTPSPort: *httpsPort, Roots: roots, Intermediates: intermediates},
		MinDays: *minDays, Timeout: *timeout, Attempts: *attempts, NoTargets: *noTargets,
		Others: splitList(*oldALB), Progress: stderr,
	}
	switch {
	case *ipv6 == "off":
		opts.NoIPv6 = "--ipv6 off"
	case *ipv6 == "auto" && !verify.HasIPv6Route():
		opts.NoIPv6 = "this machine has no IPv6 route (check from a dual-stack host, or force it with --ipv6 on)"
	}
	if *resolver != "" {
		opts.Resolver = verify.AtNameServer(*resolver)
	}
	report := verify.Run(context.Background(), promise, opts)
	write := report.WriteTable
	if *asJSON {
		write = report.WriteJSON
	}
	if err := write(stdout); err != nil {
		fmt.Fprintf(stderr, "error: writing the report: %v\n", err)
		return ExitProgram
	}
	if !report.Passed {
		return ExitCheckFailed
	}
	return ExitOK
}

// loadRoots returns the system's roots plus the self-signed certificates of
// caFile, and caFile's other certificates as known intermediates (a chain
// that needs one was sent incomplete); nil and nil (the system's roots)
// without one.
func loadRoots(caFile string) (roots, intermediates *x509.CertPool, err error) {
	if caFile == "" {
		return nil, nil, nil
	}
	rest, err := os.ReadFile(caFile)
	if err != nil {
		return nil, nil, fmt.Errorf("reading --ca-file: %w", err)
	}
	if roots, err = x509.SystemCertPool(); err != nil {
		roots = x509.NewCertPool()
	}
	intermediates = x509.NewCertPool()
	found := false
	for {
		var block *pem.Block
		if block, rest = pem.Decode(rest); block == nil {
			break
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if block.Type != "CERTIFICATE" || err != nil {
			continue
		}
		found = true
		if bytes.Equal(c.RawIssuer, c.RawSubject) {
			roots.AddCert(c)
		} else {
			intermediates.AddCert(c)
		}
	}
	if !found {
		return nil, nil, fmt.Errorf("--ca-file %s holds no PEM certificate", caFile)
	}
	return roots, intermediates, nil
}

// stackOutputs reads the outputs JSON of file, or else asks pulumi stack
// output for the stack's, waiting at most timeout.
func stackOutputs(file, dir, stack string, timeout time.Duration) (map[string]any, error) {
	var raw []byte
	var err error
	if file != "" {
		if raw, err = os.ReadFile(file); err != nil {
			return nil, fmt.Errorf("reading --outputs: %w", err)
		}
	} else {
		if _, err := exec.LookPath("pulumi"); err != nil {
			return nil, fmt.Errorf("no outputs: give --outputs FILE (pulumi stack output --json --stack %s > FILE), or --alb-dns and --name-servers", stack)
		}
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		cmd := exec.CommandContext(ctx, "pulumi", "stack", "output", "--json", "--stack", stack)
		cmd.Dir = dir
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("pulumi stack output --stack %s: %v: %s", stack, err, strings.TrimSpace(errOut.String()))
		}
		raw, file = out.Bytes(), "pulumi stack output"
	}
	var outputs map[string]any
	if err := json.Unmarshal(raw, &outputs); err != nil {
		return nil, fmt.Errorf("%s is not a JSON object of outputs: %w", file, err)
	}
	return outputs, nil
}

// signatures are the stack file's services' answers (services[i].answer),
// by each of the service's hosts; none when the config does not parse (the
// program reported it already).
func signatures(s *stackfile.Stack) map[string]verify.Signature {
	cfg, err := stackconfig.Parse(func(key string) (string, bool) {
		v, ok := s.Config[key]
		return v, ok
	}, s.Keys())
	if err != nil {
		return nil
	}
	out := map[string]verify.Signature{}
	for _, svc := range cfg.Services {
		if svc.Answer == nil {
			continue
		}
		name, value := svc.Answer.HeaderField()
		for _, host := range svc.AllHosts(cfg.Domain) {
			out[strings.ToLower(host)] = verify.Signature{Header: name, HeaderValue: value, Contains: svc.Answer.Contains}
		}
	}
	return out
}

func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
