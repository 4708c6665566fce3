package verify

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDisplayNameDisguises is issue 12, row 14: a display name that names
// an organisation with look-alike letters or a disguise, on an unrelated
// address, is suspicious (display-name-brand).
func TestDisplayNameDisguises(t *testing.T) {
	for _, tt := range []struct {
		name, org string
	}{
		{"\u0410ssurance Maladie", "assurance-maladie"},  // Cyrillic А
		{"Assur\u03b1nce Maladie", "assurance-maladie"},  // Greek α
		{"Assur\u00adance Maladie", "assurance-maladie"}, // soft hyphen
		{"Assur\u200bance Maladie", "assurance-maladie"}, // zero-width space
		{"ameIi", "assurance-maladie"},                   // capital i
		{"Ame1i", "assurance-maladie"},
		{"arneli", "assurance-maladie"},
		{"ＡＭＥＬＩ", "assurance-maladie"}, // fullwidth
		{"AssuranceMaladie", "assurance-maladie"},
		{"Assurance-Maladie Service", "assurance-maladie"},
		{"M.G.E.N", "mgen"},
		{"M G E N", "mgen"},
		{"Harm0nie Mutuelle", "harmonie-mutuelle"},
		{"Service DGFiPServicePublic", "dgfip-impots"},
		{"=?utf-8?B?0JBzc3VyYW5jZSBNYWxhZGll?=", "assurance-maladie"}, // "Аssurance Maladie", encoded
	} {
		t.Run(tt.name, func(t *testing.T) {
			from := `"` + tt.name + `" <service@mail.example.org>`
			if strings.HasPrefix(tt.name, "=?") {
				from = tt.name + " <service@mail.example.org>"
			}
			v := Sender(from)
			assert.Equal(t, Suspicious, v.Status, "%v", v.Reasons)
			require.NotNil(t, v.Organization)
			assert.Equal(t, tt.org, v.Organization.ID)
			assert.True(t, v.Has(CodeDisplayNameBrand), "%v", v.Codes())
		})
	}
}

// TestDisplayNamesThatNameNobody: ordinary names and words stay Unknown.
func TestDisplayNamesThatNameNobody(t *testing.T) {
	for _, name := range []string{"Amélie Dupont", "Alan Smith", "Camelia", "Service client", "Marie Harmon",
		"Il a me li", "M. Gen", "Mme Génération", "Caisse d'épargne", "Mutuelle du village", "Amel Ibrahim", "Vitalie"} {
		v := Sender(`"` + name + `" <contact@mail.example.org>`)
		assert.Equal(t, Unknown, v.Status, "%s: %v", name, v.Reasons)
	}
}

// TestSMSNameDisguises is row 14 for text messages: the same disguises
// in the text and in sender IDs.
func TestSMSNameDisguises(t *testing.T) {
	c := Default()
	for _, text := range []string{
		"\u0410ssurance Maladie: un remboursement de 47,20 EUR vous attend sur https://remb-sante.example/r",
		"ameIi: votre carte expire, renouvelez-la sur https://remb-sante.example/r",
		"Harm0nie Mutuelle: mettez a jour votre RIB sur https://remb-sante.example/r",
		"AssuranceMaladie - dossier en attente https://remb-sante.example/r",
	} {
		rep := c.SMS("36201", text)
		assert.Equal(t, Suspicious, rep.Status, "%s: %v", text, rep.Reasons)
		assert.True(t, rep.Has(CodeBrandMention), "%s: %v", text, rep.Codes())
	}
	for _, sender := range []string{"\u0410MELI", "AMEL1", "ＡＭＥＬＩ", "AMEIi"} {
		rep := c.SMS(sender, "Bonjour, votre dossier est en cours https://remb-sante.example/r")
		assert.True(t, rep.Has(CodeSenderID), "%s: %v", sender, rep.Codes())
		assert.True(t, rep.Has(CodeBrandMention), "%s: %v", sender, rep.Codes())
		assert.Equal(t, "assurance-maladie", rep.Organization.ID, sender)
	}
}

// TestSenderNames is issue 12, row 19: real phishing senders.
func TestSenderNames(t *testing.T) {
	for _, tt := range []struct {
		from   string
		status Status
		org    string
		code   Code
	}{
		{"impots-gouving@vohf.onmicrosoft.com", Suspicious, "dgfip-impots", CodeLocalPartBrand},
		{"Service <ameli.remboursement@outlook.fr>", Suspicious, "assurance-maladie", CodeLocalPartBrand},
		// Two organisations' names glued: the host engine names one.
		{"contact@dgfipservicepublic.org", Lookalike, "dgfip-impots", CodeComboSquat}, // DGFiP is strong, "Service Public" weak
		{"info@mgenharmoniemutuelle.com", Lookalike, "harmonie-mutuelle", CodeComboSquat},
		// "impôt" is one edit from "impots" once its accent is read.
		{"info@impôt.gouv.fr", Lookalike, "dgfip-impots", CodeEditDistance},
		{"info@xn--impt-xqa.gouv.fr", Lookalike, "dgfip-impots", CodeEditDistance},
		{"noreply@amélì.com", Lookalike, "assurance-maladie", ""},
	} {
		t.Run(tt.from, func(t *testing.T) {
			v := Sender(tt.from)
			assert.Equal(t, tt.status, v.Status, "%v", v.Reasons)
			require.NotNil(t, v.Organization, "%v", v.Reasons)
			assert.Equal(t, tt.org, v.Organization.ID)
			if tt.code != "" {
				assert.True(t, v.Has(tt.code), "%v", v.Codes())
			}
		})
	}
	for _, from := range []string{"contact@example.org", "alan.smith@gmail.com", "april.dupont@gmail.com", "info@servicepublicfacile.org", "a@mutuelle-du-village.fr"} {
		v := Sender(from)
		assert.Equal(t, Unknown, v.Status, "%s: %v", from, v.Reasons)
	}
	for _, from := range []string{"Assurance Maladie <ameli@info.ameli.fr>", "relations-cpam@mgen.fr"} {
		v := Sender(from)
		assert.Equal(t, Official, v.Status, "an official address naming an organisation: %s", from)
		assert.False(t, v.Has(CodeLocalPartBrand))
	}
}

