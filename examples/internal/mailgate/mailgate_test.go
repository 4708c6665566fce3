package mailgate

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/verify"
)

func TestHeaderValue(t *testing.T) {
	ameli := &domains.Organization{ID: "assurance-maladie"}
	tests := []struct {
		name string
		v    verify.Verdict
		want string
	}{
		{"bare unknown", verify.Verdict{Status: verify.Unknown}, "unknown"},
		{"zero verdict is invalid", verify.Verdict{}, "invalid"},
		{"lookalike, codes deduplicated in order", verify.Verdict{
			Status: verify.Lookalike, Organization: ameli, Target: "ameli.fr",
			Reasons: []verify.Reason{
				{Code: verify.CodeDisplayNameBrand}, {Code: verify.CodeFreeMail},
				{Code: verify.CodeComboSquat}, {Code: verify.CodeDisplayNameBrand}, {Code: verify.CodeComboSquat},
			},
		}, "lookalike; target=ameli.fr; org=assurance-maladie; reasons=display-name-brand,free-mail,combo-squat"},
		{"official", verify.Verdict{
			Status: verify.Official, Organization: ameli, Target: "ameli.fr",
			Reasons: []verify.Reason{{Code: verify.CodeRegisteredDomain}, {Code: verify.CodeDMARCPass}},
		}, "official; target=ameli.fr; org=assurance-maladie; reasons=registered-domain,dmarc-pass"},
		{"reasons without organisation", verify.Verdict{
			Status: verify.Invalid, Reasons: []verify.Reason{{Code: verify.CodeMissingFrom}},
		}, "invalid; reasons=missing-from"},
		{"nothing can break the line", verify.Verdict{
			Status: verify.Suspicious, Target: "evil.example\r\nX-Vigie: official", Organization: &domains.Organization{ID: "a b;c"},
			Reasons: []verify.Reason{{Code: "x\ny"}},
		}, "suspicious; target=evil.example__X-Vigie__official; org=a_b_c; reasons=x_y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, HeaderValue(tt.v))
		})
	}
}

func TestHeaderValueFitsOneLine(t *testing.T) {
	v := verify.Verdict{Status: verify.Lookalike, Target: "interimairessante.fr", Organization: &domains.Organization{ID: "interimaires-sante"}}
	for _, c := range verify.AllCodes() {
		v.Reasons = append(v.Reasons, verify.Reason{Code: c.Code})
	}
	line := HeaderName + ": " + HeaderValue(v)
	assert.Less(t, len(line), 998, "every code at once still fits the RFC 5322 line limit")
	assert.NotContains(t, HeaderValue(v), "\n")
}

func TestIsHeader(t *testing.T) {
	for name, want := range map[string]bool{
		"X-Vigie": true, "x-vigie": true, "X-VIGIE": true, "X-Vigie ": true, " X-Vigie\t": true,
		"X-Vigie-Score": false, "X-Vigi": false, "": false, "Subject": false,
	} {
		assert.Equal(t, want, IsHeader(name), name)
	}
}

func TestParseAction(t *testing.T) {
	tests := []struct {
		in      string
		want    Action
		wantErr bool
	}{
		{"accept", Accept, false}, {"tag", Accept, false}, {"Quarantine", Quarantine, false},
		{"hold", Quarantine, false}, {"reject", Reject, false}, {"tempfail", TempFail, false},
		{" defer ", TempFail, false}, {"discard", Accept, true}, {"", Accept, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseAction(tt.in)
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			again, err := ParseAction(got.String())
			require.NoError(t, err)
			assert.Equal(t, got, again, "String round-trips")
		})
	}
}

func TestPolicyFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		check   func(t *testing.T, p Policy)
		wantErr string
	}{
		{"defaults", nil, func(t *testing.T, p Policy) {
			assert.Equal(t, Quarantine, p.For(verify.Lookalike))
			for _, s := range []verify.Status{verify.Official, verify.Unknown, verify.Invalid, verify.Suspicious} {
				assert.Equal(t, Accept, p.For(s), s.String())
			}
			assert.Equal(t, TempFail, p.Error)
			assert.True(t, p.Uses(Quarantine))
			assert.False(t, p.Uses(Reject))
		}, ""},
		{"every verdict", []string{"-on-lookalike", "reject", "-on-suspicious", "quarantine", "-on-invalid", "tempfail",
			"-on-unknown", "accept", "-on-official", "accept", "-on-error", "accept"}, func(t *testing.T, p Policy) {
			assert.Equal(t, Reject, p.For(verify.Lookalike))
			assert.Equal(t, Quarantine, p.For(verify.Suspicious))
			assert.Equal(t, TempFail, p.For(verify.Invalid))
			assert.Equal(t, Accept, p.For(verify.Official))
			assert.Equal(t, Accept, p.Error)
		}, ""},
		{"bad action", []string{"-on-lookalike", "drop"}, nil, `unknown action "drop"`},
		{"reject on error", []string{"-on-error", "reject"}, nil, "reject is not allowed on error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := DefaultPolicy()
			fs := flag.NewFlagSet("test", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			p.RegisterFlags(fs)
			err := fs.Parse(tt.args)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			tt.check(t, p)
		})
	}
}

func TestDecisionReplies(t *testing.T) {
	p := DefaultPolicy()
	p.Verdicts[verify.Lookalike] = Reject
	p.Verdicts[verify.Suspicious] = TempFail
	lookalike := verify.Report{Verdict: verify.Verdict{Status: verify.Lookalike, Target: "ameli.fr",
		Reasons: []verify.Reason{{Code: verify.CodeComboSquat}}}}
	tests := []struct {
		name       string
		d          Decision
		action     Action
		code       uint16
		text       string
		header     string
		quarantine string
	}{
		{"reject", p.Decide(lookalike), Reject, 550, "5.7.1 vigie: message refused: lookalike; target=ameli.fr; reasons=combo-squat",
			"lookalike; target=ameli.fr; reasons=combo-squat", "vigie: lookalike; target=ameli.fr; reasons=combo-squat"},
		{"tempfail", p.Decide(verify.Report{Verdict: verify.Verdict{Status: verify.Suspicious}}), TempFail, 451,
			"4.7.1 vigie: message deferred, try again later: suspicious", "suspicious", "vigie: suspicious"},
		{"error", p.DecideError(errors.New("timeout")), TempFail, 451,
			"4.7.1 vigie: the message could not be checked, try again later", "error", "vigie: error"},
		{"accept", p.Decide(verify.Report{Verdict: verify.Verdict{Status: verify.Unknown}}), Accept, 451,
			"4.7.1 vigie: message deferred, try again later: unknown", "unknown", "vigie: unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.action, tt.d.Action)
			code, text := tt.d.Reply()
			assert.Equal(t, tt.code, code)
			assert.Equal(t, tt.text, text)
			assert.Equal(t, tt.header, tt.d.Header)
			assert.Equal(t, tt.quarantine, tt.d.QuarantineReason())
		})
	}
}

func TestRewrite(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		removed int
	}{
		{"LF message",
			"From: a@example.org\nSubject: hi\n\nbody\n",
			"X-Vigie: V\nFrom: a@example.org\nSubject: hi\n\nbody\n", 0},
		{"CRLF message keeps CRLF",
			"From: a@example.org\r\nSubject: hi\r\n\r\nbody\r\n",
			"X-Vigie: V\r\nFrom: a@example.org\r\nSubject: hi\r\n\r\nbody\r\n", 0},
		{"attacker headers in any case, folded, anywhere, removed",
			"X-Vigie: official\nFrom: a@example.org\nx-vigie: official;\n\treasons=dmarc-pass\n  more\nSubject: hi\nX-VIGIE : official\n\nbody\n",
			"X-Vigie: V\nFrom: a@example.org\nSubject: hi\n\nbody\n", 3},
		{"X-Vigie in the body is the body's business",
			"From: a@example.org\n\nX-Vigie: official\n\tstill body\n",
			"X-Vigie: V\nFrom: a@example.org\n\nX-Vigie: official\n\tstill body\n", 0},
		{"similar names are kept",
			"X-Vigie-Score: 1\nX-Vigies: 2\nFrom: a@example.org\n\n",
			"X-Vigie: V\nX-Vigie-Score: 1\nX-Vigies: 2\nFrom: a@example.org\n\n", 0},
		{"malformed lines are copied as they are",
			"From: a@example.org\nnot a header\n: empty name\n\nbody",
			"X-Vigie: V\nFrom: a@example.org\nnot a header\n: empty name\n\nbody", 0},
		{"no header section", "\nbody only\n", "X-Vigie: V\n\nbody only\n", 0},
		{"no body, no blank line, no final newline", "From: a@example.org", "X-Vigie: V\nFrom: a@example.org", 0},
		{"empty input", "", "X-Vigie: V\n", 0},
		{"binary body untouched", "From: a@example.org\r\n\r\n\x00\xff\r\rX-Vigie: x\n\r\n",
			"X-Vigie: V\r\nFrom: a@example.org\r\n\r\n\x00\xff\r\rX-Vigie: x\n\r\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, r := range map[string]io.Reader{
				"whole":       strings.NewReader(tt.in),
				"byte a time": iotest.OneByteReader(strings.NewReader(tt.in)),
			} {
				var out bytes.Buffer
				removed, err := Rewrite(&out, r, "V")
				require.NoError(t, err)
				assert.Equal(t, tt.want, out.String())
				assert.Equal(t, tt.removed, removed)
			}
		})
	}
}

