package stackconfig

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

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
)

// Keys lists every key the program reads from its namespace.
var Keys = []string{
	KeyDomain, KeyCertificateNames, KeyExistingZoneID, KeyExistingZoneName, KeyApexAlias,
	KeyVpcCidr, KeyAvailabilityZones, KeySubnetCount, KeySubnetPrefixLength, KeySubnetCidrs,
	KeyMapPublicIPOnLaunch, KeyDualStack, KeySslPolicy, KeyDesyncMitigationMode, KeyIdleTimeout,
	KeyDeletionProtection, KeyProtect, KeyServices, KeyTags,
	KeyAccessLogs, KeyFlowLogs, KeyWaf, KeyAlarms, KeyQueryLogs,
	KeyParentZoneID, KeyParentZoneName, KeyAliasRecords, KeyTakeOverRecords,
	KeyExistingVpcID, KeyExistingSubnetIDs, KeyRestrictDefaultSecurityGroup,
	KeyImport, KeyDeleteImportedOnDestroy, KeyPhysicalNames,
}

// CreatedVpcKeys shape a VPC the stack creates. Pulumi.yaml declares them
// without a default (Pulumi would pass a declared default as if the stack
// file set it), so that one set beside meething:existingVpcId is rejected
// instead of ignored.
var CreatedVpcKeys = []string{
	KeyVpcCidr, KeySubnetCount, KeySubnetPrefixLength, KeySubnetCidrs, KeyMapPublicIPOnLaunch,
}

// RegionKey is the AWS provider's region setting.
const RegionKey = "aws:region"

// Lookup returns the raw value of a fully qualified config key
// ("meething:domain") and whether it is set: under Pulumi, ctx.GetConfig.
type Lookup func(key string) (string, bool)

// Parse reads every key through lookup, applies defaults and validates the
// result. The error, an *Error, lists every problem found.
func Parse(lookup Lookup) (*Config, error) {
	cfg := Defaults()
	r := reader{lookup: lookup}

	if v, ok := lookup(RegionKey); ok {
		cfg.Region = v
	}
	r.str(KeyDomain, &cfg.Domain)
	r.object(KeyCertificateNames, &cfg.CertificateNames)
	r.str(KeyExistingZoneID, &cfg.ExistingZoneID)
	r.str(KeyExistingZoneName, &cfg.ExistingZoneName)
	r.boolean(KeyApexAlias, &cfg.ApexAlias)
	r.str(KeyVpcCidr, &cfg.VpcCidr)
	r.object(KeyAvailabilityZones, &cfg.AvailabilityZones)
	r.integer(KeySubnetCount, &cfg.SubnetCount)
	r.integer(KeySubnetPrefixLength, &cfg.SubnetPrefixLength)
	r.object(KeySubnetCidrs, &cfg.SubnetCidrs)
	r.boolean(KeyMapPublicIPOnLaunch, &cfg.MapPublicIPOnLaunch)
	r.boolean(KeyDualStack, &cfg.DualStack)
	r.str(KeySslPolicy, &cfg.SslPolicy)
	r.str(KeyDesyncMitigationMode, &cfg.DesyncMitigationMode)
	r.integer(KeyIdleTimeout, &cfg.IdleTimeout)
	r.boolean(KeyDeletionProtection, &cfg.DeletionProtection)
	r.boolean(KeyProtect, &cfg.Protect)
	r.services(&cfg.Services)
	r.object(KeyTags, &cfg.Tags)
	// Objects decode over their defaults: unset fields keep them.
	r.object(KeyAccessLogs, &cfg.AccessLogs)
	r.object(KeyFlowLogs, &cfg.FlowLogs)
	r.object(KeyWaf, &cfg.Waf)
	r.object(KeyAlarms, &cfg.Alarms)
	r.object(KeyQueryLogs, &cfg.QueryLogs)
	r.readAdoption(&cfg)

	if len(r.problems) > 0 {
		// Values that did not parse would only produce follow-on problems.
		return nil, r.problems.err()
	}
	if ps := validate(&cfg, r.setKeys(CreatedVpcKeys)); len(ps) > 0 {
		return nil, ps.err()
	}
	return &cfg, nil
}