// loginMail is a message whose text is body and whose only link is href.
func loginMail(auth, body, href string) string {
	return auth + "From: Service Client <service@mail.example.org>\r\nSubject: Information\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" +
		"<p>" + body + ` <a href="` + href + `">Accéder</a></p>` + "\r\n"
}

// TestLoginBrandMention is issue 12, row 18: a message naming an
// organisation as the way to log in while its links go elsewhere.
func TestLoginBrandMention(t *testing.T) {
	c := mailChecker(t)
	for _, tt := range []struct {
		name, body, href string
		brand            bool
		org              string
	}{
		{"via FranceConnect", "Connexion 100% sécurisée via FranceConnect.", "https://portail-aides.example/login", true, "franceconnect"},
		{"compte ameli", "Pour recevoir votre remboursement, connectez-vous à votre compte ameli.", "https://portail-aides.example/login", true, "assurance-maladie"},
		{"disguised name", "Connectez-vous à votre espace Harm0nie Mutuelle.", "https://portail-aides.example/login", true, "harmonie-mutuelle"},
		{"official link", "Connexion 100% sécurisée via FranceConnect.", "https://app.franceconnect.gouv.fr/", false, ""},
		{"link official for another organisation", "Connexion via FranceConnect.", "https://www.impots.gouv.fr/", false, ""},
		{"a name far from any login word", "L'Assurance Maladie rappelle que la vaccination est ouverte à tous. Nos conseillers vous répondent du lundi au vendredi, et notre newsletter paraît chaque mois pour vous tenir informé.", "https://portail-aides.example/actu", false, ""},
		{"no name", "Connectez-vous à votre compte client.", "https://portail-aides.example/login", false, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := c.Message(strings.NewReader(loginMail("", tt.body, tt.href)))
			require.NoError(t, err)
			assert.Equal(t, tt.brand, rep.Has(CodeBrandMention), "%v", rep.Reasons)
			if tt.brand {
				assert.Equal(t, Suspicious, rep.Status)
				assert.Equal(t, tt.org, rep.Organization.ID)
			}
		})
	}
	t.Run("the proven sender names itself", func(t *testing.T) {
		msg := "Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr\r\n" +
			strings.Replace(loginMail("", "Connectez-vous à votre compte ameli.", "https://lettre.partenaire.example/c"),
				"Service Client <service@mail.example.org>", "Assurance Maladie <assurance-maladie@info.ameli.fr>", 1)
		rep, err := c.Message(strings.NewReader(msg))
		require.NoError(t, err)
		assert.False(t, rep.Has(CodeBrandMention), "%v", rep.Reasons)
		assert.Equal(t, Unknown, rep.Status, "not official: the link is unverified")
		assert.True(t, rep.Has(CodeUnverifiedLink))
	})
}

func TestVisualKey(t *testing.T) {
	same := [][]string{
		{"ameli", "ameIi", "Ame1i", "arneli", "AMELI", "\u0410MELI", "AMEL1"},
		{"harmonie", "Harm0nie", "HARMONIE", "harrnonie"},
		{"assurance", "Assur\u03b1nce", "\u0410ssurance", "Assurançe"},
	}
	for _, group := range same {
		for _, w := range group[1:] {
			assert.Equal(t, visualKey(group[0]), visualKey(w), "%s and %s", group[0], w)
		}
	}
	assert.NotEqual(t, visualKey("ameli"), visualKey("amelie"))
	var words []string
	for _, w := range nameWords("ＡＭＥＬＩ Assur\u00adance, M.G.E.N") {
		words = append(words, w.text)
	}
	assert.Equal(t, []string{"AMELI", "Assurance", "M", "G", "E", "N"}, words)
}

func FuzzNamedOrganizations(f *testing.F) {
	for _, s := range []string{"Аssurance Maladie", "M.G.E.N", "dgfipservicepublic", "connectez-vous à votre compte ameIi", "Harm0nie\u00ad Mutuelle"} {
		f.Add(s)
	}
	c := Default()
	f.Fuzz(func(t *testing.T, s string) {
		words := nameWords(s)
		for _, h := range c.namedOrganizations(s) {
			require.NotNil(t, h.org)
			require.NotEmpty(t, h.name)
			if h.first >= 0 {
				require.LessOrEqual(t, h.first, h.last)
				require.Less(t, h.last, len(words))
			}
		}
		for _, h := range c.gluedNames(s) {
			require.NotNil(t, h.org)
		}
	})
}
