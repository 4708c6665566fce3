package verify

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mailChecker trusts the Authentication-Results of the corpus's own MX.
func mailChecker(t testing.TB, opts ...Option) *Checker {
	t.Helper()
	c, err := New(Default().Registry(), append([]Option{WithTrustedAuthServIDs("mx.vigie.example")}, opts...)...)
	require.NoError(t, err)
	return c
}

func checkFile(t *testing.T, c *Checker, name string) Report {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "mail", name))
	require.NoError(t, err)
	defer f.Close()
	rep, err := c.Message(f)
	require.NoError(t, err)
	return rep
}

// TestMailCorpus checks every message of testdata/mail (see its
// MANIFEST.md) for its verdict, the organisation concerned and the reason
// codes that must be there.
func TestMailCorpus(t *testing.T) {
	c := mailChecker(t)
	tests := []struct {
		file   string
		status Status
		org    string
		codes  []Code
		links  int
	}{
		{"official-ameli.eml", Official, "assurance-maladie", []Code{CodeRegisteredDomain, CodeDMARCPass}, 5},
		{"multipart-alternative-harmonie.eml", Official, "harmonie-mutuelle", []Code{CodeDMARCPass}, 2},
		{"hcr-official-login.eml", Official, "hcr-bien-etre", []Code{CodeDMARCPass}, 2},
		{"lookalike-domain.eml", Lookalike, "assurance-maladie", []Code{CodeComboSquat}, -1},
		{"display-name-spoof-freemail.eml", Lookalike, "assurance-maladie", []Code{CodeDisplayNameBrand, CodeFreeMail, CodeComboSquat}, -1},
		{"display-name-address.eml", Suspicious, "assurance-maladie", []Code{CodeDisplayNameAddress}, -1},
		{"dmarc-fail-spoof.eml", Lookalike, "assurance-maladie", []Code{CodeDMARCFail, CodeHomoglyph, CodeMixedScript}, -1},
		{"authres-comment-semicolon.eml", Suspicious, "assurance-maladie", []Code{CodeDMARCFail}, -1},
		{"untrusted-authres.eml", Unknown, "assurance-maladie", []Code{CodeUnauthenticated}, 0},
		{"link-text-mismatch.eml", Lookalike, "assurance-maladie", []Code{CodeLinkTextMismatch}, -1},
		{"base64-body-phish.eml", Lookalike, "harmonie-mutuelle", []Code{CodeHomoglyph}, -1},
		{"iso-8859-1-headers.eml", Lookalike, "assurance-maladie", []Code{CodeComboSquat, CodeTLDSwap}, -1},
		{"viamedis-login.eml", Lookalike, "viamedis", []Code{CodeNoMemberLogin}, -1},
		{"reply-to-lookalike.eml", Lookalike, "assurance-maladie", []Code{CodeReplyTo, CodeReturnPath}, -1},
		{"multiple-links-mixed.eml", Lookalike, "assurance-maladie", []Code{CodeDMARCPass, CodeTargetEmbed, CodeShortener}, 3},
		{"legit-unrelated.eml", Unknown, "", []Code{}, -1},
		{"missing-from.eml", Invalid, "", []Code{CodeMissingFrom}, -1},
		{"malformed-header.eml", Invalid, "", []Code{CodeInvalidHeader}, -1},
		{"broken-mime.eml", Lookalike, "hcr-bien-etre", []Code{CodeInvalidMIME, CodeTargetEmbed}, -1},
	}
	files, err := filepath.Glob("testdata/mail/*.eml")
	require.NoError(t, err)
	require.Len(t, files, len(tests), "every corpus message has a row")
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rep := checkFile(t, c, tt.file)
			assert.Equal(t, tt.status, rep.Status, "%v", rep.Reasons)
			org := ""
			if rep.Organization != nil {
				org = rep.Organization.ID
			}
			assert.Equal(t, tt.org, org)
			for _, code := range tt.codes {
				assert.True(t, rep.Has(code), "%s missing from %v", code, rep.Codes())
			}
			if tt.links >= 0 {
				assert.Len(t, rep.Links, tt.links)
			}
			if len(tt.codes) == 0 {
				assert.Empty(t, rep.Reasons)
			}
		})
	}
}

