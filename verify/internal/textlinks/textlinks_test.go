package textlinks

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/verify/internal/whatwg"
)

func texts(links []Link) []string {
	out := []string{}
	for _, l := range links {
		out = append(out, l.Text)
	}
	return out
}

func TestFind(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"AMELI: votre carte Vitale expire, renouvelez-la sur ameli-carte-vitale.com.", []string{"ameli-carte-vitale.com"}},
		{"Appelez le 09.70.12.34.56 ou le +33 6 12 34 56 78.", []string{}},
		{"Ecrivez a contact@ameli.fr ou mailto:contact@ameli.fr", []string{"contact@ameli.fr", "mailto:contact@ameli.fr", "contact@ameli.fr"}},
		{"Cliquez: https://bit.ly/3xAmeli!", []string{"https://bit.ly/3xAmeli"}},
		{"\"harmonie-mutuelle.fr.verif-compte.com/login\" maintenant", []string{"harmonie-mutuelle.fr.verif-compte.com/login"}},
		{"Allez sur (www.ameli.fr) ou ameli.fr/compte, merci.", []string{"www.ameli.fr", "ameli.fr/compte"}},
		{"« https://assure.ameli.fr/PortailAS »", []string{"https://assure.ameli.fr/PortailAS"}},
		{"Connectez-vous sur ameli\u200b-remboursement\u00ad.com", []string{"ameli-remboursement.com"}},
		{"https://fr.wikipedia.org/wiki/Assurance_maladie_(France).", []string{"https://fr.wikipedia.org/wiki/Assurance_maladie_(France)"}},
		{"http://1.2.3.4/admin", []string{"http://1.2.3.4/admin"}},
		{"Bonjour, rien a signaler.", []string{}},
		{"connectez-vous sur assure.ameli.fr@evil.com/login", []string{"assure.ameli.fr@evil.com/login"}},
		{"remboursement sur 185.12.4.3/a", []string{"185.12.4.3/a"}},
		{"sur 185.12.4.3:8080 maintenant", []string{"185.12.4.3:8080"}},
		{"Version 1.2.3.4 de l'appli disponible", []string{}},
		{"Lien:https://ameli.fr/x et l'ameli.fr", []string{"https://ameli.fr/x", "ameli.fr"}},
		{"Suivez @ameli_actu ou prenom.nom@gmail.com", []string{"prenom.nom@gmail.com"}},
		// Addresses, up to their top-level domain as hosts are read.
		{"RIB a remboursement@ameli-aide.com.Merci ou a x@y, z@localhost", []string{"remboursement@ameli-aide.com"}},
		{"-ameli-remboursement.com, _ameli-remb.com_ et --ameli.fr-- ou __x.com", []string{"ameli-remboursement.com", "ameli-remb.com", "ameli.fr", "x.com"}},
		// A dot that follows no label starts no host: the word after it
		// is linked (red team red12: "https://www.ameli.fr\n.ameli-aide.com"
		// read only the official link).
		{"rdv sur\n.ameli-aide.com, ..ameli-aide.fr -.x.com \u3002y.com", []string{"ameli-aide.com", "ameli-aide.fr", "x.com", "y.com"}},
		{"rdv sur.ameli-aide.com", []string{"sur.ameli-aide.com"}},
		{"Lienhttps://evil.example/x et Voirhxxps://evil.example/y", []string{"https://evil.example/x", "https://evil.example/y"}},
		{"x-safari-https://evil.example/ lien=ameli-remboursement.com dossier/ameli-remb.com", []string{"x-safari-https://evil.example/", "https://evil.example/", "ameli-remboursement.com", "ameli-remb.com"}},
		{"sur ameli.fr:443/compte.", []string{"ameli.fr:443/compte"}},
		// A bidirectional mark is shown as nothing: read joined, as the
		// reader sees it, and cut there, as a link finder ends a link.
		{"https://evil-site.com\u200e.ameli.fr/connexion", []string{"https://evil-site.com.ameli.fr/connexion", "https://evil-site.com"}},
		{"ecrivez a remboursement@ameli-aide\u200c.com", []string{"remboursement@ameli-aide.com"}},
		{"sur ameli-aide\u2066.com/connexion", []string{"ameli-aide.com/connexion"}},
		{"sur ameli-aide\u202c.com/connexion", []string{"ameli-aide.com/connexion"}},
		// Issue 12 row 1: a phone number in a link leaves the link whole.
		{"AMELI\tConfirmez sur https://www.ameli.fr puis https://ameli-remboursement.com/0612345678",
			[]string{"https://www.ameli.fr", "https://ameli-remboursement.com/0612345678"}},
		// Row 2: phone-like digits anywhere in a link.
		{"voir https://ameli-remb.com/?ref=0123456789 et https://x.example/?tel=06.12.34.56.78", []string{"https://ameli-remb.com/?ref=0123456789", "https://x.example/?tel=06.12.34.56.78"}},
		{"https://0612345678.evil.com et 0612345678.evil.com/x", []string{"https://0612345678.evil.com", "0612345678.evil.com/x"}},
		{"ameli-remb.com/?tel=06.12.34.56.78 rappel 06.12.34.56.78", []string{"ameli-remb.com/?tel=06.12.34.56.78"}},
		// Row 3: a word glued to the host. A reader sees the host up to
		// its top-level domain; a browser given the whole run opens it
		// when it has the shape of a domain.
		{"Validez sur ameli-remboursement.com.Merci", []string{"ameli-remboursement.com", "ameli-remboursement.com.Merci"}},
		{"Validez sur ameli-remboursement.com-Merci", []string{"ameli-remboursement.com"}},
		{"Validez sur ameli-remboursement.com.Cordialement", []string{"ameli-remboursement.com", "ameli-remboursement.com.Cordialement"}},
		{"Validez sur ameli-remboursement.com.2025", []string{"ameli-remboursement.com"}},
		{"Validez sur https://ameli-remboursement.com.Merci", []string{"https://ameli-remboursement.com.Merci", "https://ameli-remboursement.com"}},
		{"Fin de phrase sur ameli.fr. Merci", []string{"ameli.fr"}},
		{"Validez sur ameli-remboursement.com.merci", []string{"ameli-remboursement.com", "ameli-remboursement.com.merci"}},
		{"Validez sur ameli-remboursement.com-merci", []string{"ameli-remboursement.com"}},
		// A host goes on in lowercase: no word is glued to it.
		{"sur https://ameli.fr.secure-login.example/x", []string{"https://ameli.fr.secure-login.example/x"}},
		// Row 15: disguised links.
		{"sur ameli-remboursement[.]com", []string{"ameli-remboursement.com"}},
		{"sur ameli-remboursement . com maintenant", []string{"ameli-remboursement.com"}},
		{"sur ameli-remboursement(.)com/x", []string{"ameli-remboursement.com/x"}},
		{"sur ameli-remboursement．com", []string{"ameli-remboursement.com"}},
		{"sur ameli-remboursement。com/x", []string{"ameli-remboursement.com/x"}},
		{"sur ameli-remboursement\u2024com", []string{"ameli-remboursement.com"}},
		{"sur hxxps://ameli-remboursement[.]com/login", []string{"https://ameli-remboursement.com/login"}},
		{"sur hxxp[:]//evil.example/", []string{"http://evil.example/"}},
		{"Votre espace . ameli.fr et Bonjour . Merci", []string{"ameli.fr"}},
		// A host before a spaced dot is a link as written, and the
		// joined run a link finder reads is one too.
		{"sur ameli-aide.com . fr", []string{"ameli-aide.com", "ameli-aide.com.fr"}},
		{"0.ac . AC", []string{"0.ac", "0.ac.AC"}},
		{"0.ac . AC . AC", []string{"0.ac", "0.ac.AC.AC"}},
		// Row 13: schemes that open a browser.
		{"ouvrez microsoft-edge:https://evil.example/x ou view-source:https://evil.example/",
			[]string{"microsoft-edge:https://evil.example/x", "view-source:https://evil.example/"}},
		{"intent://evil.example/x#Intent;scheme=https;end", []string{"intent://evil.example/x#Intent;scheme=https;end"}},
	} {
		got, cut := Find(tc.text, -1)
		assert.False(t, cut)
		assert.Equal(t, tc.want, texts(got), tc.text)
		for _, l := range got {
			assert.LessOrEqual(t, 0, l.Start, tc.text)
			assert.LessOrEqual(t, l.Start, l.End, tc.text)
			assert.LessOrEqual(t, l.End, len(Clean(tc.text)), tc.text)
		}
	}
}

