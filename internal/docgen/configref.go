// Package docgen writes the parts of the docs that are read off the code:
// the config reference (docs/config-reference.md) and Pulumi.yaml's config
// declarations, from the keys stackconfig declares and its structs' fields, and the README's map of
// where the code lives, from each package's doc comment.
package docgen

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/meething/edge/stackconfig"
)

// Key is one key Pulumi.yaml declares, as declared.
type Key struct {
	// Name is the key as declared, with its namespace ("meething:domain").
	Name        string
	Type        string
	Default     string
	Description string
	// Section is the nested fields of an object key (or of a list of
	// objects), read from the stackconfig struct the key decodes into; nil
	// for a key of plain values.
	Section *Section
}

// Section is the fields of one object-valued key.
type Section struct {
	// GoType is the stackconfig type the key's value (or each item of it)
	// decodes into.
	GoType string
	Fields []Field
}

// Field is one field of a config struct, at its path under the key.
type Field struct {
	// Path is the field's path, as a stack file writes it, without the
	// namespace: services[].healthCheck.interval, waf.ruleGroups.<name>.mode.
	Path string
	// Struct and JSON are the Go struct that declares the field and the
	// field's json name.
	Struct, JSON string
	Type         string
	Default      string
	Text         string
	Accepts      string
	// Restated reports a doc comment whose Default: sentence writes the
	// Go default again.
	Restated bool
}

// Reference is every key of the stack's config with its fields.
type Reference struct {
	Keys []Key
}

// ConfigReference returns the reference of every key stackconfig declares
// (stackconfig.Declarations, which Pulumi.yaml is written from too) and of
// their nested fields, read off the Go files of root/stackconfig.
func ConfigReference(root string) (*Reference, error) {
	var keys []Key
	for _, d := range stackconfig.Declarations {
		keys = append(keys, Key{Name: stackconfig.FullKey(d.Key), Type: declType(d), Default: declDefault(d), Description: d.Text()})
	}
	return referenceOf(root, keys, declaredDefault)
}

// declaredDefault returns the default value of a key in Go, as JSON
// decodes it: Defaults()'s, and for meething:services a list of one
// DefaultService, the defaults of each entry's fields.
func declaredDefault(key string) any {
	d, ok := stackconfig.Declared(key)
	if !ok {
		return nil
	}
	defaults := stackconfig.Defaults()
	var value any = d.Field(&defaults)
	if key == stackconfig.KeyServices {
		value = []stackconfig.Service{stackconfig.DefaultService("")}
	}
	data, err := json.Marshal(value)
	if err != nil {
		return nil
	}
	var out any
	if json.Unmarshal(data, &out) != nil {
		return nil
	}
	return out
}

// goDefault is the field's default as the Go value at its path under the
// key's default (root) says it, followed by what the comment's Default:
// sentence adds when it says whose it is (AWS's); where Go holds no value there (a list item, a map entry,
// a nil pointer, an empty text or list), the comment's sentence. restated
// reports a comment that writes the Go value a second time.
func goDefault(root any, key string, f Field) (def string, restated bool) {
	value, ok := at(root, strings.TrimPrefix(f.Path, key))
	shown := ""
	switch v := value.(type) {
	case string:
		shown = v
	case bool, float64:
		shown = fmt.Sprint(v)
	}
	if !ok || shown == "" {
		return f.Default, false
	}
	if f.Default == "" {
		return shown, false
	}
	if rest, same := strings.CutPrefix(f.Default, shown); same && (rest == "" || strings.HasPrefix(rest, ",") || strings.HasPrefix(rest, " ")) {
		return f.Default, true
	}
	if strings.HasPrefix(f.Default, "AWS's") {
		return shown + ", " + f.Default, false
	}
	// The comment speaks of the struct's other uses (a fixed response's
	// body is empty unless it is the default action's).
	return shown, false
}

// at walks a path (.field, [] for a list's first item, .<name> for a map
// entry) into a value JSON decoded.
func at(v any, path string) (any, bool) {
	for path != "" {
		switch {
		case strings.HasPrefix(path, "[]"):
			list, ok := v.([]any)
			if !ok || len(list) == 0 {
				return nil, false
			}
			v, path = list[0], path[2:]
		case strings.HasPrefix(path, ".<name>"):
			return nil, false
		case strings.HasPrefix(path, "."):
			name := path[1:]
			if i := strings.IndexAny(name, ".["); i >= 0 {
				name = name[:i]
			}
			m, ok := v.(map[string]any)
			if !ok {
				return nil, false
			}
			v, path = m[name], path[1+len(name):]
		default:
			return nil, false
		}
	}
	return v, v != nil
}

