package testprovider

// What WAFv2 and EC2 do around the serving path beyond storing resources:
// which web ACL a load balancer is associated with, and which security
// groups instances hold.

import (
	"fmt"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

const (
	webAclAssociationType = "aws:wafv2/webAclAssociation:WebAclAssociation"
	loadBalancerType      = "aws:lb/loadBalancer:LoadBalancer"
	securityGroupType     = "aws:ec2/securityGroup:SecurityGroup"
)

// associate is AssociateWebACL: the resource is associated with the web
// ACL, in place of any ACL it had (a resource has at most one).
func (a *Account) associate(inputs resource.PropertyMap) {
	a.WebAcls[stringAt(inputs, "resourceArn")] = stringAt(inputs, "webAclArn")
}

// disassociate is the provider's delete of an association: DisassociateWebACL
// on the resource ARN alone, which drops whatever ACL the resource is
// associated with now, not the one the association named
// (pulumi/pulumi-aws#4782).
func (a *Account) disassociate(state resource.PropertyMap) {
	delete(a.WebAcls, stringAt(state, "resourceArn"))
}

// deleting applies what AWS does before a delete of typ: a deleted load
// balancer loses its association; a security group an instance holds is
// not deleted (DependencyViolation).
func (a *Account) deleting(typ, id string, state resource.PropertyMap) error {
	switch typ {
	case webAclAssociationType:
		a.disassociate(state)
	case loadBalancerType:
		delete(a.WebAcls, stringAt(state, "arn"))
	case securityGroupType:
		for instance, groups := range a.InstanceGroups {
			if slices.Contains(groups, id) {
				return fmt.Errorf("deleting security group (%s): DependencyViolation: resource %s has a dependent object (instance %s)", id, id, instance)
			}
		}
	}
	return nil
}

// WebAclOf returns the ARN of the web ACL the resource is associated with,
// and whether the account holds that web ACL.
func (a *Account) WebAclOf(resourceArn string) (string, bool) {
	acl, ok := a.WebAcls[resourceArn]
	if !ok {
		return "", false
	}
	for _, st := range a.Resources {
		if st.Type != "aws:wafv2/webAcl:WebAcl" {
			continue
		}
		if out, err := outputsOf(st); err == nil && stringAt(out, "arn") == acl {
			return acl, true
		}
	}
	return acl, false
}

// outputsOf decodes a stored resource's outputs.
func outputsOf(st Stored) (resource.PropertyMap, error) {
	return decode(st.Outputs)
}

// InputsOf decodes a stored resource's inputs.
func InputsOf(st Stored) (resource.PropertyMap, error) {
	return decode(st.Inputs)
}
