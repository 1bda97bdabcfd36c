package testprovider

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func props(kv ...string) resource.PropertyMap {
	m := resource.PropertyMap{}
	for i := 0; i < len(kv); i += 2 {
		m[resource.PropertyKey(kv[i])] = resource.NewStringProperty(kv[i+1])
	}
	return m
}

// TestDeletingAnAssociationDisassociatesWhateverIsThere is
// pulumi/pulumi-aws#4782: a replacement created first, then the old
// association deleted, leaves the load balancer with no web ACL.
func TestDeletingAnAssociationDisassociatesWhateverIsThere(t *testing.T) {
	const alb, aclA, aclB = "arn:alb", "arn:acl-a", "arn:acl-b"
	a := NewAccount()
	require.NoError(t, a.Put("aws:wafv2/webAcl:WebAcl", "b", props(), props("arn", aclB)))
	a.associate(props("resourceArn", alb, "webAclArn", aclA))
	a.associate(props("resourceArn", alb, "webAclArn", aclB))
	acl, exists := a.WebAclOf(alb)
	assert.Equal(t, aclB, acl, "associating replaces the load balancer's web ACL")
	assert.True(t, exists)

	require.NoError(t, a.deleting(webAclAssociationType, aclA+","+alb, props("resourceArn", alb, "webAclArn", aclA)))
	_, associated := a.WebAcls[alb]
	assert.False(t, associated, "deleting the old association drops the new one")

	a.associate(props("resourceArn", alb, "webAclArn", aclA))
	acl, exists = a.WebAclOf(alb)
	assert.Equal(t, aclA, acl)
	assert.False(t, exists, "the account holds no web ACL of that ARN")
	require.NoError(t, a.deleting(loadBalancerType, "alb", props("arn", alb)))
	assert.Empty(t, a.WebAcls, "a deleted load balancer has no association")
}

func TestDeletingAHeldSecurityGroupIsRefused(t *testing.T) {
	a := NewAccount()
	a.InstanceGroups["i-0123456789abcdef0"] = []string{"sg-held"}
	err := a.deleting(securityGroupType, "sg-held", props())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "DependencyViolation")
	assert.NoError(t, a.deleting(securityGroupType, "sg-free", props()))
}
