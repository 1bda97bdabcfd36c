package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/adoption"
	"github.com/meething/edge/stackconfig"
)

// ServingPath are the resource types users' requests pass through or
// depend on: the zone and its records, the certificate, the load balancer
// with its listeners, rules, target groups, registrations and security
// groups, and the network under them. With meething:protect on, every
// resource of these types is protected, so no destroy or change can delete
// one without a deliberate `pulumi state unprotect` first.
var ServingPath = map[string]bool{
	"aws:route53/zone:Zone":                                     true,
	"aws:route53/record:Record":                                 true,
	"aws:acm/certificate:Certificate":                           true,
	"aws:acm/certificateValidation:CertificateValidation":       true,
	"aws:lb/loadBalancer:LoadBalancer":                          true,
	"aws:lb/listener:Listener":                                  true,
	"aws:lb/listenerCertificate:ListenerCertificate":            true,
	"aws:lb/listenerRule:ListenerRule":                          true,
	"aws:lb/targetGroup:TargetGroup":                            true,
	"aws:lb/targetGroupAttachment:TargetGroupAttachment":        true,
	"aws:ec2/securityGroup:SecurityGroup":                       true,
	"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": true,
	"aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule":   true,
	"aws:ec2/vpc:Vpc":                                           true,
	"aws:ec2/subnet:Subnet":                                     true,
	"aws:ec2/internetGateway:InternetGateway":                   true,
	"aws:ec2/routeTable:RouteTable":                             true,
	"aws:ec2/route:Route":                                       true,
	"aws:ec2/routeTableAssociation:RouteTableAssociation":       true,
}

// registerPolicy applies the stack-wide resource options to every resource
// registered after it, inside the components too:
//   - a resource whose key (adoption.Key) has an ID in meething:import is
//     imported with it, and retained on destroy unless
//     meething:deleteImportedOnDestroy says otherwise;
//   - so is a record the stack did not create (adoptedRecords, by key:
//     imported or taken over, now or in an earlier deployment, as the
//     zone's owner record remembers);
//   - with meething:protect, every resource on the serving path is protected.
func registerPolicy(ctx *pulumi.Context, cfg *stackconfig.Config, adoptedRecords map[string]bool) error {
	return ctx.RegisterStackTransformation(func(args *pulumi.ResourceTransformationArgs) *pulumi.ResourceTransformationResult {
		if _, custom := args.Resource.(pulumi.CustomResource); !custom {
			return nil
		}
		var extra []pulumi.ResourceOption
		key := adoption.Key(args.Type, args.Name)
		id, imported := cfg.Import[key]
		if imported && adoption.Importable(args.Type) {
			extra = append(extra, pulumi.Import(pulumi.ID(id)))
		}
		if (imported || adoptedRecords[key]) && !cfg.DeleteImportedOnDestroy {
			extra = append(extra, pulumi.RetainOnDelete(true))
		}
		if cfg.Protect && ServingPath[args.Type] {
			extra = append(extra, pulumi.Protect(true))
		}
		if len(extra) == 0 {
			return nil
		}
		return &pulumi.ResourceTransformationResult{Props: args.Props, Opts: append(args.Opts, extra...)}
	})
}
