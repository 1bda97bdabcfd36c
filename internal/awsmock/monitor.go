// Package awsmock is the one mock of AWS that every test and the offline
// synth share: a pulumi.MockResourceMonitor that records each registered
// resource (inputs, options, dependencies, import ID) and answers the way the
// AWS provider would, with deterministic, realistic outputs: ARNs, IDs, the
// load balancer's dnsName and zoneId, the zone's name servers, and
// certificate validation options in which the wildcard and the apex share
// one record.
//
// Look-ups (zones, records, VPCs, subnets, route tables) are answered from
// the account the mock holds, which Declare fills from what a stack's config
// says exists (world.go).
package awsmock

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"sort"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// AccountID is the AWS account every mocked ARN belongs to.
const AccountID = "123456789012"

// DefaultRegion is the region when the config sets none.
const DefaultRegion = "ap-northeast-2"

// Resource is one registered resource as the engine would see it.
type Resource struct {
	URN    string
	ID     string
	Type   string
	Name   string
	Parent string
	Custom bool
	// Provider is the explicit provider reference (URN::ID), if any.
	Provider string
	// Inputs are the properties the program registered.
	Inputs resource.PropertyMap
	// Outputs are the mocked provider's state: inputs plus computed values.
	Outputs resource.PropertyMap
	// Dependencies are every URN the resource waits for: its dependsOn and
	// the resources its inputs came from, sorted.
	Dependencies        []string
	Protect             bool
	RetainOnDelete      bool
	DeleteBeforeReplace bool
	IgnoreChanges       []string
	Aliases             []string
	// ImportID is the ID the resource is imported by; "" when created.
	ImportID string
}

// Invoke is one data-source call.
type Invoke struct {
	Token string
	Args  resource.PropertyMap
}

// Monitor is the mock. Its zero value is not usable; use New.
type Monitor struct {
	project, stack, region string
	// ExistingZones are the hosted zones the account already has, by ID;
	// getZone finds them by ID or by name.
	ExistingZones map[string]string
	// Records are the record sets the existing zones hold, by zone ID.
	Records map[string][]Record
	// Vpcs are the account's existing VPCs by ID.
	Vpcs map[string]Vpc
	// StateIDs are the IDs of resources already in the stack's state, by
	// URN, as after an earlier pulumi up: such a resource keeps its ID (and
	// ARN) instead of getting a made-up one.
	StateIDs map[string]string

	mu        sync.Mutex
	resources map[string]*Resource
	invokes   []Invoke
}

// New returns a mock for a stack of project in region.
func New(project, stack, region string) *Monitor {
	if region == "" {
		region = DefaultRegion
	}
	return &Monitor{
		project: project, stack: stack, region: region,
		ExistingZones: map[string]string{},
		Records:       map[string][]Record{},
		Vpcs:          map[string]Vpc{},
		StateIDs:      map[string]string{},
		resources:     map[string]*Resource{},
	}
}

// Region is the region the mock answers for.
func (m *Monitor) Region() string { return m.region }

// Resources returns every registered resource, sorted by URN.
func (m *Monitor) Resources() []*Resource {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]*Resource, 0, len(m.resources))
	for _, r := range m.resources {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URN < out[j].URN })
	return out
}

// Invokes returns the data-source calls in the order they were made.
func (m *Monitor) Invokes() []Invoke {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Invoke(nil), m.invokes...)
}

// NewResource implements pulumi.MockResourceMonitor.
func (m *Monitor) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	r := &Resource{
		Type:     args.TypeToken,
		Name:     args.Name,
		Custom:   args.Custom,
		Inputs:   args.Inputs,
		Provider: args.Provider,
	}
	if rpc := args.RegisterRPC; rpc != nil {
		r.Parent = rpc.GetParent()
		r.Protect = rpc.GetProtect()
		r.RetainOnDelete = rpc.GetRetainOnDelete()
		r.DeleteBeforeReplace = rpc.GetDeleteBeforeReplace()
		r.IgnoreChanges = append([]string{}, rpc.GetIgnoreChanges()...)
		r.Aliases = m.aliasURNs(rpc)
		deps := map[string]bool{}
		for _, d := range rpc.GetDependencies() {
			deps[d] = true
		}
		for _, pd := range rpc.GetPropertyDependencies() {
			for _, d := range pd.GetUrns() {
				deps[d] = true
			}
		}
		r.Dependencies = slices.Sorted(maps.Keys(deps))
	} else if rpc := args.ReadRPC; rpc != nil {
		r.Parent = rpc.GetParent()
		r.Dependencies = append([]string{}, rpc.GetDependencies()...)
		sort.Strings(r.Dependencies)
	}
	if r.Dependencies == nil {
		r.Dependencies = []string{}
	}
	if r.IgnoreChanges == nil {
		r.IgnoreChanges = []string{}
	}
	if r.Aliases == nil {
		r.Aliases = []string{}
	}
	r.URN = m.urn(r.Parent, r.Type, r.Name)

	if args.Custom {
		var err error
		if r.ID, r.Outputs, err = m.provide(r); err != nil {
			return "", nil, err
		}
	} else {
		r.Outputs = resource.PropertyMap{}
	}
	if args.ID != "" {
		r.ID = args.ID
		if args.RegisterRPC != nil {
			r.ImportID = args.ID
			r.Outputs = imported(r.Outputs, args.ID)
		}
	} else if id, ok := m.StateIDs[r.URN]; ok && args.Custom {
		r.ID = id
		r.Outputs = imported(r.Outputs, id)
	}

	m.mu.Lock()
	m.resources[r.URN] = r
	m.mu.Unlock()
	return r.ID, r.Outputs, nil
}

// Call implements pulumi.MockResourceMonitor for data sources.
func (m *Monitor) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	m.mu.Lock()
	m.invokes = append(m.invokes, Invoke{Token: args.Token, Args: args.Args})
	m.mu.Unlock()
	return m.invoke(args.Token, args.Args)
}

func (m *Monitor) urn(parent, typ, name string) string {
	return newURN(m.stack, m.project, parent, typ, name)
}

// newURN builds a URN the way the engine does: the parent's type chain,
// unless the parent is the root stack.
func newURN(stack, project, parent, typ, name string) string {
	parentType := tokens.Type("")
	if p := resource.URN(parent); p != "" && p.QualifiedType() != resource.RootStackType {
		parentType = p.QualifiedType()
	}
	return string(resource.NewURN(tokens.QName(stack), tokens.PackageName(project), parentType, tokens.Type(typ), name))
}

// hexOf is a deterministic hex string of n characters derived from seed.
func hexOf(seed string, n int) string {
	sum := sha256.Sum256([]byte(seed))
	s := hex.EncodeToString(sum[:])
	for len(s) < n {
		s += s
	}
	return s[:n]
}

// Provide answers the create of a custom resource the way the AWS provider
// would, without recording it: the physical ID and the state (inputs plus
// computed properties). The test provider plugin creates through it, so the
// engine's state holds the same IDs and outputs as the synth's plan.
func (m *Monitor) Provide(urn, typ string, inputs resource.PropertyMap) (string, resource.PropertyMap, error) {
	r := &Resource{URN: urn, Type: typ, Name: string(resource.URN(urn).Name()), Custom: true, Inputs: inputs}
	return m.provide(r)
}

// Invoke answers a data source from the account the mock holds, without
// recording the call.
func (m *Monitor) Invoke(token string, args resource.PropertyMap) (resource.PropertyMap, error) {
	return m.invoke(token, args)
}
