package stackconfig

import (
	"slices"
	"strconv"
	"strings"
)

// Algorithms are the target groups' load-balancing algorithms, as
// Service.Algorithm's oneof tag lists them.
var Algorithms = oneOfOf[Service]("algorithm").Values

var (
	grpcMatcher = lazy(`^[0-9]{1,2}(-[0-9]{1,2})?(,[0-9]{1,2}(-[0-9]{1,2})?)*$`)
	cookieName  = lazy(`^[A-Za-z0-9!#$%&'*+.^_` + "`" + `|~-]{1,255}$`)
)

// validateTargetGroupAttributes checks a service's stickiness, slow start,
// algorithm and protocol version: each against its range or oneof tag,
// then the rules that tie them together.
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
		}
		checkFields(sk, *st, ps)
	}
	// The service's tagged attributes (slowStart, algorithm,
	// protocolVersion, and any added with a range or oneof tag); port,
	// protocol, targetType and deregistrationDelay are checked per group
	// (validateTargetGroup, validateTargets).
	checkFields(k, s, ps, "port", "protocol", "targetType", "deregistrationDelay")
	switch {
	case !slices.Contains(Algorithms, s.Algorithm):
		// reported above
	case s.Algorithm == "weighted_random" && s.SlowStart != 0:
		ps.add(k+".slowStart", strconv.Itoa(s.SlowStart), "cannot go with algorithm weighted_random: AWS offers slow start with the other algorithms only")
	case s.Algorithm == "least_outstanding_requests" && s.SlowStart != 0:
		// "You cannot enable both least outstanding requests and slow start
		// mode." (Elastic Load Balancing, Application Load Balancers, target
		// groups: routing algorithm, considerations)
		ps.add(k+".slowStart", strconv.Itoa(s.SlowStart), "cannot go with %s.algorithm least_outstanding_requests: AWS refuses slow start with least outstanding requests", k)
	}
	if s.AnomalyMitigation && s.Algorithm != "weighted_random" {
		ps.add(k+".anomalyMitigation", "true", "needs algorithm weighted_random")
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
