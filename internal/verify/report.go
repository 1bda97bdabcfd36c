package verify

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
)

// WriteTable prints the report as a table of host × check, then one line
// per failed or skipped check with its reason, then a summary:
//
//	HOST               DNS   REDIRECT  TLS   HEADERS  ANSWER
//	api.meething.net   ok    ok        FAIL  -        -
//
//	api.meething.net: tls: certificate covers *.example.com, not api.meething.net
func (r *Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "HOST\tKIND")
	for _, c := range Checks {
		fmt.Fprintf(tw, "\t%s", upper(c))
	}
	fmt.Fprintln(tw)
	for _, h := range r.Hosts {
		fmt.Fprintf(tw, "%s\t%s", h.Host, h.Kind)
		for _, c := range h.Checks {
			fmt.Fprintf(tw, "\t%s", map[Status]string{Pass: "ok", Fail: "FAIL", Skip: "-"}[c.Status])
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	var failed, skipped, total int
	first := true
	for _, st := range []Status{Fail, Skip} {
		for _, h := range r.Hosts {
			for _, c := range h.Checks {
				if c.Status != st || c.Reason == "" {
					continue
				}
				if first {
					fmt.Fprintln(w)
					first = false
				}
				tag := ""
				if st == Skip {
					tag = "(skipped) "
				}
				fmt.Fprintf(w, "%s: %s: %s%s\n", h.Host, c.Check, tag, c.Reason)
			}
		}
	}
	for _, h := range r.Hosts {
		for _, c := range h.Checks {
			total++
			switch c.Status {
			case Fail:
				failed++
			case Skip:
				skipped++
			}
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "\nnote: %s\n", n)
	}
	via := "via " + string(r.Via)
	if r.Connect != "" {
		via = "connecting to " + r.Connect
	}
	verdict := "PASS"
	if !r.Passed {
		verdict = "FAIL"
	}
	_, err := fmt.Fprintf(w, "\n%s: stack %s, %d hosts %s: %d checks, %d failed, %d skipped\n", verdict, r.Stack, len(r.Hosts), via, total, failed, skipped)
	return err
}

// connectNote is the one line a run with --connect notes: every connection
// went to host, whatever the names resolve to, once (over one family), so
// what users reach by DNS, and IPv6, were not checked; with the load
// balancer's DNS name the dns column still checks the records.
func connectNote(host string, dnsChecked, dual bool) string {
	switch {
	case !dnsChecked && dual:
		return fmt.Sprintf("--connect %s: DNS and IPv6 were not checked: every connection went to %s, once, whatever the names resolve to", host, host)
	case !dnsChecked:
		return fmt.Sprintf("--connect %s: DNS was not checked: every connection went to %s, whatever the names resolve to", host, host)
	case dual:
		return fmt.Sprintf("--connect %s: IPv6 connections were not checked, and the dns column checks the records alone: every connection went to %s, once", host, host)
	}
	return fmt.Sprintf("--connect %s: the dns column checks the records alone: every connection went to %s, whatever the names resolve to", host, host)
}

// WriteJSON prints the report as one indented JSON document.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
