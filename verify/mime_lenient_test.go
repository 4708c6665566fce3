package verify

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const phishHTML = `<p>Remboursement en attente : <a href="https://ameli-remboursement.com/connexion">cliquez ici</a></p>`

// damagedMessages are issue 12, row 16: damage that mail clients read
// through. Each is read leniently, its link judged, and the message is
// Invalid unless what could be read is worse.
func damagedMessages() map[string]string {
	b64 := base64.StdEncoding.EncodeToString([]byte(phishHTML))
	stray := b64[:20] + "!*\r\n ~" + b64[20:40] + "==" + b64[40:]
	var nested strings.Builder
	for i := range 20 {
		fmt.Fprintf(&nested, "Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n", i, i)
	}
	var deeper strings.Builder
	for i := range 40 {
		fmt.Fprintf(&deeper, "Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n", i, i)
	}
	padding := strings.Repeat("X-Padding: "+strings.Repeat("p", 100)+"\r\n", 3000) // 300 KB
	from := "From: Assurance Maladie <assurance-maladie@info.ameli.fr>\r\n"
	html := "Content-Type: text/html; charset=utf-8\r\n"
	return map[string]string{
		"base64 with stray characters and padding inside": from + html + "Content-Transfer-Encoding: base64\r\n\r\n" + stray + "\r\n",
		"base64 with stray characters in a part": from + "Content-Type: multipart/alternative; boundary=x\r\n\r\n--x\r\n" + html +
			"Content-Transfer-Encoding: base64\r\n\r\n" + stray + "\r\n--x--\r\n",
		"a header line without a colon": from + "this line is no field\r\n" + html + "\r\n" + phishHTML + "\r\n",
		"a part header line without a colon": from + "Content-Type: multipart/mixed; boundary=\"b--\"\r\n\r\n--b--\r\nContent-Type: text/plain\r\n\r\nbonjour\r\n--b--\r\n" +
			html + "broken line\r\n\r\n" + phishHTML + "\r\n--b----\r\n",
		"a first header line that is folded":  " folded first line\r\n" + from + html + "\r\n" + phishHTML + "\r\n",
		"MIME nesting past 16":                from + nested.String() + html + "\r\n" + phishHTML + "\r\n",
		"MIME nesting past what is parsed":    from + deeper.String() + html + "\r\n" + phishHTML + "\r\n",
		"300 KB of padding headers first":     padding + from + html + "\r\n" + phishHTML + "\r\n",
		"300 KB of padding headers then From": from + padding + html + "\r\n" + phishHTML + "\r\n",
	}
}

func TestDamagedMessagesAreReadLeniently(t *testing.T) {
	c := mailChecker(t)
	for name, msg := range damagedMessages() {
		t.Run(name, func(t *testing.T) {
			rep, err := c.Message(strings.NewReader(msg))
			require.NoError(t, err)
			assert.Equal(t, Lookalike, rep.Status, "the link is judged: %v", rep.Reasons)
			assert.True(t, rep.Has(CodeInvalidHeader) || rep.Has(CodeInvalidMIME), "the damage is reported: %v", rep.Codes())
			require.NotEmpty(t, rep.Links)
			assert.Equal(t, "ameli-remboursement.com", rep.Links[len(rep.Links)-1].Host)
		})
	}
}

// TestDamageNeverMakesOfficial: the same damage on a proven official
// message with an official link keeps it Invalid.
func TestDamageNeverMakesOfficial(t *testing.T) {
	c := mailChecker(t)
	official := strings.ReplaceAll(phishHTML, "ameli-remboursement.com", "www.ameli.fr")
	for name, msg := range damagedMessages() {
		t.Run(name, func(t *testing.T) {
			from := "From: Assurance Maladie <assurance-maladie@info.ameli.fr>\r\n"
			msg = strings.Replace(strings.ReplaceAll(msg, phishHTML, official), from,
				from+"Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr\r\n", 1)
			if strings.Contains(name, "base64") {
				b64 := base64.StdEncoding.EncodeToString([]byte(phishHTML))
				ob64 := base64.StdEncoding.EncodeToString([]byte(official))
				msg = strings.Replace(msg, b64[:20], ob64[:20], 1)
				msg = strings.Replace(msg, b64[20:40], ob64[20:40], 1)
				msg = strings.Replace(msg, b64[40:], ob64[40:], 1)
			}
			rep, err := c.Message(strings.NewReader(msg))
			require.NoError(t, err)
			assert.Equal(t, Invalid, rep.Status, "%v", rep.Reasons)
			for _, l := range rep.Links {
				assert.Equal(t, Official, l.Status, l.URL)
			}
		})
	}
}

func TestBase64Lenient(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		strays   int
	}{
		{"aGVsbG8gd29ybGQ=", "hello world", 0},
		{"aGVs\r\nbG8g d29y\tbGQ=\r\n", "hello world", 0},
		{"aGVs!bG8g*d29ybGQ", "hello world", 2},
		{"aGVsbA==aGVsbA==", "hellhell", 1},
		{"aGVsbG8=\r\nd29ybGQ=", "hello" + "world", 1},
		{"a", "", 0},
		{"", "", 0},
	} {
		strays := 0
		got, err := io.ReadAll(&base64Lenient{r: bufio.NewReader(strings.NewReader(tt.in)), strays: &strays})
		require.NoError(t, err)
		assert.Equal(t, tt.want, string(got), tt.in)
		assert.Equal(t, tt.strays, strays, tt.in)
	}
}

