package loadbalancer_test

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/awsmock"
	"github.com/meething/edge/loadbalancer"
)

func TestComponentTypeAndParenting(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs
		// wantChildren is how many resources the component must own.
		wantChildren int
	}{
		{
			// 2 SGs, 2 public ingress rules, 2 ports x (egress + ingress),
			// ALB, 2 listeners, 3 x (target group + rule), 3 attachments.
			name:         "ipv4",
			wantChildren: 2 + 2 + 4 + 1 + 2 + 6 + 3,
		},
		{
			name: "ipv6 adds the two ::/0 rules",
			mutate: func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
				a.DualStack = true
				return a
			},
			wantChildren: 2 + 4 + 4 + 1 + 2 + 6 + 3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRunLB(t, tt.mutate)

			comps := r.OfType(loadbalancer.TypeToken)
			require.Len(t, comps, 1)
			comp := comps[0]
			assert.Equal(t, "meething:loadbalancer:LoadBalancer", loadbalancer.TypeToken)
			assert.Equal(t, "meething:loadbalancer:LoadBalancer", comp.Type)
			assert.Equal(t, lbName, comp.Name)
			assert.False(t, comp.Custom, "the load balancer must be a component")

			children := r.children()
			assert.Len(t, children, tt.wantChildren)
			for _, c := range children {
				assert.Equal(t, comp.URN, c.Parent, "%s %s must be parented to the component", c.Type, c.Name)
				assert.True(t, c.Custom, "%s %s", c.Type, c.Name)
			}
		})
	}
}

func TestLoadBalancerInputs(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs

		wantDesync           string
		wantDeletion         bool
		wantIdle             int
		wantIPAddressType    string
		wantSubnets          []any
		wantSecurityGroupsSG string
	}{
		{
			name:              "defaults",
			wantDesync:        "defensive",
			wantDeletion:      false,
			wantIdle:          60,
			wantIPAddressType: "ipv4",
			wantSubnets:       anys(subnetIDs...),
		},
		{
			name: "strictest desync mitigation",
			mutate: func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
				a.DesyncMitigationMode = "strictest"
				return a
			},
			wantDesync:        "strictest",
			wantIdle:          60,
			wantIPAddressType: "ipv4",
			wantSubnets:       anys(subnetIDs...),
		},
		{
			name: "deletion protection",
			mutate: func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
				a.DeletionProtection = true
				return a
			},
			wantDesync:        "defensive",
			wantDeletion:      true,
			wantIdle:          60,
			wantIPAddressType: "ipv4",
			wantSubnets:       anys(subnetIDs...),
		},
		{
			name: "idle timeout",
			mutate: func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
				a.IdleTimeout = 300
				return a
			},
			wantDesync:        "defensive",
			wantIdle:          300,
			wantIPAddressType: "ipv4",
			wantSubnets:       anys(subnetIDs...),
		},
		{
			name: "ipv6 is dualstack",
			mutate: func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
				a.DualStack = true
				return a
			},
			wantDesync:        "defensive",
			wantIdle:          60,
			wantIPAddressType: "dualstack",
			wantSubnets:       anys(subnetIDs...),
		},
		{
			name: "two subnets",
			mutate: func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
				a.SubnetIds = pulumi.ToStringArray([]string{"subnet-x", "subnet-y"})
				return a
			},
			wantDesync:        "defensive",
			wantIdle:          60,
			wantIPAddressType: "ipv4",
			wantSubnets:       anys("subnet-x", "subnet-y"),
		},
		{
			name: "everything set",
			mutate: func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
				a.DesyncMitigationMode = "strictest"
				a.DeletionProtection = true
				a.IdleTimeout = 120
				a.DualStack = true
				return a
			},
			wantDesync:        "strictest",
			wantDeletion:      true,
			wantIdle:          120,
			wantIPAddressType: "dualstack",
			wantSubnets:       anys(subnetIDs...),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRunLB(t, tt.mutate)
			require.Len(t, r.OfType(typeALB), 1)
			alb := r.alb(t)
			albSG := r.albSG(t)

			assert.Equal(t, "application", alb.Input("loadBalancerType"))
			assert.Equal(t, false, alb.Input("internal"))
			assert.Equal(t, tt.wantSubnets, alb.Input("subnets"))
			assert.Equal(t, anys(albSG.ID), alb.Input("securityGroups"))
			assert.Equal(t, true, alb.Input("dropInvalidHeaderFields"))
			assert.Equal(t, tt.wantDesync, alb.Input("desyncMitigationMode"))
			assert.Equal(t, tt.wantDeletion, alb.Input("enableDeletionProtection"))
			assert.Equal(t, tt.wantIdle, num(t, alb, "idleTimeout"))
			assert.Equal(t, tt.wantIPAddressType, alb.Input("ipAddressType"))

			// Auto-naming: a replacement can be created before the old one
			// is deleted.
			assert.Nil(t, alb.Input("name"), "the ALB must be auto-named")
			assert.Nil(t, alb.Input("namePrefix"), "the ALB must be auto-named")
			assert.False(t, alb.DeleteBeforeReplace)
		})
	}
}

