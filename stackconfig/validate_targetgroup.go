package stackconfig

import (
	"slices"
	"strconv"
	"strings"
)

// Algorithms are the target groups' load-balancing algorithms.
var Algorithms = []string{"round_robin", "least_outstanding_requests", "weighted_random"}

// ProtocolVersions are the target groups' protocol versions.
var ProtocolVersions = []string{"HTTP1", "HTTP2", "GRPC"}

var (
	grpcMatcher = lazy(`^[0-9]{1,2}(-[0-9]{1,2})?(,[0-9]{1,2}(-[0-9]{1,2})?)*$`)
	cookieName  = lazy(`^[A-Za-z0-9!#$%&'*+.^_` + "`" + `|~-]{1,255}$`)
)

// validateTargetGroupAttributes checks a service's stickiness, slow start,
// algorithm and protocol version.
func validateTargetGroupAttributes(k string, s Service, ps *problems) {
	if st := s.Stickiness; st != nil {
		sk := k + ".stickiness"
		switch st.Type {
		case "lb_cookie":
			if st.CookieName != "" {
				ps.add(sk+".cookieName", st.CookieName, "is only for type app_cookie: lb_cookie is the load balancer's own cookie")
			}
		case "app_cookie":
			switch {
			case st.CookieName == "":
				ps.add(sk+".cookieName", st.CookieName, "must name the application's cookie for type app_cookie")
			case strings.HasPrefix(strings.ToUpper(st.CookieName), "AWSALB"):
				ps.add(sk+".cookieName", st.CookieName, "is reserved by the load balancer (AWSALB, AWSALBAPP, AWSALBTG): use the application's own cookie")
			case !cookieName.MatchString(st.CookieName):
				ps.add(sk+".cookieName", st.CookieName, "is not a cookie name: letters, digits and !#$%%&'*+.^_`|~-")
			}
		default:
			ps.add(sk+".type", st.Type, "must be lb_cookie or app_cookie")
		}
		checkRanges(sk, *st, ps)
	}
	// The service's ranged attributes (slowStart, and any added with a
	// range tag); port and deregistrationDelay are checked per group
	// (validateTargetGroup).
	checkRanges(k, s, ps, "port", "deregistrationDelay")
	if !slices.Contains(Algorithms, s.Algorithm) {
		ps.add(k+".algorithm", s.Algorithm, "must be %s%s", orList(Algorithms), suggestion(s.Algorithm, Algorithms, ""))
	} else if s.Algorithm == "weighted_random" && s.SlowStart != 0 {
		ps.add(k+".slowStart", strconv.Itoa(s.SlowStart), "cannot go with algorithm weighted_random: AWS offers slow start with the other algorithms only")
	} else if s.Algorithm == "least_outstanding_requests" && s.SlowStart != 0 {
		// "You cannot enable both least outstanding requests and slow start
		// mode." (Elastic Load Balancing, Application Load Balancers, target
		// groups: routing algorithm, considerations)
		ps.add(k+".slowStart", strconv.Itoa(s.SlowStart), "cannot go with %s.algorithm least_outstanding_requests: AWS refuses slow start with least outstanding requests", k)
	}
	if s.AnomalyMitigation && s.Algorithm != "weighted_random" {
		ps.add(k+".anomalyMitigation", "true", "needs algorithm weighted_random")
	}
	if !slices.Contains(ProtocolVersions, s.ProtocolVersion) {
		ps.add(k+".protocolVersion", s.ProtocolVersion, "must be %s%s", orList(ProtocolVersions), suggestion(s.ProtocolVersion, ProtocolVersions, ""))
	}

}

// matcherRule checks a health-check matcher for the protocol version: gRPC
// codes 0 to 99 for GRPC, HTTP codes 200 to 499 otherwise.
func matcherRule(s Service) (ok bool, rule string) {
	if s.ProtocolVersion == "GRPC" {
		return grpcMatcher.MatchString(s.HealthCheck.Matcher), "must be gRPC codes from 0 to 99 for protocolVersion GRPC, as 12, 0,12 or 0-99"
	}
	return isStatusMatcher(s.HealthCheck.Matcher), "must be HTTP codes from 200 to 499, as 200, 200,202 or 200-299"
}
