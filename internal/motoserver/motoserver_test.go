package motoserver

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
)

// recorder is a testing.TB whose Skip and Fatalf record the message and
// end the goroutine, as the real ones do.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper() {}
func (r *recorder) Skip(args ...any) {
	r.skipped = fmt.Sprint(args...)
	runtime.Goexit()
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func startWith(t *testing.T) *recorder {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Start(r)
	}()
	<-done
	return r
}

// Without moto_server on PATH a test skips, saying how to install it; with
// MEETHING_REQUIRE_MOTO=1 it fails instead.
func TestStartWithoutTheBinary(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("MEETHING_REQUIRE_MOTO", "")
	r := startWith(t)
	assert.Equal(t, "moto_server is not on PATH (pip install 'moto[server]==5.2.1'); these tests run against it", r.skipped)
	assert.Empty(t, r.failed)

	t.Setenv("MEETHING_REQUIRE_MOTO", "1")
	r = startWith(t)
	assert.Empty(t, r.skipped)
	assert.Equal(t, "moto_server is not on PATH (pip install 'moto[server]==5.2.1'); these tests run against it, and MEETHING_REQUIRE_MOTO=1", r.failed)
}
