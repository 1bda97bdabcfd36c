package loadbalancer

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/meething/edge/internal/lbaction"
	"github.com/meething/edge/internal/tags"
)

// buildListeners creates the HTTP listener, which only redirects to HTTPS,
// and the HTTPS listener, which answers 404 unless a host rule matches.
func (l *LoadBalancer) buildListeners(ctx *pulumi.Context, name string, a LoadBalancerArgs, t tags.Set, opts ...pulumi.ResourceOption) error {
	action, ok, err := lbaction.Of(a.DefaultAction)
	if err == nil && !ok {
		err = fmt.Errorf("no default action")
	}
	if err != nil {
		return fmt.Errorf("default action of the HTTPS listener of %s: %w", name, err)
	}
	def, err := defaultAction(action)
	if err != nil {
		return fmt.Errorf("default action of the HTTPS listener of %s: %w", name, err)
	}
	l.HttpListener, err = lb.NewListener(ctx, name+"-http", &lb.ListenerArgs{
		LoadBalancerArn: l.LoadBalancer.Arn,
		Port:            pulumi.Int(80),
		Protocol:        pulumi.String("HTTP"),
		DefaultActions: lb.ListenerDefaultActionArray{lb.ListenerDefaultActionArgs{
			Type: pulumi.String("redirect"),
			Redirect: &lb.ListenerDefaultActionRedirectArgs{
				Protocol:   pulumi.String("HTTPS"),
				Port:       pulumi.String("443"),
				StatusCode: pulumi.String("HTTP_301"),
			},
		}},
		Tags: t.Named(name + "-http"),
	}, opts...)
	if err != nil {
		return fmt.Errorf("creating HTTP listener of %s: %w", name, err)
	}

	l.HttpsListener, err = lb.NewListener(ctx, name+"-https", &lb.ListenerArgs{
		LoadBalancerArn: l.LoadBalancer.Arn,
		Port:            pulumi.Int(443),
		Protocol:        pulumi.String("HTTPS"),
		SslPolicy:       pulumi.String(a.SslPolicy),
		CertificateArn:  a.CertificateArn,
		RoutingHttpResponseStrictTransportSecurityHeaderValue:       optional(a.ResponseHeaders.StrictTransportSecurity),
		RoutingHttpResponseContentSecurityPolicyHeaderValue:         optional(a.ResponseHeaders.ContentSecurityPolicy),
		RoutingHttpResponseXContentTypeOptionsHeaderValue:           optional(a.ResponseHeaders.XContentTypeOptions),
		RoutingHttpResponseXFrameOptionsHeaderValue:                 optional(a.ResponseHeaders.XFrameOptions),
		RoutingHttpResponseAccessControlAllowOriginHeaderValue:      optional(a.ResponseHeaders.AccessControlAllowOrigin),
		RoutingHttpResponseAccessControlAllowMethodsHeaderValue:     optional(a.ResponseHeaders.AccessControlAllowMethods),
		RoutingHttpResponseAccessControlAllowHeadersHeaderValue:     optional(a.ResponseHeaders.AccessControlAllowHeaders),
		RoutingHttpResponseAccessControlExposeHeadersHeaderValue:    optional(a.ResponseHeaders.AccessControlExposeHeaders),
		RoutingHttpResponseAccessControlAllowCredentialsHeaderValue: optional(a.ResponseHeaders.AccessControlAllowCredentials),
		RoutingHttpResponseAccessControlMaxAgeHeaderValue:           optional(a.ResponseHeaders.AccessControlMaxAge),
		RoutingHttpResponseServerEnabled:                            pulumi.Bool(a.ResponseHeaders.Server),
		DefaultActions:                                              lb.ListenerDefaultActionArray{def},
		Tags:                                                        t.Named(name + "-https"),
	}, opts...)
	if err != nil {
		return fmt.Errorf("creating HTTPS listener of %s: %w", name, err)
	}
	return nil
}
