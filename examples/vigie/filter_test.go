package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
)

// TestFilterExitStatus pins the exit statuses scripts rely on, which
// testscript cannot tell apart: 0 clean, 1 alarming, 2 not filtered.
func TestFilterExitStatus(t *testing.T) {
	const official = "Authentication-Results: mx.vigie.test; dmarc=pass header.from=info.ameli.fr\n" +
		"From: Assurance Maladie <assurance-maladie@info.ameli.fr>\n\nBonjour.\n"
	const spoof = "From: \"Assurance Maladie\" <service.ameli@gmail.com>\n\nhttps://compte-ameli-sante.info/\n"
	tests := []struct {
		name   string
		args   []string
		stdin  string
		status int
		header string // first line of stdout, "" for none
	}{
		{"official", []string{"-authserv-id", "mx.vigie.test"}, official, exitClean, "X-Vigie: official;"},
		{"unknown", nil, "From: a@example.org\n\nhi\n", exitClean, "X-Vigie: unknown"},
		{"unauthenticated official From", nil, official, exitClean, "X-Vigie: unknown;"},
		{"lookalike", nil, spoof, exitAlarm, "X-Vigie: lookalike;"},
		{"suspicious", nil, "From: \"Assurance Maladie\" <a@example.org>\n\nhi\n", exitAlarm, "X-Vigie: suspicious;"},
		{"invalid", nil, "Subject: no sender\n\nhi\n", exitAlarm, "X-Vigie: invalid;"},
		{"empty input", nil, "", exitAlarm, "X-Vigie: invalid; reasons=missing-from"},
		{"lookalike, -exit-zero", []string{"-exit-zero"}, spoof, exitClean, "X-Vigie: lookalike;"},
		{"usage", []string{"-nosuchflag"}, spoof, exitFailure, ""},
		{"argument", []string{"message.eml"}, spoof, exitFailure, ""},
		{"bad registry", []string{"-registry", "/nonexistent.json"}, spoof, exitFailure, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			got := run(append([]string{"filter"}, tt.args...), strings.NewReader(tt.stdin), &out, &errOut)
			assert.Equal(t, tt.status, got, errOut.String())
			first, _, _ := strings.Cut(out.String(), "\n")
			if tt.header == "" {
				assert.Empty(t, out.String())
				assert.NotEmpty(t, errOut.String())
			} else {
				assert.True(t, strings.HasPrefix(first, tt.header), first)
				assert.True(t, strings.HasSuffix(out.String(), tt.stdin), "the message follows unchanged")
			}
		})
	}
}

func TestFilterIOErrors(t *testing.T) {
	var out, errOut bytes.Buffer
	got := run([]string{"filter"}, iotest.ErrReader(errors.New("stdin vanished")), &out, &errOut)
	assert.Equal(t, exitFailure, got)
	assert.Empty(t, out.String())
	assert.Contains(t, errOut.String(), "stdin vanished")

	got = run([]string{"filter"}, strings.NewReader("From: a@example.org\n\nhi\n"), errWriter{}, &errOut)
	assert.Equal(t, exitFailure, got)
	assert.Contains(t, errOut.String(), "stdout closed")
}

type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, errors.New("stdout closed") }
