package stackconfig

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/meething/edge/internal/adoption/identity"
)

// Adoption holds the keys that take over what exists instead of creating it.
type Adoption struct {
	// ParentZoneID is meething:parentZoneId, the hosted zone that delegates
	// the domain to the stack's own zone: the stack writes the NS record
	// there. Default: "" (no delegation record; delegate by hand from the
	// nameServers output).
	ParentZoneID string
	// ParentZoneName is meething:parentZoneName, the same zone by name.
	// Default: "".
	ParentZoneName string
	// AliasRecords is meething:aliasRecords: point the names at the load
	// balancer. Off builds the edge beside what serves the names today, for
	// a cutover later. Default: true.
	AliasRecords bool
	// TakeOverRecords is meething:takeOverRecords, "NAME TYPE" entries of
	// records in an adopted zone that the stack may overwrite. Default: none.
	TakeOverRecords []string
	// ExistingVpcID is meething:existingVpcId: a VPC ID, or default for the
	// region's default VPC, used instead of creating one. Default: "".
	ExistingVpcID string
	// ExistingSubnetIDs is meething:existingSubnetIds, the adopted VPC's
	// public subnets. Default: none (looked up: one subnet per zone whose
	// route table leads to an internet gateway).
	ExistingSubnetIDs []string
	// RestrictDefaultSecurityGroup is meething:restrictDefaultSecurityGroup:
	// strip the VPC's default security group of all rules (EC2.2). Default:
	// true for a created VPC, false for an adopted one (instances may rely
	// on it).
	RestrictDefaultSecurityGroup bool
	// Import is meething:import, AWS IDs by resource key: the first pulumi
	// up adopts each of these resources in place. Default: none.
	Import map[string]string
	// DeleteImportedOnDestroy is meething:deleteImportedOnDestroy: let
	// destroy delete imported resources. Default: false (they are retained).
	DeleteImportedOnDestroy bool
	// PhysicalNames is meething:physicalNames, names and descriptions of
	// hand-built resources that the stack would otherwise choose itself.
	PhysicalNames PhysicalNames
}

// PhysicalNames are values an import must match to adopt a resource in
// place instead of replacing it. Each is empty by default: the stack
// chooses (auto-naming, which lets a replacement be created first).
type PhysicalNames struct {
	// LoadBalancer is the ALB's name.
	LoadBalancer string `json:"loadBalancer"`
	// TargetGroups are target group names by service, no two alike: a
	// target group's name is unique in the region.
	TargetGroups map[string]string `json:"targetGroups"`
	// SecurityGroups are the alb and targets security groups' names and
	// descriptions.
	SecurityGroups map[string]SecurityGroupName `json:"securityGroups"`
	// ZoneComment is a created zone's comment. Default: Public zone of
	// <domain>, managed by Pulumi.
	ZoneComment string `json:"zoneComment"`
}

// SecurityGroupName is a security group's name and description.
type SecurityGroupName struct {
	// Name is the hand-built group's name: letters, digits, spaces and
	// ._-:/()#,@[]+=&;{}!$*, not starting with sg-, and neither default
	// nor the other group's in any case (a name is unique in the VPC,
	// whatever its case). Default: empty, auto-named.
	Name string `json:"name"`
	// Description is the hand-built group's description, which AWS cannot
	// change in place; the same characters as its name. A group keeps the
	// name and description it was created or imported with: a later change
	// of either changes nothing in AWS (ignoreChanges), as a new group would
	// cut off the instances that hold the old one. Default: empty, the
	// stack's own.
	Description string `json:"description"`
}

// SecurityGroupRoles are the keys of physicalNames.securityGroups.
var SecurityGroupRoles = []string{"alb", "targets"}

func defaultAdoption() Adoption {
	return Adoption{
		AliasRecords:                 true,
		TakeOverRecords:              []string{},
		ExistingSubnetIDs:            []string{},
		RestrictDefaultSecurityGroup: true,
		Import:                       map[string]string{},
		PhysicalNames:                PhysicalNames{TargetGroups: map[string]string{}, SecurityGroups: map[string]SecurityGroupName{}},
	}
}

// AdoptsVpc reports whether the stack uses an existing VPC.
func (a Adoption) AdoptsVpc() bool { return a.ExistingVpcID != "" }

var (
	vpcID       = lazy(`^` + identity.EC2ID("vpc") + `$`)
	subnetID    = lazy(`^` + identity.EC2ID("subnet") + `$`)
	awsName     = lazy(`^[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?$`)
	recordTypes = []string{"A", "AAAA", "CNAME", "NS", "TXT"}
	// securityGroupText is what a security group's name and description
	// may hold in a VPC: letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*
	// (EC2 API Reference, CreateSecurityGroup: GroupName, Description).
	securityGroupText = lazy(`^[A-Za-z0-9 ._:/()#,@\[\]+=&;{}!$*-]*$`)
)

