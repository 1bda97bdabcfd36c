package stackconfig

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDerivedPriorityRange(t *testing.T) {
	names := []string{"", "a", "api", "config", "chat", "web", "admin", strings.Repeat("z", 63)}
	for i := 0; i < 20000; i++ {
		names = append(names, fmt.Sprintf("svc-%d", i))
	}
	for _, n := range names {
		p := DerivedPriority(n)
		require.GreaterOrEqual(t, p, 1, "DerivedPriority(%q)", n)
		require.LessOrEqual(t, p, MaxRulePriority, "DerivedPriority(%q)", n)
	}
}

func TestDerivedPriorityDeterministic(t *testing.T) {
	for _, n := range []string{"api", "config", "chat", "x", "a-very-long-service-name-1"} {
		first := DerivedPriority(n)
		for i := 0; i < 5; i++ {
			assert.Equal(t, first, DerivedPriority(n), n)
		}
		assert.Equal(t, first, DefaultService(n).RulePriority(), n)
	}
}

// The derived priorities of the default services are pinned: a change to the
// hash would move every deployed stack's listener rules.
func TestDerivedPriorityGolden(t *testing.T) {
	assert.Equal(t, 14568, DerivedPriority("api"))
	assert.Equal(t, 40552, DerivedPriority("config"))
	assert.Equal(t, 38108, DerivedPriority("chat"))
}

func TestDefaultServicePrioritiesDistinct(t *testing.T) {
	seen := map[int]string{}
	for _, s := range Defaults().Services {
		p := s.RulePriority()
		assert.Equal(t, DerivedPriority(s.Name), p)
		if other, dup := seen[p]; dup {
			t.Errorf("default services %q and %q share priority %d", other, s.Name, p)
		}
		seen[p] = s.Name
	}
	assert.Len(t, seen, 3)
}

func TestRulePriority(t *testing.T) {
	tests := []struct {
		name     string
		priority int
		want     int
	}{
		{name: "api", priority: 0, want: DerivedPriority("api")}, // no priority
		{name: "api", priority: 1, want: 1},
		{name: "api", priority: 50000, want: 50000},
		{name: "chat", priority: 77, want: 77},
		{name: "chat", priority: DerivedPriority("api"), want: DerivedPriority("api")},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s_%d", tc.name, tc.priority), func(t *testing.T) {
			s := DefaultService(tc.name)
			if tc.priority != 0 {
				s.Priority = &tc.priority
			}
			assert.Equal(t, tc.want, s.RulePriority())
		})
	}
}

// priorities parses a config with the given service objects and returns each
// service's rule priority by name.
func priorities(t *testing.T, objects ...string) map[string]int {
	t.Helper()
	cfg, err := parse(services(objects...))
	require.NoError(t, err)
	out := map[string]int{}
	for _, s := range cfg.Services {
		out[s.Name] = s.RulePriority()
	}
	return out
}

// Adding or removing services never moves another service's rule.
func TestRulePriorityStableAcrossServiceChanges(t *testing.T) {
	all := []string{
		`{"name":"api"}`,
		`{"name":"config"}`,
		`{"name":"chat","priority":12}`,
		`{"name":"web"}`,
		`{"name":"admin","priority":40000}`,
		`{"name":"media"}`,
		`{"name":"status"}`,
	}
	full := priorities(t, all...)
	require.Len(t, full, len(all))
	assert.Equal(t, 12, full["chat"])
	assert.Equal(t, 40000, full["admin"])

	// Growing the list one service at a time.
	var previous map[string]int
	for n := 1; n <= len(all); n++ {
		now := priorities(t, all[:n]...)
		for name, p := range previous {
			assert.Equal(t, p, now[name], "adding services moved %s", name)
		}
		previous = now
	}

	// Removing any one service, and reordering.
	for skip := range all {
		rest := append(append([]string(nil), all[:skip]...), all[skip+1:]...)
		for name, p := range priorities(t, rest...) {
			assert.Equal(t, full[name], p, "removing service %d moved %s", skip, name)
		}
	}
	reversed := make([]string, len(all))
	for i, o := range all {
		reversed[len(all)-1-i] = o
	}
	assert.Equal(t, full, priorities(t, reversed...))
}

// TestServicePriorityWant: a service's priority takes the range of a rule's
// (Rule.Priority's range tag), which its want tag, saying what leaving it
// out does too, cannot point at: the test holds them equal.
func TestServicePriorityWant(t *testing.T) {
	f, ok := reflect.TypeFor[Service]().FieldByName("Priority")
	require.True(t, ok)
	assert.Equal(t, rulePriorities.Want()+", or no priority to derive it from the name", f.Tag.Get("want"))
	assert.Equal(t, rulePriorities.Max, MaxRulePriority)
}
