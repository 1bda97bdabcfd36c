package verify

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestTry checks the retries docs/verify.md promises for --attempts: a
// check is tried until it passes or the tries are spent, the wait between
// tries doubling from Backoff.
func TestTry(t *testing.T) {
	var progress strings.Builder
	r := &runner{o: Options{Attempts: 4, Backoff: time.Millisecond, AttemptTimeout: time.Second, Progress: &progress}, start: time.Now()}

	tries := 0
	res := r.try(context.Background(), "api", "tls", IPv4, func(context.Context) error {
		if tries++; tries < 3 {
			return errors.New("refused")
		}
		return nil
	})
	if res.status != Pass || res.attempts != 3 {
		t.Errorf("passing on the third try: %s after %d tries, want pass after 3", res.status, res.attempts)
	}

	progress.Reset()
	res = r.try(context.Background(), "api", "tls", IPv4, func(context.Context) error { return errors.New("refused") })
	if res.status != Fail || res.attempts != 4 || res.reason != "refused" {
		t.Errorf("never passing: %s %q after %d tries, want fail \"refused\" after 4", res.status, res.reason, res.attempts)
	}
	var waits []string
	for _, line := range strings.Split(strings.TrimSpace(progress.String()), "\n") {
		_, wait, _ := strings.Cut(line, "again in ")
		waits = append(waits, wait)
	}
	if got, want := strings.Join(waits, " "), "1ms 2ms 4ms"; got != want {
		t.Errorf("the waits between tries are %s, want %s (doubling from Backoff):\n%s", got, want, progress.String())
	}
}
