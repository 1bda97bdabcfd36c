package stackconfig

import (
	"fmt"
	"maps"
	"net/mail"
	"slices"
	"strconv"
	"strings"
)

var (
	bucketArn = lazy(`^arn:aws[a-z-]*:s3:::([^/]*)(/[^*?]*)?$`)
	webAclArn = lazy(`^arn:aws[a-z-]*:wafv2:([a-z0-9-]+):[0-9]{12}:regional/webacl/[A-Za-z0-9_-]{1,128}/[0-9a-f-]{36}$`)
)

// validateFeatures checks the production controls' keys.
func validateFeatures(cfg *Config, ps *problems) {
	al := cfg.AccessLogs
	k := FullKey(KeyAccessLogs)
	if al.Bucket != "" {
		if rule := bucketNameRule(al.Bucket); rule != "" {
			ps.add(k+".bucket", al.Bucket, "%s", rule)
		}
	}
	if al.Prefix == "" || len(al.Prefix) > 200 || strings.HasPrefix(al.Prefix, "/") || strings.HasSuffix(al.Prefix, "/") || strings.Contains(al.Prefix, "AWSLogs") {
		ps.add(k+".prefix", al.Prefix, "must be 1 to 200 characters, not start or end with / and not contain AWSLogs (ELB adds it)")
	}
	checkFields(k, al, ps) // expireAfterDays, and any field added with a range or oneof tag

	fl := cfg.FlowLogs
	k = FullKey(KeyFlowLogs)
	switch fl.Destination {
	case "cloudwatch":
		if fl.BucketArn != "" {
			ps.add(k+".bucketArn", fl.BucketArn, "is only for destination s3")
		}
	case "s3":
		// CreateFlowLogs LogDestination: "arn:aws:s3:::my-bucket/my-logs/.
		// You cannot use AWSLogs as a subfolder name." (Amazon EC2 API
		// reference; AWS adds AWSLogs/ itself.)
		m := bucketArn.FindStringSubmatch(fl.BucketArn)
		switch {
		case m == nil:
			ps.add(k+".bucketArn", fl.BucketArn, "must be an S3 bucket ARN (arn:aws:s3:::name, or arn:aws:s3:::name/subfolder) for destination s3")
		case bucketNameRule(m[1]) != "":
			ps.add(k+".bucketArn", fl.BucketArn, "names the bucket %q, which %s", m[1], bucketNameRule(m[1]))
		case slices.Contains(strings.Split(m[2], "/"), "AWSLogs"):
			ps.add(k+".bucketArn", fl.BucketArn, "has the subfolder AWSLogs, which flow logs refuse (CreateFlowLogs: AWS adds AWSLogs/ itself): choose another subfolder or none")
		}
	}
	checkFields(k, fl, ps) // destination, trafficType, ...
	checkRetention(k+".retentionDays", fl.RetentionDays, ps)

	w := cfg.Waf
	k = FullKey(KeyWaf)
	if w.WebAclArn != "" {
		// AssociateWebACL: "For all other resources [than CloudFront], the
		// web ACL and the resource must be in the same Region" (AWS WAF API
		// reference); a regional web ACL's ARN names its region.
		m := webAclArn.FindStringSubmatch(w.WebAclArn)
		switch {
		case m == nil:
			ps.add(k+".webAclArn", w.WebAclArn, "is not a regional WAFv2 web ACL ARN (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>)")
		case cfg.Region != "" && m[1] != cfg.Region:
			ps.add(k+".webAclArn", w.WebAclArn, "is in %s: AWS associates a web ACL only with a load balancer of its own region, and %s is %s", m[1], RegionKey, cfg.Region)
		}
	}
	checkFields(k, w, ps) // rateLimit, rateLimitMode, ...
	validateWafRules(w, k, ps)
	checkRetention(k+".logRetentionDays", w.LogRetentionDays, ps)

	a := cfg.Alarms
	k = FullKey(KeyAlarms)
	if a.Enabled && len(a.Emails) == 0 {
		ps.add(k+".emails", "[]", "must name at least one address when alarms are enabled: a topic nobody subscribes to alerts nobody")
	}
	seen := map[string]bool{}
	for i, e := range a.Emails {
		ek := fmt.Sprintf("%s.emails[%d]", k, i)
		addr, err := mail.ParseAddress(e)
		switch {
		case err != nil || addr.Address != e:
			ps.add(ek, e, "is not a bare email address such as oncall@example.com")
		case seen[strings.ToLower(e)]:
			ps.add(ek, e, "is listed twice")
		}
		seen[strings.ToLower(e)] = true
	}
	checkFields(k, a, ps) // the thresholds

	checkRetention(FullKey(KeyQueryLogs)+".retentionDays", cfg.QueryLogs.RetentionDays, ps)
}

func checkRetention(key string, days int, ps *problems) {
	for _, d := range LogRetentionDays {
		if d == days {
			return
		}
	}
	var allowed []string
	for _, d := range LogRetentionDays {
		allowed = append(allowed, strconv.Itoa(d))
	}
	ps.add(key, strconv.Itoa(days), "is not a retention CloudWatch Logs accepts: one of %s", strings.Join(allowed, ", "))
}

var wafRuleName = lazy(`^[A-Za-z0-9_-]{1,128}$`)

// validateWafRules checks the managed rule groups' settings, which, like
// the rate rule's mode, apply to a web ACL the stack creates.
func validateWafRules(w Waf, k string, ps *problems) {
	if w.WebAclArn != "" && (len(w.RuleGroups) > 0 || w.RateLimitMode != "block") {
		ps.add(k+".webAclArn", w.WebAclArn, "is a web ACL the stack does not manage: ruleGroups and rateLimitMode apply to one it creates")
	}
	groups := slices.Sorted(maps.Keys(w.RuleGroups))
	for _, g := range groups {
		set := w.RuleGroups[g]
		gk := k + ".ruleGroups." + g
		if !slices.Contains(ManagedRuleGroups, g) {
			ps.add(gk, g, "is not a rule group of the web ACL: %s%s", orList(ManagedRuleGroups), suggestion(g, ManagedRuleGroups, ""))
			continue
		}
		checkFields(gk, set, ps) // mode
		actions := oneOfOf[RuleGroupSetting]("overrides")
		rules := slices.Sorted(maps.Keys(set.Overrides))
		for _, r := range rules {
			rk := gk + ".overrides." + r
			switch action := set.Overrides[r]; {
			case !wafRuleName.MatchString(r):
				ps.add(rk, r, "is not a rule name: 1 to 128 letters, digits, _ and -, as AWS names the group's rules (SizeRestrictions_BODY)")
			case managedRuleRule(g, r) != "":
				ps.add(rk, r, "%s", managedRuleRule(g, r))
			case !actions.Holds(action):
				ps.add(rk, action, "%s", actions.Rule(action))
			}
		}
	}
}
