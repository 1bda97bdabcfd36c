package verify

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/meething/edge/internal/lbaction"
)

// CheckHeaders checks that the answer carries each header of want with its
// value, as the HTTPS listener adds them: prod's Strict-Transport-Security,
// say. For example, an answer without it gives
// `no Strict-Transport-Security header (want "max-age=31536000")`.
func CheckHeaders(a *Answer, want map[string]string) error {
	names := make([]string, 0, len(want))
	for name := range want {
		names = append(names, name)
	}
	slices.Sort(names)
	var errs []error
	for _, name := range names {
		got, ok := a.Header[http.CanonicalHeaderKey(name)]
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("no %s header (want %q)", name, want[name]))
		case !slices.Contains(got, want[name]):
			errs = append(errs, fmt.Errorf("%s is %q, want %q", name, strings.Join(got, ", "), want[name]))
		}
	}
	return joined(errs)
}

// CheckAnswer checks that the HTTPS answer to h.Path on h is what h.Expect
// promises, def being the listener's default action:
//   - a service (forward) answers itself: not with def's fixed response (no
//     rule matched), not with the load balancer's own 503 (its target group
//     has no healthy target; passes with noTargets, for a stack whose
//     targets are not registered yet), and with a code of the health
//     check's matcher;
//   - an action that answers itself answers as package lbaction says
//     (lbaction.Answer): with its code, and to its Location's protocol and
//     host (a redirect), else with its body.
func CheckAnswer(a *Answer, h Host, def Action, noTargets bool) error {
	e := h.Expect
	switch {
	case e.Type == lbaction.TypeForward:
		if def.StatusCode != 0 && def.Location == "" && a.Status == def.StatusCode && string(a.Body) == def.Body {
			return fmt.Errorf("%s answered the load balancer's default %d %q: no rule sends it to %s", a.URL, a.Status, def.Body, e.TargetGroup)
		}
		if IsLoadBalancer503(a) {
			if noTargets {
				return nil
			}
			return fmt.Errorf("%s answered the load balancer's 503: target group %s has no healthy target", a.URL, e.TargetGroup)
		}
		if !matcherAllows(e.Matcher, a.Status) {
			return fmt.Errorf("%s answered %d, outside the health check's %s", a.URL, a.Status, e.Matcher)
		}
		return checkSignature(a, h)
	case e.StatusCode == 0:
		return nil // an action the plan does not describe
	case e.Location != "":
		loc := a.Header.Get("Location")
		if a.Status != e.StatusCode {
			return fmt.Errorf("%s answered %d, want a %d redirect to %s", a.URL, a.Status, e.StatusCode, e.Location)
		}
		want := expand(e.Location, a.URL)
		got, err := url.Parse(loc)
		if err != nil || !strings.EqualFold(got.Scheme, want.Scheme) || !strings.EqualFold(got.Hostname(), want.Hostname()) {
			return fmt.Errorf("%s redirects to %q, want %s://%s", a.URL, loc, want.Scheme, want.Hostname())
		}
		return nil
	}
	if a.Status != e.StatusCode || string(a.Body) != e.Body {
		return fmt.Errorf("%s answered %d %q, want the fixed %d %q", a.URL, a.Status, shorten(a.Body), e.StatusCode, e.Body)
	}
	return nil
}

// checkSignature checks that a service's answer carries h.Signature; for
// example, api's health path answered by chat's service gives
// `api.meething.net /healthz: answered 200 without "X-Service: api" (the
// answer of another service?)`.
func checkSignature(a *Answer, h Host) error {
	sig := h.Signature
	if sig == nil {
		return nil
	}
	where := h.Name + " " + h.Path
	if sig.Header != "" {
		want := sig.Header
		if sig.HeaderValue != "" {
			want += ": " + sig.HeaderValue
		}
		got := a.Header.Values(sig.Header)
		switch {
		case len(got) == 0:
			return fmt.Errorf("%s: answered %d without %q (the answer of another service?)", where, a.Status, want)
		case sig.HeaderValue != "" && !slices.Contains(got, sig.HeaderValue):
			return fmt.Errorf("%s: answered %d with %q, not %q (the answer of another service?)", where, a.Status,
				http.CanonicalHeaderKey(sig.Header)+": "+strings.Join(got, ", "), want)
		}
	}
	if sig.Contains != "" && !strings.Contains(string(a.Body), sig.Contains) {
		return fmt.Errorf("%s: answered %d without %q in its body (the answer of another service?)", where, a.Status, sig.Contains)
	}
	return nil
}

// IsLoadBalancer503 says whether an answer is the load balancer's own 503,
// which it sends when the target group has no healthy (or no registered)
// target: an HTML page titled "503 Service Temporarily Unavailable", with
// the header Server: awselb/2.0 unless the listener removes it.
func IsLoadBalancer503(a *Answer) bool {
	return a.Status == http.StatusServiceUnavailable &&
		(strings.HasPrefix(a.Header.Get("Server"), "awselb") || strings.Contains(string(a.Body), "503 Service Temporarily Unavailable"))
}

// matcherAllows says whether an HTTP health-check matcher ("200",
// "200,202", "200-399") allows code; a matcher it cannot read (a gRPC one,
// "grpc:12")
// allows any.
func matcherAllows(matcher string, code int) bool {
	if matcher == "" {
		return code >= 200 && code < 400
	}
	for _, part := range strings.Split(matcher, ",") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "-")
		l, err1 := strconv.Atoi(lo)
		h, err2 := strconv.Atoi(hi)
		if !isRange {
			h, err2 = l, err1
		}
		if err1 != nil || err2 != nil {
			return true
		}
		if code >= l && code <= h {
			return true
		}
	}
	return false
}

// expand fills a redirect's #{protocol}, #{host}, #{port}, #{path} and
// #{query} from the request URL.
func expand(location, request string) *url.URL {
	r, _ := url.Parse(request)
	port := r.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[r.Scheme]
	}
	s := strings.NewReplacer("#{protocol}", r.Scheme, "#{host}", r.Hostname(), "#{port}", port,
		"#{path}", strings.TrimPrefix(r.Path, "/"), "#{query}", r.RawQuery).Replace(location)
	u, err := url.Parse(s)
	if err != nil {
		return &url.URL{}
	}
	return u
}

func shorten(b []byte) string {
	if len(b) > 80 {
		return string(b[:80]) + "..."
	}
	return string(b)
}
