package loadbalancer_test

import (
	"fmt"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/acm"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/loadbalancer"
	"github.com/meething/edge/stackconfig"
)

// Type tokens of the resources the component creates.
const (
	typeALB        = "aws:lb/loadBalancer:LoadBalancer"
	typeListener   = "aws:lb/listener:Listener"
	typeRule       = "aws:lb/listenerRule:ListenerRule"
	typeTG         = "aws:lb/targetGroup:TargetGroup"
	typeAttachment = "aws:lb/targetGroupAttachment:TargetGroupAttachment"
	typeSG         = "aws:ec2/securityGroup:SecurityGroup"
	typeIngress    = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	typeEgress     = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
	typeIGW        = "aws:ec2/internetGateway:InternetGateway"
	typeValidation = "aws:acm/certificateValidation:CertificateValidation"
)

const (
	project = "meething"
	stack   = "test"
	lbName  = "edge"
	vpcID   = "vpc-1"
	certARN = "arn:aws:acm:ap-northeast-2:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"
	igwName = "igw"
	valName = "cert-validation"
)

var subnetIDs = []string{"subnet-a", "subnet-b", "subnet-c"}

const domain = "meething.com"

// service is a service of the given name at stackconfig's defaults but for
// its priority, port, protocol, target type, deregistration delay and
// health check.
func service(name string, priority, port int, protocol, targetType string, delay int, hc stackconfig.HealthCheck, hosts ...string) stackconfig.Service {
	s := stackconfig.DefaultService(name)
	s.Priority = &priority
	s.Hosts = hosts
	s.Port, s.Protocol, s.TargetType, s.DeregistrationDelay = port, protocol, targetType, delay
	hc.Port = s.HealthCheck.Port
	s.HealthCheck = hc
	return s
}

// baseServices are api, config and chat; api and config share port 8080,
// chat alone uses 8443 over HTTPS with ip targets.
func baseServices() []stackconfig.Service {
	api := service("api", 10, 8080, "HTTP", "instance", 30, stackconfig.HealthCheck{
		Path: "/healthz", Matcher: "200", Interval: 15, Timeout: 5, HealthyThreshold: 2, UnhealthyThreshold: 3,
	})
	api.Targets = []string{"i-0aaa", "i-0bbb"}
	config := service("config", 20, 8080, "HTTP", "instance", 10, stackconfig.HealthCheck{
		Path: "/ready", Matcher: "200-299", Interval: 30, Timeout: 10, HealthyThreshold: 3, UnhealthyThreshold: 2,
	}, "cfg.meething.com")
	chat := service("chat", 30, 8443, "HTTPS", "ip", 120, stackconfig.HealthCheck{
		Path: "/ping", Matcher: "204", Interval: 10, Timeout: 6, HealthyThreshold: 5, UnhealthyThreshold: 4,
	}, "ws.meething.com", "*.chat.meething.com")
	chat.Targets = []string{"10.0.1.10"}
	return []stackconfig.Service{api, config, chat}
}

// video is the service the change-safety tests add.
func video(port int) stackconfig.Service {
	v := service("video", 40, port, "HTTP", "instance", 60, stackconfig.HealthCheck{
		Path: "/health", Matcher: "200", Interval: 20, Timeout: 5, HealthyThreshold: 2, UnhealthyThreshold: 2,
	})
	v.Targets = []string{"i-0vvv"}
	return v
}

// baseArgs are the arguments most tests start from: the stack's defaults
// where a key has one. The
// test run fills in CertificateArn (from the validation) and DependsOn (the
// gateway) unless the mutator sets them.
func baseArgs() *loadbalancer.LoadBalancerArgs {
	d := stackconfig.Defaults()
	return &loadbalancer.LoadBalancerArgs{
		VpcId:                pulumi.String(vpcID),
		SubnetIds:            pulumi.ToStringArray(subnetIDs),
		Domain:               domain,
		Services:             baseServices(),
		SslPolicy:            d.SslPolicy,
		DesyncMitigationMode: d.DesyncMitigationMode,
		IdleTimeout:          d.IdleTimeout,
		DefaultAction:        d.DefaultAction,
		AccessLogs:           d.AccessLogs,
		Waf:                  d.Waf,
		LoadBalancerSettings: d.LoadBalancer,
		ResponseHeaders:      d.ResponseHeaders,
		PhysicalNames:        d.PhysicalNames,
		Tags:                 map[string]string{"Team": "edge", "CostCenter": "42"},
	}
}

// result is one run of the component against the mock.
type result struct {
	*awsmock.Monitor
	LB                    *loadbalancer.LoadBalancer
	TargetGroupArns       map[string]string
	SecurityGroupID       string
	TargetSecurityGroupID string
	Arn, DnsName, ZoneID  string
}

