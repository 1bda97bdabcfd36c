// Package stackconfig is the stack's variables layer: it reads a stack's
// configuration (the keys under the project's namespace in
// Pulumi.<stack>.yaml) into one typed Config, gives every key and field its
// default and checks every value against AWS's rules, all problems at once,
// before the program registers any resource. The components take its types
// as their arguments and have no defaults or checks of their own.
//
// Each key's type, default and meaning are declared once, here: the type
// is its Config field's, the default is Defaults()'s, the description is
// its Declaration's (declarations.go). make golden writes Pulumi.yaml's
// config and docs/config-reference.md from them.
//
// It is plain Go: Parse takes a key lookup function, so the same code runs
// under the Pulumi engine, the mock monitor and the fuzzer.
package stackconfig

// Namespace is the project's config namespace: keys are "meething:<name>".
const Namespace = "meething"

// Config is a stack's validated configuration. Field comments give the config
// key and its default.
type Config struct {
	// Region is aws:region, the provider's region. Used only to check that
	// configured availability zones belong to it. Default: unset.
	Region string
	// AWSProvider are the stack's other aws: settings (profile,
	// assumeRoles, allowedAccountIds, ...), by key without the namespace,
	// as written: what the engine gives the default provider, and what an
	// explicit provider of the stack takes too. Default: none.
	AWSProvider map[string]string

	// Domain is meething:domain, the public DNS name the stack serves.
	// Required: no default.
	Domain string
	// CertificateNames is meething:certificateNames, names the certificate
	// covers besides *.<domain> and <domain>. Default: none.
	CertificateNames []string
	// ExtraCertificates is meething:extraCertificates, more certificates on
	// the HTTPS listener for names outside the domain (certificates.go).
	// Default: none.
	ExtraCertificates []ExtraCertificate
	// ExistingZoneID is meething:existingZoneId, the ID of a hosted zone to
	// adopt instead of creating one. Default: "" (create the zone).
	ExistingZoneID string
	// ExistingZoneName is meething:existingZoneName, the name of a public hosted
	// zone to adopt instead of creating one. Default: "" (create the zone).
	ExistingZoneName string
	// ApexAlias is meething:apexAlias: also point <domain> itself at the load
	// balancer. Default: false.
	ApexAlias bool

	// VpcCidr is meething:vpcCidr, the VPC's IPv4 block. Default: 172.31.0.0/16.
	VpcCidr string
	// AvailabilityZones is meething:availabilityZones, one public subnet per
	// zone. Default: none, which means the first SubnetCount zones of the
	// region, looked up at deploy time.
	AvailabilityZones []string
	// SubnetCount is meething:subnetCount, the number of zones to look up when
	// AvailabilityZones is empty. Default: 4.
	SubnetCount int
	// SubnetPrefixLength is meething:subnetPrefixLength, the size of each
	// carved public subnet. Default: 20.
	SubnetPrefixLength int
	// SubnetCidrs is meething:subnetCidrs, explicit CIDRs by zone name that
	// override the carved ones. Default: none.
	SubnetCidrs map[string]string
	// MapPublicIPOnLaunch is meething:mapPublicIpOnLaunch. Default: false.
	MapPublicIPOnLaunch bool
	// DualStack is meething:dualStack: IPv6 on the VPC, subnets, routes,
	// security groups, load balancer and alias records. Default: false.
	DualStack bool

	// SslPolicy is meething:sslPolicy, the HTTPS listener's TLS policy.
	// Default: DefaultSslPolicy.
	SslPolicy string
	// DesyncMitigationMode is meething:desyncMitigationMode. Default: defensive.
	DesyncMitigationMode string
	// IdleTimeout is meething:idleTimeout, in seconds. Default: 60.
	IdleTimeout int
	// DeletionProtection is meething:deletionProtection, the load balancer's
	// deletion protection. Default: false.
	DeletionProtection bool
	// Protect is meething:protect: the hosted zone and the certificate get
	// Pulumi's protect option and the zone is retained on delete.
	// Default: false.
	Protect bool

	// Services is meething:services, one target group and host rule each.
	// Default: api, config and chat with the service defaults.
	Services []Service
	// Tags is meething:tags, extra tags for every taggable resource.
	// Default: none.
	Tags map[string]string

	// Adoption is what the stack takes over instead of creating: a parent
	// zone to delegate from, an existing VPC, resources to import and
	// records to take over (see adoption.go).
	Adoption

	// AccessLogs, FlowLogs, Waf, Alarms and QueryLogs are the production
	// controls; each is off by default (see features.go).
	AccessLogs AccessLogs
	FlowLogs   FlowLogs
	Waf        Waf
	Alarms     Alarms
	QueryLogs  QueryLogs

	// LoadBalancer and ResponseHeaders are meething:loadBalancer and
	// meething:responseHeaders (see loadbalancer.go).
	LoadBalancer    LoadBalancerSettings
	ResponseHeaders ResponseHeaders

	// Rules is meething:rules, redirects and fixed responses for names
	// that are not services. Default: none.
	Rules []Rule
	// DefaultAction is meething:defaultAction. Default: a fixed 404.
	DefaultAction Action

	// Cutover is meething:cutover, the staged move of the live names from
	// the old edge (cutover.go). Default: off.
	Cutover Cutover

	// Quotas is meething:quotas, the account's raisable quotas the checks
	// count against (quotas.go). Default: AWS's defaults.
	Quotas Quotas

	// Unchecked are the keys whose values are encrypted and could not be
	// read, as in the offline synth: they keep their defaults and no rule
	// that needs the value was applied to them. Under pulumi up the engine
	// passes the real values and this is empty.
	Unchecked []string
	// Secret are the keys of the namespace the stack set as secrets, fully
	// qualified and sorted: only SecretKeys may be (see secrets.go), and
	// their values reach resources as secrets. See IsSecret.
	Secret []string
}

