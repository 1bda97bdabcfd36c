package adoption

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/adoption/identity"
	"github.com/meething/edge/monitoring"
	"github.com/meething/edge/stackconfig"
)

// KeptLogs are the types that hold or keep logs: the flow-log, query-log
// and WAF log groups, and the access-log bucket with the settings that keep
// it private, encrypted and expiring. They are retained on delete whatever
// meething:protect says: logs are records, not infrastructure, and a
// destroy (or a change that drops them) must not take the audit trail
// with it. A retained bucket keeps its settings, so it stays as safe as it
// was; meething:accessLogs.forceDestroy lets the bucket go with its logs.
var KeptLogs = map[string]bool{
	"aws:cloudwatch/logGroup:LogGroup":                                                           true,
	"aws:s3/bucketV2:BucketV2":                                                                   true,
	"aws:s3/bucketPolicy:BucketPolicy":                                                           true,
	"aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock":                                     true,
	"aws:s3/bucketOwnershipControls:BucketOwnershipControls":                                     true,
	"aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2":                       true,
	"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": true,
}

// RegisterPolicy applies the stack-wide resource options to every resource
// registered after it, inside the components too:
//   - a resource whose key (identity.Key) has an ID in meething:import is
//     imported with it, and retained on destroy unless
//     meething:deleteImportedOnDestroy says otherwise;
//   - so is a record the stack did not create (by key, in plan:
//     imported or taken over, now or in an earlier deployment, as the
//     zone's owner record remembers);
//   - with meething:protect, every resource is protected (providers aside),
//     so no destroy or change deletes anything, the security controls and
//     alarms included, until someone unprotects it on purpose
//     (docs/operations.md, Deleting in prod on purpose), and a created zone
//     is retained on delete, so that its name servers, delegated at the
//     registrar, survive; this is the one place protect is decided (the
//     components set none);
//   - the logs (KeptLogs) are retained on delete;
//   - the old edge's records of a cutover (Plan.OldEdgeRecords) are
//     protected and retained on delete while they hold the live records
//     unchanged, and neither once weighted, so that the reviewed step that
//     retires them can delete them;
//     neither are the new edge's health check and its alarms
//     (monitoring.IsFailback), which the step that ends the cutover
//     deletes.
func RegisterPolicy(ctx *pulumi.Context, cfg *stackconfig.Config, plan *Plan) error {
	adoptedRecords := plan.adoptedRecords()
	oldEdge := plan.OldEdgeRecords()
	return ctx.RegisterStackTransformation(func(args *pulumi.ResourceTransformationArgs) *pulumi.ResourceTransformationResult {
		if _, custom := args.Resource.(pulumi.CustomResource); !custom {
			return nil
		}
		var extra []pulumi.ResourceOption
		key := identity.Key(args.Type, args.Name)
		if monitoring.IsFailback(args.Name) {
			return nil
		}
		if oldEdge[key] && cfg.Cutover.Share != nil {
			return nil
		}
		id, imported := cfg.Import[key]
		if imported && identity.Importable(args.Type) {
			extra = append(extra, pulumi.Import(pulumi.ID(id)))
		}
		if (imported || adoptedRecords[key] || oldEdge[key]) && !cfg.DeleteImportedOnDestroy || keepsLogs(cfg, args.Type) {
			extra = append(extra, pulumi.RetainOnDelete(true))
		}
		if cfg.Protect && !strings.HasPrefix(args.Type, "pulumi:providers:") {
			extra = append(extra, pulumi.Protect(true))
		}
		if cfg.Protect && args.Type == ZoneType {
			extra = append(extra, pulumi.RetainOnDelete(true))
		}
		if len(extra) == 0 {
			return nil
		}
		return &pulumi.ResourceTransformationResult{Props: args.Props, Opts: append(args.Opts, extra...)}
	})
}

// ZoneType is a hosted zone's type: one the stack creates is retained on
// delete under meething:protect.
const ZoneType = "aws:route53/zone:Zone"

// keepsLogs reports whether a resource of typ is retained on delete as a
// keeper of logs: every KeptLogs type, but the access-log bucket and its
// settings not when meething:accessLogs.forceDestroy asks for them to go.
func keepsLogs(cfg *stackconfig.Config, typ string) bool {
	if strings.HasPrefix(typ, "aws:s3/") && cfg.AccessLogs.ForceDestroy {
		return false
	}
	return KeptLogs[typ]
}