// FullKey returns the namespaced form of a key: meething:<key>.
func FullKey(key string) string { return Namespace + ":" + key }

type reader struct {
	lookup   Lookup
	problems problems
	// set records which keys the lookup had a value for.
	set map[string]bool
}

func (r *reader) get(key string) (string, bool) {
	v, ok := r.lookup(FullKey(key))
	if r.set == nil {
		r.set = map[string]bool{}
	}
	r.set[key] = ok
	return v, ok
}

// setKeys returns those of the already read keys that had a value.
func (r *reader) setKeys(keys []string) []string {
	var out []string
	for _, k := range keys {
		if r.set[k] {
			out = append(out, k)
		}
	}
	return out
}

func (r *reader) str(key string, dst *string) {
	if v, ok := r.get(key); ok {
		*dst = v
	}
}

func (r *reader) integer(key string, dst *int) {
	v, ok := r.get(key)
	if !ok {
		return
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		r.problems.add(FullKey(key), v, "is not a whole number")
		return
	}
	*dst = n
}

func (r *reader) boolean(key string, dst *bool) {
	v, ok := r.get(key)
	if !ok {
		return
	}
	b, err := strconv.ParseBool(strings.TrimSpace(v))
	if err != nil {
		r.problems.add(FullKey(key), v, "is not true or false")
		return
	}
	*dst = b
}

// object decodes a JSON value (how Pulumi passes lists and maps) strictly.
func (r *reader) object(key string, dst any) {
	v, ok := r.get(key)
	if !ok {
		return
	}
	if err := decodeStrict(v, dst); err != nil {
		r.problems.add(FullKey(key), v, "is not valid: %v", err)
	}
}

// services decodes meething:services, filling each entry's unset fields with
// the service defaults.
func (r *reader) services(dst *[]Service) {
	v, ok := r.get(KeyServices)
	if !ok {
		return
	}
	var raw []json.RawMessage
	if err := decodeStrict(v, &raw); err != nil {
		r.problems.add(FullKey(KeyServices), v, "is not a list of service objects: %v", err)
		return
	}
	out := make([]Service, 0, len(raw))
	for i, item := range raw {
		s := DefaultService("")
		if err := decodeStrict(string(item), &s); err != nil {
			r.problems.add(fmt.Sprintf("%s[%d]", FullKey(KeyServices), i), string(item), "is not a valid service: %v", err)
			continue
		}
		out = append(out, s)
	}
	*dst = out
}

func decodeStrict(s string, dst any) error {
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return err
	}
	// Only the end of the input may follow the value. (dec.More is not enough:
	// it reports false before a stray ] or }.)
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("unexpected data after the value")
	}
	// encoding/json matches object keys to fields case-insensitively, so
	// DisallowUnknownFields lets "healthcheck" through as healthCheck.
	return checkFieldNames([]byte(s), reflect.TypeOf(dst).Elem())
}

// checkFieldNames rejects a key of a JSON object decoded into a struct of
// type t, or into a struct inside it, that is not exactly a field's JSON name.
func checkFieldNames(data []byte, t reflect.Type) error {
	if t.Kind() != reflect.Struct {
		return nil
	}
	var members map[string]json.RawMessage
	if json.Unmarshal(data, &members) != nil {
		return nil // null: decoding already accepted it
	}
	names := make([]string, 0, len(members))
	for name := range members {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f, ok := jsonField(t, name)
		if !ok {
			return fmt.Errorf("json: unknown field %q", name)
		}
		if err := checkFieldNames(members[name], f.Type); err != nil {
			return err
		}
	}
	return nil
}

// jsonField returns t's exported field whose JSON name is exactly name.
func jsonField(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if tag == "" {
			tag = f.Name
		}
		if f.IsExported() && tag != "-" && tag == name {
			return f, true
		}
	}
	return reflect.StructField{}, false
}