func TestMessageWithoutTrustedServerIsNotOfficial(t *testing.T) {
	rep := checkFile(t, Default(), "official-ameli.eml")
	assert.Equal(t, Unknown, rep.Status)
	assert.True(t, rep.Has(CodeUnauthenticated))
	assert.Equal(t, "assurance-maladie", rep.Organization.ID, "the organisation claimed is kept")
}

func TestLinkTextMismatch(t *testing.T) {
	rep := checkFile(t, mailChecker(t), "link-text-mismatch.eml")
	var mismatched []Link
	for _, l := range rep.Links {
		if l.Has(CodeLinkTextMismatch) {
			mismatched = append(mismatched, l)
		}
	}
	require.Len(t, mismatched, 2)
	assert.Equal(t, "https://www.ameli.fr/assure/remboursements", mismatched[0].Text)
	assert.Equal(t, "secure-ameli.example", mismatched[0].Host)
	assert.Equal(t, "ameli.fr", mismatched[1].Text)
}

func TestStripComments(t *testing.T) {
	for in, want := range map[string]string{
		"mx; spf=pass (sender SPF authorized; good) smtp.mailfrom=a.fr; dmarc=fail": "mx; spf=pass   smtp.mailfrom=a.fr; dmarc=fail",
		`mx; dkim=pass header.d="a(b);c" (x (nested; y) z)`:                         `mx; dkim=pass header.d="a(b);c"  `,
		`mx (comment with \) escaped; still comment); dmarc=pass`:                   `mx  ; dmarc=pass`,
		"mx; dmarc=pass": "mx; dmarc=pass",
	} {
		assert.Equal(t, want, stripComments(in), in)
	}
}

const plainMail = "From: Assurance Maladie <assurance-maladie@info.ameli.fr>\r\n" +
	"To: a@example.org\r\nSubject: Test\r\n%s\r\n\r\n" +
	"Bonjour, rendez-vous sur https://www.ameli.fr/assure.\r\n"

// received is the trusted side's own Received field.
const received = "Received: from mail.evil.example (mail.evil.example [192.0.2.1])\r\n\tby mx.vigie.example (Postfix) with ESMTPS id 4A; Mon, 1 Dec 2026 10:00:01 +0000\r\n"