// Links written to escape link finders say how; glued words are kept.
func TestFindDisguiseAndGlue(t *testing.T) {
	for _, tc := range []struct {
		text, link, disguise, glued string
	}{
		{"ameli-remboursement[.]com", "ameli-remboursement.com", "[.] written for a dot", ""},
		{"ameli-remboursement (.) com", "ameli-remboursement.com", "spaces around a dot", ""},
		{"ameli-remboursement．com", "ameli-remboursement.com", "． (a look-alike dot) written for a dot", ""},
		{"hxxps://evil.example", "https://evil.example", "hxxps written for https", ""},
		{"ameli-remboursement.com.Merci", "ameli-remboursement.com", "", ".Merci"},
		{"ameli-remboursement.com-Merci", "ameli-remboursement.com", "", "-Merci"},
		{"www.ameli.fr", "www.ameli.fr", "", ""},
	} {
		got, _ := Find(tc.text, -1)
		require.NotEmpty(t, got, tc.text)
		assert.Equal(t, tc.link, got[0].Text, tc.text)
		assert.Equal(t, tc.disguise, got[0].Disguise, tc.text)
		assert.Equal(t, tc.glued, got[0].Glued, tc.text)
	}
}

func TestFindLimit(t *testing.T) {
	text := strings.Repeat("a.fr b.fr ", 50)
	got, cut := Find(text, 10)
	assert.Len(t, got, 10)
	assert.True(t, cut)
	got, cut = Find("a.fr b.fr", 10)
	assert.Len(t, got, 2)
	assert.False(t, cut)
}

