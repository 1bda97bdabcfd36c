package synth

import (
	"encoding/json"
	"io"
)

// WriteJSON prints the plan as one JSON document with 2-space indentation
// and a trailing newline. Object keys are sorted, so the output is
// byte-identical for equal plans. The bytes are those of json.Encoder with
// SetIndent("", "  ") and SetEscapeHTML(false); see jsonwriter.go.
func (p *Plan) WriteJSON(w io.Writer) error {
	jw := jsonWriter{buf: make([]byte, 0, 4096*(len(p.Resources)+1))}
	if err := jw.plan(p); err != nil {
		return err
	}
	jw.buf = append(jw.buf, '\n')
	_, err := w.Write(jw.buf)
	return err
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
