package synth

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzIndent checks indent against json.Encoder's indentation on any JSON
// the encoder writes: valid input is decoded and encoded compactly first.
func FuzzIndent(f *testing.F) {
	for _, seed := range []string{`{}`, `[]`, `{"a":[1,{"b":"c,d:{}"}],"e":{}}`, `"\\\""`, `[[],[{}],null,true,-1.5e-7]`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v any
		if json.Unmarshal([]byte(s), &v) != nil {
			return
		}
		want := encoderIndent(t, v)
		if got := indent(nil, compact(t, v), 0); !bytes.Equal(got, want) {
			t.Errorf("indent of %q =\n%s\nwant\n%s", s, got, want)
		}
	})
}

// FuzzWriteJSON checks WriteJSON against json.Encoder with any JSON value as
// a resource's inputs and a stack output.
func FuzzWriteJSON(f *testing.F) {
	for _, seed := range []string{`{}`, `{"a":[1,1e-7,{"b":"c\u2028"}],"e":{}}`, `{"k\"":"\\","n":null}`, `[[],[{}],-0,1e21]`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v any
		if json.Unmarshal([]byte(s), &v) != nil {
			return
		}
		inputs, _ := v.(map[string]any)
		checkWriteJSON(t, &Plan{Project: s, Resources: []Resource{{URN: s, Inputs: inputs}}, Outputs: map[string]any{s: v}})
	})
}
