package loadbalancer

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// withDefaults fills what the caller left unset.
func withDefaults(a LoadBalancerArgs) LoadBalancerArgs {
	if a.SslPolicy == "" {
		a.SslPolicy = DefaultSslPolicy
	}
	if a.DesyncMitigationMode == "" {
		a.DesyncMitigationMode = "defensive"
	}
	if a.IdleTimeout == 0 {
		a.IdleTimeout = 60
	}
	if a.AccessLogs != nil {
		al := *a.AccessLogs
		if al.Prefix == "" {
			al.Prefix = "alb"
		}
		if al.ExpireAfterDays == 0 {
			al.ExpireAfterDays = 90
		}
		a.AccessLogs = &al
	}
	return a
}

// optionalInt is nil for 0, so that AWS's default applies.
func optionalInt(n int) pulumi.IntPtrInput {
	if n == 0 {
		return nil
	}
	return pulumi.IntPtr(n)
}

// optional is nil for "", so that the provider chooses the value.
func optional(s string) pulumi.StringPtrInput {
	if s == "" {
		return nil
	}
	return pulumi.StringPtr(s)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// DefaultSslPolicy is AWS's recommended TLS policy: TLS 1.3 and 1.2.
const DefaultSslPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06"
