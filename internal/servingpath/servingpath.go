// Package servingpath is the one list of what users' requests depend on
// today: the hosted zone (the registrar delegates to its name servers), the
// certificate, the load balancer (its DNS name is the alias target), its
// listeners, listener rules and target groups, the security groups of the
// load balancer and of its targets (requests cross both, and instances
// hold the targets' one), the WAF association that protects the load
// balancer, and the alias records that send the names to it. Replacing or
// deleting one of these is what users notice, and so is a record change
// that moves a live name (Moves: a record written over one that exists, an
// alias's target, weight, set identifier or health check changed, a
// weighted record deleted): the offline diff flags it ([users rely on it])
// and exits 3, and the pull-request check (tools/preview-guard) fails on it
// unless the change is accepted on purpose.
package servingpath

import "slices"

// Types are the resource types on the serving path whatever their inputs.
var Types = []string{
	"aws:route53/zone:Zone",
	"aws:acm/certificate:Certificate",
	"aws:lb/loadBalancer:LoadBalancer",
	"aws:lb/listener:Listener",
	// A replaced rule is deleted and created again: the hosts it matched
	// get the listener's default action in between.
	"aws:lb/listenerRule:ListenerRule",
	"aws:lb/targetGroup:TargetGroup",
	// The stack's two groups: the load balancer's, which admits the
	// internet, and its targets', which instances hold (attached outside
	// the stack): a new one is a group no instance holds.
	"aws:ec2/securityGroup:SecurityGroup",
	// Deleted, it leaves the load balancer with no WAF; replaced, with none
	// between the delete and the create (loadbalancer deletes it first).
	"aws:wafv2/webAclAssociation:WebAclAssociation",
}

// RecordType is a Route53 record: on the serving path when it is an alias.
const RecordType = "aws:route53/record:Record"

// ReliedOn reports whether a resource of type typ with these inputs (as
// JSON decodes them) is on the serving path.
func ReliedOn(typ string, inputs map[string]any) bool {
	if slices.Contains(Types, typ) {
		return true
	}
	if typ == RecordType {
		aliases, _ := inputs["aliases"].([]any)
		return len(aliases) > 0
	}
	return false
}
