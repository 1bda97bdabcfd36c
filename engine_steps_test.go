package main

import (
	"context"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// steps are the operations an engine run planned or completed, by URN
// (a step that failed, such as the delete of a protected resource, is not
// one); "same" and "read" are left out.
type steps map[string]string

// collect drains an engine event stream into steps. The returned wait
// takes the run's error and blocks until the stream ends (the engine
// closes it when its run ends); a run that failed before it streamed any
// event (config validation, a missing plugin) never closes it, so after a
// failed run the wait is short and the run's error is what is reported.
func collect(t *testing.T) (chan<- events.EngineEvent, func(error) steps) {
	ch := make(chan events.EngineEvent)
	var mu sync.Mutex
	out := steps{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for e := range ch {
			if e.ResOutputsEvent == nil {
				continue
			}
			m := e.ResOutputsEvent.Metadata
			if op := string(m.Op); op != "same" && op != "read" {
				mu.Lock()
				out[m.URN] = op
				mu.Unlock()
			}
		}
	}()
	return ch, func(runErr error) steps {
		bound := time.Minute
		if runErr != nil {
			bound = 5 * time.Second
		}
		select {
		case <-done:
		case <-time.After(bound):
			if runErr == nil {
				t.Fatal("the engine's event stream did not end")
			}
		}
		mu.Lock()
		defer mu.Unlock()
		return maps.Clone(out)
	}
}

// preview runs a preview and returns what it plans.
func (s *engineStack) preview(ctx context.Context, t *testing.T) (steps, error) {
	ch, wait := collect(t)
	_, err := s.Preview(ctx, optpreview.EventStreams(ch))
	return wait(err), err
}

// up runs an update and returns what it did.
func (s *engineStack) up(ctx context.Context, t *testing.T) steps {
	t.Helper()
	ch, wait := collect(t)
	_, err := s.Up(ctx, optup.EventStreams(ch))
	done := wait(err)
	require.NoError(t, err, "up")
	return done
}

// destroy runs a destroy and returns what it did, and its error.
func (s *engineStack) destroy(ctx context.Context, t *testing.T) (steps, error) {
	ch, wait := collect(t)
	_, err := s.Destroy(ctx, optdestroy.EventStreams(ch))
	return wait(err), err
}

// withoutCheckpoints runs f, the engine runs that first see a config key
// made secret, with the engine saving its state only when each run ends
// (PULUMI_SKIP_CHECKPOINTS), as docs/operations.md tells users to. In such
// a run the engine (pkg/v3 v3.274.1, resource/deploy/step_executor.go:608)
// marks secret the outputs of a resource that did not change, in the map
// its new state shares with its old one (SameStep.Apply), while the
// checkpoint goroutine serializes the old one: now and then the CLI dies
// with "fatal error: concurrent map read and map write" (CI did, in the
// first preview of TestEngineKeepsSecretAlarmsSecret, and a CLI built with
// -race reported the race at that line).
func (s *engineStack) withoutCheckpoints(f func()) {
	s.Workspace().SetEnvVar(skipCheckpoints, "true")
	defer s.Workspace().UnsetEnvVar(skipCheckpoints)
	f()
}

// skipCheckpoints is the engine's switch for saving state only at the end
// of a run (sdk/v3 go/common/env: SkipCheckpoints).
const skipCheckpoints = "PULUMI_SKIP_CHECKPOINTS"

// requireNoChange runs a preview that must plan nothing: the desired state
// is a fixed point.
func (s *engineStack) requireNoChange(ctx context.Context, t *testing.T, after string) {
	t.Helper()
	planned, err := s.preview(ctx, t)
	require.NoError(t, err, "the preview after %s", after)
	assert.Empty(t, planned, "the preview after %s plans changes: the desired state must be a fixed point", after)
}

// portRule names the security-group rules of one target port, which a
// service brings with it when no other service uses its port.
var portRule = regexp.MustCompile(`-(alb-out|targets-in)-[0-9]+$`)

// only asserts that every step is op on a resource of the service named
// marker (its name has the marker, or it is a rule of its port), and
// returns those URNs.
func (st steps) only(t *testing.T, what, op, marker string) []string {
	t.Helper()
	for urn, got := range st {
		name := urn[strings.LastIndex(urn, "::"):]
		assert.True(t, got == op && (strings.Contains(name, marker) || portRule.MatchString(name)),
			"%s: %s %s, which is not a %s of the %q service's own", what, got, urn, op, marker)
	}
	return slices.Sorted(maps.Keys(st))
}