func TestClean(t *testing.T) {
	assert.Equal(t, "ameli.fr", Clean("am\u200beli\u2060.\ufefffr\u00ad"))
	assert.Equal(t, "abc", Clean("a\u200eb\u200dc"))
	// The override and its pop stay, for the scanner to read the run
	// between them as it is shown.
	assert.Equal(t, "\u202emoc.a\u202cb", Clean("\u202emoc.a\u202c\u202cb"))
	assert.Equal(t, "ab\n\u202ecd\u202c", Clean("a\u202cb\n\u202ecd\u202c"))
	s := "déjà vu"
	assert.Equal(t, s, Clean(s))
	// An ASCII head is skipped a byte at a time: what follows it is read.
	assert.Equal(t, "ameli.fr", Clean("ameli.fr\u00ad"))
	assert.Equal(t, "déjàvu ameli.fr", Clean("déjà\u200bvu ameli.fr\ufeff"))
	assert.Equal(t, "ameli.fr", Clean("ameli.fr"))
}

// The scanner's work is linear in the text: counted in bytes read, not in
// time.
func TestScanLinear(t *testing.T) {
	for _, text := range []string{
		strings.Repeat("aa.", 20000),
		strings.Repeat("a.com-", 20000),
		strings.Repeat(")", 50000) + "https://x.example/" + strings.Repeat(")", 50000),
		strings.Repeat("a@", 30000),
		strings.Repeat("x . ", 20000),
		strings.Repeat("https://", 10000),
		// Every letter starts a word that may be an address's local
		// part running to the end.
		strings.Repeat("l'", 30000),
		strings.Repeat("qu'", 20000),
		strings.Repeat("d'a", 20000) + "@ameli-aide.com/x",
		// Links inside links (red14): each opaque link's end is
		// found once for all those it holds.
		strings.Repeat("tel:", 20000),
		strings.Repeat("mailto:a@b.fr?", 5000),
		strings.Repeat("sms:a.fr?body=", 5000),
		strings.Repeat("a.fr..", 20000),
		strings.Repeat("a@b.fr@", 10000),
		strings.Repeat("a@x.c\u200bom ", 20000),
	} {
		s := scan(text, func(Link) bool { return true })
		assert.LessOrEqual(t, s.read, 4*len(text), text[:20])
	}
}

