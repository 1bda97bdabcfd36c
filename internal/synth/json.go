package synth

import (
	"encoding/json"
	"io"
)

// WriteJSON prints the plan as one JSON document with 2-space indentation
// and a trailing newline, as json.Encoder does with SetIndent("", "  ") and
// SetEscapeHTML(false). Object keys are sorted, so the output is
// byte-identical for equal plans. On an error it writes nothing.
func (p *Plan) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(p)
}

// ReadJSON reads a plan that WriteJSON printed.
func ReadJSON(r io.Reader) (*Plan, error) {
	var p Plan
	dec := json.NewDecoder(r)
	if err := dec.Decode(&p); err != nil {
		return nil, err
	}
	return &p, nil
}
