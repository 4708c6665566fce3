package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Red team red32, the HTML findings (the text read in place, an inline
// element's room, transparent borders); the message-layer findings are
// in redteam_red32_test.go.

// TestRed32InlineRoomInPlace (finding 8, a false alarm, sure, brought by
// red30's reading in place). A non-atomic inline element's padding,
// border and margin are drawn at its start and end (CSS 2.1, 8.1 and
// 10.8): "Votre espace<a style=margin-left:5px>ameli.fr</a>" shows
// "Votre espace ameli.fr", and a bar of links spaced by their margins
// or padding ("Mon compte", "ameli.fr") shows them apart, as every
// newsletter writes its menu. vigie glued the words in the text read in
// place: espaceameli.fr and compteameli.fr, Lookalike (combo-squat) for
// a genuine proven newsletter. Root cause: htmlbox.go partsAround (an
// inline element's room is not read).
func TestRed32InlineRoomInPlace(t *testing.T) {
	c := mailChecker(t)
	for _, body := range []string{
		`<p>Votre espace<a href="https://www.ameli.fr" style="margin-left:5px">ameli.fr</a></p>`,
		`<p>Votre espace<a href="https://www.ameli.fr" style="padding-left:8px">ameli.fr</a></p>`,
		`<p><a style="margin:0 10px" href="https://www.ameli.fr/assure">Mon compte</a><a style="margin:0 10px" href="https://www.ameli.fr">ameli.fr</a></p>`,
		`<p><a href="https://www.ameli.fr/assure" style="border-right:1px solid #ccc">Mon compte</a><a href="https://www.ameli.fr">ameli.fr</a></p>`,
	} {
		t.Run(body, func(t *testing.T) {
			assert.Equal(t, Official, provenReport(t, c, body).Status)
			// A document too deep for the tree builder is deep-html
			// (Suspicious) whatever it holds; no lookalike is read.
			assert.NotContains(t, provenReport(t, c, red19Deep+body).Codes(), CodeComboSquat, "token scan")
		})
	}
	t.Run("a gap of two pixels still glues", func(t *testing.T) {
		assertRed18Caught(t, c, `<div>Connectez-vous sur ameli-<span style="padding-left:1px">aide</span>.com/connexion</div>`, Lookalike)
	})
}

// TestRed32AcrossAnchorUnregistered (finding 14, a miss, sure). red30
// read the visible text in place, anchors' texts glued to the words
// beside them, but judged what it found as an anchor's text is: only a
// lookalike or suspicious host counts. An address on any other host,
// written across an anchor's edge ("Envoyez votre RIB a
// remboursement@<a href=https://www.ameli.fr>suivi-usagers</a>.net"), is
// one the reader writes to, as the same address written in plain text
// is (Unknown, unverified-link); here it left the proven message
// Official. Root cause: htmltext.go finish (in-place links judged only
// when alarming).
func TestRed32AcrossAnchorUnregistered(t *testing.T) {
	c := mailChecker(t)
	for _, tt := range []struct{ body, link string }{
		{`<p>Envoyez votre RIB a remboursement@<a href="https://www.ameli.fr">suivi-usagers</a>.net</p>`, "mailto:remboursement@suivi-usagers.net"},
		{`<p>Envoyez votre RIB a remboursement@suivi-<a href="https://www.ameli.fr">usagers</a>.net</p>`, "mailto:remboursement@suivi-usagers.net"},
		{`<p>Rendez-vous sur <a href="https://www.ameli.fr">https://suivi-</a>usagers.net/connexion</p>`, "https://suivi-usagers.net/connexion"},
	} {
		t.Run(tt.body, func(t *testing.T) {
			rep := provenReport(t, c, tt.body)
			assert.Equal(t, Unknown, rep.Status, "%v", rep.Reasons)
			assert.True(t, rep.Has(CodeUnverifiedLink), "%v", rep.Codes())
			assert.Contains(t, reportURLs(rep), tt.link)
		})
	}
	t.Run("official text around official anchors", func(t *testing.T) {
		rep := provenReport(t, c, `<p>Rendez-vous sur <a href="https://www.ameli.fr">ameli</a>.fr ou ecrivez a assurance-maladie@<a href="https://www.ameli.fr">info.ameli</a>.fr</p>`)
		assert.Equal(t, Official, rep.Status, "%v", rep.Reasons)
	})
}

// TestRed32TransparentBorder (finding 15, a miss, sure). A border drawn
// in a transparent colour is blank room a reader does not see: 1 pixel
// of it beside ameli-<span>aide</span>.com leaves ameli-aide.com glued.
// vigie took every drawn border for a line that parts the words (red30,
// for inline-blocks; finding 8 of this round extended the reading of
// room to every inline element): "ameli- aide .com/connexion", Official
// for a proven sender, where the glued text is Lookalike. A transparent
// border counts as blank room (parts only when wider than 2 pixels with
// the padding and margin). Root cause: htmlbox.go leavesRoom.
func TestRed32TransparentBorder(t *testing.T) {
	c := mailChecker(t)
	for _, style := range []string{
		"border-left:1px solid transparent",
		"border-left:2px solid rgba(0, 0, 0, 0)",
		"border:1px solid;border-color:transparent",
		"border-left:1px solid #000;border-left-color:#0000",
		"display:inline-block;border-left:1px solid transparent",
	} {
		t.Run(style, func(t *testing.T) {
			assertRed18Caught(t, c, red30Glued(`<span style="`+style+`">aide</span>`), Lookalike)
		})
	}
	t.Run("a visible border still parts", func(t *testing.T) {
		rep := unprovenReport(t, c, red30Glued(`<span style="border-left:1px solid #000">aide</span>`))
		assert.NotEqual(t, Lookalike, rep.Status, "%v", reportURLs(rep))
	})
}