// referenceOf adds to each key the fields of the stackconfig struct it
// decodes into, read off the Go files of root/stackconfig.
func referenceOf(root string, keys []Key, defaults func(key string) any) (*Reference, error) {
	pkg, err := parseStructs(filepath.Join(root, "stackconfig"))
	if err != nil {
		return nil, err
	}
	fields := pkg.configFields()
	ref := &Reference{}
	for _, k := range keys {
		_, short, _ := strings.Cut(k.Name, ":")
		if f, ok := fields[strings.ToLower(short)]; ok {
			if s := pkg.structOf(f.Type); s != "" {
				sec := &Section{GoType: s}
				pkg.walk(&sec.Fields, short, f.Type, nil, map[string]string{})
				if defaults != nil {
					root := defaults(short)
					for i := range sec.Fields {
						sec.Fields[i].Default, sec.Fields[i].Restated = goDefault(root, short, sec.Fields[i])
					}
				}
				k.Section = sec
			}
		}
		ref.Keys = append(ref.Keys, k)
	}
	return ref, nil
}

func declType(d stackconfig.Declaration) string {
	typ, items := d.Type()
	switch {
	case typ == "":
		return "untyped"
	case items != "":
		return typ + " of " + items
	}
	return typ
}

func declDefault(d stackconfig.Declaration) string {
	raw, ok := d.Default()
	if !ok {
		return "none: required"
	}
	var def any
	if err := json.Unmarshal(raw, &def); err != nil {
		return string(raw)
	}
	switch v := def.(type) {
	case string:
		if v == "" {
			return "`\"\"`"
		}
		return "`" + v + "`"
	case []any:
		if len(v) == 0 {
			return "`[]`"
		}
	case map[string]any:
		if len(v) == 0 {
			return "`{}`"
		}
	}
	out, err := json.Marshal(def)
	if err != nil {
		return fmt.Sprint(def)
	}
	return "`" + strings.ReplaceAll(string(out), "|", `\|`) + "`"
}

// Markdown renders the reference as docs/config-reference.md.
func (r *Reference) Markdown() string {
	var b strings.Builder
	b.WriteString("[README](../README.md) › [Configuration](configuration.md) › Reference\n\n")
	b.WriteString("<!-- Generated by `make golden` (internal/docgen) from stackconfig/*.go. Do not edit: change stackconfig, then run make golden. -->\n\n")
	b.WriteString("# Config reference\n\n")
	b.WriteString("Every key a stack file may set, as `Pulumi.yaml` declares it (type, default, description), and every field of the\n")
	b.WriteString("object keys, as the `stackconfig` structs declare it (the json name, the doc comment and its `Default:`\n")
	b.WriteString("sentence, and the `want`, `range` or `oneof` tag: what the field accepts). How values are read, secrets, adopting and\n")
	b.WriteString("importing: [Configuration](configuration.md).\n\n")
	b.WriteString("## Keys\n\n")
	b.WriteString("| Key | Type | Default | What it does |\n| --- | --- | --- | --- |\n")
	for _, k := range r.Keys {
		desc := cell(k.Description)
		if k.Section != nil {
			desc += " Fields: [below](#" + anchor(k.Name) + ")."
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", k.Name, k.Type, k.Default, desc)
	}
	for _, k := range r.Keys {
		if k.Section == nil {
			continue
		}
		fmt.Fprintf(&b, "\n## `%s`\n\n", k.Name)
		fmt.Fprintf(&b, "Fields of `stackconfig.%s`; one left out keeps its default.\n\n", k.Section.GoType)
		b.WriteString("| Field | Type | Default | What it does | Accepts |\n| --- | --- | --- | --- | --- |\n")
		for _, f := range k.Section.Fields {
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", f.Path, f.Type, orDash(cell(f.Default)), orDash(cell(f.Text)), orDash(cell(f.Accepts)))
		}
	}
	return b.String()
}

// anchor is GitHub's anchor of a heading that is the code span `text`.
func anchor(text string) string {
	return strings.ToLower(regexp.MustCompile(`[^\w\- ]`).ReplaceAllString(text, ""))
}

// cell makes prose safe in a Markdown table cell: no line breaks, no
// column breaks, and <name> and *.<domain> shown as written.
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;", "*", `\*`).Replace(s)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
