package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/meething/edge/internal/iampolicy"
)

// The config keys, under the project's namespace.
const (
	namespace          = "meething-bootstrap"
	keyRepository      = namespace + ":repository"
	keyOIDCProviderArn = namespace + ":oidcProviderArn"
	keyZoneIDs         = namespace + ":zoneIds"
	keyStacks          = namespace + ":stacks"
	keyKeyAlias        = namespace + ":keyAlias"
)

// Config is the bootstrap's configuration, checked.
type Config struct {
	// Repository is owner/name.
	Repository string
	// OIDCProviderArn adopts an existing provider when set.
	OIDCProviderArn string
	// ZoneIDs are the IDs of the foreign zones given in config.
	ZoneIDs map[string]string
	// Stacks are the needs of the stacks to make roles for, sorted by name.
	Stacks []iampolicy.Needs
	// KeyAlias is the KMS key's alias ("alias/...").
	KeyAlias string
	Region   string
}

var (
	repositoryPattern = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$`)
	oidcArnPattern    = regexp.MustCompile(`^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/token\.actions\.githubusercontent\.com$`)
	zoneIDPattern     = regexp.MustCompile(`^Z[A-Z0-9]{1,31}$`)
	aliasPattern      = regexp.MustCompile(`^alias/[A-Za-z0-9/_-]{1,250}$`)
)

// parseConfig reads and checks the config (get returns a key's value and
// whether it is set) against the stacks' needs (all, by stack name), and
// returns every problem at once, each naming its key.
func parseConfig(get func(key string) (string, bool), all map[string]iampolicy.Needs) (Config, error) {
	var problems []error
	bad := func(key, value, rule string) {
		problems = append(problems, fmt.Errorf("%s: %q %s", key, value, rule))
	}
	value := func(key, def string) string {
		if v, ok := get(key); ok {
			return v
		}
		return def
	}
	c := Config{KeyAlias: value(keyKeyAlias, "alias/meething-pulumi"), Region: value("aws:region", "")}
	c.Repository = value(keyRepository, "")
	if !repositoryPattern.MatchString(c.Repository) {
		bad(keyRepository, c.Repository, "is not a GitHub repository as owner/name (such as meething/edge)")
	}
	c.OIDCProviderArn = value(keyOIDCProviderArn, "")
	if c.OIDCProviderArn != "" && !oidcArnPattern.MatchString(c.OIDCProviderArn) {
		bad(keyOIDCProviderArn, c.OIDCProviderArn, "is not the ARN of a GitHub OIDC provider (arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com)")
	}
	raw := value(keyZoneIDs, "{}")
	if err := json.Unmarshal([]byte(raw), &c.ZoneIDs); err != nil {
		bad(keyZoneIDs, raw, "is not a JSON object of zone name to hosted zone ID")
	}
	for name, id := range c.ZoneIDs {
		if !zoneIDPattern.MatchString(id) {
			bad(keyZoneIDs+"."+name, id, "is not a hosted zone ID (Z and up to 31 capitals and digits)")
		}
	}
	if !aliasPattern.MatchString(c.KeyAlias) {
		bad(keyKeyAlias, c.KeyAlias, "is not a KMS alias (alias/ then letters, digits, / _ -)")
	}
	if c.Region == "" {
		problems = append(problems, errors.New("aws:region: not set: the region of the state bucket and the key"))
	}
	names := slices.Sorted(maps.Keys(all))
	if v := value(keyStacks, ""); v != "" {
		names = nil
		for _, s := range strings.Split(v, ",") {
			s = strings.TrimSpace(s)
			if _, ok := all[s]; !ok {
				bad(keyStacks, s, fmt.Sprintf("is not a stack of bootstrap/stacks (%s)", strings.Join(slices.Sorted(maps.Keys(all)), ", ")))
				continue
			}
			if slices.Contains(names, s) {
				bad(keyStacks, s, "is listed twice (a stack's roles are made once)")
				continue
			}
			names = append(names, s)
		}
	}
	if len(names) == 0 && len(problems) == 0 {
		problems = append(problems, fmt.Errorf("%s: no stack to make roles for", keyStacks))
	}
	for _, n := range names {
		c.Stacks = append(c.Stacks, all[n])
		for _, role := range roles {
			if l := len(roleName(all[n], role)) + autoNameSuffix; l > maxRoleName {
				bad(keyStacks, n, fmt.Sprintf("makes the role name %s-<7 random characters>, of %d characters: IAM allows %d; use a shorter stack name",
					roleName(all[n], role), l, maxRoleName))
			}
		}
	}
	// A zone name the stacks do not write into is a typo: its ID would go
	// unused and the zone meant be looked up by name.
	foreign := map[string]bool{}
	for _, n := range all {
		for _, z := range n.Foreign {
			if z.Zone != "" {
				foreign[z.Zone] = true
			}
		}
	}
	zones := strings.Join(slices.Sorted(maps.Keys(foreign)), ", ")
	if zones == "" {
		zones = "none"
	}
	for _, name := range slices.Sorted(maps.Keys(c.ZoneIDs)) {
		if !foreign[name] {
			bad(keyZoneIDs, name, "is not a zone a stack of bootstrap/stacks writes into without owning it ("+zones+")")
		}
	}
	return c, errors.Join(problems...)
}
