package synth

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteJSONReadsBack: every golden plan read back and written again is
// the same bytes, and a value JSON cannot hold is an error with nothing
// written.
func TestWriteJSONReadsBack(t *testing.T) {
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
			var got bytes.Buffer
			if err := p.WriteJSON(&got); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Error("WriteJSON of the golden plan read back differs from the file")
			}
		})
	}

	t.Run("unsupported value", func(t *testing.T) {
		p := &Plan{Outputs: map[string]any{"nan": math.NaN()}}
		var got bytes.Buffer
		if err := p.WriteJSON(&got); err == nil || got.Len() > 0 {
			t.Errorf("WriteJSON of NaN = %q, %v; want nothing and the encoder's error", got.String(), err)
		}
	})
}
