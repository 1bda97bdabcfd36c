package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/aws/aws-sdk-go-v2/service/wafv2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/drift"
	"github.com/meething/edge/internal/drift/drifttest"
	"github.com/meething/edge/internal/motoserver"
	"github.com/meething/edge/internal/stackfile"
)

// driftProject writes a project holding the fixture dev stack with its
// web ACL on (meething:waf), and returns its folder and the stack's plan.
func driftProject(t testing.TB) (string, *stackfile.Stack) {
	t.Helper()
	dir := copyFiles(t, t.TempDir(), map[string]string{"Pulumi.yaml": "Pulumi.yaml"})
	fixture, err := os.ReadFile(filepath.Join(fixtureDir, "Pulumi.dev.yaml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.dev.yaml"), append(fixture, "  meething:waf:\n    enabled: true\n"...), 0o644))
	s, err := stackfile.Load(dir, "dev")
	require.NoError(t, err)
	return dir, s
}

// seedDrift builds the deployed dev edge in moto and writes its state
// beside the project; it returns the edge and the state file.
func seedDrift(t testing.TB, endpoint, dir string, s *stackfile.Stack) (drifttest.Deployed, string) {
	t.Helper()
	d := drifttest.Seed(t, endpoint, s.Config["aws:region"], synthPlan(t, s))
	state := filepath.Join(dir, "state.json")
	require.NoError(t, os.WriteFile(state, d.State, 0o644))
	return d, state
}

const (
	apiHost    = "api.dev.meething.net"
	chatHost   = "chat.dev.meething.net"
	configHost = "config.dev.meething.net"
)

