package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meething/edge/internal/iampolicy"
)

// parseConfig refuses, naming the key and the value, what AWS would refuse
// only once resources are registered.
func TestParseConfigRefusals(t *testing.T) {
	long := strings.Repeat("s", 40) // meething-<40>-preview plus 8 is 65
	all := map[string]iampolicy.Needs{
		"dev":        {Project: "meething", Stack: "dev", Foreign: []iampolicy.ZoneWrites{{Zone: "meething.net"}}},
		long:         {Project: "meething", Stack: long},
		long[:39]:    {Project: "meething", Stack: long[:39]},
		"other-zone": {Project: "meething", Stack: "other-zone", Foreign: []iampolicy.ZoneWrites{{ID: "ZGIVEN"}}},
	}
	for _, c := range []struct {
		config map[string]string
		want   string // "" when the config is fine
	}{
		{map[string]string{keyStacks: "dev"}, ""},
		{map[string]string{keyStacks: long[:39]}, ""},
		{map[string]string{keyStacks: long}, keyStacks + `: "` + long + `" makes the role name meething-` + long + `-preview-<7 random characters>, of 65 characters: IAM allows 64`},
		{map[string]string{keyStacks: "dev, dev"}, keyStacks + `: "dev" is listed twice`},
		{map[string]string{keyStacks: "dev", keyZoneIDs: `{"meething.net":"Z1","meething.org":"Z2"}`},
			keyZoneIDs + `: "meething.org" is not a zone a stack of bootstrap/stacks writes into without owning it (meething.net)`},
	} {
		config := map[string]string{"aws:region": "ap-northeast-2", keyRepository: "meething/edge"}
		for k, v := range c.config {
			config[k] = v
		}
		_, err := parseConfig(func(k string) (string, bool) { v, ok := config[k]; return v, ok }, all)
		if c.want == "" {
			require.NoError(t, err, c.config)
			continue
		}
		require.ErrorContains(t, err, c.want)
	}
}
