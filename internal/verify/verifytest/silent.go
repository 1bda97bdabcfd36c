package verifytest

import (
	"net"
	"syscall"
	"testing"
	"time"
)

// Unaccepting listens on 127.0.0.1 and returns its port: it never accepts a
// connection, and its queue is full, so a connection attempt waits for an
// answer to its SYN that never comes (Linux drops a SYN while the accept
// queue is full), until the test ends.
func Unaccepting(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	raw, err := l.(*net.TCPListener).SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	// listen(2) again on a listening socket sets its backlog: 0 queues
	// one connection.
	if err := raw.Control(func(fd uintptr) { err = syscall.Listen(int(fd), 0) }); err != nil {
		t.Fatal(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	for i := 0; i < 8; i++ {
		c, err := net.DialTimeout("tcp4", addr, 200*time.Millisecond)
		if err != nil {
			return l.Addr().(*net.TCPAddr).Port // the queue is full
		}
		t.Cleanup(func() { c.Close() })
	}
	t.Fatal("the listener on " + addr + " still accepts connections into its queue")
	return 0
}

// SilentDNS is a DNS server on 127.0.0.1 that reads every query and answers
// none; it returns its address, until the test ends.
func SilentDNS(t testing.TB) string {
	t.Helper()
	pc, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	go func() {
		buf := make([]byte, 512)
		for {
			if _, _, err := pc.ReadFrom(buf); err != nil {
				return
			}
		}
	}()
	return pc.LocalAddr().String()
}