func TestIsTLD(t *testing.T) {
	for label, want := range map[string]bool{
		"com": true, "FR": true, "рф": true, "xn--p1ai": true, "merci": false, "2025": false,
		"-fr": false, "c": false, strings.Repeat("é", 40): false, strings.Repeat("a", 64): false,
	} {
		assert.Equal(t, want, isTLD(label), label)
	}
}

// TestCleanMatchesReference compares Clean with its plain definition, every
// character through the IDNA mapping, on random texts, the hidden controls,
// U+FFFD and bytes that are not UTF-8 removed too.
// defaultIgnorable is Default_Ignorable_Code_Point as
// DerivedCoreProperties.txt derives it, from the standard library's
// tables: Other_Default_Ignorable_Code_Point, format characters and
// variation selectors, but for white space, the interlinear annotation
// characters, the Egyptian hieroglyph format controls and the prepended
// concatenation marks, which are shown.
func defaultIgnorable(r rune) bool {
	if unicode.Is(unicode.White_Space, r) || 0xfff9 <= r && r <= 0xfffb || 0x13430 <= r && r <= 0x1343f ||
		unicode.Is(unicode.Prepended_Concatenation_Mark, r) {
		return false
	}
	return unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) || unicode.Is(unicode.Cf, r) ||
		unicode.Is(unicode.Variation_Selector, r)
}

// invisibleFormat is Default_Ignorable_Code_Point but the override and
// its pop, on every code point.
func TestInvisibleFormat(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if want := defaultIgnorable(r) && r != rlo && r != pdf; invisibleFormat(r) != want {
			t.Fatalf("invisibleFormat(%U) = %v, want %v", r, !want, want)
		}
	}
}

func TestCleanMatchesReference(t *testing.T) {
	ignored := func(r rune) bool {
		return r >= 0x80 && whatwg.IgnoredByIDNA(r) || r == utf8.RuneError || defaultIgnorable(r) && r != rlo ||
			r < 0x20 && !strings.ContainsRune("\t\n\v\f\r", r) || 0x7f <= r && r <= 0x9f
	}
	ref := func(text string) string {
		if !strings.ContainsFunc(text, ignored) {
			return text
		}
		return strings.Map(func(r rune) rune {
			if ignored(r) {
				return -1
			}
			return r
		}, text)
	}
	pieces := []string{"a", ".", " ", "é", "\u00ad", "\u200b", "\ufeff", "\u2060", "\ufe0f", "\u200e", "\u200d", "\xff", "\xe2\x80", "ａ", "\U000E0100", "€",
		"\x00", "\x01", "\t", "\n", "\r", "\x7f", "\u0085", "\ufffd"}
	r := rand.New(rand.NewPCG(11, 12))
	for range 5000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		assert.Equal(t, ref(b.String()), Clean(b.String()), "%q", b.String())
	}
}

// Addresses are marked, links are not; a URL with userinfo is a link.
func TestFindAddress(t *testing.T) {
	for _, tc := range []struct {
		text, link string
		address    bool
	}{
		{"envoyez votre RIB a remboursement@ameli-aide.com.", "remboursement@ameli-aide.com", true},
		{"ecrire a prenom.nom+x@sous.domaine.fr, merci", "prenom.nom+x@sous.domaine.fr", true},
		{"sur assure.ameli.fr@evil.com/login", "assure.ameli.fr@evil.com/login", false},
		{"sur x@evil.com:8443", "x@evil.com:8443", false},
		{"ou ameli.fr", "ameli.fr", false},
	} {
		got, _ := Find(tc.text, -1)
		require.Len(t, got, 1, tc.text)
		assert.Equal(t, tc.link, got[0].Text, tc.text)
		assert.Equal(t, tc.address, got[0].Address, tc.text)
	}
}