// meething drift against the deployed dev edge in moto: the clean edge
// has no drift (exit 0); each thing added beside the stack's resources is
// reported with the stack's hosts it touches (exit 4), and nothing else is.
func TestDriftCommandAgainstMoto(t *testing.T) {
	endpoint := motoserver.Start(t)
	motoserver.Env(t, endpoint)
	dir, stack := driftProject(t)
	all := []string{apiHost, chatHost, configHost}
	tests := []struct {
		name  string
		add   func(t *testing.T, d drifttest.Deployed)
		kind  drift.Kind
		hosts []string
	}{
		{name: "clean edge"},
		{name: "a listener rule before the stack's, for one of its hosts", kind: drift.KindRule, hosts: []string{apiHost},
			add: func(t *testing.T, d drifttest.Deployed) {
				_, err := d.Clients.ELB.CreateRule(motoserver.Context(t), &elb.CreateRuleInput{ListenerArn: aws.String(d.HTTPS), Priority: aws.Int32(1),
					Conditions: []elbtypes.RuleCondition{{Field: aws.String("host-header"), HostHeaderConfig: &elbtypes.HostHeaderConditionConfig{Values: []string{apiHost}}}},
					Actions:    []elbtypes.Action{{Type: elbtypes.ActionTypeEnumFixedResponse, FixedResponseConfig: &elbtypes.FixedResponseActionConfig{StatusCode: aws.String("503"), ContentType: aws.String("text/plain")}}}})
				require.NoError(t, err)
			}},
		{name: "a certificate added to the HTTPS listener", kind: drift.KindCertificate, hosts: []string{chatHost},
			add: func(t *testing.T, d drifttest.Deployed) {
				c, err := d.Clients.ACM.RequestCertificate(motoserver.Context(t), &acm.RequestCertificateInput{DomainName: aws.String(chatHost)})
				require.NoError(t, err)
				_, err = d.Clients.ELB.AddListenerCertificates(motoserver.Context(t), &elb.AddListenerCertificatesInput{ListenerArn: aws.String(d.HTTPS),
					Certificates: []elbtypes.Certificate{{CertificateArn: c.CertificateArn}}})
				require.NoError(t, err)
			}},
		{name: "a record in the zone no stack owns", kind: drift.KindRecord, hosts: []string{configHost},
			add: func(t *testing.T, d drifttest.Deployed) {
				drifttest.Change(t, d.Clients, d.Zone, &r53types.ResourceRecordSet{Name: aws.String(configHost), Type: r53types.RRTypeCname, TTL: aws.Int64(60),
					ResourceRecords: []r53types.ResourceRecord{{Value: aws.String("elsewhere.example.")}}})
			}},
		{name: "a record under the stack's name in the parent zone", kind: drift.KindParentRecord, hosts: []string{apiHost},
			add: func(t *testing.T, d drifttest.Deployed) {
				drifttest.Change(t, d.Clients, d.ParentZone, &r53types.ResourceRecordSet{Name: aws.String(apiHost), Type: r53types.RRTypeA, TTL: aws.Int64(60),
					ResourceRecords: []r53types.ResourceRecord{{Value: aws.String("203.0.113.10")}}})
			}},
		{name: "an ingress rule on the load balancer's security group", kind: drift.KindGroupRule, hosts: all,
			add: func(t *testing.T, d drifttest.Deployed) {
				_, err := d.Clients.EC2.AuthorizeSecurityGroupIngress(motoserver.Context(t), &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(d.ALBGroup),
					IpPermissions: []ec2types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(22), ToPort: aws.Int32(22), IpRanges: []ec2types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}}}})
				require.NoError(t, err)
			}},
		{name: "the web ACL association swapped", kind: drift.KindWebACL, hosts: all,
			add: func(t *testing.T, d drifttest.Deployed) {
				// A resource has one web ACL at AWS; moto 5.2.1 keeps the old
				// association beside a new one (and answers with the older),
				// so the swap disassociates first, as AWS ends up.
				acl := drifttest.ACL(t, d.Clients, "by-hand")
				_, err := d.Clients.WAF.DisassociateWebACL(motoserver.Context(t), &wafv2.DisassociateWebACLInput{ResourceArn: aws.String(d.LoadBalancer)})
				require.NoError(t, err)
				_, err = d.Clients.WAF.AssociateWebACL(motoserver.Context(t), &wafv2.AssociateWebACLInput{WebACLArn: aws.String(acl), ResourceArn: aws.String(d.LoadBalancer)})
				require.NoError(t, err)
			}},
	}
	t.Run("the edge cannot be read", func(t *testing.T) {
		motoserver.Reset(t, endpoint)
		_, state := seedDrift(t, endpoint, dir, stack)
		motoserver.Reset(t, endpoint)
		var stdout, stderr bytes.Buffer
		code := run([]string{"drift", "--stack", "dev", "--dir", dir, "--state", state, "--no-refresh"}, false, &stdout, &stderr)
		assert.Equal(t, 1, code)
		assert.Contains(t, stderr.String(), "error: stack dev: reading the rules of listener ")
		assert.Empty(t, stdout.String())
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			motoserver.Reset(t, endpoint)
			d, state := seedDrift(t, endpoint, dir, stack)
			if tt.add != nil {
				tt.add(t, d)
			}
			var stdout, stderr bytes.Buffer
			code := run([]string{"drift", "--stack", "dev", "--dir", dir, "--state", state, "--no-refresh", "--json"}, false, &stdout, &stderr)
			var report drift.Report
			require.NoError(t, json.Unmarshal(stdout.Bytes(), &report), "stdout: %s\nstderr: %s", stdout.String(), stderr.String())
			if tt.add == nil {
				assert.Equal(t, 0, code, stderr.String())
				assert.Empty(t, report.Findings)
				return
			}
			assert.Equal(t, 4, code, stderr.String())
			require.Len(t, report.Findings, 1, "%+v", report.Findings)
			assert.Equal(t, tt.kind, report.Findings[0].Kind)
			assert.Equal(t, tt.hosts, report.Findings[0].Hosts, report.Findings[0].Change)
			if tt.kind == drift.KindRecord {
				// Named as someone else's on purpose, it is no drift.
				stdout.Reset()
				code := run([]string{"drift", "--stack", "dev", "--dir", dir, "--state", state, "--no-refresh", "--expected-records", "CONFIG.dev.meething.net. cname"}, false, &stdout, &stderr)
				assert.Equal(t, 0, code, stdout.String()+stderr.String())
			}
		})
	}
}