func TestAuthenticationResults(t *testing.T) {
	c := mailChecker(t)
	for _, tt := range []struct {
		name    string
		headers string
		status  Status
		code    Code
	}{
		{"aligned pass", "Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr", Official, CodeDMARCPass},
		{"pass for another domain", "Authentication-Results: mx.vigie.example; dmarc=pass header.from=evil.example", Unknown, CodeUnauthenticated},
		{"fail", "Authentication-Results: mx.vigie.example; dmarc=fail header.from=info.ameli.fr", Suspicious, CodeDMARCFail},
		{"none", "Authentication-Results: mx.vigie.example; dmarc=none header.from=info.ameli.fr", Suspicious, CodeDMARCFail},
		{"comment with a semicolon", "Authentication-Results: mx.vigie.example; spf=pass (ok; fine) smtp.mailfrom=info.ameli.fr; dmarc=fail header.from=info.ameli.fr", Suspicious, CodeDMARCFail},
		{"untrusted pass", "Authentication-Results: attacker.example; dmarc=pass header.from=info.ameli.fr", Unknown, CodeUnauthenticated},
		{"unparsable", "Authentication-Results: mx.vigie.example; dmarc", Unknown, CodeInvalidHeader},
		{"topmost trusted wins", "Authentication-Results: mx.vigie.example; dmarc=fail header.from=info.ameli.fr\r\nAuthentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr", Suspicious, CodeDMARCFail},
		{"case-insensitive id", "Authentication-Results: MX.Vigie.Example; dmarc=pass header.from=INFO.AMELI.FR", Official, CodeDMARCPass},
		// Issue 12, row 5: a quoted ';' in the sender's own MAIL FROM,
		// which the server writes faithfully, is not a result.
		{"row 5: quoted semicolon in smtp.mailfrom", `Authentication-Results: mx.vigie.example; spf=pass smtp.mailfrom="a;dmarc=pass header.from=info.ameli.fr;b=c"@evil.com`, Unknown, CodeUnauthenticated},
		// Row 6: a trusted-ID field the sender wrote below the Received
		// fields, the receiving side having added none.
		{"row 6: forged below a foreign Received", received + "Received: from localhost by mail.evil.example; Mon, 1 Dec 2026 10:00:00 +0000\r\n" +
			"Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr", Unknown, CodeUnauthenticated},
		{"row 6: the receiving side's on top", "Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr\r\n" + received +
			"Received: from localhost by mail.evil.example; Mon, 1 Dec 2026 10:00:00 +0000", Official, CodeDMARCPass},
		{"row 6: below the trusted side's own Received", received + "Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr", Official, CodeDMARCPass},
		{"row 6: forged below an untrusted Received, none trusted", "Received: from localhost by mail.evil.example; Mon, 1 Dec 2026 10:00:00 +0000\r\n" +
			"Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr", Unknown, CodeUnauthenticated},
		{"row 6: above every Received, none trusted", "Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr\r\n" +
			"Received: from localhost by mail.evil.example; Mon, 1 Dec 2026 10:00:00 +0000", Official, CodeDMARCPass},
		{"row 6: internal hops above the trusted Received", "Received: by 2002:a05:7010::1 with SMTP id x; Mon, 1 Dec 2026 10:00:02 +0000\r\n" +
			received + "Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr\r\n" +
			"Received: from localhost by mail.evil.example; Mon, 1 Dec 2026 10:00:00 +0000\r\n" +
			"Authentication-Results: mx.vigie.example; dmarc=fail header.from=info.ameli.fr", Official, CodeDMARCPass},
		{"row 6: a second block is not contiguous", "Authentication-Results: mx.vigie.example; spf=pass smtp.mailfrom=info.ameli.fr\r\n" +
			"Authentication-Results: other.example; dmarc=none\r\nAuthentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr", Unknown, CodeUnauthenticated},
		{"row 6: one block over two fields", "Authentication-Results: mx.vigie.example; spf=pass smtp.mailfrom=info.ameli.fr\r\n" +
			"Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr", Official, CodeDMARCPass},
		// Row 7: the version token is read, and a failure wins over a
		// pass below it.
		{"row 7: version token, fail above a forged pass", "Authentication-Results: mx.vigie.example 2; dmarc=fail header.from=info.ameli.fr\r\n" +
			"Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr", Suspicious, CodeDMARCFail},
		{"row 7: pass above fail in one block", "Authentication-Results: mx.vigie.example 1; dmarc=pass header.from=info.ameli.fr\r\n" +
			"Authentication-Results: mx.vigie.example; dmarc=fail header.from=info.ameli.fr", Suspicious, CodeDMARCFail},
		// Row 8: an unbalanced '(' does not hide the failure after it.
		{"row 8: unbalanced comment", "Authentication-Results: mx.vigie.example; spf=pass (unbalanced ; dmarc=fail header.from=info.ameli.fr", Suspicious, CodeDMARCFail},
		{"row 8: a pass after an unbalanced quote", `Authentication-Results: mx.vigie.example; spf=pass smtp.mailfrom="x; dmarc=pass header.from=info.ameli.fr`, Unknown, CodeInvalidHeader},
		{"a failure swallowed by quotes from the sender", `Authentication-Results: mx.vigie.example; spf=pass smtp.mailfrom=a"b@evil.com; dmarc=fail header.from=info.ameli.fr; smtp.helo=c"d`, Suspicious, CodeDMARCFail},
		{"a failure in a comment beside a pass", "Authentication-Results: mx.vigie.example; arc=pass (i=1 dmarc=fail fromdomain=list.example); dmarc=pass header.from=info.ameli.fr", Official, CodeDMARCPass},
		{"dmarc version and comment", "Authentication-Results: mx.vigie.example; dmarc/1 (ok) = pass (p=reject) header.from=info.ameli.fr.", Official, CodeDMARCPass},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := c.Message(strings.NewReader(fmt.Sprintf(plainMail, tt.headers)))
			require.NoError(t, err)
			assert.Equal(t, tt.status, rep.Status, "%v", rep.Reasons)
			assert.True(t, rep.Has(tt.code), "%v", rep.Codes())
			assert.False(t, tt.status != Official && rep.Has(CodeDMARCPass), "a pass must not be reported: %v", rep.Codes())
		})
	}
}

