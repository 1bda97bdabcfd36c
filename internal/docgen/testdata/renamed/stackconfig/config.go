// Package stackconfig is a fixture: Config's fields and types renamed from
// the real package's, their keys read off their comments.
package stackconfig

// Config is a stack's config.
type Config struct {
	// Domain is demo:domain. Default: none.
	Domain string
	// Logs and the rest are the production controls.
	Logs AlbLogs
	// Attrs and Headers are demo:loadBalancer and demo:responseHeaders.
	Attrs   Attributes
	Headers ResponseHeaders
	// Services are demo:backends, one target group each.
	Services []Backend
}

// AlbLogs is demo:accessLogs, the load balancer's access logs.
type AlbLogs struct {
	// Enabled turns access logs on. Default: false.
	Enabled bool `json:"enabled"`
	// Prefix is the key prefix of the logs. Default: alb.
	Prefix string `json:"prefix" want:"1 to 200 characters"`
}

// Attributes are the load balancer's attributes.
type Attributes struct {
	// IdleTimeout is in seconds. Default: 60.
	IdleTimeout int `json:"idleTimeout"`
}

// ResponseHeaders are headers.
type ResponseHeaders struct {
	// Server keeps the Server header. Default: true.
	Server bool `json:"server"`
}

// Backend is one service.
type Backend struct {
	// Name is its DNS label.
	Name string `json:"name"`
	// Check is its health check.
	Check *Probe `json:"healthCheck"`
	// Groups are more target groups.
	Groups []Group `json:"targetGroups"`
}

// Group is one more target group.
type Group struct {
	Name  string `json:"name"`
	Check *Probe `json:"healthCheck"`
}

// Probe is a health check.
type Probe struct {
	// Interval is seconds between probes. Default: 15.
	Interval int `json:"interval" want:"5 to 300"`
	// Ignored has no json name.
	Ignored int `json:"-"`
}
