package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Red team red33, the HTML finding (see redteam_red33_test.go).

// TestRed33BorderAlphaWritten (finding 11, a miss, sure for the rows of
// alpha 0, a judgement for the faint ones). red32 made a transparent
// border blank room, which parts no words at 1 pixel, reading the alpha
// of rgba()/hsla() as a string of zeros: CSS Color 4 clamps an alpha
// out of [0, 1] ("-1" is 0), a number may be written "0e0" or
// "calc(0)", and an alpha of 1% (#00000001, 0.01) draws no line a
// reader sees. vigie took each for a drawn line that parts
// "ameli-aide.com": Unknown (aide.com) for a proven sender, where the
// glued text is the lookalike. So did it a border shorthand the browser
// drops as invalid (two colours, a hexadecimal colour of 2 or 5
// digits): no border is drawn, the words stay glued. And it split a
// shorthand's colour function at its spaces, "1px solid rgb(0 0 0 /
// 50%)" read as three widths, hence invalid: no line, where a visible
// one parts the words (a false alarm). Root cause: htmlbox.go
// transparentColor, borderShorthand.
func TestRed33BorderAlphaWritten(t *testing.T) {
	c := mailChecker(t)
	for _, colour := range []string{
		"rgba(0,0,0,-1)",
		"rgba(0,0,0,0e0)",
		"rgba(0,0,0,calc(0))",
		"rgba(0,0,0,0.01)",
		"hsla(0,0%,0%,.02)",
		"#00000001",
		"#0001",
		"red blue",
		"#12",
		"#12345",
	} {
		t.Run(colour, func(t *testing.T) {
			assertRed18Caught(t, c, red30Glued(`<span style="border-left:1px solid `+colour+`">aide</span>`), Lookalike)
		})
	}
	for _, colour := range []string{"rgba(0,0,0,0.5)", "#0008", "rgb(0 0 0 / 50%)"} {
		t.Run("a visible border still parts "+colour, func(t *testing.T) {
			rep := unprovenReport(t, c, red30Glued(`<span style="border-left:1px solid `+colour+`">aide</span>`))
			assert.NotEqual(t, Lookalike, rep.Status, "%v", reportURLs(rep))
		})
	}
}
