// Package testprovider is the AWS provider the engine tests run the real
// Pulumi engine against: a resource provider plugin that answers as
// pulumi-aws v6.83.4 and keeps what exists in the "account" in one JSON file
// shared by every plugin process the engine starts (Account), so a look-up
// sees what an earlier update created and a test can start from a seeded
// world. Creates and data sources are answered by the shared AWS mock
// (internal/awsmock), so the engine's state holds the IDs and outputs the
// synth's plan shows; Diff decides replacements from internal/replace's
// ForceNew table, so the engine, not the mock, plans what is replaced.
package testprovider

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"syscall"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/meething/edge/internal/awsmock"
)

// AccountEnv names the environment variable that holds the account file's
// path; the plugin refuses to start without it.
const AccountEnv = "MEETHING_TEST_ACCOUNT"

// Account is what exists in the test's AWS account.
type Account struct {
	// Zones are the hosted zones by ID: their names.
	Zones map[string]string `json:"zones"`
	// Records are the record sets of each zone, by zone ID.
	Records map[string][]awsmock.Record `json:"records"`
	// Vpcs are the VPCs by ID.
	Vpcs map[string]awsmock.Vpc `json:"vpcs"`
	// Resources are the resources the provider can read back (import,
	// refresh), by type and ID (Key).
	Resources map[string]Stored `json:"resources"`
	// WebAcls are the web ACL each load balancer is associated with, by
	// the load balancer's ARN, as WAFv2 keeps them (waf.go): a resource
	// has at most one.
	WebAcls map[string]string `json:"webAcls,omitempty"`
	// InstanceGroups are the security groups each instance holds, by
	// instance ID: attached outside the stack, as by hand (waf.go).
	InstanceGroups map[string][]string `json:"instanceGroups,omitempty"`
}

// Stored is one resource's state: its inputs and outputs, as the provider
// protocol's JSON (secrets and all).
type Stored struct {
	Type    string          `json:"type"`
	ID      string          `json:"id"`
	Inputs  json.RawMessage `json:"inputs"`
	Outputs json.RawMessage `json:"outputs"`
}

// Key is the key of a resource in Account.Resources.
func Key(typ, id string) string { return typ + " " + id }

// NewAccount returns an empty account.
func NewAccount() *Account {
	return &Account{Zones: map[string]string{}, Records: map[string][]awsmock.Record{}, Vpcs: map[string]awsmock.Vpc{}, Resources: map[string]Stored{},
		WebAcls: map[string]string{}, InstanceGroups: map[string][]string{}}
}

// Seed adds what the monitor's account holds (its existing zones, their
// records and its VPCs) to the account.
func (a *Account) Seed(m *awsmock.Monitor) {
	for id, name := range m.ExistingZones {
		a.Zones[id] = name
	}
	for zone, records := range m.Records {
		for _, r := range records {
			a.putRecord(zone, r)
		}
	}
	for id, v := range m.Vpcs {
		a.Vpcs[id] = v
	}
}

// Monitor returns a mock whose account is this one, for stack of project in
// region.
func (a *Account) Monitor(project, stack, region string) *awsmock.Monitor {
	m := awsmock.New(project, stack, region)
	for id, name := range a.Zones {
		m.ExistingZones[id] = name
	}
	for zone, records := range a.Records {
		m.Records[zone] = slices.Clone(records)
	}
	for id, v := range a.Vpcs {
		m.Vpcs[id] = v
	}
	return m
}

// RecordsOf returns the record sets of a zone, sorted by name, type and set
// identifier.
func (a *Account) RecordsOf(zoneID string) []awsmock.Record {
	out := slices.Clone(a.Records[zoneID])
	slices.SortFunc(out, func(x, y awsmock.Record) int {
		return strings.Compare(x.Name+" "+x.Type+" "+x.SetIdentifier, y.Name+" "+y.Type+" "+y.SetIdentifier)
	})
	return out
}

// putRecord writes r over the record set it names (awsmock.SameSet), or adds
// it: an UPSERT, unchecked (applyBatch checks).
func (a *Account) putRecord(zoneID string, r awsmock.Record) {
	a.dropRecord(zoneID, r)
	a.Records[zoneID] = append(a.Records[zoneID], r)
}

// dropRecord removes the record set r names, if the zone holds it.
func (a *Account) dropRecord(zoneID string, r awsmock.Record) {
	a.Records[zoneID] = slices.DeleteFunc(a.Records[zoneID], func(have awsmock.Record) bool {
		return awsmock.SameSet(have, r)
	})
	if len(a.Records[zoneID]) == 0 {
		delete(a.Records, zoneID)
	}
}

// ReadAccount reads the account file.
func ReadAccount(path string) (*Account, error) {
	var a *Account
	err := withLock(path, func() error {
		var err error
		a, err = load(path)
		return err
	})
	return a, err
}

// WriteAccount replaces the account file with a.
func WriteAccount(path string, a *Account) error {
	return withLock(path, func() error { return save(path, a) })
}

// UpdateAccount changes the account file under its lock: plugin processes
// run concurrently.
func UpdateAccount(path string, change func(*Account) error) error {
	return withLock(path, func() error {
		a, err := load(path)
		if err != nil {
			return err
		}
		if err := change(a); err != nil {
			return err
		}
		return save(path, a)
	})
}

func load(path string) (*Account, error) {
	a := NewAccount()
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return a, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the test account: %w", err)
	}
	if err := json.Unmarshal(data, a); err != nil {
		return nil, fmt.Errorf("reading the test account %s: %w", path, err)
	}
	return a, nil
}

func save(path string, a *Account) error {
	data, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return fmt.Errorf("writing the test account: %w", err)
	}
	return os.Rename(tmp, path)
}

func withLock(path string, fn func() error) error {
	f, err := os.OpenFile(path+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("locking the test account: %w", err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		return fmt.Errorf("locking the test account: %w", err)
	}
	defer syscall.Flock(int(f.Fd()), syscall.LOCK_UN) //nolint:errcheck
	return fn()
}

// Put adds a resource that exists before the stack (a hand-built one that
// the stack imports), with what it adds to the world.
func (a *Account) Put(typ, id string, inputs, outputs resource.PropertyMap) error {
	return a.store(typ, id, inputs, outputs)
}
