package verify

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// FuzzShownTextReaders feeds the readings of shown text and of part
// parameters (red31) with anything: no panic, and no reading longer than
// its input (each only removes or replaces what is not shown).
func FuzzShownTextReaders(f *testing.F) {
	for _, s := range []string{
		"URL:https://ameli-ai\r\n de.com/x", `a\,b\nc\;\\`, "a<bold>b</bold><<c<param>x</param>",
		"a<lt>b<nl>c<comment>x</comment>", "attachment; filename*0*=windows-1252''relev%E9; filename*1=.html",
		`attachment; filename="a.pdf"; filename="b.html"`, `<w:instrText> HYPERLINK "https://x.example" </w:instrText>`,
		`<Relationship Target="https://x.example" TargetMode="External"/>`,
		`<w:fldChar w:fldCharType="begin"/><w:instrText>HYPER</w:instrText><w:instrText>LINK \l "x" "y"</w:instrText><w:fldChar w:fldCharType="end"/>`,
		"X-ALT-DESC;FMTTYPE=text/html:<a href=x>y</a>\nNOTE;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:a=E9=\nb",
		`<f>HYPERLINK("https://a""b" , "c")&amp;HYPERLINK(B1)</f><c formula='of:=HYPERLINK("x";"y")'/>`,
		`<w:fldChar w:fldCharType="begin"/><w:instrText>INCLUDEPICTURE \* MERGEFORMAT "\\\\x\\y"</w:instrText><w:fldChar w:fldCharType="begin"/><w:fldChar w:fldCharType="separate"/><w:t>z</w:t>`,
		`<w:hlink w:dest="https://x.example"/>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		assert.LessOrEqual(t, len(unfoldContentLines(s)), len(s))
		assert.LessOrEqual(t, len(enrichedText(s, false)), len(s))
		assert.LessOrEqual(t, len(enrichedText(s, true)), len(s))
		for _, v := range rawParamValues(s, "filename") {
			assert.LessOrEqual(t, len(v), 4*len(s)+4)
		}
		for _, v := range htmlDescriptions(s) {
			assert.LessOrEqual(t, len(v), len(s))
		}
		for _, v := range quotedPrintableValues(s) {
			assert.LessOrEqual(t, len(v), 4*len(s)+4)
		}
		body := &bodyText{}
		officeLinks(s, body)
		for _, l := range body.links {
			// A field's instruction is joined from its runs.
			// A formula's literal writes a quote twice (red33).
			written := strings.Contains(s, l.url) || strings.Contains(s, strings.ReplaceAll(l.url, `"`, `""`))
			assert.True(t, written || strings.Contains(s, "&") || strings.Contains(s, "fldChar"), "%q from %q", l.url, s)
		}
	})
}
