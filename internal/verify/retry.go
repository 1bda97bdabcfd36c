package verify

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// familyResult is one check of one host over one family.
type familyResult struct {
	family   Family
	status   Status
	reason   string
	attempts int
	err      error // the last failure
}

// try runs check until it passes, o.Attempts tries are spent or ctx ends.
func (r *runner) try(ctx context.Context, host, what string, f Family, check func(context.Context) error) familyResult {
	wait := r.o.Backoff
	var err error
	for n := 1; ; n++ {
		if ctx.Err() != nil {
			return familyResult{f, Fail, "not run: the --timeout deadline passed", n - 1, ctx.Err()}
		}
		actx, cancel := context.WithTimeout(ctx, r.o.AttemptTimeout)
		err = check(actx)
		cancel()
		if err == nil {
			return familyResult{f, Pass, "", n, nil}
		}
		if n >= r.o.Attempts || ctx.Err() != nil {
			return familyResult{f, Fail, reasonOf(err, ctx), n, err}
		}
		r.progress("%s: %s over %s, try %d of %d: %v; again in %s", host, what, f, n, r.o.Attempts, err, wait)
		select {
		case <-ctx.Done():
			return familyResult{f, Fail, reasonOf(err, ctx), n, err}
		case <-time.After(wait):
		}
		wait = min(2*wait, 10*time.Second)
	}
}

// reasonOf is err's message, saying so when the run's deadline cut it short.
func reasonOf(err error, ctx context.Context) string {
	if ctx.Err() != nil {
		return err.Error() + " (the --timeout deadline passed)"
	}
	return err.Error()
}

// merge makes one result of a check's results per family: failed when one
// failed, skipped when all were; the reasons are those of the outcome, each
// prefixed with its family when the families differ.
func merge(check string, rs []familyResult) Result {
	out := Result{Check: check, Status: Skip}
	for _, r := range rs {
		out.Attempts = max(out.Attempts, r.attempts)
		if r.status == Fail || r.status == Pass && out.Status == Skip {
			out.Status = r.status
		}
	}
	var reasons []string
	same := true
	for _, r := range rs {
		if r.status == out.Status && r.reason != "" {
			reasons = append(reasons, fmt.Sprintf("over %s: %s", r.family, r.reason))
			same = same && r.reason == rs[0].reason
		}
	}
	switch {
	case len(reasons) == 0:
	case same && len(reasons) == len(rs) || len(rs) == 1:
		out.Reason = rs[0].reason
	default:
		out.Reason = strings.Join(reasons, "; ")
	}
	return out
}
