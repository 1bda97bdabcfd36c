package integration

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// Backoff between attempts of a check.
const (
	firstWait = 5 * time.Second
	maxWait   = 30 * time.Second
)

// expect runs check until it passes or ctx ends, and fails the test with the
// last failure if it never passes. The ALB's nodes and listener rules take a
// while to answer after `pulumi up` returns, so a check fails several times
// before it passes.
func expect(ctx context.Context, t *testing.T, what string, check func(context.Context) error) {
	t.Helper()
	if err := eventually(ctx, t, what, check); err != nil {
		t.Errorf("%s: %v", what, err)
	}
}

// eventually runs check until it returns nil or ctx ends, waiting firstWait
// after the first failure and twice as long after each next one, up to
// maxWait. It returns nil, or the last failure seen before ctx ended.
func eventually(ctx context.Context, t *testing.T, what string, check func(context.Context) error) error {
	t.Helper()
	var last error
	wait := firstWait
	for attempt := 1; ; attempt++ {
		err := check(ctx)
		if err == nil {
			if attempt > 1 {
				t.Logf("%s: passed at attempt %d", what, attempt)
			}
			return nil
		}
		if ctx.Err() != nil {
			// The attempt was cut short; the one before says more.
			if last == nil {
				last = err
			}
			return fmt.Errorf("%w (gave up after %d attempts: %v)", last, attempt, context.Cause(ctx))
		}
		last = err
		t.Logf("%s: attempt %d: %v", what, attempt, err)
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (gave up after %d attempts: %v)", last, attempt, context.Cause(ctx))
		case <-time.After(wait):
		}
		wait = min(2*wait, maxWait)
	}
}