// BenchmarkDriftAgainstMoto times meething drift's unmanaged part (state
// file, every AWS read, the comparison) on the deployed fixture dev stack
// (dev's size: three services, four subnets, with a web ACL) in moto:
//
//	MEETHING_PULUMI_ROOT=/nonexistent go test . -run '^$' -bench DriftAgainstMoto -benchtime 20x
func BenchmarkDriftAgainstMoto(b *testing.B) {
	endpoint := motoserver.Start(b)
	for k, v := range map[string]string{"AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
		"AWS_CONFIG_FILE": os.DevNull, "AWS_SHARED_CREDENTIALS_FILE": os.DevNull, "AWS_EC2_METADATA_DISABLED": "true"} {
		b.Setenv(k, v)
	}
	dir, stack := driftProject(b)
	_, state := seedDrift(b, endpoint, dir, stack)
	args := []string{"drift", "--stack", "dev", "--dir", dir, "--state", state, "--no-refresh"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var stdout, stderr bytes.Buffer
		if code := run(args, false, &stdout, &stderr); code != 0 {
			b.Fatalf("exit %d: %s%s", code, stdout.String(), stderr.String())
		}
	}
}

// The drift issue docs/operations.md shows is the renderer's (WriteIssue)
// for what Compare finds on an example edge: dev with a hand-made rule in
// front of the api rule, a record shadowing config's name and an ingress
// rule on the load balancer's group. UPDATE_GOLDEN=1 (make golden)
// rewrites it.
func TestGoldenDriftIssueInOperations(t *testing.T) {
	const lb = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer/app/meething-00f036c/00f036c19aaa8c3b"
	const https = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:listener/app/meething-00f036c/00f036c19aaa8c3b/77c445ded9be74c0"
	m := drift.Managed{Project: "meething", Stack: "dev", Domain: "dev.meething.net", LoadBalancer: lb,
		Listeners: []drift.Listener{{ARN: https, Port: 443, Protocol: "HTTPS"}},
		Rules: []drift.Rule{
			{ARN: https + "/api", Name: "meething-api", Listener: https, Priority: 100, Hosts: []string{apiHost}},
			{ARN: https + "/config", Name: "meething-config", Listener: https, Priority: 110, Hosts: []string{configHost}},
		},
		Zones:          []drift.Zone{{ID: "Z0B1048F330E111536D39", Name: "dev.meething.net"}},
		SecurityGroups: []string{"sg-711f1b034cb2640ac"}, GroupRules: map[string]bool{},
		Hosts: []string{apiHost, configHost}}
	e := drift.Edge{
		Rules: append(m.Rules, drift.Rule{ARN: "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:listener-rule/app/meething-00f036c/00f036c19aaa8c3b/77c445ded9be74c0/5d2ab4e1c0ffee01",
			Listener: https, Priority: 5, Hosts: []string{"api.*"}, Paths: []string{"/admin*"}, Action: "forwards to target group admin-tools"}),
		Records:    map[string][]drift.Record{"Z0B1048F330E111536D39": {{Zone: "Z0B1048F330E111536D39", Name: configHost, Type: "CNAME", Values: []string{"old-config.example.net."}}}},
		GroupRules: []drift.GroupRule{{ID: "sgr-0a1b2c3d4e5f60718", Group: "sg-711f1b034cb2640ac", Protocol: "tcp", From: 22, To: 22, Peer: "0.0.0.0/0", Description: "debugging"}},
	}
	report := drift.NewReport("dev", drift.Compare(m, e), []string{"the managed resources' properties (--no-refresh: no pulumi preview --refresh)"})
	var body strings.Builder
	require.NoError(t, report.WriteIssue(&body))
	want := "Title: " + drift.IssueTitle("dev") + " (label: drift)\n\n" + body.String()

	const page, begin, end = "docs/operations.md", "<!-- drift issue example -->\n```markdown\n", "```\n<!-- end drift issue example -->"
	doc, err := os.ReadFile(page)
	require.NoError(t, err)
	i := strings.Index(string(doc), begin)
	require.GreaterOrEqual(t, i, 0, "%s has no %q", page, begin)
	j := strings.Index(string(doc)[i:], end)
	require.Greater(t, j, 0, "%s has no %q", page, end)
	if os.Getenv("UPDATE_GOLDEN") == "1" {
		require.NoError(t, os.WriteFile(page, []byte(string(doc)[:i+len(begin)]+want+string(doc)[i+j:]), 0o644))
		return
	}
	assert.Equal(t, want, string(doc)[i+len(begin):i+j], "the drift issue in %s is stale: run make golden", page)
}