func TestRewriteLongLines(t *testing.T) {
	long := strings.Repeat("a", 200<<10)
	in := "Subject: " + long + "\nX-Vigie: official " + long + "\n\t" + long + "\nFrom: a@example.org\n\n" + long + "\n"
	want := "X-Vigie: V\nSubject: " + long + "\nFrom: a@example.org\n\n" + long + "\n"
	var out bytes.Buffer
	removed, err := Rewrite(&out, strings.NewReader(in), "V")
	require.NoError(t, err)
	assert.Equal(t, 1, removed)
	assert.True(t, out.String() == want, "lines longer than the buffer are streamed and dropped whole")
}

func TestRewriteErrors(t *testing.T) {
	_, err := Rewrite(io.Discard, iotest.ErrReader(errors.New("disk on fire")), "V")
	require.ErrorContains(t, err, "disk on fire")
	_, err = Rewrite(failWriter{}, strings.NewReader("From: a@example.org\n\nbody\n"), "V")
	require.Error(t, err)
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("closed") }

func checker(t *testing.T, limit int64) CheckFunc {
	t.Helper()
	c, err := verify.New(domains.Default(), verify.WithMaxMessageSize(limit), verify.WithTrustedAuthServIDs("mx.vigie.test"))
	require.NoError(t, err)
	return c.Message
}

func TestFilter(t *testing.T) {
	const lookalike = "From: \"Assurance Maladie\" <remboursement@ameli-remboursement.com>\r\n" +
		"X-Vigie: official\r\n" +
		"Subject: Remboursement\r\n\r\nhttps://ameli-remboursement.com/connexion\r\n"
	const official = "Authentication-Results: mx.vigie.test; dmarc=pass header.from=info.ameli.fr\n" +
		"From: Assurance Maladie <assurance-maladie@info.ameli.fr>\nSubject: Info\n\nhttps://www.ameli.fr/\n"
	big := "From: a@example.org\n\n" + strings.Repeat("x", 5000) + "\n"
	tests := []struct {
		name       string
		in         string
		limit      int64
		status     verify.Status
		header     string // prefix of the X-Vigie value
		envelope   string
		removed    int
		wantReason verify.Code
	}{
		{"lookalike", lookalike, verify.DefaultMaxMessageSize, verify.Lookalike,
			"lookalike; target=ameli.fr; org=assurance-maladie; reasons=", "", 1, verify.CodeComboSquat},
		{"official, trusted DMARC pass", official, verify.DefaultMaxMessageSize, verify.Official,
			"official; target=ameli.fr; org=assurance-maladie; reasons=registered-domain,mail-domain,dmarc-pass", "", 0, verify.CodeDMARCPass},
		{"mbox envelope line kept first and not checked", "From sender@example.org Mon Nov 23 10:00:00 2026\n" + official,
			verify.DefaultMaxMessageSize, verify.Official, "official;", "From sender@example.org Mon Nov 23 10:00:00 2026\n", 0, verify.CodeDMARCPass},
		{"From: header is not an envelope", "From : a@example.org\n\nhi\n", verify.DefaultMaxMessageSize, verify.Unknown, "unknown", "", 0, ""},
		{"malformed", "X-Mailer PhishKit\nFrom: a@example.org\n\nhi\n", verify.DefaultMaxMessageSize, verify.Invalid, "invalid; reasons=", "", 0, ""},
		{"too big: checked up to the limit, copied whole", big, 2048, verify.Invalid, "invalid; reasons=too-long", "", 0, verify.CodeTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			rep, removed, err := Filter(&out, strings.NewReader(tt.in), checker(t, tt.limit), tt.limit)
			require.NoError(t, err)
			assert.Equal(t, tt.status, rep.Status)
			assert.Equal(t, tt.removed, removed)
			if tt.wantReason != "" {
				assert.True(t, rep.Has(tt.wantReason), "%v", rep.Codes())
			}
			got := out.String()
			require.True(t, strings.HasPrefix(got, tt.envelope), got)
			got = strings.TrimPrefix(got, tt.envelope)
			line, rest, _ := strings.Cut(got, "\n")
			line = strings.TrimSuffix(line, "\r")
			assert.True(t, strings.HasPrefix(line, "X-Vigie: "+tt.header), line)
			assert.Equal(t, "X-Vigie: "+HeaderValue(rep.Verdict), line)
			// The body is unchanged, byte for byte.
			_, wantBody, _ := strings.Cut(tt.in, "\n\n")
			if strings.Contains(tt.in, "\r\n\r\n") {
				_, wantBody, _ = strings.Cut(tt.in, "\r\n\r\n")
			}
			assert.True(t, strings.HasSuffix(rest, wantBody))
			assert.Equal(t, 1, strings.Count(strings.ToLower(got), "x-vigie:"), "only our header is left")
		})
	}
}

