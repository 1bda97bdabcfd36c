package stackconfig

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Declaration is one key of the project's namespace as Pulumi.yaml declares
// it. Its type and default are read off the Config field the key decodes
// into (Field) and off Defaults(), so each default is written once, in Go:
// make golden writes Pulumi.yaml's config and docs/config-reference.md from
// Declarations.
type Declaration struct {
	Key string
	// Field returns a pointer to the key's field of c.
	Field func(c *Config) any
	// Description says what the key does; {default} in it stands for the
	// key's default in Go (Defaults()), where the declared default is the
	// empty value that reads as not set (NotSet); {range} stands for Range.
	Description string
	// Range is the whole numbers the key accepts, as a range tag
	// ("1..4000 seconds", see Range): the decoder's words, the check's
	// problem and the description's {range} are made from it.
	Range string
	// OneOf is the texts the key accepts, as a oneof tag
	// ("defensive|strictest", see OneOf): the check's problem and the
	// description's {oneof} are made from it.
	OneOf string
}

// rangeOf returns the key's declared range.
func rangeOf(key string) (Range, bool) {
	d, ok := Declared(key)
	if !ok {
		return Range{}, false
	}
	return ParseRange(d.Range)
}

// Declarations are the keys of the namespace in the order Pulumi.yaml and
// the config reference list them, which groups them by theme.
var Declarations = []Declaration{
	{Key: KeyDomain, Field: func(c *Config) any { return &c.Domain },
		Description: "Public DNS name the stack serves; services answer at <service>.<domain>. Required, no default " +
			"(prod serves meething.net, every other stack a subdomain of its own)."},
	{Key: KeyCertificateNames, Field: func(c *Config) any { return &c.CertificateNames },
		Description: "Extra names on the certificate besides *.<domain> and <domain>, each the domain or under it (at " +
			"most " + strconv.Itoa(DefaultNamesPerCertificate-2) + ")."},
	{Key: KeyExistingZoneID, Field: func(c *Config) any { return &c.ExistingZoneID },
		Description: "ID of an existing public hosted zone to adopt instead of creating one. Empty creates the zone."},
	{Key: KeyExistingZoneName, Field: func(c *Config) any { return &c.ExistingZoneName },
		Description: "Name of an existing public hosted zone to adopt (the domain or a parent of it). Empty creates " +
			"the zone."},
	{Key: KeyApexAlias, Field: func(c *Config) any { return &c.ApexAlias },
		Description: "Also point <domain> itself at the load balancer, not only *.<domain>."},
	{Key: KeyVpcCidr, Field: func(c *Config) any { return &c.VpcCidr },
		Description: "IPv4 block of the VPC the stack creates, private (RFC 1918), /16 to /28. Empty (the default) is " +
			"{default}. Not with existingVpcId."},
	{Key: KeyAvailabilityZones, Field: func(c *Config) any { return &c.AvailabilityZones },
		Description: "Availability zones, one public subnet each (at least 2). Empty looks up the region's first " +
			"subnetCount zones."},
	{Key: KeySubnetCount, Field: func(c *Config) any { return &c.SubnetCount }, Range: "2..",
		Description: "Number of zones to look up when availabilityZones is empty ({range}). 0 (the default) is " +
			"{default}. Not with existingVpcId."},
	// From /16, the largest VPC, to /27, the smallest subnet a load
	// balancer takes (MinALBSubnetPrefix).
	{Key: KeySubnetPrefixLength, Field: func(c *Config) any { return &c.SubnetPrefixLength },
		Range: strconv.Itoa(MinVpcPrefix) + ".." + strconv.Itoa(MinALBSubnetPrefix),
		Description: "Prefix length of each created public subnet, carved from vpcCidr at the slot of the zone's " +
			"letter (a=0, b=1, ...); {range}. 0 (the default) is {default}. Not with existingVpcId."},
	{Key: KeySubnetCidrs, Field: func(c *Config) any { return &c.SubnetCidrs },
		Description: "Explicit IPv4 blocks by zone name, overriding the carved ones. Empty (the default) is none. Not " +
			"with existingVpcId."},
	{Key: KeyMapPublicIPOnLaunch, Field: func(c *Config) any { return &c.MapPublicIPOnLaunch },
		Description: "true or false. Give instances launched in the created public subnets a public IPv4 address " +
			"(EC2.15 wants false). Empty (the default) is {default}. Not with existingVpcId. Untyped so that " +
			"empty can mean not set."},
	{Key: KeyDualStack, Field: func(c *Config) any { return &c.DualStack },
		Description: "IPv6 on the VPC, subnets, routes, security groups and load balancer, and AAAA alias records."},
	{Key: KeySslPolicy, Field: func(c *Config) any { return &c.SslPolicy },
		Description: "TLS policy of the HTTPS listener; only TLS 1.2+ policies are accepted."},
	// ELB.12 wants defensive or stricter (AWS Security Hub, Elastic Load
	// Balancing controls); monitor is refused.
	{Key: KeyDesyncMitigationMode, Field: func(c *Config) any { return &c.DesyncMitigationMode }, OneOf: "defensive|strictest",
		Description: "HTTP desync mitigation of the load balancer, {oneof}."},
	{Key: KeyIdleTimeout, Field: func(c *Config) any { return &c.IdleTimeout }, Range: "1..4000 seconds",
		Description: "Load balancer connection idle timeout in seconds, {range}."},
	{Key: KeyDeletionProtection, Field: func(c *Config) any { return &c.DeletionProtection },
		Description: "Turn on the load balancer's deletion protection."},
	{Key: KeyProtect, Field: func(c *Config) any { return &c.Protect },
		Description: "Protect every resource in Pulumi, so that no destroy or change deletes anything until it is " +
			"unprotected on purpose, and retain a created zone on destroy."},
	{Key: KeyServices, Field: func(c *Config) any { return &c.Services },
		Description: "Services behind the load balancer, each with its own target group and host rule for " +
			"<name>.<domain>; every field but name, and a rule's name and priority, has a default. Every " +
			"field, its default and what it accepts: docs/config-reference.md."},
	{Key: KeyTags, Field: func(c *Config) any { return &c.Tags },
		Description: "Extra tags for every taggable resource (Project, Stack, Component, ManagedBy and Name are set " +
			"by the stack)."},
	{Key: KeyAccessLogs, Field: func(c *Config) any { return &c.AccessLogs },
		Description: "ALB access logs (ELB.5), {enabled, bucket, prefix, expireAfterDays, forceDestroy}. Without " +
			"bucket the stack creates a private, SSE-S3 encrypted bucket that expires logs after " +
			"expireAfterDays and lets the region's load-balancer log delivery write under prefix. The bucket " +
			"and its settings are retained on delete unless forceDestroy."},
	{Key: KeyFlowLogs, Field: func(c *Config) any { return &c.FlowLogs },
		Description: "VPC flow logs (EC2.6), {enabled, destination (cloudwatch or s3), trafficType (ALL, ACCEPT, " +
			"REJECT), retentionDays (CloudWatch), bucketArn (s3)}."},
	{Key: KeyWaf, Field: func(c *Config) any { return &c.Waf },
		Description: "WAFv2 web ACL on the ALB (ELB.16), {enabled, webAclArn, rateLimit, rateLimitMode, ruleGroups, " +
			"logging, logRetentionDays}. Without webAclArn the stack creates one with AWS's common rule set, " +
			"known bad inputs, Amazon IP reputation list and a rate-based rule (rateLimit requests per IP " +
			"per 5 minutes). rateLimitMode and ruleGroups.<group>.mode are block or count; " +
			"ruleGroups.<group>.overrides set single rules' actions ({SizeRestrictions_BODY: count} lets " +
			"uploads over 8 KB through). logging sends the created ACL's logs (WAF.11) to a CloudWatch log " +
			"group aws-waf-logs-<name>-*, kept logRetentionDays and retained on delete."},
	{Key: KeyAlarms, Field: func(c *Config) any { return &c.Alarms },
		Description: "CloudWatch alarms to an SNS topic, {enabled, emails, loadBalancer5xx, target5xx, " +
			"unhealthyHosts, certificateExpiryDays}: the ALB's 5xx count, each target group's 5xx count, " +
			"unhealthy hosts and no healthy host (always on), and the certificate's days to expiry. Enabled " +
			"needs at least one email address."},
	{Key: KeyQueryLogs, Field: func(c *Config) any { return &c.QueryLogs },
		Description: "Route53 query logging for the public zone (Route53.2), {enabled, retentionDays}, to a log group " +
			"in us-east-1 that Route53 writes through the account's one shared resource policy " +
			"(meething-route53-query-logs), retained on delete."},
	{Key: KeyParentZoneName, Field: func(c *Config) any { return &c.ParentZoneName },
		Description: "Name of the hosted zone that delegates the domain to the stack's own zone (dev.meething.net " +
			"from meething.net); the stack looks it up and writes the NS record there. Empty writes none: " +
			"delegate by hand from the nameServers output."},
	{Key: KeyParentZoneID, Field: func(c *Config) any { return &c.ParentZoneID },
		Description: "The same parent zone by ID. Set at most one of parentZoneName and parentZoneId."},
	{Key: KeyAliasRecords, Field: func(c *Config) any { return &c.AliasRecords },
		Description: "Point the names at the load balancer. false builds the edge beside whatever serves the names " +
			"today, for a cutover later (docs/migration.md)."},
	{Key: KeyTakeOverRecords, Field: func(c *Config) any { return &c.TakeOverRecords },
		Description: "Records in an adopted zone the stack may overwrite, as \"NAME TYPE\" (\"*.meething.net A\"). Any " +
			"other record the stack would write that already exists stops the deployment before anything is " +
			"registered."},
	{Key: KeyCutover, Field: func(c *Config) any { return &c.Cutover },
		Description: "The staged move of the taken-over live names from the old edge to the stack's load balancer, " +
			"{enabled, share, retireOldEdge}: enabled alone holds the live records as they are; share, the " +
			"percent of answers for the new edge, writes Route53 weighted records, old edge and new, with " +
			"automatic failback; retireOldEdge " +
			"at share 100 drops the old edge; removing the key ends with one simple record per name " +
			"(docs/migration.md, Route A)."},
	{Key: KeyQuotas, Field: func(c *Config) any { return &c.Quotas },
		Description: "The account's quotas that AWS lets an account raise and that a deploy would hit half-way, " +
			"{rulesPerLoadBalancer, targetsPerLoadBalancer, certificatesPerLoadBalancer, " +
			"namesPerCertificate, rulesPerSecurityGroup}: state a raised one here; each defaults to AWS's " +
			"default, and a value below it is refused."},
	{Key: KeyExistingVpcID, Field: func(c *Config) any { return &c.ExistingVpcID },
		Description: "Use this VPC (vpc-..., or default for the region's default VPC) instead of creating one. The " +
			"stack then creates no VPC, subnet, route table, route or gateway, and rejects vpcCidr, " +
			"subnetCount, subnetPrefixLength, subnetCidrs and mapPublicIpOnLaunch."},
	{Key: KeyExistingSubnetIDs, Field: func(c *Config) any { return &c.ExistingSubnetIDs },
		Description: "Public subnets of existingVpcId for the load balancer, in at least two zones. Empty looks them " +
			"up: one per zone whose route table sends 0.0.0.0/0 to an internet gateway (availabilityZones " +
			"narrows the zones)."},
	{Key: KeyRestrictDefaultSecurityGroup, Field: func(c *Config) any { return &c.RestrictDefaultSecurityGroup },
		Description: "true or false. Strip the VPC's default security group of every rule (EC2.2). Empty (the " +
			"default) is true for a VPC the stack creates and false for an adopted one, whose instances may " +
			"rely on it. Untyped so that empty can mean not set."},
	{Key: KeyImport, Field: func(c *Config) any { return &c.Import },
		Description: "AWS IDs by resource key (\"loadBalancer\", \"targetGroup/api\", \"record/wildcard-A\"; synth prints " +
			"every key): the first pulumi up adopts these resources in place instead of creating them. Keep " +
			"the entries afterwards: Pulumi ignores the ID of a resource already in the stack, and the entry " +
			"keeps destroy from deleting it."},
	{Key: KeyDeleteImportedOnDestroy, Field: func(c *Config) any { return &c.DeleteImportedOnDestroy },
		Description: "Let pulumi destroy delete imported resources. By default they are retained, since the stack did " +
			"not create them."},
	{Key: KeyPhysicalNames, Field: func(c *Config) any { return &c.PhysicalNames },
		Description: "Names the stack otherwise chooses, set to a hand-built resource's so that importing it adopts " +
			"it in place instead of replacing it, {loadBalancer, targetGroups: {service: name}, " +
			"securityGroups: {alb|targets: {name, description}}, zoneComment}. Fixed names block " +
			"create-before-delete replacement: use them for imports only."},
	{Key: KeyLoadBalancer, Field: func(c *Config) any { return &c.LoadBalancer },
		Description: "The load balancer's attributes, {publicIpv4, clientKeepAlive, xffHeaderProcessingMode, " +
			"preserveHostHeader, connectionLogs, zonalShift}. publicIpv4 false " +
			"(dualstack-without-public-ipv4, needs dualStack) drops the public IPv4 addresses AWS charges " +
			"for; connectionLogs go to the access-log bucket."},
	{Key: KeyResponseHeaders, Field: func(c *Config) any { return &c.ResponseHeaders },
		Description: "Headers the HTTPS listener adds to every response, {strictTransportSecurity, " +
			"contentSecurityPolicy, xContentTypeOptions, xFrameOptions, accessControlAllowOrigin, " +
			"accessControlAllowMethods, accessControlAllowHeaders, accessControlExposeHeaders, " +
			"accessControlAllowCredentials, accessControlMaxAge, server}; empty is none. Prod sets HSTS."},
	{Key: KeyRules, Field: func(c *Config) any { return &c.Rules },
		Description: "Listener rules for names that are not services, each a name, a priority, conditions and one " +
			"action (the action kinds and every field: docs/config-reference.md), as [{name: www, priority: 10, " +
			"hosts: [www.meething.net], redirect: {to: \"https://meething.net/#{path}?#{query}\"}}]."},
	{Key: KeyDefaultAction, Field: func(c *Config) any { return &c.DefaultAction },
		Description: "What the HTTPS listener does when no rule matches: one action, as a rule's (the action kinds " +
			"and every field: docs/config-reference.md)."},
	{Key: KeyExtraCertificates, Field: func(c *Config) any { return &c.ExtraCertificates },
		Description: "More certificates on the HTTPS listener (SNI) for names outside the domain, to serve two " +
			"domains during a migration: each {domain, zoneName | zoneId} (a certificate for *.<domain> and " +
			"<domain>, DNS-validated in that public zone) or {certificateArn} (an issued ACM certificate of " +
			"the region, attached as it is)."},
}

