package stackconfig

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDeclaredDefaultsReadAsDefaults: a stack that sets every key to its
// declared default, as the Pulumi CLI passes Pulumi.yaml's defaults, gets
// Defaults(); and setting a key reaches the field its declaration names.
func TestDeclaredDefaultsReadAsDefaults(t *testing.T) {
	m := withRequired(map[string]string{})
	for _, d := range Declarations {
		def, ok := d.Default()
		if !ok {
			continue
		}
		var s string
		if json.Unmarshal(def, &s) != nil {
			s = string(def) // Pulumi passes lists, objects and numbers as JSON text
		}
		m[FullKey(d.Key)] = s
	}
	cfg, err := Parse(lookupOf(m), keysOf(m))
	require.NoError(t, err)
	assert.Equal(t, defaultsFor(m), *cfg)

	changed := map[string]string{
		KeySslPolicy: otherPolicy(), KeyIdleTimeout: "61", KeyApexAlias: "true",
		KeyCertificateNames: `["www.meething.net"]`, KeyQuotas: `{"rulesPerLoadBalancer":200}`,
	}
	for key, value := range changed {
		d, ok := Declared(key)
		require.True(t, ok, key)
		cfg, err := Parse(lookupOf(withRequired(map[string]string{FullKey(key): value})), keysOf(withRequired(map[string]string{FullKey(key): value})))
		require.NoError(t, err, key)
		defaults := defaultsFor(withRequired(nil))
		assert.NotEqual(t, d.Field(&defaults), d.Field(cfg), "%s does not reach the field its declaration names", key)
	}
}

// TestDeclarationsDescribeEveryKey: each key has one declaration, with a
// description and a type Pulumi knows.
func TestDeclarationsDescribeEveryKey(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range Declarations {
		assert.False(t, seen[d.Key], "%s is declared twice", d.Key)
		seen[d.Key] = true
		assert.NotEmpty(t, d.Text(), d.Key)
		assert.NotContains(t, d.Text(), "{default}", "%s: a placeholder left", d.Key)
		assert.NotContains(t, d.Text(), "{range}", "%s: a placeholder left", d.Key)
		assert.NotContains(t, d.Text(), "{oneof}", "%s: a placeholder left", d.Key)
		if d.Range != "" {
			_, ok := ParseRange(d.Range)
			assert.True(t, ok, "%s: range %q", d.Key, d.Range)
		}
		typ, _ := d.Type()
		assert.Contains(t, []string{"", "string", "integer", "boolean", "array", "object"}, typ, d.Key)
	}
}

// otherPolicy is an accepted TLS policy that is not the default.
func otherPolicy() string {
	for _, p := range TLS13Policies {
		if p != DefaultSslPolicy {
			return p
		}
	}
	panic("one TLS policy only")
}

// TestParseReadsEveryDeclaredKey: Parse reads each key Declarations
// declares, in their order, with nothing else to edit when a key is added:
// every key that can hold an unreadable value (all but the texts) is set to
// one, and each is reported once, in the order of Declarations.
func TestParseReadsEveryDeclaredKey(t *testing.T) {
	m := withRequired(map[string]string{})
	var want []string
	for _, d := range Declarations {
		typ, _ := d.Type()
		switch typ {
		case "string":
			continue // any text reads as text
		case "integer":
			m[FullKey(d.Key)] = "many"
		case "boolean", "":
			m[FullKey(d.Key)] = "maybe"
		default:
			m[FullKey(d.Key)] = "{"
		}
		want = append(want, FullKey(d.Key))
	}
	_, err := Parse(lookupOf(m), keysOf(m))
	var e *Error
	require.ErrorAs(t, err, &e)
	var got []string
	for _, p := range e.Problems {
		got = append(got, p.Key)
	}
	assert.Equal(t, want, got)
	assert.Greater(t, len(want), 30)
}