func TestSender(t *testing.T) {
	for _, tt := range []struct {
		from   string
		status Status
		org    string
		codes  []Code
	}{
		{"Assurance Maladie <assurance-maladie@info.ameli.fr>", Official, "assurance-maladie", []Code{CodeRegisteredDomain, CodeMailDomain}},
		{"assurance-maladie@info.ameli.fr", Official, "assurance-maladie", []Code{CodeRegisteredDomain, CodeMailDomain}},
		{`"Assurance Maladie" <service.ameli@gmail.com>`, Suspicious, "assurance-maladie", []Code{CodeDisplayNameBrand, CodeFreeMail}},
		{`"assurance-maladie@info.ameli.fr" <contact@promo.example>`, Suspicious, "assurance-maladie", []Code{CodeDisplayNameAddress, CodeDisplayNameBrand}},
		{"=?ISO-8859-1?Q?Cr=E9dit_Harmonie_Mutuelle?= <x@example.org>", Suspicious, "harmonie-mutuelle", []Code{CodeDisplayNameBrand}},
		{"=?utf-8?B?QXNzdXJhbmNlIE1hbGFkaWU=?= <noreply@ameli-remboursement.com>", Lookalike, "assurance-maladie", []Code{CodeComboSquat, CodeDisplayNameBrand}},
		{"Alan Smith <alan.smith@gmail.com>", Unknown, "", []Code{}},
		{"Harmonie Mutuelle <info@harmonie-mutuelle.fr>", Official, "harmonie-mutuelle", []Code{CodeRegisteredDomain}},
		{"<<<@@@>>>", Invalid, "", []Code{CodeInvalidAddress}},
		{"", Invalid, "", []Code{CodeInvalidAddress}},
		{"a@b@c", Invalid, "", []Code{CodeInvalidAddress}},
		{"x@[127.0.0.1]", Suspicious, "", []Code{CodeIPAddress}},
		{"\xff@ameli.fr", Invalid, "", []Code{CodeInvalidAddress}},
		{strings.Repeat("a", DefaultMaxHeaderSize) + "@ameli.fr", Invalid, "", []Code{CodeTooLong}},
	} {
		t.Run(tt.from, func(t *testing.T) {
			v := Sender(tt.from)
			assert.Equal(t, tt.status, v.Status, "%v", v.Reasons)
			org := ""
			if v.Organization != nil {
				org = v.Organization.ID
			}
			assert.Equal(t, tt.org, org)
			assert.Equal(t, tt.codes, append([]Code{}, v.Codes()...))
		})
	}
}

// endless is an endless message body that counts what was read of it.
type endless struct {
	header []byte
	read   int64
}

func (e *endless) Read(p []byte) (int, error) {
	if len(e.header) > 0 {
		n := copy(p, e.header)
		e.header = e.header[n:]
		e.read += int64(n)
		return n, nil
	}
	for i := range p {
		p[i] = 'a'
	}
	e.read += int64(len(p))
	return len(p), nil
}

