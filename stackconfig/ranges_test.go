package stackconfig

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRange(t *testing.T) {
	tests := []struct {
		tag        string
		ok         bool
		want, rule string
		in, out    []int
	}{
		{tag: "0..3600 seconds", ok: true, want: "a whole number of seconds from 0 to 3600", rule: "must be 0 to 3600 seconds", in: []int{0, 30, 3600}, out: []int{-1, 3601}},
		{tag: "1..65535", ok: true, want: "a whole number from 1 to 65535", rule: "must be 1 to 65535", in: []int{1, 65535}, out: []int{0, 65536}},
		{tag: "0|30..900 seconds", ok: true, want: "0, or a whole number of seconds from 30 to 900", rule: "must be 0, or 30 to 900 seconds", in: []int{0, 30, 900}, out: []int{1, 29, 901}},
		{tag: "2..", ok: true, want: "a whole number, at least 2", rule: "must be at least 2", in: []int{2, 3, 1 << 40}, out: []int{-2, 0, 1}},
		{tag: "1.. days", ok: true, want: "a whole number of days, at least 1", rule: "must be at least 1 days", in: []int{1}, out: []int{0}},
		{tag: "", ok: false},
		{tag: "..5", ok: false},
		{tag: "10", ok: false},
		{tag: "9..1", ok: false},
	}
	for _, tc := range tests {
		t.Run(tc.tag, func(t *testing.T) {
			r, ok := ParseRange(tc.tag)
			assert.Equal(t, tc.ok, ok)
			if !ok {
				return
			}
			assert.Equal(t, tc.want, r.Want())
			assert.Equal(t, tc.rule, r.Rule())
			for _, n := range tc.in {
				assert.True(t, r.Holds(n), n)
			}
			for _, n := range tc.out {
				assert.False(t, r.Holds(n), n)
			}
		})
	}
}

// TestRangeTagsParse: every range tag of the config's structs is a range,
// on a whole number (or an optional one, or a map of them), and no field
// has a want tag too.
func TestRangeTagsParse(t *testing.T) {
	count := 0
	for _, tf := range taggedStructFields() {
		rt, f := tf.owner, tf.field
		if tag := f.Tag.Get("range"); tag != "" {
			count++
			_, ok := ParseRange(tag)
			assert.True(t, ok, "%s.%s: range %q", rt.Name(), f.Name, tag)
			ft := f.Type
			if ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Map {
				ft = ft.Elem()
			}
			assert.Equal(t, reflect.Int, ft.Kind(), "%s.%s", rt.Name(), f.Name)
			assert.Empty(t, f.Tag.Get("want"), "%s.%s: the range says what it wants", rt.Name(), f.Name)
		}
	}
	assert.GreaterOrEqual(t, count, 16)
}
