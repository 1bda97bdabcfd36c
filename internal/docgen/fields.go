package docgen

// The config structs' fields, read off stackconfig's Go source: each
// field's path under its key, its type in the stack file's terms, its
// Default: sentence and what its want, range or oneof tag accepts.

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/meething/edge/stackconfig"
)

// structs are the type declarations of one Go package.
type structs struct {
	fset  *token.FileSet
	types map[string]*typeDecl
}

type typeDecl struct {
	doc  string
	expr ast.Expr
}

// configField is a field of Config (or of a struct embedded in it): its
// top-level key is read off its doc comment, its type's, or its name.
type configField struct {
	Name string
	Doc  string
	Type ast.Expr
}

func parseStructs(dir string) (*structs, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	fset := token.NewFileSet()
	out := &structs{fset: fset, types: map[string]*typeDecl{}}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		for _, decl := range f.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok || gen.Tok != token.TYPE {
				continue
			}
			for _, spec := range gen.Specs {
				ts := spec.(*ast.TypeSpec)
				doc := ts.Doc
				if doc == nil && len(gen.Specs) == 1 {
					doc = gen.Doc
				}
				out.types[ts.Name.Name] = &typeDecl{doc: doc.Text(), expr: ts.Type}
			}
		}
	}
	if out.types["Config"] == nil {
		return nil, fmt.Errorf("%s declares no Config type", dir)
	}
	return out, nil
}

// configFields maps each top-level key (lower case, without the namespace)
// to the Config field it decodes into. A field's key is the one its doc
// comment names ("Services is meething:services"), else the one its
// type's doc names ("AccessLogs is meething:accessLogs"), else its name or
// its type's name.
func (s *structs) configFields() map[string]configField {
	out := map[string]configField{}
	var add func(st *ast.StructType)
	add = func(st *ast.StructType) {
		for _, f := range st.Fields.List {
			if len(f.Names) == 0 { // embedded: its fields are Config's
				if id, ok := f.Type.(*ast.Ident); ok && s.types[id.Name] != nil {
					if inner, ok := s.types[id.Name].expr.(*ast.StructType); ok {
						add(inner)
					}
				}
				continue
			}
			for _, n := range f.Names {
				cf := configField{Name: n.Name, Doc: f.Doc.Text(), Type: f.Type}
				t := s.structOf(f.Type)
				key := keyNamed(n.Name, cf.Doc)
				if key == "" && t != "" {
					key = keyNamed(t, s.types[t].doc)
				}
				if key != "" {
					out[strings.ToLower(key)] = cf
					continue
				}
				// No comment names the key: the field's name, else its
				// type's, is the key (any case).
				if _, taken := out[strings.ToLower(n.Name)]; !taken {
					out[strings.ToLower(n.Name)] = cf
				}
				if _, taken := out[strings.ToLower(t)]; t != "" && !taken {
					out[strings.ToLower(t)] = cf
				}
			}
		}
	}
	add(s.types["Config"].expr.(*ast.StructType))
	return out
}

// keyNamed returns the key the first sentence of a doc comment of name
// gives it: "<name> is meething:<key>", or any "is"/"are" namespace:key
// there ("LoadBalancer and ResponseHeaders are meething:loadBalancer and
// ...": the first), so that a renamed field or type whose comment still
// names its key keeps it.
func keyNamed(name, doc string) string {
	first, _, _ := strings.Cut(strings.Join(strings.Fields(doc), " "), ". ")
	if m := regexp.MustCompile(`^` + regexp.QuoteMeta(name) + ` (?:is|are) [a-z]+:([A-Za-z0-9]+)\b`).FindStringSubmatch(first); m != nil {
		return m[1]
	}
	if m := regexp.MustCompile(` (?:is|are) [a-z]+:([A-Za-z0-9]+)(?:[ ,:;.)]|$)`).FindStringSubmatch(first); m != nil {
		return m[1]
	}
	return ""
}

// structOf returns the package's struct type that expr is, or holds (a
// pointer to it, a list or map of it), or "".
func (s *structs) structOf(expr ast.Expr) string {
	switch t := expr.(type) {
	case *ast.StarExpr:
		return s.structOf(t.X)
	case *ast.ArrayType:
		return s.structOf(t.Elt)
	case *ast.MapType:
		return s.structOf(t.Value)
	case *ast.Ident:
		if d := s.types[t.Name]; d != nil {
			if _, ok := d.expr.(*ast.StructType); ok {
				return t.Name
			}
			return s.structOf(d.expr)
		}
	}
	return ""
}