// Declared returns the key's declaration.
func Declared(key string) (Declaration, bool) {
	for _, d := range Declarations {
		if d.Key == key {
			return d, true
		}
	}
	return Declaration{}, false
}

// Type is the key's declared type (string, integer, boolean, array or
// object) and, for an array, its items' type. "" is untyped: a key of
// NotSet whose value is a boolean is declared without a type, so that ""
// can stand for not set.
func (d Declaration) Type() (typ, items string) {
	rt := reflect.TypeOf(d.Field(&Config{})).Elem()
	typ = kindName(rt)
	if _, notSet := NotSet[d.Key]; notSet && typ == "boolean" {
		return "", ""
	}
	if typ == "array" {
		items = kindName(rt.Elem())
	}
	return typ, items
}

func kindName(rt reflect.Type) string {
	switch rt.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int32, reflect.Int64:
		return "integer"
	case reflect.Slice:
		return "array"
	case reflect.Map, reflect.Struct:
		return "object"
	case reflect.Pointer:
		return kindName(rt.Elem())
	}
	panic(fmt.Sprintf("stackconfig: no declared type for %s", rt))
}

// Default is the value Pulumi.yaml declares as the key's default, as JSON
// with the fields in the Go struct's order and without null fields; false
// for a Required key, which declares none. It is the key's value in
// Defaults(), but for the keys of NotSet, which declare the value that
// reads as not set, and meething:services, which declares the default
// services by name (each entry's other fields take the service defaults).
func (d Declaration) Default() (json.RawMessage, bool) {
	if slices.Contains(Required, d.Key) {
		return nil, false
	}
	if empty, ok := NotSet[d.Key]; ok {
		if typ, _ := d.Type(); typ == "string" || typ == "" {
			empty = fmt.Sprintf("%q", empty)
		}
		return json.RawMessage(empty), true
	}
	defaults := Defaults()
	var value any = reflect.ValueOf(d.Field(&defaults)).Elem().Interface()
	if d.Key == KeyServices {
		var names []map[string]string
		for _, s := range defaults.Services {
			names = append(names, map[string]string{"name": s.Name})
		}
		value = names
	}
	out, err := json.Marshal(value)
	if err == nil {
		out, err = withoutNulls(out)
	}
	if err != nil {
		panic(fmt.Sprintf("stackconfig: the default of %s: %v", d.Key, err))
	}
	return out, true
}

