package plandiff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// symbols are the ones pulumi preview prints.
var symbols = map[Op]string{Create: "+", Update: "~", Replace: "+-", Delete: "-"}

// WriteText prints the report like pulumi preview --diff: one line per
// resource with its symbol, marks and type, indented under it a created
// resource's key inputs or the changed properties, then the outputs and the
// cost.
func (r Report) WriteText(w io.Writer) error {
	var b strings.Builder
	if len(r.Changes) == 0 && len(r.Outputs) == 0 {
		fmt.Fprintf(&b, "stack %s: no changes\n", r.Stack)
	} else {
		fmt.Fprintf(&b, "stack %s:\n", r.Stack)
	}
	counts := map[Op]int{}
	for _, c := range r.Changes {
		counts[c.Op]++
		marks := ""
		if c.ReliedOn {
			marks += " [users rely on it]"
		}
		if c.Protected {
			marks += " [protected]"
		}
		fmt.Fprintf(&b, "  %-2s %s %s %s%s\n", symbols[c.Op], c.Op, shortType(c.Type), c.Name, marks)
		for _, d := range c.Details() {
			fmt.Fprintf(&b, "       %s\n", d)
		}
	}
	if len(r.Changes) > 0 {
		var parts []string
		for _, op := range []Op{Create, Update, Replace, Delete} {
			if counts[op] > 0 {
				parts = append(parts, fmt.Sprintf("%d to %s", counts[op], op))
			}
		}
		fmt.Fprintf(&b, "Resources: %s\n", strings.Join(parts, ", "))
	}
	if len(r.Outputs) > 0 {
		b.WriteString("Outputs:\n")
		for _, o := range r.Outputs {
			fmt.Fprintf(&b, "  ~ %s: %s => %s\n", o.Name, show(o.Old), show(o.New))
		}
	}
	fmt.Fprintf(&b, "Monthly fixed cost: %+.2f USD\n", r.MonthlyCostDelta)
	var lost []Change
	for _, c := range r.Changes {
		if c.ReliedOn && (c.Op == Replace || c.Op == Delete) {
			lost = append(lost, c)
		}
	}
	if len(lost) > 0 {
		fmt.Fprintf(&b, "%d resource(s) users rely on would be replaced or deleted:", len(lost))
		for _, c := range lost {
			fmt.Fprintf(&b, " %s %s (%s)", shortType(c.Type), c.Name, c.Op)
		}
		b.WriteString("\n")
	}
	if moved := r.moved(); len(moved) > 0 {
		fmt.Fprintf(&b, "%d change(s) would move a live name users rely on:", len(moved))
		for i, c := range moved {
			sep := ";"
			if i == 0 {
				sep = ""
			}
			fmt.Fprintf(&b, "%s %s %s (%s): %s", sep, shortType(c.Type), c.Name, c.Op, c.Moves)
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Head is the change as the first words of its line in WriteText: its
// symbol, operation, and the resource's short type and name ("~ update
// ListenerRule meething-api").
func (c Change) Head() string {
	return fmt.Sprintf("%s %s %s %s", symbols[c.Op], c.Op, shortType(c.Type), c.Name)
}

// Details are the lines WriteText prints under a change: how it moves a
// live name, a created resource's key inputs, why it is replaced, and each
// changed property ("priority: 100 => 5").
func (c Change) Details() []string {
	var out []string
	if c.Moves != "" {
		out = append(out, c.Moves)
	}
	if c.KeyInputs != "" {
		out = append(out, c.KeyInputs)
	}
	if c.Op == Replace {
		order := "created before the old one is deleted"
		if !c.CreateBeforeDelete {
			order = "the old one is deleted first"
		}
		out = append(out, fmt.Sprintf("replaced because of %s; %s", strings.Join(c.ReplaceBecause, ", "), order))
	}
	for _, p := range c.Properties {
		out = append(out, fmt.Sprintf("%s: %s => %s", p.Path, show(p.Old), show(p.New)))
	}
	return out
}

// WriteJSON prints the report as one JSON document.
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// show renders a value compactly: absent as <none>, text as is, the rest
// as JSON.
func show(v any) string {
	switch t := v.(type) {
	case nil:
		return "<none>"
	case string:
		return fmt.Sprintf("%q", t)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
