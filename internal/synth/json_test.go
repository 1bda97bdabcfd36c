package synth

import (
	"bytes"
	"encoding/json"
	"testing"
)

// encoderIndent is what WriteJSON printed before indent: json.Encoder with
// SetIndent("", "  ") and SetEscapeHTML(false).
func encoderIndent(t testing.TB, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func compact(t testing.TB, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestIndentIsTheEncoders(t *testing.T) {
	tests := []struct {
		name string
		v    any
	}{
		{"empty object", map[string]any{}},
		{"empty array", []any{}},
		{"null", nil},
		{"number", 42.5},
		{"string", "x"},
		{"nested empties", map[string]any{"a": map[string]any{}, "b": []any{}, "c": []any{map[string]any{}, []any{}}}},
		{"punctuation in strings", map[string]any{"k{[,:]}": `v "quoted" {a: [1, 2]}, \ back\slash \\"`}},
		{"escapes", []any{"tab\tnew\nline", "\u2028\u2029", "<html>&", "\x01", "é ü 日本"}},
		{"string ending in a backslash", map[string]any{`\`: `\\`, "after": "x"}},
		{"deep", map[string]any{"a": []any{1, []any{2, []any{3, map[string]any{"b": nil, "c": true, "d": false}}}}}},
		{"plan", &Plan{Project: "meething", Stack: "dev", Resources: []Resource{{URN: "urn:pulumi:dev::meething::x::y", Inputs: map[string]any{"tags": map[string]any{"Name": "y"}}, Outputs: map[string]any{}, Dependencies: []string{}}}, Outputs: map[string]any{"zone": "Z1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := encoderIndent(t, tt.v)
			if got := indent(nil, compact(t, tt.v)); !bytes.Equal(got, want) {
				t.Errorf("indent =\n%s\nwant (json.Encoder)\n%s", got, want)
			}
		})
	}
}