// walk appends the fields of the value expr at path, depth first; seen are
// the struct types on the way, so that a recursive type stops, and shown
// the paths at which a struct's fields were listed already: a struct met
// again (a target group's healthCheck) is not listed twice.
func (s *structs) walk(out *[]Field, path string, expr ast.Expr, seen []string, shown map[string]string) {
	switch t := expr.(type) {
	case *ast.StarExpr:
		s.walk(out, path, t.X, seen, shown)
	case *ast.ArrayType:
		s.walk(out, path+"[]", t.Elt, seen, shown)
	case *ast.MapType:
		s.walk(out, path+".<name>", t.Value, seen, shown)
	case *ast.Ident:
		d := s.types[t.Name]
		if d == nil {
			return
		}
		st, ok := d.expr.(*ast.StructType)
		if !ok {
			s.walk(out, path, d.expr, seen, shown)
			return
		}
		for _, name := range seen {
			if name == t.Name {
				return
			}
		}
		seen = append(seen, t.Name)
		var group string // the doc of a run of fields under one comment
		lastLine := -1
		for _, f := range st.Fields.List {
			doc := f.Doc.Text()
			line := s.fset.Position(f.Pos()).Line
			switch {
			case doc != "":
				group = doc
			case line == lastLine+1 && group != "":
				doc = group
			default:
				group = ""
			}
			lastLine = s.fset.Position(f.End()).Line
			if len(f.Names) == 0 { // embedded: its fields are the struct's (a Rule's Action)
				s.walk(out, path, f.Type, seen, shown)
				continue
			}
			if f.Tag == nil {
				continue
			}
			tag, err := strconv.Unquote(f.Tag.Value)
			if err != nil {
				continue
			}
			st := reflect.StructTag(tag)
			name, _, _ := strings.Cut(st.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			p := strings.TrimPrefix(path+"."+name, ".")
			goName := f.Names[0].Name
			// An object field without a comment of its own says what its
			// type's comment says, rather than its group's.
			if inner := s.structOf(f.Type); f.Doc.Text() == "" && inner != "" && s.types[inner].doc != "" {
				doc, goName = s.types[inner].doc, inner
			}
			text, def := splitDefault(goName, doc)
			*out = append(*out, Field{
				Path: p, Struct: t.Name, JSON: name,
				Type: s.typeName(f.Type), Default: def, Text: text, Accepts: stackconfig.FieldWant(st),
			})
			inner := s.structOf(f.Type)
			if inner == "" {
				continue
			}
			if at, ok := shown[inner]; ok {
				last := &(*out)[len(*out)-1]
				last.Text = strings.TrimSpace(last.Text + " Its fields are those of `" + at + "`.")
				continue
			}
			shown[inner] = p + subPath(f.Type)
			s.walk(out, p, f.Type, seen, shown)
		}
	}
}

// subPath is what the path of a field of type expr gains before its
// struct's own fields: [] for a list, .<name> for a map.
func subPath(expr ast.Expr) string {
	switch t := expr.(type) {
	case *ast.StarExpr:
		return subPath(t.X)
	case *ast.ArrayType:
		return "[]" + subPath(t.Elt)
	case *ast.MapType:
		return ".<name>" + subPath(t.Value)
	}
	return ""
}

// typeName says what a field holds, in the stack file's terms.
func (s *structs) typeName(expr ast.Expr) string {
	switch t := expr.(type) {
	case *ast.StarExpr:
		return s.typeName(t.X)
	case *ast.ArrayType:
		return "list of " + s.typeName(t.Elt)
	case *ast.MapType:
		return "map of name → " + s.typeName(t.Value)
	case *ast.Ident:
		switch t.Name {
		case "string":
			return "text"
		case "bool":
			return "boolean"
		case "int", "int32", "int64", "uint", "uint32", "uint64":
			return "whole number"
		case "float32", "float64":
			return "number"
		}
		if d := s.types[t.Name]; d != nil {
			if _, ok := d.expr.(*ast.StructType); ok {
				return "object"
			}
			return s.typeName(d.expr)
		}
	}
	return "value"
}

var defaultSentence = regexp.MustCompile(`(?s)(?:^|\s)Default:\s*(.*?)(?:\.\s+[A-Z]|\.?\s*$)`)

// splitDefault cuts a field's doc comment into what it says without the
// Go name and its Default: sentence, and that sentence's value.
func splitDefault(goName, doc string) (text, def string) {
	doc = strings.Join(strings.Fields(doc), " ")
	if m := defaultSentence.FindStringSubmatchIndex(doc); m != nil {
		def = doc[m[2]:m[3]]
		end := m[3]
		if end < len(doc) && doc[end] == '.' {
			end++
		}
		doc = strings.TrimSpace(doc[:m[0]] + " " + strings.TrimSpace(doc[end:]))
		doc = strings.Join(strings.Fields(doc), " ")
	}
	for _, verb := range []string{" is ", " are ", " "} {
		if rest, ok := strings.CutPrefix(doc, goName+verb); ok && rest != "" {
			doc = rest
			break
		}
	}
	return doc, def
}
