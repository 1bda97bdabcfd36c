package synth

import (
	"bytes"
	"encoding/json"
	"io"
)

// WriteJSON prints the plan as one JSON document with 2-space indentation
// and a trailing newline. Object keys are sorted, so the output is
// byte-identical for equal plans.
func (p *Plan) WriteJSON(w io.Writer) error {
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return err
	}
	_, err := w.Write(indent(make([]byte, 0, 2*compact.Len()), compact.Bytes()))
	return err
}

// indent appends src, JSON as json.Encoder writes it without indentation
// (no space outside strings, a newline after the value), to dst indented as
// json.Encoder.SetIndent("", "  ") would: the same bytes, without the
// general scanner that costs the encoder half of WriteJSON (a plan of 100
// services is 0.7 MB). Empty objects and arrays stay {} and [].
func indent(dst, src []byte) []byte {
	depth, open, inString, escaped := 0, false, false, false
	newline := func() {
		dst = append(dst, '\n')
		for range depth {
			dst = append(dst, ' ', ' ')
		}
	}
	for _, c := range src {
		if inString {
			dst = append(dst, c)
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		if open && c != '}' && c != ']' {
			open = false
			depth++
			newline()
		}
		switch c {
		case '"':
			inString = true
			dst = append(dst, c)
		case '{', '[':
			open = true // the newline waits: an empty one stays {} or []
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if open {
				open = false
			} else {
				depth--
				newline()
			}
			dst = append(dst, c)
		default:
			dst = append(dst, c)
		}
	}
	return dst
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