func TestReadHeaderLeniently(t *testing.T) {
	for _, tt := range []struct {
		name, in  string
		max       int
		fields    []string
		malformed int
		dropped   int
	}{
		{"plain", "From: a@b.example\r\nSubject: x\r\n\r\nbody", 1024, []string{"From", "Subject"}, 0, 0},
		{"no colon", "From: a@b.example\r\nnot a field\r\n continued\r\nSubject: x\r\n\r\n", 1024, []string{"From", "Subject"}, 1, 0},
		{"bad name", "Bad Name: x\r\nFrom: a@b.example\r\n\r\n", 1024, []string{"From"}, 1, 0},
		{"folded first line", " x\r\nFrom: a@b.example\r\n\r\n", 1024, []string{"From"}, 1, 0},
		{"no blank line", "From: a@b.example\r\nSubject: x", 1024, []string{"From", "Subject"}, 0, 0},
		{"LF only", "From: a@b.example\nSubject: x\n\nbody", 1024, []string{"From", "Subject"}, 0, 0},
		{"past the limit", "X-A: " + strings.Repeat("a", 60) + "\r\nX-B: b\r\nFrom: a@b.example\r\nSubject: x\r\n\r\n", 70, []string{"X-A", "From", "Subject"}, 0, 1},
		{"one field too long", "X-A: " + strings.Repeat("a", 200) + "\r\nFrom: a@b.example\r\n\r\n", 70, []string{"From"}, 0, 1},
		{"a continuation too long", "X-A: a\r\n " + strings.Repeat("a", 200) + "\r\nFrom: a@b.example\r\n\r\n", 70, []string{"From"}, 0, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h, damage, err := readHeaderLeniently(bufio.NewReaderSize(strings.NewReader(tt.in), 16), tt.max)
			require.NoError(t, err)
			var fields []string
			for f := h.Fields(); f.Next(); {
				fields = append(fields, f.Key())
			}
			assert.Equal(t, tt.fields, fields)
			assert.Equal(t, tt.malformed, damage.malformed)
			assert.Equal(t, tt.dropped, damage.dropped)
		})
	}
}

func TestPartHeaderFilter(t *testing.T) {
	in := "preamble\r\nno field here\r\n--b\r\nContent-Type: text/plain\r\nbroken\r\n folded\r\n\r\nbody line\r\nnot a header: in the body\r\n--b--\r\nepilogue\r\n"
	dropped := 0
	out, err := io.ReadAll(&partHeaderFilter{r: bufio.NewReaderSize(strings.NewReader(in), 16), boundary: "b", dropped: &dropped})
	require.NoError(t, err)
	assert.Equal(t, strings.Replace(in, "broken\r\n", "", 1), string(out))
	assert.Equal(t, 1, dropped)
}

// FuzzLenientReaders: the lenient header, part-header and base64 readers
// never panic, keep what they promise within bounds, and only ever drop
// input.
func FuzzLenientReaders(f *testing.F) {
	for _, s := range []string{
		"From: a@b.example\r\nnot a field\r\n folded\r\nSubject: x\r\n\r\nbody",
		" first\r\nX: " + strings.Repeat("a", 300) + "\r\n\r\n",
		"--b\r\nContent-Type: text/plain\r\nbroken\r\n\r\naGVsbG8=!d29y\r\n--b--\r\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		const max = 128
		h, damage, err := readHeaderLeniently(bufio.NewReaderSize(strings.NewReader(s), 16), max)
		if err == nil {
			size := 0
			for fs := h.Fields(); fs.Next(); {
				size += len(fs.Key()) + len(fs.Value())
			}
			require.LessOrEqual(t, size, 2*max, "kept within twice the limit")
		}
		require.GreaterOrEqual(t, damage.malformed, 0)

		dropped := 0
		out, err := io.ReadAll(&partHeaderFilter{r: bufio.NewReaderSize(strings.NewReader(s), 16), boundary: "b", dropped: &dropped})
		require.NoError(t, err)
		require.LessOrEqual(t, len(out), len(s))
		require.Equal(t, dropped == 0, len(out) == len(s), "a line is dropped exactly when the output is shorter")

		strays := 0
		dec, err := io.ReadAll(&base64Lenient{r: bufio.NewReader(strings.NewReader(s)), strays: &strays})
		require.NoError(t, err)
		require.LessOrEqual(t, len(dec), len(s)*3/4+3)
	})
}

// TestParamInTwoForms: a parameter written plainly and in RFC 2231's forms,
// or in two of those, is named; sections of one continued value and a
// plain parameter written twice (lenientMediaType's case) are not.
func TestParamInTwoForms(t *testing.T) {
	for _, tt := range []struct{ v, want string }{
		{`multipart/mixed; boundary="y"; boundary*0="x"`, "boundary"},
		{`multipart/mixed; boundary*=utf-8''x; boundary=y`, "boundary"},
		{`multipart/mixed; boundary*0=x; boundary*0*=''y`, "boundary"},
		{`multipart/mixed; boundary*=x; boundary*0=y`, "boundary"},
		{`text/html; charset*1=a; charset*0=b; charset*1=c`, "charset"},
		{`text/html; CHARSET=a; charset*=utf-8''b`, "charset"},
		{`multipart/mixed; boundary*0=a; boundary*1=b`, ""},
		{`multipart/mixed; boundary=x; boundary=y`, ""},
		{`text/html; charset=utf-8; format=flowed`, ""},
		{`text/html`, ""},
	} {
		assert.Equal(t, tt.want, paramInTwoForms(tt.v), tt.v)
	}
}