// runLB runs the component named lbName. Before args is built, the run
// creates an internet gateway (passed as DependsOn) and a certificate
// validation (whose certificateArn output is passed as CertificateArn);
// mutate may change or replace the args (returning nil passes nil args).
func runLB(mutate func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs) (*result, error) {
	res := &result{}
	m, err := awsmock.Run(project, stack, nil, func(ctx *pulumi.Context) error {
		igw, err := ec2.NewInternetGateway(ctx, igwName, &ec2.InternetGatewayArgs{VpcId: pulumi.String(vpcID)})
		if err != nil {
			return err
		}
		validation, err := acm.NewCertificateValidation(ctx, valName, &acm.CertificateValidationArgs{
			CertificateArn: pulumi.String(certARN),
		})
		if err != nil {
			return err
		}
		a := baseArgs()
		a.CertificateArn = validation.CertificateArn
		a.DependsOn = []pulumi.Resource{igw}
		if mutate != nil {
			a = mutate(a)
		}
		l, err := loadbalancer.NewLoadBalancer(ctx, lbName, a)
		if err != nil {
			return err
		}
		res.LB = l
		l.TargetGroupArns.ApplyT(func(v map[string]string) error {
			res.TargetGroupArns = v
			return nil
		})
		l.SecurityGroupId.ApplyT(func(v string) error {
			res.SecurityGroupID = v
			return nil
		})
		l.TargetSecurityGroupId.ApplyT(func(v string) error {
			res.TargetSecurityGroupID = v
			return nil
		})
		pulumi.All(l.Arn, l.DnsName, l.ZoneId).ApplyT(func(v []any) error {
			res.Arn, res.DnsName, res.ZoneID = v[0].(string), v[1].(string), v[2].(string)
			return nil
		})
		return nil
	})
	res.Monitor = m
	return res, err
}

// mustRunLB runs the component and fails the test on error.
func mustRunLB(t *testing.T, mutate func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs) *result {
	t.Helper()
	res, err := runLB(mutate)
	require.NoError(t, err)
	return res
}

// withServices returns a mutator that sets the services.
func withServices(services []stackconfig.Service) func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
	return func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
		a.Services = services
		return a
	}
}

// must returns the resource of a type and logical name, failing if absent.
func (r *result) must(t *testing.T, typ, name string) *awsmock.Resource {
	t.Helper()
	res := r.Named(typ, name)
	require.NotNil(t, res, "no %s named %q", typ, name)
	return res
}

func (r *result) component(t *testing.T) *awsmock.Resource {
	t.Helper()
	return r.must(t, loadbalancer.TypeToken, lbName)
}

func (r *result) alb(t *testing.T) *awsmock.Resource { t.Helper(); return r.must(t, typeALB, lbName) }
func (r *result) albSG(t *testing.T) *awsmock.Resource {
	t.Helper()
	return r.must(t, typeSG, lbName+"-alb")
}
func (r *result) targetSG(t *testing.T) *awsmock.Resource {
	t.Helper()
	return r.must(t, typeSG, lbName+"-targets")
}
func (r *result) httpListener(t *testing.T) *awsmock.Resource {
	t.Helper()
	return r.must(t, typeListener, lbName+"-http")
}
func (r *result) httpsListener(t *testing.T) *awsmock.Resource {
	t.Helper()
	return r.must(t, typeListener, lbName+"-https")
}
func (r *result) igw(t *testing.T) *awsmock.Resource { t.Helper(); return r.must(t, typeIGW, igwName) }
func (r *result) validation(t *testing.T) *awsmock.Resource {
	t.Helper()
	return r.must(t, typeValidation, valName)
}

// children returns every resource except the component itself and the two
// resources the test creates outside it.
func (r *result) children() []*awsmock.Resource {
	var out []*awsmock.Resource
	for _, res := range r.Resources() {
		switch res.Type {
		case loadbalancer.TypeToken, typeIGW, typeValidation:
			continue
		}
		out = append(out, res)
	}
	return out
}

// rules returns the ingress and egress rules together.
func (r *result) rules() []*awsmock.Resource {
	return append(r.OfType(typeIngress), r.OfType(typeEgress)...)
}

// rulesOf returns the rules of typ attached to the security group with id.
func (r *result) rulesOf(typ, sgID string) []*awsmock.Resource {
	var out []*awsmock.Resource
	for _, rule := range r.OfType(typ) {
		if rule.Input("securityGroupId") == sgID {
			out = append(out, rule)
		}
	}
	return out
}

// plainInputs returns all inputs of r as plain Go values.
func plainInputs(r *awsmock.Resource) map[string]any {
	return awsmock.Plain(resource.NewObjectProperty(r.Inputs)).(map[string]any)
}

// num returns an input that must be a number as an int.
func num(t *testing.T, r *awsmock.Resource, key string) int {
	t.Helper()
	v, ok := r.Input(key).(float64)
	require.True(t, ok, "%s %s: input %q is %#v, not a number", r.Type, r.Name, key, r.Input(key))
	return int(v)
}

// portKey describes a rule by protocol and port range, e.g. "tcp 443-443".
func portKey(r *awsmock.Resource) string {
	return fmt.Sprintf("%v %v-%v", r.Input("ipProtocol"), r.Input("fromPort"), r.Input("toPort"))
}

// anys converts strings to the []any that Input returns for arrays.
func anys(ss ...string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
