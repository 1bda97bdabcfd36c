package adoption

import (
	"net"
	"sync/atomic"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meething/edge/stackconfig"
)

// component is a component resource, as the stack's packages register them.
type component struct{ pulumi.ResourceState }

// toyBuild registers what the stack's build does, in small: a component with
// custom resources in it, one importable type and one not, a data source
// read, and a resource registered inside an apply.
func toyBuild(ctx *pulumi.Context, _ *Plan) error {
	c := &component{}
	if err := ctx.RegisterComponentResource("meething:test:Toy", "meething", c); err != nil {
		return err
	}
	account, err := aws.GetCallerIdentity(ctx, nil, pulumi.Parent(c))
	if err != nil {
		return err
	}
	vpc, err := ec2.NewVpc(ctx, "meething", &ec2.VpcArgs{CidrBlock: pulumi.String("10.0.0.0/16"),
		Tags: pulumi.StringMap{"account": pulumi.String(account.AccountId)}}, pulumi.Parent(c))
	if err != nil {
		return err
	}
	if _, err := ec2.NewVpcEndpoint(ctx, "meething-s3", &ec2.VpcEndpointArgs{VpcId: vpc.ID(), ServiceName: pulumi.String("s3")}, pulumi.Parent(c)); err != nil {
		return err
	}
	vpc.ID().ApplyT(func(id pulumi.ID) (string, error) {
		_, err := lb.NewTargetGroup(ctx, "meething-api", &lb.TargetGroupArgs{VpcId: pulumi.String(id), Port: pulumi.Int(80), Protocol: pulumi.String("HTTP")}, pulumi.Parent(c))
		return string(id), err
	})
	return nil
}

// TestKeysAreWhatTheBuildRegisters: the keys are those of the importable
// custom resources the build registers, components' children and resources
// registered inside an apply included, and no others.
func TestKeysAreWhatTheBuildRegisters(t *testing.T) {
	keys, err := Keys("meething", "dev", &Plan{}, toyBuild)
	require.NoError(t, err)
	assert.Equal(t, []string{"targetGroup/api", "vpc"}, keys)
}

// TestKeysNeverTalkToTheEngine: under `pulumi up` the environment holds the
// engine's addresses and says whether the run is a preview; the dry run must
// not use them, or it would register its resources in the real deployment.
// Here they are a listener's, which must see no connection.
func TestKeysNeverTalkToTheEngine(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	var dialed atomic.Int32
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			dialed.Add(1)
			conn.Close()
		}
	}()
	t.Setenv(pulumi.EnvMonitor, l.Addr().String())
	t.Setenv(pulumi.EnvEngine, l.Addr().String())
	t.Setenv(pulumi.EnvDryRun, "true")

	keys, err := Keys("meething", "dev", &Plan{}, toyBuild)
	require.NoError(t, err)
	assert.Equal(t, []string{"targetGroup/api", "vpc"}, keys, "a preview's unknown outputs hide nothing")
	assert.Zero(t, dialed.Load(), "the dry run dialed the engine")
}

// TestNoImportsNoDryRun: an ordinary config, which imports nothing, does not
// pay for a second build.
func TestNoImportsNoDryRun(t *testing.T) {
	cfg := &stackconfig.Config{}
	err := checkImportKeys(nil, cfg, &Plan{}, func(*pulumi.Context, *Plan) error {
		t.Fatal("the build ran without meething:import")
		return nil
	})
	require.NoError(t, err)
}

// TestUnknownKeyIsRefused: a key the build does not register is refused,
// named with meething:import, and the message lists the keys that are.
func TestUnknownKeyIsRefused(t *testing.T) {
	cfg := &stackconfig.Config{}
	cfg.Import = map[string]string{"vpc": "vpc-0123456789abcdef0", "targetGroup/web": "x"}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		return checkImportKeys(ctx, cfg, &Plan{}, toyBuild)
	}, pulumi.WithMocks("meething", "dev", noResources{t}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "meething:import.targetGroup/web")
	assert.Contains(t, err.Error(), "names no resource of this stack; the importable keys are targetGroup/api, vpc")
	assert.NotContains(t, err.Error(), "meething:import.vpc")
}

// noResources is a mock in which registering anything fails the test: the
// check happens before the stack registers.
type noResources struct{ t *testing.T }

func (m noResources) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	m.t.Errorf("registered %s %s before the check", args.TypeToken, args.Name)
	return args.Name, args.Inputs, nil
}

func (m noResources) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	m.t.Errorf("invoked %s before the check", args.Token)
	return resource.PropertyMap{}, nil
}