func validateAdoption(cfg *Config, setVpcKeys []string, ps *problems) {
	a := cfg.Adoption
	validateParentZone(cfg, ps)

	for i, e := range a.TakeOverRecords {
		k := fmt.Sprintf("%s[%d]", FullKey(KeyTakeOverRecords), i)
		f := strings.Fields(e)
		switch {
		case len(f) != 2 || !slices.Contains(recordTypes, strings.ToUpper(f[1])):
			ps.add(k, e, "is not a record as NAME TYPE, such as \"*.%s A\" (types %s)", cfg.Domain, strings.Join(recordTypes, ", "))
		case cfg.ExistingZoneID == "" && cfg.ExistingZoneName == "" && a.ParentZoneID == "" && a.ParentZoneName == "":
			ps.add(k, e, "takes over a record, but the stack writes only into its own new zone: set %s or %s", FullKey(KeyExistingZoneName), FullKey(KeyExistingZoneID))
		}
	}

	validateExistingVpc(cfg, setVpcKeys, ps)

	for _, key := range slices.Sorted(maps.Keys(a.Import)) {
		id := a.Import[key]
		k := fmt.Sprintf("%s.%s", FullKey(KeyImport), key)
		if _, ok := identity.Types[identity.Kind(key)]; !ok {
			continue // an unknown key is reported with the stack's keys once they are known
		}
		if why := identity.CheckID(key, id); why != "" {
			ps.add(k, id, "%s", why)
		}
	}

	validatePhysicalNames(cfg, ps)
}

func validateParentZone(cfg *Config, ps *problems) {
	a := cfg.Adoption
	idKey, nameKey := FullKey(KeyParentZoneID), FullKey(KeyParentZoneName)
	if a.ParentZoneID == "" && a.ParentZoneName == "" {
		return
	}
	if a.ParentZoneID != "" && a.ParentZoneName != "" {
		ps.add(nameKey, a.ParentZoneName, "cannot be set together with %s: name the parent zone by ID or by name, not both", idKey)
	}
	if cfg.ExistingZoneID != "" || cfg.ExistingZoneName != "" {
		key, value := idKey, a.ParentZoneID
		if value == "" {
			key, value = nameKey, a.ParentZoneName
		}
		ps.add(key, value, "delegates a zone the stack creates, but %s/%s adopts an existing one: set one or the other", FullKey(KeyExistingZoneID), FullKey(KeyExistingZoneName))
	}
	if a.ParentZoneID != "" && !zoneID.MatchString(a.ParentZoneID) {
		ps.add(idKey, a.ParentZoneID, "is not a Route53 hosted zone ID (Z followed by up to 31 uppercase letters and digits)")
	}
	if p := a.ParentZoneName; p != "" {
		switch {
		case !isDNSName(p):
			ps.add(nameKey, p, "is not a DNS name")
		case !strings.HasSuffix(cfg.Domain, "."+p):
			ps.add(nameKey, p, "is not a parent of %s %q: the domain must be a name under it, such as dev.%s", FullKey(KeyDomain), cfg.Domain, p)
		}
	}
}

func validateExistingVpc(cfg *Config, setVpcKeys []string, ps *problems) {
	a := cfg.Adoption
	vpcKey := FullKey(KeyExistingVpcID)
	subnetsKey := FullKey(KeyExistingSubnetIDs)
	if a.ExistingVpcID == "" {
		if len(a.ExistingSubnetIDs) > 0 {
			ps.add(subnetsKey, strings.Join(a.ExistingSubnetIDs, ","), "needs %s: subnets are adopted only with their VPC", vpcKey)
		}
		return
	}
	if a.ExistingVpcID != "default" && !vpcID.MatchString(a.ExistingVpcID) {
		ps.add(vpcKey, a.ExistingVpcID, "is not a VPC ID (vpc- and 8 or 17 hex digits) or default")
	}
	for _, k := range setVpcKeys {
		ps.add(FullKey(k), cfg.rawValue(k), "shapes a VPC the stack creates, but %s %q adopts an existing one: remove one of them", vpcKey, a.ExistingVpcID)
	}
	if len(a.ExistingSubnetIDs) > 0 {
		if len(a.ExistingSubnetIDs) < 2 {
			ps.add(subnetsKey, strings.Join(a.ExistingSubnetIDs, ","), "must name at least 2 subnets: an application load balancer needs two availability zones")
		}
		if len(cfg.AvailabilityZones) > 0 {
			ps.add(FullKey(KeyAvailabilityZones), strings.Join(cfg.AvailabilityZones, ","), "cannot be set with %s: the subnets decide the zones", subnetsKey)
		}
		seen := map[string]bool{}
		for i, id := range a.ExistingSubnetIDs {
			k := fmt.Sprintf("%s[%d]", subnetsKey, i)
			switch {
			case !subnetID.MatchString(id):
				ps.add(k, id, "is not a subnet ID (subnet- and 8 or 17 hex digits)")
			case seen[id]:
				ps.add(k, id, "is listed twice")
			}
			seen[id] = true
		}
	}
}

