package verify

import (
	"bytes"
	"io"
	"mime/quotedprintable"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeQuotedPrintable(t *testing.T) {
	long := strings.Repeat("x", 5000)
	for _, tc := range []struct{ name, in, want string }{
		{"escapes, either case", "caf=C3=A9 =3d =3D", "café = ="},
		{"soft line breaks", "https://ameli-=\r\naide.com/=\n", "https://ameli-aide.com/"},
		{"transport padding after a soft break", "ameli=  \t\r\n-aide.com", "ameli-aide.com"},
		{"an = before a lone CR is a soft break, as Thunderbird reads it", "ameli-=\raide.com=\r", "ameli-aide.com"},
		{"an = not escaping is itself", "a=b =g1 =", "a=b =g1 "},
		{"a final = with padding is dropped", "ameli.fr= \t", "ameli.fr"},
		{"an = cut before its second digit", "a=4", "a=4"},
		{"hard line breaks and trailing blanks kept", "a  \r\nb\n", "a  \r\nb\n"},
		{"control and 8-bit bytes passed through", "a\x01b\xffc", "a\x01b\xffc"},
		{"a line longer than mime/quotedprintable's 4 KiB", long + "=20https://ameli-aide.com/", long + " https://ameli-aide.com/"},
		{"more blanks after an = than the buffer looks at", "=" + strings.Repeat(" ", 5000) + "\nx", "=" + strings.Repeat(" ", 5000) + "\nx"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, string(decodeQuotedPrintable(tc.in)))
			// Read one byte at a time, the decoder gives the same text.
			var got []byte
			q := newQPLenient(strings.NewReader(tc.in))
			var one [1]byte
			for {
				n, err := q.Read(one[:])
				got = append(got, one[:n]...)
				if err != nil {
					break
				}
			}
			assert.Equal(t, tc.want, string(got))
		})
	}
}

// TestQuotedPrintableHidesNothing checks that a quoted-printable part is
// read to its end however it is written: mime/quotedprintable stops at a
// line longer than 4 KiB or at a control byte, and vigie with it, so that
// padding one line hid the link after it (the message was only invalid).
func TestQuotedPrintableHidesNothing(t *testing.T) {
	c := Default()
	for _, tc := range []struct {
		name, ctype, body string
	}{
		{"a line of 5,000 bytes", "text/plain", strings.Repeat("x", 5000) + " https://ameli-aide.com/\r\n"},
		{"a control byte", "text/plain", "Bonjour \x01 https://ameli-aide.com/\r\n"},
		{"an HTML line of 10,000 bytes", "text/html", "<p>" + strings.Repeat("&nbsp;", 2000) + "<a href=3D\"https://ameli-aide.com/\">ici</a></p>\r\n"},
		{"a vCard value of 5,000 bytes", "text/vcard", "BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE;ENCODING=3DQUOTED-PRINTABLE:" + strings.Repeat("x", 5000) + " https://ameli-aide.com/\r\nEND:VCARD\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := "From: a@example.com\r\nTo: b@example.org\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: " + tc.ctype +
				"; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + tc.body
			rep, err := c.Message(strings.NewReader(msg))
			require.NoError(t, err)
			assert.Equal(t, Lookalike, rep.Status, "%+v", rep.Reasons)
			hosts := make([]string, 0, len(rep.Links))
			for _, l := range rep.Links {
				hosts = append(hosts, l.Host)
			}
			assert.Contains(t, hosts, "ameli-aide.com")
			for _, r := range rep.Reasons {
				assert.NotEqual(t, CodeInvalidMIME, r.Code, r.Detail)
			}
		})
	}
}

// FuzzQuotedPrintableMatchesGo checks the lenient decoder against
// mime/quotedprintable wherever Go's decoder reads the text to its end and
// no line ends in blanks (which Go drops and mail clients may show).
func FuzzQuotedPrintableMatchesGo(f *testing.F) {
	for _, s := range []string{"caf=C3=A9", "a=\r\nb", "a=  \nb=", "=3d=3D=", "x\r\ny\n", "a=b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(s)))
		if err != nil || endsLineInBlanks(s) {
			return
		}
		if got := decodeQuotedPrintable(s); !bytes.Equal(got, want) {
			t.Fatalf("%q: %q, Go %q", s, got, want)
		}
	})
}

// endsLineInBlanks reports a line of s, the last included, that ends in a
// space, a tab or a carriage return not part of its line break.
func endsLineInBlanks(s string) bool {
	for line := range strings.Lines(s) {
		if trimmed, ok := strings.CutSuffix(line, "\n"); ok {
			line = strings.TrimSuffix(trimmed, "\r")
		}
		if line != "" && strings.IndexByte(" \t\r", line[len(line)-1]) >= 0 {
			return true
		}
	}
	return false
}
