package synth

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strconv"
)

// jsonWriter writes a plan as json.Encoder with SetIndent("", "  ") and
// SetEscapeHTML(false) does, byte for byte, without the encoder's
// reflection over every value and its second pass to indent: a plan is
// mostly maps of plain values (map[string]any, []any, string, float64,
// bool, nil), which it writes directly. Anything else (the cost estimate,
// a string that needs escaping, a number written in exponent form) goes
// through json.Encoder and is indented in place. TestWriteJSONIsTheEncoders
// and FuzzWriteJSON hold it to the encoder.
type jsonWriter struct {
	buf     []byte
	scratch bytes.Buffer
}

func (w *jsonWriter) plan(p *Plan) error {
	w.buf = append(w.buf, '{')
	w.key(1, "project", true)
	w.str(p.Project)
	w.key(1, "stack", false)
	w.str(p.Stack)
	w.key(1, "resources", false)
	if p.Resources == nil {
		w.buf = append(w.buf, "null"...)
	} else if len(p.Resources) == 0 {
		w.buf = append(w.buf, "[]"...)
	} else {
		w.buf = append(w.buf, '[')
		for i := range p.Resources {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.newline(2)
			if err := w.resource(&p.Resources[i], 2); err != nil {
				return err
			}
		}
		w.newline(1)
		w.buf = append(w.buf, ']')
	}
	w.key(1, "outputs", false)
	if err := w.object(p.Outputs, 1); err != nil {
		return err
	}
	if len(p.Unchecked) > 0 {
		w.key(1, "unchecked", false)
		w.strings(p.Unchecked, 1)
	}
	if p.Cost != nil {
		w.key(1, "cost", false)
		if err := w.encoded(p.Cost, 1); err != nil {
			return err
		}
	}
	w.newline(0)
	w.buf = append(w.buf, '}')
	return nil
}

// resource writes r's fields in the order and under the names of its json
// tags.
func (w *jsonWriter) resource(r *Resource, depth int) error {
	d := depth + 1
	w.buf = append(w.buf, '{')
	w.key(d, "urn", true)
	w.str(r.URN)
	w.key(d, "id", false)
	w.str(r.ID)
	w.key(d, "type", false)
	w.str(r.Type)
	w.key(d, "name", false)
	w.str(r.Name)
	w.key(d, "parent", false)
	w.str(r.Parent)
	w.key(d, "custom", false)
	w.buf = strconv.AppendBool(w.buf, r.Custom)
	w.key(d, "inputs", false)
	if err := w.object(r.Inputs, d); err != nil {
		return err
	}
	w.key(d, "outputs", false)
	if err := w.object(r.Outputs, d); err != nil {
		return err
	}
	w.key(d, "dependencies", false)
	w.strings(r.Dependencies, d)
	w.key(d, "protect", false)
	w.buf = strconv.AppendBool(w.buf, r.Protect)
	w.key(d, "retainOnDelete", false)
	w.buf = strconv.AppendBool(w.buf, r.RetainOnDelete)
	w.key(d, "deleteBeforeReplace", false)
	w.buf = strconv.AppendBool(w.buf, r.DeleteBeforeReplace)
	w.key(d, "ignoreChanges", false)
	w.strings(r.IgnoreChanges, d)
	w.key(d, "aliases", false)
	w.strings(r.Aliases, d)
	if r.Key != "" {
		w.key(d, "key", false)
		w.str(r.Key)
	}
	if r.ImportID != "" {
		w.key(d, "importId", false)
		w.str(r.ImportID)
	}
	w.newline(depth)
	w.buf = append(w.buf, '}')
	return nil
}

// key starts a member of an object at depth: the comma before it unless it
// is the first, the line break and the name.
func (w *jsonWriter) key(depth int, name string, first bool) {
	if !first {
		w.buf = append(w.buf, ',')
	}
	w.newline(depth)
	w.str(name)
	w.buf = append(w.buf, ':', ' ')
}

func (w *jsonWriter) newline(depth int) {
	w.buf = append(w.buf, '\n')
	for range depth {
		w.buf = append(w.buf, ' ', ' ')
	}
}

// value writes v, whose first line is already indented to depth.
func (w *jsonWriter) value(v any, depth int) error {
	switch t := v.(type) {
	case nil:
		w.buf = append(w.buf, "null"...)
	case string:
		w.str(t)
	case bool:
		w.buf = strconv.AppendBool(w.buf, t)
	case float64:
		if abs := math.Abs(t); t != 0 && (abs < 1e-6 || abs >= 1e21 || math.IsInf(t, 0) || math.IsNaN(t)) {
			return w.encoded(t, depth) // exponent form, or the encoder's error
		}
		w.buf = strconv.AppendFloat(w.buf, t, 'f', -1, 64)
	case map[string]any:
		return w.object(t, depth)
	case []any:
		if t == nil {
			w.buf = append(w.buf, "null"...)
			return nil
		}
		if len(t) == 0 {
			w.buf = append(w.buf, "[]"...)
			return nil
		}
		w.buf = append(w.buf, '[')
		for i, e := range t {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.newline(depth + 1)
			if err := w.value(e, depth+1); err != nil {
				return err
			}
		}
		w.newline(depth)
		w.buf = append(w.buf, ']')
	default:
		return w.encoded(v, depth)
	}
	return nil
}

// object writes m with its keys sorted, as the encoder does.
func (w *jsonWriter) object(m map[string]any, depth int) error {
	if m == nil {
		w.buf = append(w.buf, "null"...)
		return nil
	}
	if len(m) == 0 {
		w.buf = append(w.buf, "{}"...)
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	w.buf = append(w.buf, '{')
	for i, k := range keys {
		w.key(depth+1, k, i == 0)
		if err := w.value(m[k], depth+1); err != nil {
			return err
		}
	}
	w.newline(depth)
	w.buf = append(w.buf, '}')
	return nil
}

func (w *jsonWriter) strings(s []string, depth int) {
	if s == nil {
		w.buf = append(w.buf, "null"...)
		return
	}
	if len(s) == 0 {
		w.buf = append(w.buf, "[]"...)
		return
	}
	w.buf = append(w.buf, '[')
	for i, e := range s {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.newline(depth + 1)
		w.str(e)
	}
	w.newline(depth)
	w.buf = append(w.buf, ']')
}

// str writes s quoted; a string with anything but printable ASCII other
// than " and \ is left to the encoder's escaping.
func (w *jsonWriter) str(s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			w.encoded(s, 0) //nolint:errcheck // a string always encodes
			return
		}
	}
	w.buf = append(w.buf, '"')
	w.buf = append(w.buf, s...)
	w.buf = append(w.buf, '"')
}

// encoded writes v as json.Encoder writes it, indented to depth.
func (w *jsonWriter) encoded(v any, depth int) error {
	w.scratch.Reset()
	enc := json.NewEncoder(&w.scratch)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	b := w.scratch.Bytes()
	w.buf = indent(w.buf, b[:len(b)-1], depth) // without Encode's newline
	return nil
}

// indent appends src, compact JSON as json.Encoder writes it (no space
// outside strings), to dst as json.Encoder.SetIndent("", "  ") would write
// it at depth: lines after the first indented by depth levels more. Empty
// objects and arrays stay {} and []. A trailing newline is copied.
func indent(dst, src []byte, depth int) []byte {
	open, inString, escaped := false, false, false
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
