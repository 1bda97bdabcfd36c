package identity

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestKey(t *testing.T) {
	tests := []struct{ typ, name, want string }{
		{"aws:ec2/vpc:Vpc", "meething", "vpc"},
		{"aws:ec2/subnet:Subnet", "meething-public-ap-northeast-2a", "subnet/public-ap-northeast-2a"},
		{"aws:lb/loadBalancer:LoadBalancer", "meething", "loadBalancer"},
		{"aws:lb/targetGroup:TargetGroup", "meething-api", "targetGroup/api"},
		{"aws:route53/record:Record", "meething-wildcard-A", "record/wildcard-A"},
		{"aws:route53/record:Record", "meething-validation-meething.net", "record/validation-meething.net"},
		{"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "meething-alb-in-443-ipv6", "securityGroupIngressRule/alb-in-443-ipv6"},
		{"aws:acm/certificate:Certificate", "other", "certificate/other"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Key(tt.typ, tt.name), "%s %s", tt.typ, tt.name)
	}
}

func TestEveryTypeKeyMatchesItsToken(t *testing.T) {
	for kind, f := range Types {
		assert.Equal(t, kind, Key(f.Type, StackName), "the key of %s", f.Type)
		assert.True(t, Importable(f.Type))
		assert.Empty(t, CheckID(kind+"/x", f.Example), "the example ID of %s must pass its own check", kind)
	}
	assert.False(t, Importable("aws:acm/certificateValidation:CertificateValidation"), "a validation is no AWS resource")
	assert.False(t, Importable("aws:lb/targetGroupAttachment:TargetGroupAttachment"), "the provider cannot import a registration")
}

func TestCheckID(t *testing.T) {
	tests := []struct {
		key, id string
		ok      bool
	}{
		{"vpc", "vpc-0a1b2c3d4e5f60718", true},
		{"vpc", "vpc-0a1b2c3d", true},
		{"vpc", "subnet-0a1b2c3d4e5f60718", false},
		{"vpc", "vpc-0A1B2C3D", false},
		{"vpc", "vpc-0a1b2c3d4e", false}, // 8 or 17 digits, nothing between
		{"vpc", "vpc-0a1b2c3d4e5f607189", false},
		{"routeTableAssociation/public-ap-northeast-2a", "subnet-0a1b2c3d4e/rtb-0a1b2c3d", false},
		{"subnet/public-ap-northeast-2a", "subnet-0a1b2c3d4e5f60718", true},
		{"route/public-ipv4-default", "rtb-0a1b2c3d_0.0.0.0/0", true},
		{"route/public-ipv4-default", "rtb-0a1b2c3d", false},
		{"routeTableAssociation/public-ap-northeast-2a", "subnet-0a1b2c3d/rtb-0a1b2c3d", true},
		{"securityGroupIngressRule/alb-in-80-ipv4", "sgr-0a1b2c3d4e5f60718", true},
		{"securityGroupIngressRule/alb-in-80-ipv4", "sg-0a1b2c3d4e5f60718", false},
		{"loadBalancer", "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer/app/edge/50dc6c495c0c9188", true},
		{"loadBalancer", "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer/net/edge/50dc6c495c0c9188", false},
		{"loadBalancer", "meething-edge", false},
		{"listener/https", "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:listener/app/edge/50dc6c495c0c9188/0467ef3c8400ae65", true},
		{"listenerRule/api", "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:listener/app/edge/50dc6c495c0c9188/0467ef3c8400ae65", false},
		{"targetGroup/api", "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/api/73e2d6bc24d8a067", true},
		{"certificate", "arn:aws:acm:ap-northeast-2:123456789012:certificate/9f6a2b4c-1d3e-4f5a-8b7c-0d1e2f3a4b5c", true},
		{"certificate", "arn:aws:acm:ap-northeast-2:123456789012:certificate/x", false},
		{"zone", "Z0123456789ABCDEFGHIJ", true},
		{"zone", "/hostedzone/Z0123456789ABCDEFGHIJ", false},
		{"record/wildcard-A", "Z0123456789ABCDEFGHIJ_*.meething.net_A", true},
		{"record/validation-meething.net", "Z0123456789ABCDEFGHIJ__0a1b.meething.net_CNAME", true},
		{"record/wildcard-A", "*.meething.net A", false},
		{"record/wildcard-A", "Z0123456789ABCDEFGHIJ_*.meething.net_MX", false},
		{"nosuchkind/x", "anything", true}, // unknown kinds are reported as unknown keys, not bad IDs
	}
	for _, tt := range tests {
		why := CheckID(tt.key, tt.id)
		if tt.ok {
			assert.Empty(t, why, "%s = %s", tt.key, tt.id)
			continue
		}
		assert.Contains(t, why, "is not the ID of a "+Kind(tt.key), "%s = %s", tt.key, tt.id)
		assert.Contains(t, why, Types[Kind(tt.key)].Example, "the message shows what an ID looks like")
	}
}
