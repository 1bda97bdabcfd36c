package integration

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

// logWriter is an io.Writer that passes what the pulumi CLI prints to t.Log,
// one line per call: the CLI writes in arbitrary chunks, and t.Log of a
// partial line would split it across log entries.
type logWriter struct {
	t      *testing.T
	prefix string

	mu      sync.Mutex
	pending []byte
}

func newLogWriter(t *testing.T, prefix string) *logWriter {
	return &logWriter{t: t, prefix: prefix}
}

func (w *logWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.pending = append(w.pending, p...)
	for {
		i := bytes.IndexByte(w.pending, '\n')
		if i < 0 {
			return len(p), nil
		}
		w.log(w.pending[:i])
		w.pending = w.pending[i+1:]
	}
}

// Flush logs a last line that did not end in a newline. Call it once the
// command has returned, before the test ends: t.Log after that panics.
func (w *logWriter) Flush() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.log(w.pending)
	w.pending = nil
}

func (w *logWriter) log(line []byte) {
	if s := strings.TrimRight(string(line), "\r"); strings.TrimSpace(s) != "" {
		w.t.Log(w.prefix + s)
	}
}
