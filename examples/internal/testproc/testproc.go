// Package testproc runs the daemons of end-to-end tests (rspamd,
// OpenDMARC) in the foreground: in a process group of their own, with their
// output kept for the failure message, stopped when the test ends.
package testproc

import (
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// A Proc is a running daemon.
type Proc struct {
	cmd    *exec.Cmd
	out    strings.Builder
	outMu  sync.Mutex
	done   chan struct{}
	err    error
	stopMu sync.Once
}

// Write keeps the daemon's output.
func (p *Proc) Write(b []byte) (int, error) {
	p.outMu.Lock()
	defer p.outMu.Unlock()
	return p.out.Write(b)
}

// Output is what the daemon wrote so far.
func (p *Proc) Output() string {
	p.outMu.Lock()
	defer p.outMu.Unlock()
	return p.out.String()
}

// Start starts cmd and stops it when the test ends, logging its output if
// the test failed.
func Start(t testing.TB, cmd *exec.Cmd) *Proc {
	t.Helper()
	p := &Proc{cmd: cmd, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p, p
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", cmd.Path, err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.Stop()
		if t.Failed() {
			t.Logf("%s output:\n%s", cmd.Path, p.Output())
		}
	})
	return p
}

// Exited reports whether the daemon has exited, and with what.
func (p *Proc) Exited() (bool, error) {
	select {
	case <-p.done:
		return true, p.err
	default:
		return false, nil
	}
}

// Stop asks the daemon to stop (SIGTERM) and waits for it; after 10 s it
// kills its process group, which holds the daemon and its workers only.
func (p *Proc) Stop() {
	p.stopMu.Do(func() {
		p.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.done:
		case <-time.After(10 * time.Second):
			syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
			<-p.done
		}
	})
}

// WaitReady calls ready until it reports true, failing the test if the
// daemon exits first or timeout passes.
func (p *Proc) WaitReady(t testing.TB, timeout time.Duration, ready func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !ready() {
		if exited, err := p.Exited(); exited {
			t.Fatalf("%s exited (%v):\n%s", p.cmd.Path, err, p.Output())
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not ready within %v:\n%s", p.cmd.Path, timeout, p.Output())
		}
		time.Sleep(100 * time.Millisecond)
	}
}
