package stackconfig

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cutoverStack is a config that adopts the live zone, takes over its
// wildcard and protects its resources, with meething:cutover set to
// cutover (JSON) and more key-value pairs.
func cutoverStack(cutover string, kvs ...string) map[string]string {
	m := map[string]string{
		FullKey(KeyExistingZoneName):  testDomain,
		FullKey(KeyTakeOverRecords):   `["*.meething.net A"]`,
		FullKey(KeyProtect):           "true",
		FullKey(KeyAvailabilityZones): `["ap-northeast-2a", "ap-northeast-2b"]`,
		FullKey(KeyCutover):           cutover,
	}
	for i := 0; i+1 < len(kvs); i += 2 {
		m[kvs[i]] = kvs[i+1]
	}
	return m
}

func TestValidateCutover(t *testing.T) {
	tests := []struct {
		name   string
		config map[string]string
		key    string
		value  string
		rule   string
	}{
		{"a share without enabled", cutoverStack(`{"share": 10}`), "meething:cutover.share", "10", "needs meething:cutover.enabled: true"},
		{"retire without enabled", cutoverStack(`{"retireOldEdge": true}`), "meething:cutover.retireOldEdge", "true", "needs meething:cutover.enabled: true"},
		{"a zone of its own", map[string]string{FullKey(KeyCutover): `{"enabled": true}`, FullKey(KeyParentZoneName): testDomain, FullKey(KeyDomain): "dev." + testDomain, FullKey(KeyTakeOverRecords): `["*.dev.meething.net A"]`},
			"meething:cutover.enabled", "true", "the stack creates its own zone"},
		{"alias records off", cutoverStack(`{"enabled": true}`, FullKey(KeyAliasRecords), "false"), "meething:cutover.enabled", "true", "meething:aliasRecords is false"},
		{"nothing taken over", cutoverStack(`{"enabled": true}`, FullKey(KeyTakeOverRecords), `["_x.meething.net CNAME"]`), "meething:cutover.enabled", "true", `it takes over none of the alias records the stack writes ("*.meething.net A")`},
		{"a share above 100", cutoverStack(`{"enabled": true, "share": 101}`), "meething:cutover.share", "101", "must be 0 to 100 percent"},
		{"a share below 0", cutoverStack(`{"enabled": true, "share": -1}`), "meething:cutover.share", "-1", "must be 0 to 100 percent"},
		{"weights without protect", cutoverStack(`{"enabled": true, "share": 10}`, FullKey(KeyProtect), "false"), "meething:cutover.share", "10", "needs meething:protect: true"},
		{"retire before 100", cutoverStack(`{"enabled": true, "share": 50, "retireOldEdge": true}`), "meething:cutover.retireOldEdge", "true", "meething:cutover.share is 50: retire it only at share 100"},
		{"retire while held", cutoverStack(`{"enabled": true, "retireOldEdge": true}`), "meething:cutover.retireOldEdge", "true", "meething:cutover.share is unset"},
		{"no failback", cutoverStack(`{"enabled": true, "failbackErrors": 0}`), "meething:cutover.failbackErrors", "0", "must be at least 1 answers per minute"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := parse(tc.config)
			assert.Nil(t, cfg)
			ps := problemsOf(t, err)
			require.Len(t, ps, 1, "exactly one problem: %v", err)
			assert.Equal(t, tc.key, ps[0].Key)
			assert.Equal(t, tc.value, ps[0].Value)
			assert.Contains(t, ps[0].Rule, tc.rule)
		})
	}
}

func TestCutoverStepsAccepted(t *testing.T) {
	for _, c := range []string{
		`{"enabled": false}`,
		`{"enabled": true}`,
		`{"enabled": true, "share": 0}`,
		`{"enabled": true, "share": 100}`,
		`{"enabled": true, "share": 100, "retireOldEdge": true, "failbackErrors": 1}`,
	} {
		cfg, err := parse(cutoverStack(c))
		require.NoError(t, err, c)
		assert.Equal(t, 1, len(CutoverRecords(cfg)), c)
	}
	cfg, err := parse(map[string]string{})
	require.NoError(t, err)
	assert.False(t, cfg.Cutover.Enabled, "off by default")
	assert.Equal(t, 60, cfg.Cutover.FailbackErrors)
	assert.False(t, cfg.Cutover.Weighted())
}

func TestCutoverRecordsAreTheTakenOverAliasRecords(t *testing.T) {
	cfg, err := parse(cutoverStack(`{"enabled": true}`,
		FullKey(KeyTakeOverRecords), `["*.MEETHING.net. a", "meething.net AAAA", "_x.meething.net CNAME"]`,
		FullKey(KeyApexAlias), "true", FullKey(KeyDualStack), "true"))
	require.NoError(t, err)
	var got []string
	for _, r := range CutoverRecords(cfg) {
		got = append(got, r.Key)
	}
	assert.Equal(t, []string{"record/wildcard-A", "record/apex-AAAA"}, got)
}