func validatePhysicalNames(cfg *Config, ps *problems) {
	n := cfg.PhysicalNames
	key := FullKey(KeyPhysicalNames)
	// A load balancer's name "must not begin with "internal-"" (ELB API
	// reference, CreateLoadBalancer Name); a target group's has no such
	// rule (CreateTargetGroup Name: "up to 32 alphanumeric characters or
	// hyphens, and must not begin or end with a hyphen").
	checkName := func(k, v string) {
		if !awsName.MatchString(v) {
			ps.add(k, v, "is not a load-balancing name: 1 to 32 letters, digits and inner hyphens")
		}
	}
	if v := n.LoadBalancer; v != "" {
		if !awsName.MatchString(v) || strings.HasPrefix(v, "internal-") {
			ps.add(key+".loadBalancer", v, "is not a load balancer's name: 1 to 32 letters, digits and inner hyphens, not starting with internal-")
		}
	}
	groups := map[string]bool{}
	for _, s := range cfg.Services {
		groups[s.Name] = true
		for _, g := range s.TargetGroups {
			groups[s.Name+"-"+g.Name] = true
		}
	}
	// AWS refuses a second target group of a name in the region, and a
	// second security group of a name in the VPC: say so before anything
	// is registered, not halfway through the deployment.
	tgNamed := map[string]string{}
	for _, svc := range slices.Sorted(maps.Keys(n.TargetGroups)) {
		k := key + ".targetGroups." + svc
		name := n.TargetGroups[svc]
		if !groups[svc] {
			ps.add(k, name, "is for %q, which is neither a service in %s nor a service's <service>-<group>", svc, FullKey(KeyServices))
			continue
		}
		checkName(k, name)
		if other, dup := tgNamed[name]; dup {
			ps.add(k, name, "is already the name of %s.targetGroups.%s: a target group's name is unique in the region", key, other)
		}
		tgNamed[name] = svc
	}
	sgNamed := map[string]string{}
	for _, role := range slices.Sorted(maps.Keys(n.SecurityGroups)) {
		sg := n.SecurityGroups[role]
		k := key + ".securityGroups." + role
		if !slices.Contains(SecurityGroupRoles, role) {
			ps.add(k, role, "is not a security group of the stack: use %s", strings.Join(SecurityGroupRoles, " or "))
			continue
		}
		// Names are case-insensitive and unique in the VPC, whose own
		// group is named default (CreateSecurityGroup; VPC user guide,
		// "Default security groups for your VPCs").
		folded := strings.ToLower(sg.Name)
		switch {
		case len(sg.Name) > 255 || strings.HasPrefix(sg.Name, "sg-") || !securityGroupText.MatchString(sg.Name):
			ps.add(k+".name", sg.Name, "is not a security group name: at most 255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with sg-")
		case folded == "default":
			ps.add(k+".name", sg.Name, "is the name of the VPC's default security group: a security group's name is unique in the VPC, whatever its case")
		case sg.Name != "" && sgNamed[folded] != "":
			ps.add(k+".name", sg.Name, "is already the name of %s.securityGroups.%s.name: a security group's name is unique in the VPC, whatever its case", key, sgNamed[folded])
		}
		if sg.Name != "" {
			sgNamed[folded] = role
		}
		if len(sg.Description) > 255 || !securityGroupText.MatchString(sg.Description) {
			ps.add(k+".description", sg.Description, "is not a security group description: at most 255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*")
		}
	}
	if n.ZoneComment != "" {
		if cfg.ExistingZoneID != "" || cfg.ExistingZoneName != "" {
			ps.add(key+".zoneComment", n.ZoneComment, "is for a zone the stack creates, but the zone is adopted")
		} else if len(n.ZoneComment) > 256 {
			ps.add(key+".zoneComment", n.ZoneComment, "is longer than Route53's 256 characters")
		}
	}
}

// rawValue renders a created-VPC key's parsed value for a message.
func (cfg *Config) rawValue(key string) string {
	switch key {
	case KeyVpcCidr:
		return cfg.VpcCidr
	case KeySubnetCount:
		return strconv.Itoa(cfg.SubnetCount)
	case KeySubnetPrefixLength:
		return strconv.Itoa(cfg.SubnetPrefixLength)
	case KeyMapPublicIPOnLaunch:
		return strconv.FormatBool(cfg.MapPublicIPOnLaunch)
	case KeySubnetCidrs:
		var pairs []string
		for _, z := range slices.Sorted(maps.Keys(cfg.SubnetCidrs)) {
			pairs = append(pairs, z+"="+cfg.SubnetCidrs[z])
		}
		return strings.Join(pairs, ",")
	}
	return ""
}

// ZoneComment is the comment of the zone the stack creates:
// meething:physicalNames.zoneComment, or its default, which names the domain.
func (c *Config) ZoneComment() string {
	if c.PhysicalNames.ZoneComment != "" {
		return c.PhysicalNames.ZoneComment
	}
	return "Public zone of " + c.Domain + ", managed by Pulumi"
}