// withoutNulls drops the null members of the JSON objects in data, at any
// depth, keeping the order of the rest: a field left out keeps its default,
// and the program refuses null.
func withoutNulls(data []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var b bytes.Buffer
	var value func() error
	value = func() error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'):
			b.WriteByte('{')
			first := true
			for dec.More() {
				key, err := dec.Token()
				if err != nil {
					return err
				}
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					return err
				}
				if string(raw) == "null" {
					continue
				}
				if !first {
					b.WriteByte(',')
				}
				first = false
				k, _ := json.Marshal(key)
				b.Write(k)
				b.WriteByte(':')
				cleaned, err := withoutNulls(raw)
				if err != nil {
					return err
				}
				b.Write(cleaned)
			}
			_, err = dec.Token() // }
			b.WriteByte('}')
			return err
		case json.Delim('['):
			b.WriteByte('[')
			for i := 0; dec.More(); i++ {
				if i > 0 {
					b.WriteByte(',')
				}
				if err := value(); err != nil {
					return err
				}
			}
			_, err = dec.Token() // ]
			b.WriteByte(']')
			return err
		}
		out, err := json.Marshal(tok)
		b.Write(out)
		return err
	}
	if err := value(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Text is the description with {default} filled in from Defaults(),
// {range} from Range ("1 to 4000", "at least 2") and {oneof} from OneOf
// ("defensive or strictest").
func (d Declaration) Text() string {
	text := d.Description
	if r, ok := ParseRange(d.Range); ok {
		text = strings.ReplaceAll(text, "{range}", r.Span())
	}
	if o, ok := ParseOneOf(d.OneOf); ok {
		text = strings.ReplaceAll(text, "{oneof}", o.Want())
	}
	if !strings.Contains(text, "{default}") {
		return text
	}
	defaults := Defaults()
	return strings.ReplaceAll(text, "{default}", fmt.Sprint(reflect.ValueOf(d.Field(&defaults)).Elem().Interface()))
}
