package stackconfig

import (
	"slices"
	"strings"
)

// ManagedRuleNames are the rules of each managed rule group of a created web
// ACL, by the exact name an override must use (AWS WAF matches rule names
// as written: sizerestrictions_body overrides nothing, and AWS refuses the
// web ACL). Source: the AWS WAF developer guide, "AWS Managed Rules rule
// groups list": "Baseline rule groups" (Core rule set, CRS, and Known bad
// inputs) and "IP reputation rule groups" (Amazon IP reputation list), as
// listed in December 2025. A rule AWS adds later is refused until it is
// added here.
var ManagedRuleNames = map[string][]string{
	"AWSManagedRulesCommonRuleSet": {
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
	},
	"AWSManagedRulesKnownBadInputsRuleSet": {
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
	},
	"AWSManagedRulesAmazonIpReputationList": {
		"AWSManagedIPReputationList",
		"AWSManagedReconnaissanceList",
		"AWSManagedIPDDoSList",
	},
}

// managedRuleRule returns why rule is not a rule of the managed group, in
// the user's words, or "" when it is one.
func managedRuleRule(group, rule string) string {
	names := ManagedRuleNames[group]
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
