package verify

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Where replies and bounces go is judged as a sender's domain is: a
// domain a browser would map to an official one is a lookalike of it, and
// every Return-Path is read, not only the first.
func TestReplyPaths(t *testing.T) {
	c := mailChecker(t)
	for _, tc := range []struct {
		name, headers string
		status        Status
		code          Code
	}{
		{"reply-to in full-width letters", "Reply-To: contact@ａｍｅｌｉ.fr\r\n", Lookalike, CodeReplyTo},
		{"reply-to with a soft hyphen", "Reply-To: contact@ame\u00adli.fr\r\n", Lookalike, CodeReplyTo},
		{"reply-to percent-encoded", "Reply-To: contact@ameli%2efr\r\n", Suspicious, CodeReplyTo},
		{"a second return-path", "Return-Path: <b@info.ameli.fr>\r\nReturn-Path: <b@ameli-remboursement.com>\r\n", Lookalike, CodeReturnPath},
		{"return-path in full-width letters", "Return-Path: <b@ａｍｅｌｉ.fr>\r\n", Lookalike, CodeReturnPath},
		{"official paths", "Reply-To: contact@ameli.fr\r\nReturn-Path: <b@info.ameli.fr>\r\n", Official, CodeDMARCPass},
	} {
		msg := "Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr\r\n" + tc.headers +
			"From: Assurance Maladie <assurance-maladie@info.ameli.fr>\r\nSubject: x\r\n\r\nBonjour\r\n"
		rep, err := c.Message(strings.NewReader(msg))
		require.NoError(t, err, tc.name)
		assert.Equal(t, tc.status, rep.Status, "%s: %v", tc.name, rep.Reasons)
		assert.True(t, rep.Has(tc.code), "%s: %v", tc.name, rep.Codes())
	}
}
