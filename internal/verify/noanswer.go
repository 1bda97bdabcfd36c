package verify

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"
)

// NoAnswerError is a server that did not answer in time: one that accepts a
// connection and says nothing, one that never accepts it, a DNS server
// that keeps silent. Its message is "no answer within 15 s", not Go's
// (`dial tcp ...: i/o timeout`, `context deadline exceeded`).
type NoAnswerError struct {
	Within time.Duration
}

func (e *NoAnswerError) Error() string { return "no answer within " + seconds(e.Within) }

// noAnswer returns err, or a NoAnswerError when err is a wait that ran out:
// ctx's deadline (the try's bound, or the run's), or a network or DNS
// timeout. Within is what ctx allowed from start when its deadline passed,
// else the time waited since start.
func noAnswer(ctx context.Context, start time.Time, err error) error {
	var ne net.Error
	if err == nil || !errors.Is(err, context.DeadlineExceeded) && !(errors.As(err, &ne) && ne.Timeout()) {
		return err
	}
	within := time.Since(start)
	if deadline, ok := ctx.Deadline(); ok && ctx.Err() != nil {
		within = deadline.Sub(start)
	}
	return &NoAnswerError{Within: within}
}

// seconds writes d in whole seconds ("15 s"), or in tenths under ten
// seconds when it is not whole ("1.5 s").
func seconds(d time.Duration) string {
	if d >= 10*time.Second || d.Round(time.Second) == d.Round(100*time.Millisecond) {
		return fmt.Sprintf("%d s", int(d.Round(time.Second)/time.Second))
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// lookupWhy says why a look-up found no address: no answer in time, as
// noAnswer finds it, or lookupReason's words.
func lookupWhy(ctx context.Context, start time.Time, err error, family Family) string {
	var na *NoAnswerError
	if errors.As(noAnswer(ctx, start, err), &na) {
		return na.Error()
	}
	return lookupReason(err, family)
}
