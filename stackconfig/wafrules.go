package stackconfig

import (
	"slices"
	"strings"
)

// ManagedRuleGroup is an AWS managed rule group of a created web ACL.
type ManagedRuleGroup struct {
	Name string
	// Rules are the group's rules, by the exact name an override must use
	// (AWS WAF matches rule names as written: sizerestrictions_body
	// overrides nothing, and AWS refuses the web ACL).
	Rules  []string
	Source Source
}

// The AWS WAF developer guide's "AWS Managed Rules rule groups list".
var (
	wafBaselineGroups = Source{URL: "https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html", Read: "2026-12"}
	wafIPReputation   = Source{URL: "https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-ip-rep.html", Read: "2026-12"}
)

// ManagedRules are the managed rule groups of a created web ACL, in the
// order of their priorities, each with its rules: the one list of them.
var ManagedRules = []ManagedRuleGroup{
	{Name: "AWSManagedRulesCommonRuleSet", Source: wafBaselineGroups, Rules: []string{
		"NoUserAgent_HEADER",
		"UserAgent_BadBots_HEADER",
		"SizeRestrictions_QUERYSTRING",
		"SizeRestrictions_Cookie_HEADER",
		"SizeRestrictions_BODY",
		"SizeRestrictions_URIPATH",
		"EC2MetaDataSSRF_BODY",
		"EC2MetaDataSSRF_COOKIE",
		"EC2MetaDataSSRF_URIPATH",
		"EC2MetaDataSSRF_QUERYARGUMENTS",
		"GenericLFI_QUERYARGUMENTS",
		"GenericLFI_URIPATH",
		"GenericLFI_BODY",
		"RestrictedExtensions_URIPATH",
		"RestrictedExtensions_QUERYARGUMENTS",
		"GenericRFI_QUERYARGUMENTS",
		"GenericRFI_BODY",
		"GenericRFI_URIPATH",
		"CrossSiteScripting_COOKIE",
		"CrossSiteScripting_QUERYARGUMENTS",
		"CrossSiteScripting_BODY",
		"CrossSiteScripting_URIPATH",
	}},
	{Name: "AWSManagedRulesKnownBadInputsRuleSet", Source: wafBaselineGroups, Rules: []string{
		"JavaDeserializationRCE_HEADER",
		"JavaDeserializationRCE_BODY",
		"JavaDeserializationRCE_URIPATH",
		"JavaDeserializationRCE_QUERYSTRING",
		"Host_localhost_HEADER",
		"PROPFIND_METHOD",
		"ExploitablePaths_URIPATH",
		"Log4JRCE_HEADER",
		"Log4JRCE_QUERYSTRING",
		"Log4JRCE_BODY",
		"Log4JRCE_URIPATH",
	}},
	{Name: "AWSManagedRulesAmazonIpReputationList", Source: wafIPReputation, Rules: []string{
		"AWSManagedIPReputationList",
		"AWSManagedReconnaissanceList",
		"AWSManagedIPDDoSList",
	}},
}

// ManagedRuleGroups are the names of ManagedRules, in order.
var ManagedRuleGroups = func() []string {
	var out []string
	for _, g := range ManagedRules {
		out = append(out, g.Name)
	}
	return out
}()

// managedRuleRule returns why rule is not a rule of the managed group, in
// the user's words, or "" when it is one.
func managedRuleRule(group, rule string) string {
	var names []string
	for _, g := range ManagedRules {
		if g.Name == group {
			names = g.Rules
		}
	}
	if slices.Contains(names, rule) {
		return ""
	}
	for _, n := range names {
		if strings.EqualFold(n, rule) {
			return "is not a rule of " + group + " as written: AWS matches the name exactly, " + n
		}
	}
	return "is not a rule of " + group + " (AWS WAF developer guide, managed rule groups list): one of " + strings.Join(names, ", ") + suggestion(rule, names, "")
}