// Service is one entry of meething:services. Every field but Name has a default.
type Service struct {
	// Name is the service's DNS label: it serves <name>.<domain>.
	Name string `json:"name"`
	// Priority is the host rule's priority on the HTTPS listener. Default:
	// derived from the name (DerivedPriority), so a service keeps its
	// priority when others come and go.
	Priority *int `json:"priority" want:"a whole number from 1 to 50000, or no priority to derive it from the name"`
	// Hosts are extra host names the rule matches besides <name>.<domain>.
	// Default: none.
	Hosts []string `json:"hosts"`
	// Port is the targets' port.
	Port int `json:"port" range:"1..65535"`
	// Protocol is the targets' protocol.
	Protocol string `json:"protocol" oneof:"HTTP|HTTPS"`
	// HealthCheck configures the target group's health check.
	HealthCheck HealthCheck `json:"healthCheck"`
	// DeregistrationDelay is how long, in seconds, a deregistering target
	// keeps its open requests.
	DeregistrationDelay int `json:"deregistrationDelay" range:"0..3600 seconds"`
	// TargetType is how the group's targets are registered. AWS fixes it
	// when the group is created, so a change replaces the group. Default:
	// AWS's.
	TargetType string `json:"targetType" oneof:"instance (EC2 instance IDs)|ip (IPv4 addresses, as ECS tasks in awsvpc mode register)"`
	// Targets are EC2 instance IDs or IPv4 addresses inside the VPC, of the
	// target type. Default: none (register targets outside the stack).
	Targets []string `json:"targets"`
	// ExternalTargets says the service's targets are registered outside the
	// stack (by hand, an Auto Scaling group, ECS) and healthy: a live name is
	// pointed at the load balancer only when every service it reaches has
	// targets, the stack's own or these. Set it once meething verify --via alb
	// passes.
	ExternalTargets bool `json:"externalTargets"`
	// Stickiness keeps a client on one target. Default: none.
	Stickiness *Stickiness `json:"stickiness"`
	// SlowStart is the seconds a new target's share ramps up over, 0 for
	// none.
	SlowStart int `json:"slowStart" range:"0|30..900 seconds"`
	// Algorithm is how the load balancer picks a target for a request.
	Algorithm string `json:"algorithm" oneof:"round_robin|least_outstanding_requests|weighted_random"`
	// AnomalyMitigation routes away from targets that fail more than the others;
	// only with weighted_random.
	AnomalyMitigation bool `json:"anomalyMitigation"`
	// ProtocolVersion is the version of HTTP the load balancer speaks to the
	// targets.
	ProtocolVersion string `json:"protocolVersion" oneof:"HTTP1|HTTP2|GRPC"`
	// TargetGroups are more target groups beside the service's own, for
	// blue/green or canary releases. Default: none.
	TargetGroups []TargetGroup `json:"targetGroups"`
	// Forward is the host rule's weighted forward across the service's
	// groups. Default: everything to the service's own group.
	Forward *Forward `json:"forward"`
	// Rules are more rules for the service, before or after its host rule
	// by priority. Default: none.
	Rules []Rule `json:"rules"`
	// Answer is what the service's answer to its health-check path carries
	// that another service's does not, so that meething verify can tell a
	// rule forwarding to the wrong service. Default: none (any answer the
	// health check's matcher accepts passes).
	Answer *Answer `json:"answer"`
}

