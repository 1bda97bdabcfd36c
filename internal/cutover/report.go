package cutover

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Result is a gate's outcome: Go when every criterion is go.
type Result struct {
	Stack    string      `json:"stack"`
	Window   string      `json:"window"`
	Go       bool        `json:"go"`
	Criteria []Criterion `json:"criteria"`
	Names    []Name      `json:"names"`
}

// NewResult judges s (Decide) for stack.
func NewResult(stack string, s State, th Thresholds) Result {
	cs := Decide(s, th)
	names := s.Names
	if names == nil {
		names = []Name{}
	}
	return Result{Stack: stack, Window: window(s.Window), Go: AllGo(cs), Criteria: cs, Names: names}
}

// MarshalJSON adds the record key to a name.
func (n Name) MarshalJSON() ([]byte, error) {
	type plain Name
	return json.Marshal(struct {
		Name string `json:"name"`
		plain
	}{n.Key.String(), plain(n)})
}

// WriteTable prints one line per criterion, then the verdict:
//
//	CRITERION     VERDICT  IN WORDS
//	weights       go       *.meething.net A is 10 new / 90 old, as the stack says (share 10)
//
//	GO: stack prod, 7 criteria over the 30m window
func (r Result) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CRITERION\tVERDICT\tIN WORDS")
	var noGo []string
	for _, c := range r.Criteria {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", c.Name, c.Verdict(), c.Words)
		if !c.Go {
			noGo = append(noGo, c.Name)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if r.Go {
		_, err := fmt.Fprintf(w, "\nGO: stack %s, %d criteria over the %s window\n", r.Stack, len(r.Criteria), r.Window)
		return err
	}
	_, err := fmt.Fprintf(w, "\nNO-GO: stack %s, %d of %d criteria no-go over the %s window: %s\n", r.Stack, len(noGo), len(r.Criteria), r.Window, strings.Join(noGo, ", "))
	return err
}

// WriteJSON prints the result as one JSON document.
func (r Result) WriteJSON(w io.Writer) error {
	type crit struct {
		Criterion
		Verdict string `json:"verdict"`
	}
	cs := make([]crit, len(r.Criteria))
	for i, c := range r.Criteria {
		cs[i] = crit{c, c.Verdict()}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Result
		Verdict  string `json:"verdict"`
		Criteria []crit `json:"criteria"`
	}{r, map[bool]string{true: "GO", false: "NO-GO"}[r.Go], cs})
}