func TestFilterFailures(t *testing.T) {
	msg := "From: a@example.org\n\nhi\n"
	tests := []struct {
		name  string
		in    io.Reader
		check CheckFunc
		want  string
	}{
		{"input fails", iotest.ErrReader(errors.New("broken pipe")), checker(t, verify.DefaultMaxMessageSize), "broken pipe"},
		{"input fails midway", io.MultiReader(strings.NewReader(msg), iotest.ErrReader(errors.New("reset"))), checker(t, verify.DefaultMaxMessageSize), "reset"},
		{"check fails", strings.NewReader(msg), func(io.Reader) (verify.Report, error) { return verify.Report{}, errors.New("nope") }, "nope"},
		{"check panics", strings.NewReader(msg), func(io.Reader) (verify.Report, error) { panic("boom") }, "panic: boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			_, _, err := Filter(&out, tt.in, tt.check, verify.DefaultMaxMessageSize)
			require.ErrorContains(t, err, tt.want)
			assert.Empty(t, out.String(), "nothing is written for a message that was not checked")
		})
	}
}

func TestSpool(t *testing.T) {
	tests := []struct {
		name      string
		limit     int64
		maxMem    int
		writes    []string
		kept      string
		truncated bool
	}{
		{"in memory", 100, 64, []string{"abc", "def"}, "abcdef", false},
		{"spills to a file", 100, 4, []string{"abc", "def", "ghi"}, "abcdefghi", false},
		{"truncated in memory", 5, 64, []string{"abc", "def"}, "abcde", true},
		{"truncated in a file", 5, 2, []string{"abc", "def", "ghi"}, "abcde", true},
		{"nothing kept", 0, 2, []string{"abc"}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSpool(tt.limit, tt.maxMem, t.TempDir())
			total := 0
			for _, w := range tt.writes {
				n, err := s.Write([]byte(w))
				require.NoError(t, err)
				assert.Equal(t, len(w), n)
				total += len(w)
			}
			assert.Equal(t, int64(total), s.Total())
			assert.Equal(t, int64(len(tt.kept)), s.Len())
			assert.Equal(t, tt.truncated, s.Truncated())
			for range 2 {
				b, err := io.ReadAll(s.Reader())
				require.NoError(t, err)
				assert.Equal(t, tt.kept, string(b))
			}
			require.NoError(t, s.Close())
		})
	}
}

func TestSpoolLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	s := NewSpool(1<<20, 10, dir)
	_, err := s.Write(bytes.Repeat([]byte("x"), 1000))
	require.NoError(t, err)
	entries, err := readDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "the spool file is unlinked while in use")
	require.NoError(t, s.Close())
}

func TestSpoolFileError(t *testing.T) {
	s := NewSpool(1<<20, 1, "/nonexistent/vigie")
	_, err := s.Write([]byte("abc"))
	require.Error(t, err)
	require.ErrorIs(t, s.Err(), err)
	_, err = s.Write([]byte("d"))
	require.Error(t, err, "a failed spool stays failed")
	require.NoError(t, s.Close())
}
