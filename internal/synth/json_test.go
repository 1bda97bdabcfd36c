package synth

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/meething/edge/internal/cost"
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
			if got := indent(nil, compact(t, tt.v), 0); !bytes.Equal(got, want) {
				t.Errorf("indent =\n%s\nwant (json.Encoder)\n%s", got, want)
			}
		})
	}
}

// TestWriteJSONIsTheEncoders: WriteJSON prints what json.Encoder with
// SetIndent("", "  ") and SetEscapeHTML(false) printed, for every golden
// plan and for values the direct writer leaves to the encoder.
func TestWriteJSONIsTheEncoders(t *testing.T) {
	golden, err := filepath.Glob("../../testdata/*.json")
	if err != nil {
		t.Fatal(err)
	}
	examples, err := filepath.Glob("../../testdata/examples/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(golden)+len(examples) < 3 {
		t.Fatalf("golden plans not found: %v %v", golden, examples)
	}
	for _, path := range append(golden, examples...) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			p, err := ReadJSON(bytes.NewReader(want))
			if err != nil {
				t.Fatal(err)
			}
			checkWriteJSON(t, p)
			var got bytes.Buffer
			if err := p.WriteJSON(&got); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Error("WriteJSON of the golden plan read back differs from the file")
			}
		})
	}

	odd := map[string]any{
		"escapes":      "tab\t \"quoted\" back\\slash <html>& é \u2028 \x7f",
		"key \"q\"":    true,
		"exponents":    []any{1e-7, -1e21, 1e21, 123456789e13, 5e-324, 0.000001, math.Copysign(0, -1), 0.0},
		"integers":     []any{0.0, -1.0, 42.0, 9007199254740993.0, 1e20},
		"fractions":    []any{0.1, 2.5, -3.75, 1.0 / 3},
		"other":        map[string]string{"b": "2", "a": "1"},
		"ints":         []int{3, 1, 2},
		"strings":      []string{},
		"nil slice":    []any(nil),
		"nil map":      map[string]any(nil),
		"empty":        map[string]any{"a": map[string]any{}, "b": []any{}},
		"nested":       []any{[]any{map[string]any{"x": []any{nil, false}}}},
		"\x01 ctl":     "\x00",
		"invalid \xff": "utf-8 \xfe",
	}
	plans := map[string]*Plan{
		"every field": {
			Project: "meething", Stack: "dev<&>",
			Resources: []Resource{
				{URN: "urn:a", ID: "id", Type: "aws:x", Name: "n", Parent: "urn:p", Custom: true, Inputs: odd, Outputs: odd,
					Dependencies: []string{"urn:b"}, Protect: true, RetainOnDelete: true, DeleteBeforeReplace: true,
					IgnoreChanges: []string{"tags"}, Aliases: []string{"urn:old"}, Key: "vpc", ImportID: "vpc-1"},
				{URN: "urn:c"},
			},
			Outputs:   odd,
			Unchecked: []string{"meething:secret"},
			Cost:      &cost.Estimate{MonthlyUSD: 16.43, Items: []cost.Item{}, Currency: "USD"},
		},
		"zero":           {},
		"empty":          {Resources: []Resource{}, Outputs: map[string]any{}, Unchecked: []string{}},
		"empty resource": {Resources: []Resource{{Inputs: map[string]any{}, Dependencies: []string{}}}},
	}
	for name, p := range plans {
		t.Run(name, func(t *testing.T) { checkWriteJSON(t, p) })
	}

	t.Run("unsupported value", func(t *testing.T) {
		p := &Plan{Outputs: map[string]any{"nan": math.NaN()}}
		var got bytes.Buffer
		if err := p.WriteJSON(&got); err == nil || got.Len() > 0 {
			t.Errorf("WriteJSON of NaN = %q, %v; want nothing and the encoder's error", got.String(), err)
		}
	})
}

func checkWriteJSON(t testing.TB, p *Plan) {
	t.Helper()
	want := encoderIndent(t, p)
	var got bytes.Buffer
	if err := p.WriteJSON(&got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("WriteJSON =\n%s\nwant (json.Encoder)\n%s", got.Bytes(), want)
	}
}
