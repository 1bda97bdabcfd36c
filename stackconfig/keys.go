package stackconfig

// Config keys, without the namespace.
const (
	KeyDomain               = "domain"
	KeyCertificateNames     = "certificateNames"
	KeyExistingZoneID       = "existingZoneId"
	KeyExistingZoneName     = "existingZoneName"
	KeyApexAlias            = "apexAlias"
	KeyVpcCidr              = "vpcCidr"
	KeyAvailabilityZones    = "availabilityZones"
	KeySubnetCount          = "subnetCount"
	KeySubnetPrefixLength   = "subnetPrefixLength"
	KeySubnetCidrs          = "subnetCidrs"
	KeyMapPublicIPOnLaunch  = "mapPublicIpOnLaunch"
	KeyDualStack            = "dualStack"
	KeySslPolicy            = "sslPolicy"
	KeyDesyncMitigationMode = "desyncMitigationMode"
	KeyIdleTimeout          = "idleTimeout"
	KeyDeletionProtection   = "deletionProtection"
	KeyProtect              = "protect"
	KeyServices             = "services"
	KeyTags                 = "tags"
	KeyAccessLogs           = "accessLogs"
	KeyFlowLogs             = "flowLogs"
	KeyWaf                  = "waf"
	KeyAlarms               = "alarms"
	KeyQueryLogs            = "queryLogs"

	KeyParentZoneID                 = "parentZoneId"
	KeyParentZoneName               = "parentZoneName"
	KeyAliasRecords                 = "aliasRecords"
	KeyTakeOverRecords              = "takeOverRecords"
	KeyExistingVpcID                = "existingVpcId"
	KeyExistingSubnetIDs            = "existingSubnetIds"
	KeyRestrictDefaultSecurityGroup = "restrictDefaultSecurityGroup"
	KeyImport                       = "import"
	KeyDeleteImportedOnDestroy      = "deleteImportedOnDestroy"
	KeyPhysicalNames                = "physicalNames"

	KeyLoadBalancer    = "loadBalancer"
	KeyResponseHeaders = "responseHeaders"
	KeyRules           = "rules"
	KeyDefaultAction   = "defaultAction"

	KeyExtraCertificates = "extraCertificates"

	KeyCutover = "cutover"

	KeyQuotas = "quotas"
)

// Keys lists every key the program reads from its namespace, in the order
// of Declarations.
var Keys = declaredKeys()

func declaredKeys() []string {
	out := make([]string, len(Declarations))
	for i, d := range Declarations {
		out[i] = d.Key
	}
	return out
}

// CreatedVpcKeys shape a VPC the stack creates; one set beside
// meething:existingVpcId is rejected instead of ignored.
var CreatedVpcKeys = []string{
	KeyVpcCidr, KeySubnetCount, KeySubnetPrefixLength, KeySubnetCidrs, KeyMapPublicIPOnLaunch,
}

// Required are the keys every stack file sets. Pulumi.yaml declares them
// without a default, so Pulumi's CLI refuses a stack that lacks one before
// the program runs; the program refuses it too (for synth). The domain has
// no default because any default would be production's name.
var Required = []string{KeyDomain}

// NotSet are the keys whose absence the program must see, with the value
// Pulumi.yaml declares as their default, which reads as not set. Pulumi's
// CLI refuses a stack that lacks a key declared without a default, and
// passes a declared default as if the stack file set it
// (ValidateStackConfigAndApplyProjectConfig, pkg/v3/workspace/config.go),
// so each of these declares an empty value no stack would mean: the
// booleans are declared without a type, so that "" can stand for not set.
var NotSet = map[string]string{
	KeyVpcCidr:                      "",
	KeySubnetCount:                  "0",
	KeySubnetPrefixLength:           "0",
	KeySubnetCidrs:                  "{}",
	KeyMapPublicIPOnLaunch:          "",
	KeyRestrictDefaultSecurityGroup: "",
}

// ProviderNamespace is the AWS provider's config namespace.
const ProviderNamespace = "aws"

// ProviderKeys are the AWS provider's settings, the keys of its namespace a
// stack file may set: the config variables of pulumi-aws v6.83.4, the
// version go.mod requires, as its Go SDK declares them
// (sdk/go/aws/config/config.go, one Get function each; read 2026-12-06).
// TestProviderKeysAreTheSDKs holds the list to that file.
var ProviderKeys = []string{
	"accessKey", "allowedAccountIds", "assumeRole", "assumeRoleWithWebIdentity", "customCaBundle",
	"defaultTags", "ec2MetadataServiceEndpoint", "ec2MetadataServiceEndpointMode", "endpoints",
	"forbiddenAccountIds", "httpProxy", "httpsProxy", "ignoreTags", "insecure", "maxRetries", "noProxy",
	"profile", "region", "retryMode", "s3UsEast1RegionalEndpoint", "s3UsePathStyle", "secretKey",
	"sharedConfigFiles", "sharedCredentialsFiles", "skipCredentialsValidation", "skipMetadataApiCheck",
	"skipRegionValidation", "skipRequestingAccountId", "stsRegion", "token", "tokenBucketRateLimiterCapacity",
	"useDualstackEndpoint", "useFipsEndpoint",
}

// EngineNamespace is the Pulumi engine's own config namespace
// (pulumi:disable-default-providers, pulumi:tags): the engine checks it.
const EngineNamespace = "pulumi"

// RegionKey is the AWS provider's region setting.
const RegionKey = "aws:region"
