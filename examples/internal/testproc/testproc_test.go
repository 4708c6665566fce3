package testproc

import (
	"os/exec"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestStartStop(t *testing.T) {
	p := Start(t, exec.Command("sh", "-c", "echo started; exec sleep 60"))
	p.WaitReady(t, 10*time.Second, func() bool { return p.Output() == "started\n" })
	exited, _ := p.Exited()
	assert.False(t, exited)
	p.Stop()
	exited, err := p.Exited()
	assert.True(t, exited)
	assert.Error(t, err, "ended by a signal")
	p.Stop() // twice is fine
}
