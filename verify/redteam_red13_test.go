package verify

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/verify/internal/textlinks"
)

// Red team red13 (a helper session attacking e87c7b3). The tests below
// failed at e87c7b3: each is a finding, fixed since.

// TestRed13BaseRefusedByBounds (finding 1). A <base href> that a
// browser accepts but whatwg.ParseBase refuses (checkInput: more than 64
// '@' or 2048 path segments, or a stray non-UTF-8 byte, which the browser
// decodes as U+FFFD) leaves b.parsed nil, and resolveHref then takes an
// href with a scheme as it is: "https:www.ameli.fr" is listed as
// https://www.ameli.fr/ (official), while the browser resolves it against
// the base, same scheme, as a path: Node,
// new URL("https:www.ameli.fr", "https://"+"@".repeat(65)+"evil.example/")
// .href is "https://%40...%40@evil.example/www.ameli.fr". Padding the base
// turns Suspicious into Official.
func TestRed13BaseRefusedByBounds(t *testing.T) {
	c := mailChecker(t)
	for name, base := range map[string]string{
		"65 @":             "https://" + strings.Repeat("@", 65) + "evil.example/",
		"2100 segments":    "https://evil.example/" + strings.Repeat("a/", 2100),
		"non-UTF-8 byte":   "https://evil.example/\xff",
		"held: plain base": "https://evil.example/",
	} {
		for _, href := range []string{"https:www.ameli.fr", "https:/www.ameli.fr/PortailAS"} {
			t.Run(name+" "+href, func(t *testing.T) {
				body := `<base href="` + base + `"><a href="` + href + `">Connexion</a>`
				rep, err := c.Message(strings.NewReader(provenHTML(body)))
				require.NoError(t, err)
				assert.NotEqual(t, Official, rep.Status, "the browser goes to evil.example; vigie's links: %v", reportURLs(rep))
			})
		}
	}
}

// TestRed13BoundaryPlainAndRFC2231 (finding 2). A Content-Type
// parameter given twice, once plain and once in RFC 2231 form
// (boundary*0=, boundary*=, boundary*0*=), is no duplicate to
// mime.ParseMediaType: the RFC 2231 form silently wins, ContentType()
// succeeds, and lenientMediaType's check never runs. Python's email
// package reads the plain one (get_boundary() is "y" for
// `boundary="y"; boundary*0="x"`), Go the other ("x"): the part with the
// lookalike link is behind the boundary vigie does not use, and the proven
// message stays official.
func TestRed13BoundaryPlainAndRFC2231(t *testing.T) {
	c := mailChecker(t)
	const html = `<a href="https://www.ameli.fr/">a</a> <a href="https://ameli-aide.com/">b</a>`
	off := "Content-Type: text/plain\r\n\r\nhttps://www.ameli.fr/\r\n"
	bad := "Content-Type: text/html\r\n\r\n" + html + "\r\n"
	// vigie reads the first boundary given to two; the lookalike is
	// behind the second.
	two := func(ct, read, other string) string {
		return ct + "\r\n\r\n--" + read + "\r\n" + off + "--" + read + "--\r\n--" + other + "\r\n" + bad + "--" + other + "--\r\n"
	}
	for _, msg := range []string{
		two(`Content-Type: multipart/mixed; boundary="y"; boundary*0="x"`, "x", "y"),
		two(`Content-Type: multipart/mixed; boundary*0="x"; boundary="y"`, "x", "y"),
		two(`Content-Type: multipart/mixed; boundary="y"; boundary*=utf-8''x`, "x", "y"),
		two(`Content-Type: multipart/mixed; boundary*0=x; boundary*0*=''y`, "x", "y"),
	} {
		t.Run(strings.SplitN(msg, "\r\n", 2)[0], func(t *testing.T) {
			rep, err := c.Message(strings.NewReader(provenHead + "MIME-Version: 1.0\r\n" + msg))
			require.NoError(t, err)
			assert.NotEqual(t, Official, rep.Status, "%v", rep.Reasons)
		})
	}
}

// TestRed13LeadPunctBeforeOverride (finding 3; a regression of
// e87c7b3 for '.' and U+3002, older for '-'). step's new loop skips a run
// of leading '.', '-', '_' or full-width dots, then, when what follows is
// no letter, returns past that rune too: a right-to-left override right
// after the run is never handed to scanOverridden. " \u202emoc.edia-ilema"
// (shown "ameli-aide.com") is a lookalike; " .\u202emoc.edia-ilema" was
// one at e87c7b3^ and is official now.
func TestRed13LeadPunctBeforeOverride(t *testing.T) {
	c := mailChecker(t)
	for _, lead := range []string{" ", " .", "\n.", " ..", " \u3002", " -", " _"} {
		text := "Assurance Maladie: https://www.ameli.fr" + lead + "\u202emoc.edia-ilema"
		t.Run(lead, func(t *testing.T) {
			links, _ := textlinks.Find(text, 10)
			var texts []string
			for _, l := range links {
				texts = append(texts, l.Text)
			}
			assert.Contains(t, texts, "ameli-aide.com")
			assert.Equal(t, Lookalike, c.SMS("AMELI", text).Status)
		})
	}
}