func TestDependencies(t *testing.T) {
	r := mustRunLB(t, nil)
	igw, validation := r.igw(t), r.validation(t)

	alb := r.alb(t)
	assert.Contains(t, alb.Dependencies, igw.URN, "the ALB must wait for the internet gateway")

	tests := []struct {
		typ, name      string
		wantValidation bool
	}{
		{typeALB, lbName, false},
		{typeSG, lbName + "-alb", false},
		{typeSG, lbName + "-targets", false},
		{typeListener, lbName + "-http", false},
		{typeListener, lbName + "-https", true},
		{typeTG, lbName + "-api", false},
		{typeTG, lbName + "-config", false},
		{typeTG, lbName + "-chat", false},
		{typeRule, lbName + "-api", true},
		{typeIngress, lbName + "-alb-in-443-ipv4", false},
		{typeEgress, lbName + "-alb-out-8080", false},
		{typeIngress, lbName + "-targets-in-8080", false},
	}
	for _, tt := range tests {
		t.Run(tt.typ+"/"+tt.name, func(t *testing.T) {
			res := r.must(t, tt.typ, tt.name)
			assert.Equal(t, tt.wantValidation, r.DependsOn(res, validation),
				"does %s %s wait for the certificate validation", tt.typ, tt.name)
		})
	}
}

func TestDependsOnSeveralResources(t *testing.T) {
	m, err := awsmock.Run(project, stack, nil, func(ctx *pulumi.Context) error {
		igw, err := ec2.NewInternetGateway(ctx, igwName, &ec2.InternetGatewayArgs{VpcId: pulumi.String(vpcID)})
		if err != nil {
			return err
		}
		eip, err := ec2.NewEip(ctx, "extra", &ec2.EipArgs{Domain: pulumi.String("vpc")})
		if err != nil {
			return err
		}
		a := baseArgs()
		a.CertificateArn = pulumi.String(certARN)
		a.DependsOn = []pulumi.Resource{igw, eip}
		_, err = loadbalancer.NewLoadBalancer(ctx, lbName, a)
		return err
	})
	require.NoError(t, err)
	igw := m.Named(typeIGW, igwName)
	extra := m.Named("aws:ec2/eip:Eip", "extra")
	alb := m.Named(typeALB, lbName)
	require.NotNil(t, igw)
	require.NotNil(t, extra)
	require.NotNil(t, alb)
	assert.Contains(t, alb.Dependencies, igw.URN)
	assert.Contains(t, alb.Dependencies, extra.URN)
}

func TestOutputs(t *testing.T) {
	r := mustRunLB(t, nil)
	alb := r.alb(t)
	assert.Equal(t, alb.Output("arn"), r.Arn)
	assert.Equal(t, alb.Output("dnsName"), r.DnsName)
	assert.Equal(t, alb.Output("zoneId"), r.ZoneID)
	assert.Equal(t, r.targetSG(t).ID, r.TargetSecurityGroupID)
	assert.Equal(t, r.albSG(t).ID, r.SecurityGroupID)
	assert.NotEqual(t, r.SecurityGroupID, r.TargetSecurityGroupID)
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs
		// wantErr are substrings the error must contain; none means success.
		wantErr []string
	}{
		{name: "valid args", mutate: nil},
		{
			name:    "nil args",
			mutate:  func(*loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs { return nil },
			wantErr: []string{lbName, "required"},
		},
		{
			name: "no VPC",
			mutate: func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
				a.VpcId = nil
				return a
			},
			wantErr: []string{lbName, "VpcId", "required"},
		},
		{
			name: "no subnets",
			mutate: func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
				a.SubnetIds = nil
				return a
			},
			wantErr: []string{lbName, "SubnetIds", "required"},
		},
		{
			name: "no certificate",
			mutate: func(a *loadbalancer.LoadBalancerArgs) *loadbalancer.LoadBalancerArgs {
				a.CertificateArn = nil
				return a
			},
			wantErr: []string{lbName, "CertificateArn", "required"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := runLB(tt.mutate)
			if len(tt.wantErr) == 0 {
				require.NoError(t, err)
				require.Len(t, r.OfType(loadbalancer.TypeToken), 1)
				return
			}
			require.Error(t, err)
			for _, want := range tt.wantErr {
				assert.Contains(t, err.Error(), want)
			}
			// Rejected before anything is registered: nothing half-built.
			assert.Empty(t, r.OfType(loadbalancer.TypeToken))
			assert.Empty(t, r.children())
		})
	}
}