// Stickiness is a service's session stickiness.
type Stickiness struct {
	// Type is whose cookie keeps the client on its target: lb_cookie is
	// the load balancer's, app_cookie the application's (cookieName).
	Type string `json:"type" oneof:"lb_cookie|app_cookie"`
	// Duration is how long, in seconds. Default: a day
	// (DefaultStickinessDuration).
	Duration int `json:"duration" range:"1..604800 seconds"`
	// CookieName is the application's cookie, for app_cookie.
	CookieName string `json:"cookieName"`
}

// HealthCheck is a service's target-group health check.
type HealthCheck struct {
	// Path is the HTTP path probed.
	Path string `json:"path"`
	// Matcher is the healthy status codes, such as 200, 200,202 or 200-299.
	Matcher string `json:"matcher"`
	// Interval is seconds between probes.
	Interval int `json:"interval" range:"5..300 seconds"`
	// Timeout is seconds before a probe fails, less than Interval.
	Timeout int `json:"timeout" range:"2..120 seconds"`
	// HealthyThreshold is probes to pass before healthy.
	HealthyThreshold int `json:"healthyThreshold" range:"2..10"`
	// UnhealthyThreshold is probes to fail before unhealthy.
	UnhealthyThreshold int `json:"unhealthyThreshold" range:"2..10"`
	// Port is traffic-port (the target's) or another port, 1 to 65535.
	Port string `json:"port"`
	// Protocol is the protocol of the probes. Default: the service's
	// protocol.
	Protocol string `json:"protocol" oneof:"|HTTP|HTTPS"`
}

// ProtocolFor is the health check's protocol for a target group of the
// given protocol: its own, or the group's when it sets none.
func (hc HealthCheck) ProtocolFor(targetProtocol string) string {
	if hc.Protocol == "" {
		return targetProtocol
	}
	return hc.Protocol
}

// DefaultSslPolicy is the HTTPS listener's TLS policy unless
// meething:sslPolicy says otherwise: AWS's recommendation, TLS 1.3 with TLS
// 1.2 fallback; one of TLS13Policies.
const DefaultSslPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06"

// Defaults returns the configuration a stack gets when it sets nothing.
func Defaults() Config {
	return Config{
		AWSProvider:          map[string]string{},
		CertificateNames:     []string{},
		VpcCidr:              "172.31.0.0/16",
		AvailabilityZones:    []string{},
		SubnetCidrs:          map[string]string{},
		Tags:                 map[string]string{},
		AccessLogs:           defaultAccessLogs(),
		FlowLogs:             defaultFlowLogs(),
		Waf:                  defaultWaf(),
		Alarms:               defaultAlarms(),
		QueryLogs:            defaultQueryLogs(),
		Cutover:              defaultCutover(),
		Quotas:               defaultQuotas(),
		SubnetCount:          4,
		SubnetPrefixLength:   20,
		SslPolicy:            DefaultSslPolicy,
		DesyncMitigationMode: "defensive",
		IdleTimeout:          60,
		Adoption:             defaultAdoption(),
		LoadBalancer:         defaultLoadBalancerSettings(),
		ResponseHeaders:      defaultResponseHeaders(),
		DefaultAction:        defaultDefaultAction(),
		Rules:                []Rule{},
		ExtraCertificates:    []ExtraCertificate{},
		Services: []Service{
			DefaultService("api"),
			DefaultService("config"),
			DefaultService("chat"),
		},
	}
}

// DefaultService returns a service named name with every other field at its
// default.
func DefaultService(name string) Service {
	return Service{
		Name:     name,
		Port:     80,
		Protocol: "HTTP",
		HealthCheck: HealthCheck{
			Path:               "/",
			Matcher:            "200-399",
			Interval:           15,
			Timeout:            5,
			HealthyThreshold:   3,
			UnhealthyThreshold: 3,
			Port:               "traffic-port",
		},
		DeregistrationDelay: 30,
		TargetType:          TargetTypeInstance,
		Algorithm:           "round_robin",
		ProtocolVersion:     "HTTP1",
	}
}

// Host returns the service's primary host name, <name>.<domain>.
func (s Service) Host(domain string) string { return s.Name + "." + domain }

// AllHosts returns the primary host followed by the extra hosts.
func (s Service) AllHosts(domain string) []string {
	return append([]string{s.Host(domain)}, s.Hosts...)
}