func TestMessageLimits(t *testing.T) {
	c := mailChecker(t, WithMaxMessageSize(1<<20))
	t.Run("endless message", func(t *testing.T) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		body := &endless{header: []byte("From: a@example.org\r\nContent-Type: text/plain\r\n\r\n")}
		rep, err := c.Message(body)
		require.NoError(t, err)
		assert.Equal(t, Invalid, rep.Status)
		runtime.ReadMemStats(&after)
		assert.True(t, rep.Has(CodeTooLong))
		// Work is bounded by what is read, not timed: no further than
		// the limit and one read buffer.
		assert.LessOrEqual(t, body.read, int64(1<<20+64<<10), "read no further than the limit")
		assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(64<<20), "bounded memory")
	})
	t.Run("50 MB message", func(t *testing.T) {
		msg := append([]byte("From: a@example.org\r\nContent-Type: text/plain\r\n\r\n"), bytes.Repeat([]byte("https://a.example/ "), 50<<20/19)...)
		rep, err := Default().Message(bytes.NewReader(msg))
		require.NoError(t, err)
		// Its cut text is suspicious, which is worse than invalid.
		assert.Equal(t, Suspicious, rep.Status)
		assert.True(t, rep.Has(CodeTooLong))
		assert.True(t, rep.Has(CodeTruncated))
		assert.False(t, rep.Has(CodeTooManyLinks), "one link repeated is one link")
	})
	t.Run("huge header", func(t *testing.T) {
		msg := "From: a@example.org\r\nX-Big: " + strings.Repeat("b", DefaultMaxHeaderSize) + "\r\n\r\nbody\r\n"
		rep, err := Default().Message(strings.NewReader(msg))
		require.NoError(t, err)
		assert.Equal(t, Invalid, rep.Status)
		assert.True(t, rep.Has(CodeInvalidHeader))
	})
	t.Run("too many links", func(t *testing.T) {
		c := mailChecker(t, WithMaxLinks(5))
		body := ""
		for i := range 20 {
			body += fmt.Sprintf("https://site%d.example/ ", i)
		}
		rep, err := c.Message(strings.NewReader("From: a@example.org\r\n\r\n" + body))
		require.NoError(t, err)
		assert.Len(t, rep.Links, 5)
		assert.True(t, rep.Has(CodeTooManyLinks))
		assert.Equal(t, Suspicious, rep.Status, "padding must not hide a link")
	})
	t.Run("deep MIME", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("From: a@example.org\r\n")
		for i := range 40 {
			fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n", i, i)
		}
		b.WriteString("Content-Type: text/plain\r\n\r\nhttps://ameli-remboursement.com/\r\n")
		rep, err := Default().Message(strings.NewReader(b.String()))
		require.NoError(t, err)
		assert.True(t, rep.Has(CodeInvalidMIME))
		assert.NotEqual(t, Official, rep.Status)
	})
	t.Run("read error", func(t *testing.T) {
		_, err := Default().Message(io.MultiReader(strings.NewReader("From: a@example.org\r\n"), errReader{}))
		require.Error(t, err)
		assert.ErrorIs(t, err, errBroken)
	})
}

var errBroken = errors.New("disk on fire")

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errBroken }

func TestMessageGarbage(t *testing.T) {
	for _, in := range []string{"", "\x00\x01\x02", "From:", "From: \r\n\r\n", strings.Repeat("\r\n", 1000), "From: a@b.example\r\nContent-Type: multipart/mixed\r\n\r\nno boundary"} {
		rep, err := Default().Message(strings.NewReader(in))
		require.NoError(t, err, "%q", in)
		assert.Equal(t, Invalid, rep.Status, "%q: %v", in, rep.Reasons)
	}
}

// TestHeadersWithInvalidUTF8 is FuzzMessage's find: a Return-Path with
// invalid UTF-8 reached a reason's detail as it was.
func TestHeadersWithInvalidUTF8(t *testing.T) {
	c := Default()
	for _, msg := range []string{
		"From: a@info.ameli.fr\r\nReturn-Path: <x@\xffameli-remboursement.com>\r\n\r\nhi\r\n",
		"From: a@info.ameli.fr\r\nReturn-Path: <x@b\xff.example>\r\n\r\nhi\r\n",
		"From: a@info.ameli.fr\r\nReply-To: x@b\xff.example\r\n\r\nhi\r\n",
		"From: a@b\xff.example\r\n\r\nhi\r\n",
		"From: \"\xff\" <a@b.example>\r\nSubject: \xff\r\n\r\nhttps://a\xff.example/\r\n",
	} {
		rep, err := c.Message(strings.NewReader(msg))
		require.NoError(t, err)
		checkVerdict(t, c, msg, rep.Verdict)
		for _, l := range rep.Links {
			checkVerdict(t, c, l.URL, l.Verdict)
		}
	}
}

func TestReceivedBy(t *testing.T) {
	for in, want := range map[string]string{
		"from a.example (a.example [192.0.2.1]) by mx.vigie.example (Postfix) with ESMTPS id 4A; Mon": "mx.vigie.example",
		"from evil (HELO by mx.vigie.example) by relay.evil.example with SMTP":                        "relay.evil.example",
		"by mx.vigie.example; Mon, 1 Dec 2026":                                                        "mx.vigie.example",
		"from nowhere; Mon, 1 Dec 2026":                                                               "",
	} {
		assert.Equal(t, want, receivedBy(in), in)
	}
	c := mailChecker(t)
	assert.True(t, c.trustedHost("MX.vigie.example."))
	assert.True(t, c.trustedHost("a.mx.vigie.example"))
	assert.False(t, c.trustedHost("vigie.example"))
	assert.False(t, c.trustedHost(""))
}
