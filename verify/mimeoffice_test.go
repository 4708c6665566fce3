package verify

import (
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestOfficeFieldInstructionLinear checks that a field instruction cut
// into many pieces (a comment between each splits its text) is joined in
// memory that grows with the document, not with its square: joined as
// strings, 40,000 pieces (a 320 KB document) allocated 864 MB.
func TestOfficeFieldInstructionLinear(t *testing.T) {
	for _, tc := range []struct {
		pieces int
		link   bool
	}{
		{40000, false},
		{40000, true},
	} {
		instr := strings.Repeat("a<!---->", tc.pieces)
		if tc.link {
			instr = ` HYPERLINK "https://ameli-aide.com/" ` + instr
		}
		doc := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
			`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>` + instr +
			`</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:document>`
		var body bodyText
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		officeLinks(doc, &body)
		runtime.ReadMemStats(&after)
		allocated := after.TotalAlloc - before.TotalAlloc
		assert.Less(t, allocated, uint64(100*len(doc)), "bytes allocated for a %d-byte document", len(doc))
		if tc.link {
			if assert.Len(t, body.links, 1) {
				assert.Equal(t, "https://ameli-aide.com/", body.links[0].url)
			}
		}
	}
}

// TestQuotedPrintableContinuedLinear checks that a quoted-printable
// value continued over many lines (soft line breaks) is joined in memory
// that grows with the text, not its square: copied whole for every line,
// 40,000 lines allocated 862 MB. The value joined is decoded whole.
func TestQuotedPrintableContinuedLinear(t *testing.T) {
	text := "NOTE;ENCODING=QUOTED-PRINTABLE:" + strings.Repeat("a=\n", 40000) + "https://ameli-aide.com/\n"
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	values := quotedPrintableValues(text)
	runtime.ReadMemStats(&after)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(100*len(text)), "bytes allocated for %d bytes", len(text))
	if assert.Len(t, values, 1) {
		assert.Equal(t, strings.Repeat("a", 40000)+"https://ameli-aide.com/", values[0], "the pieces joined")
	}
}
