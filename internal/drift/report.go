package drift

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Report is one drift run of a stack.
type Report struct {
	Stack    string    `json:"stack"`
	Drifted  bool      `json:"drifted"`
	Findings []Finding `json:"findings"`
	// Skipped says which part did not run, and why: "managed drift:
	// --no-refresh".
	Skipped []string `json:"skipped"`
}

// NewReport is the report of findings.
func NewReport(stack string, findings []Finding, skipped []string) Report {
	if findings == nil {
		findings = []Finding{}
	}
	if skipped == nil {
		skipped = []string{}
	}
	Sort(findings)
	return Report{Stack: stack, Drifted: len(findings) > 0, Findings: findings, Skipped: skipped}
}

// WriteTable prints the findings as a table: resource, what changed, the
// stack's hosts affected; then what was skipped.
func (r Report) WriteTable(w io.Writer) error {
	var b strings.Builder
	if !r.Drifted {
		fmt.Fprintf(&b, "stack %s: no drift\n", r.Stack)
	} else {
		fmt.Fprintf(&b, "stack %s: %d drift(s)\n", r.Stack, len(r.Findings))
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "KIND\tRESOURCE\tWHAT CHANGED\tHOSTS AFFECTED")
		for _, f := range r.Findings {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.Kind, f.Resource, f.Change, hostList(f.Hosts))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	for _, s := range r.Skipped {
		fmt.Fprintf(&b, "not checked: %s\n", s)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON prints the report as one JSON document.
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// IssueTitle is the title of the GitHub issue the drift workflow keeps per
// stack.
func IssueTitle(stack string) string { return "drift: " + stack }

// WriteIssue prints the body of the GitHub issue the drift workflow opens
// or updates for the stack (Markdown): a table of the findings, what to do,
// and what was not checked.
func (r Report) WriteIssue(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "`meething drift --stack %s` found %d drift(s) at AWS: changed behind the stack's back, or added beside it.\n\n", r.Stack, len(r.Findings))
	b.WriteString("| Kind | Resource | What changed | Hosts affected |\n|---|---|---|---|\n")
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", cell(string(f.Kind)), cell(f.Resource), cell(f.Change), cell(hostList(f.Hosts)))
	}
	b.WriteString("\nA managed change is undone by the next `pulumi up` of the stack, or kept by writing it into the stack's config. " +
		"What the stack does not manage is removed by hand, or adopted into the stack's config; docs/operations.md (Drift) says how. " +
		"This issue is updated by each run and closed by the first run that finds no drift.\n")
	for _, s := range r.Skipped {
		fmt.Fprintf(&b, "\nNot checked: %s.\n", s)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func hostList(hosts []string) string {
	if len(hosts) == 0 {
		return "-"
	}
	return strings.Join(hosts, ", ")
}

// cell escapes a Markdown table cell.
func cell(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ")
}
