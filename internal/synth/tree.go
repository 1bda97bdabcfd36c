package synth

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// WriteTree prints the plan the way `pulumi preview` lays it out: the
// resources as a tree under the stack (each line "type  name", children
// indented under their component), then the stack outputs sorted by name,
// then how many resources of each type, sorted, and the total.
func (p *Plan) WriteTree(w io.Writer) error {
	var b strings.Builder
	p.writeResources(&b)
	p.writeOutputs(&b)
	p.writeSummary(&b)
	p.writeCost(&b)
	p.writeUnchecked(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeCost prints the monthly fixed cost by item, then the per-unit prices.
func (p *Plan) writeCost(b *strings.Builder) {
	c := p.Cost
	if c == nil {
		return
	}
	fmt.Fprintf(b, "\nMonthly fixed cost (%s list prices as of %s; traffic not included):\n", c.Currency, c.PricesAsOf)
	width := len("total")
	for _, it := range c.Items {
		width = max(width, len(it.What))
	}
	for _, it := range c.Items {
		unit := it.Unit
		if it.Quantity != 1 {
			unit = plural(unit)
		}
		fmt.Fprintf(b, "    %s  %8.2f  (%g %s)\n", pad(it.What, width), it.MonthlyUSD, it.Quantity, unit)
	}
	fmt.Fprintf(b, "    %s  %8.2f\n", pad("total", width), c.MonthlyUSD)
	b.WriteString("  plus, by use:\n")
	for _, u := range c.PerUnit {
		fmt.Fprintf(b, "    %s: %g USD per %s", u.What, u.USD, u.Per)
		if u.Notes != "" {
			fmt.Fprintf(b, " (%s)", u.Notes)
		}
		b.WriteString("\n")
	}
}

func plural(unit string) string {
	if strings.HasSuffix(unit, "s") {
		return unit + "es"
	}
	return unit + "s"
}

// writeUnchecked says which values were encrypted and went unchecked.
func (p *Plan) writeUnchecked(b *strings.Builder) {
	if len(p.Unchecked) == 0 {
		return
	}
	b.WriteString("\nNot checked (encrypted in the stack file; pulumi up checks them, and so does synth with PULUMI_CONFIG_PASSPHRASE set):\n")
	for _, k := range p.Unchecked {
		fmt.Fprintf(b, "    %s\n", k)
	}
}

type treeLine struct{ prefix, typ, name, key, opts, inputs string }

func (p *Plan) writeResources(b *strings.Builder) {
	children := map[string][]*Resource{}
	known := map[string]bool{}
	for i := range p.Resources {
		known[p.Resources[i].URN] = true
	}
	for i := range p.Resources {
		r := &p.Resources[i]
		parent := r.Parent
		if !known[parent] {
			parent = "" // a parent outside the plan: show it under the stack
		}
		children[parent] = append(children[parent], r)
	}

	lines := []treeLine{{"", "pulumi:pulumi:Stack", p.Project + "-" + p.Stack, "", "", ""}}
	var walk func(parent, indent string)
	walk = func(parent, indent string) {
		kids := children[parent]
		for i, r := range kids {
			branch, next := "├─ ", "│  "
			if i == len(kids)-1 {
				branch, next = "└─ ", "   "
			}
			lines = append(lines, treeLine{indent + branch, r.Type, r.Name, r.Key, options(r), r.KeyInputs()})
			walk(r.URN, indent+next)
		}
	}
	walk("", "")

	width, nameWidth, keyWidth, optsWidth := len("Type"), len("Name"), len("Import key"), len("Options")
	for _, l := range lines {
		width = max(width, utf8.RuneCountInString(l.prefix+l.typ))
		nameWidth = max(nameWidth, utf8.RuneCountInString(l.name))
		keyWidth = max(keyWidth, utf8.RuneCountInString(l.key))
		optsWidth = max(optsWidth, utf8.RuneCountInString(l.opts))
	}
	row := func(l treeLine) {
		fmt.Fprintf(b, "%s\n", strings.TrimRight(pad(l.prefix+l.typ, width)+"  "+pad(l.name, nameWidth)+"  "+pad(l.key, keyWidth)+"  "+pad(l.opts, optsWidth)+"  "+l.inputs, " "))
	}
	row(treeLine{typ: "Type", name: "Name", key: "Import key", opts: "Options", inputs: "Key inputs"})
	for _, l := range lines {
		row(l)
	}
}

// options lists the resource options a reviewer of a migration must see:
// import with its ID, protect, retain on delete.
func options(r *Resource) string {
	var out []string
	if r.ImportID != "" {
		out = append(out, "import "+r.ImportID)
	}
	if r.Protect {
		out = append(out, "protect")
	}
	if r.RetainOnDelete {
		out = append(out, "retain")
	}
	return strings.Join(out, ", ")
}

func (p *Plan) writeOutputs(b *strings.Builder) {
	names := make([]string, 0, len(p.Outputs))
	width := 0
	for name := range p.Outputs {
		names = append(names, name)
		width = max(width, len(name))
	}
	sort.Strings(names)
	b.WriteString("\nOutputs:\n")
	for _, name := range names {
		fmt.Fprintf(b, "    %s: %s\n", pad(name, width), compactJSON(p.Outputs[name]))
	}
}

func (p *Plan) writeSummary(b *strings.Builder) {
	counts := map[string]int{}
	width := len("total")
	for _, r := range p.Resources {
		counts[r.Type]++
		width = max(width, len(r.Type))
	}
	types := slices.Sorted(maps.Keys(counts))
	digits := len(fmt.Sprint(len(p.Resources)))
	b.WriteString("\nResources (the stack itself not counted):\n")
	for _, t := range types {
		fmt.Fprintf(b, "    %s  %*d\n", pad(t, width), digits, counts[t])
	}
	fmt.Fprintf(b, "    %s  %*d\n", pad("total", width), digits, len(p.Resources))
}

// compactJSON is v as one line of JSON, without HTML escaping.
func compactJSON(v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// pad right-pads s with spaces to width runes.
func pad(s string, width int) string {
	if n := utf8.RuneCountInString(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}
