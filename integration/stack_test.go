package integration

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
)

// createStack creates the stack run for a copy of the project and, before
// anything can be deployed to it, registers its destruction.
//
// It creates rather than upserts: a stack of that name that already exists
// belongs to someone else, and the cleanup would destroy it.
func createStack(t *testing.T, run string, cfg auto.ConfigMap) auto.Stack {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	stack, err := auto.NewStackLocalSource(ctx, run, copyProject(t), auto.EnvVars(workspaceEnv(t)))
	if err != nil {
		t.Fatalf("creating stack %s: %v", run, err)
	}
	t.Cleanup(func() { destroy(t, stack) })
	if err := stack.SetAllConfig(ctx, cfg); err != nil {
		t.Fatalf("setting the config of stack %s: %v", run, err)
	}
	return stack
}

// up deploys the stack, streaming the CLI's output to the test log, and
// returns its outputs.
//
// Its context is neither the test's nor tied to interrupts: cancelling it
// makes the Automation API interrupt the CLI and kill it 10 s later, which
// can leave resources in AWS that no state records. A Ctrl-C reaches the CLI
// directly (same process group), which then stops cleanly and fails the up;
// the cleanup destroys what was created either way.
func up(t *testing.T, stack auto.Stack) auto.OutputMap {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), upTimeout)
	defer cancel()
	out, errOut := newLogWriter(t, "up: "), newLogWriter(t, "up (stderr): ")
	res, err := stack.Up(ctx,
		optup.ProgressStreams(out), optup.ErrorProgressStreams(errOut), optup.Color("never"))
	out.Flush()
	errOut.Flush()
	if err != nil {
		t.Fatalf("pulumi up of stack %s failed (output above; the stack is destroyed next): %v", stack.Name(), streamed(err))
	}
	return res.Outputs
}

// destroy destroys the stack and removes it from the backend. It runs as a
// test cleanup, when the test's context may be gone, so it has its own.
// Errors fail the test; a stack that could not be destroyed is kept, and its
// leftovers are reported.
func destroy(t *testing.T, stack auto.Stack) {
	ctx, cancel := context.WithTimeout(context.Background(), destroyTimeout)
	defer cancel()
	out, errOut := newLogWriter(t, "destroy: "), newLogWriter(t, "destroy (stderr): ")
	_, err := stack.Destroy(ctx,
		optdestroy.ProgressStreams(out), optdestroy.ErrorProgressStreams(errOut), optdestroy.Color("never"))
	out.Flush()
	errOut.Flush()
	if err != nil {
		t.Errorf("destroying stack %s failed, its AWS resources may still exist: %v", stack.Name(), streamed(err))
		reportLeftovers(t, stack)
		return
	}
	if err := stack.Workspace().RemoveStack(ctx, stack.Name()); err != nil {
		t.Errorf("removing stack %s: %v", stack.Name(), err)
	}
}

// streamed returns an error of a command whose output was streamed to the
// log without that output, which the Automation API appends to the error.
func streamed(err error) error {
	if inner := errors.Unwrap(err); inner != nil {
		return inner
	}
	return err
}
