package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStreams100kLines checks the CLI's contract on volume: one answer per
// input line, in order.
func TestStreams100kLines(t *testing.T) {
	var in strings.Builder
	const n = 100_000
	for i := range n {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&in, "https://assure.ameli.fr/%d\n", i)
		case 1:
			fmt.Fprintf(&in, "host%d.example.com\n", i)
		case 2:
			fmt.Fprintf(&in, "https://www.harmonie-et-moi.fr/?i=%d\n", i)
		case 3:
			in.WriteString("\n") // skipped
		}
	}
	var out, errOut bytes.Buffer
	code := run([]string{"check"}, strings.NewReader(in.String()), &out, &errOut)
	assert.Equal(t, exitClean, code, errOut.String())
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	require.Len(t, lines, n*3/4)
	assert.True(t, strings.HasPrefix(lines[0], "official\thttps://assure.ameli.fr/0\t"))
	assert.True(t, strings.HasPrefix(lines[1], "unknown\thost1.example.com\t"))
	assert.True(t, strings.HasPrefix(lines[len(lines)-1], "official\thttps://www.harmonie-et-moi.fr/?i=99998\t"))
}

// TestAnswersBeforeInputEnds checks that each answer is written as soon as
// its line is read when no more input is waiting, so vigie works behind a
// pipe that stays open.
func TestAnswersBeforeInputEnds(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan int)
	go func() {
		done <- run([]string{"check", "-kind", "host"}, inR, outW, io.Discard)
		outW.Close()
	}()
	answers := bufio.NewScanner(outR)
	for _, host := range []string{"ameli.fr", "example.com", "127.0.0.1"} {
		_, err := io.WriteString(inW, host+"\n")
		require.NoError(t, err)
		require.True(t, answers.Scan(), "an answer arrives while the input is still open")
		assert.Contains(t, answers.Text(), "\t"+host+"\t")
	}
	inW.Close()
	assert.Equal(t, exitAlarm, <-done)
}

func TestOverlongLine(t *testing.T) {
	in := "ameli.fr\n" + strings.Repeat("a", maxLine+10) + "\nexample.com\n"
	var out bytes.Buffer
	code := run([]string{"check", "-json"}, strings.NewReader(in), &out, io.Discard)
	assert.Equal(t, exitAlarm, code)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 3)
	assert.Contains(t, lines[1], `"verdict":"invalid"`)
	assert.Contains(t, lines[1], `"code":"too-long"`)
	assert.Contains(t, lines[2], `"input":"example.com"`)
}

// TestPipelineMatchesOneByOne checks that the pipeline over all CPUs gives
// the answers that checking the lines one by one (as arguments) gives, in
// the same order, across many batches.
func TestPipelineMatchesOneByOne(t *testing.T) {
	inputs := []string{
		"https://assure.ameli.fr/PortailAS", "ameli-remboursement.com", "example.org",
		`"Assurance Maladie" <service.ameli@gmail.com>`, "https://salarie.interimairesante.fr/connexion.html",
		"http://[::1/", "aemli.fr", "javascript:alert(1)", "user@info.ameli.fr",
	}
	var in strings.Builder
	var args []string
	for i := range 3000 {
		line := inputs[i%len(inputs)] + fmt.Sprintf("#%d", i)
		if i%len(inputs) == 1 || i%len(inputs) == 6 {
			line = fmt.Sprintf("h%d.", i) + inputs[i%len(inputs)] // a host
		}
		args = append(args, line)
		in.WriteString(line)
		in.WriteString([]string{"\n", "\r\n", "\n\n"}[i%3])
	}
	for _, flags := range [][]string{nil, {"-json"}} {
		var piped, oneByOne bytes.Buffer
		codeP := run(append([]string{"check"}, flags...), strings.NewReader(in.String()), &piped, io.Discard)
		codeA := run(append(append([]string{"check"}, flags...), args...), strings.NewReader(""), &oneByOne, io.Discard)
		assert.Equal(t, exitAlarm, codeP)
		assert.Equal(t, codeA, codeP)
		assert.Equal(t, strings.Count(oneByOne.String(), "\n"), len(args))
		assert.Equal(t, oneByOne.String(), piped.String(), "flags %v", flags)
	}
}

// TestPipelineWriteError stops reading and checking when the output fails.
func TestPipelineWriteError(t *testing.T) {
	in := strings.Repeat("ameli.fr\nexample.com\n", 50_000)
	var errOut bytes.Buffer
	code := run([]string{"check"}, strings.NewReader(in), failingWriter{}, &errOut)
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut.String(), "writing output")
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, io.ErrClosedPipe }
