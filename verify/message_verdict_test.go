package verify

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/domains"
)

// provenHTML is an HTML message from a proven ameli.fr sender.
func provenHTML(body string) string {
	return "Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr\r\n" +
		"From: Assurance Maladie <assurance-maladie@info.ameli.fr>\r\nTo: a@example.org\r\nSubject: Lettre\r\n" +
		"Content-Type: text/html; charset=utf-8\r\n\r\n<html><body>" + body + "</body></html>\r\n"
}

// TestOfficialNeedsOfficialLinks is issue 12, row 11: a message is
// official only when its sender is proven and every link is verified.
func TestOfficialNeedsOfficialLinks(t *testing.T) {
	c := mailChecker(t)
	for _, tt := range []struct {
		name   string
		body   string
		status Status
		code   Code
		// unverified are the links the unverified-link reason names.
		unverified []string
	}{
		{"row 11: a link to an unknown host", `<a href="https://www.ameli.fr/">ameli</a> <a href="https://evil.com/login">Connectez-vous</a>`,
			Unknown, CodeUnverifiedLink, []string{"https://evil.com/login"}},
		{"only official links", `<a href="https://www.ameli.fr/assure">ici</a> <a href="https://www.impots.gouv.fr/">impots</a>`, Official, CodeDMARCPass, nil},
		{"newsletter with follow-us links", `<a href="https://www.ameli.fr/">ameli</a> Suivez-nous :
			<a href="https://www.facebook.com/AssuranceMaladie">Facebook</a> <a href="https://x.com/Assur_Maladie">X</a>
			<a href="https://www.linkedin.com/company/assurance-maladie/">LinkedIn</a> <a href="https://www.youtube.com/@ameli">YouTube</a>
			<a href="https://www.instagram.com/assurancemaladie/">Instagram</a>
			<a href="https://apps.apple.com/fr/app/ameli/id1018451455">App Store</a>
			<a href="https://play.google.com/store/apps/details?id=fr.cnamts.it.activity">Google Play</a>
			<a href="mailto:contact@ameli.fr">contact</a>`, Official, CodeDMARCPass, nil},
		{"a platform's redirector is not its page", `<a href="https://www.youtube.com/redirect?q=https%3A%2F%2Fevil.com%2F">vidéo</a>`,
			Unknown, CodeUnverifiedLink, []string{"https://www.youtube.com/redirect?q=https%3A%2F%2Fevil.com%2F"}},
		{"a platform's redirector without a scheme in its parameter", `<a href="https://www.facebook.com/l.php?u=evil.example%2Flogin">page</a>`,
			Unknown, CodeUnverifiedLink, []string{"https://www.facebook.com/l.php?u=evil.example%2Flogin"}},
		{"a platform's subdomain is not listed", `<a href="https://business.facebook.com/x">page</a>`,
			Unknown, CodeUnverifiedLink, []string{"https://business.facebook.com/x"}},
		// An address written in the text is a mailto: link: written to,
		// it must be official as a link must lead to an official site.
		{"an official address in the text", `Une question ? contact@ameli.fr`, Official, CodeDMARCPass, nil},
		{"an address on another domain in the text", `Envoyez vos justificatifs a dossiers@example.com`,
			Unknown, CodeUnverifiedLink, []string{"mailto:dossiers@example.com"}},
		{"an address on a lookalike domain in the text", `Envoyez votre RIB a remboursement@ameli-aide.com`,
			Lookalike, CodeComboSquat, nil},
		// An anchor's text counts only when what it shows is alarming
		// (red15, red16): the anchor leads where its href does.
		{"an anchor showing an unknown site", `<a href="https://www.ameli.fr/">Voir partenaire.example et dpo@partenaire.example</a>`, Official, CodeDMARCPass, nil},
		{"an anchor showing a lookalike", `<a href="https://www.ameli.fr/">https://ameli-aide.com/connexion</a>`, Lookalike, CodeComboSquat, nil},
		{"several unverified links are named", `<a href="https://a.example/1">1</a><a href="https://b.example/2">2</a><a href="https://c.example/3">3</a><a href="https://d.example/4">4</a>`,
			Unknown, CodeUnverifiedLink, []string{"https://a.example/1", "https://b.example/2", "https://c.example/3"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := c.Message(strings.NewReader(provenHTML(tt.body)))
			require.NoError(t, err)
			assert.Equal(t, tt.status, rep.Status, "%v", rep.Reasons)
			assert.True(t, rep.Has(tt.code), "%v", rep.Codes())
			require.NotNil(t, rep.Organization)
			assert.Equal(t, "assurance-maladie", rep.Organization.ID, "the organisation claimed is kept")
			for _, r := range rep.Reasons {
				if r.Code == CodeUnverifiedLink {
					for _, u := range tt.unverified {
						assert.Contains(t, r.Detail, u)
					}
				}
			}
		})
	}
}

// TestUnverifiedLinkNeedsProvenSender: an unproven sender stays
// unauthenticated; unverified-link is only said of a proven one.
func TestUnverifiedLinkNeedsProvenSender(t *testing.T) {
	msg := strings.Replace(provenHTML(`<a href="https://evil.com/login">Connectez-vous</a>`), "dmarc=pass", "dmarc=fail", 1)
	rep, err := mailChecker(t).Message(strings.NewReader(msg))
	require.NoError(t, err)
	assert.Equal(t, Suspicious, rep.Status)
	assert.False(t, rep.Has(CodeUnverifiedLink))
}

// TestLinkDomainsVouchOnlyForTheirOrganisation: a click-tracking domain the
// registry lists for an organisation keeps a message proven from that
// organisation (or its group) official; the same domain in a message
// proven from another organisation is an unverified link, since a
// tracking domain redirects wherever its user asks.
func TestLinkDomainsVouchOnlyForTheirOrganisation(t *testing.T) {
	overlay, err := domains.Load(strings.NewReader(`{"version":"t","date":"2026-12-01","source":"test","organizations":[
		{"id":"assurance-maladie","name":"Assurance Maladie","kind":"public-body","domains":["ameli.fr"],
		 "mail_domains":["info.ameli.fr"],"link_domains":["clic.mailer-example.net"],"aliases":["ameli"],
		 "member_login":true,"confidence":"high","sources":["test ameli.fr clic.mailer-example.net"]}]}`))
	require.NoError(t, err)
	reg, err := domains.Default().Overlay(overlay)
	require.NoError(t, err)
	c, err := New(reg, WithTrustedAuthServIDs("mx.vigie.example"))
	require.NoError(t, err)
	link := `<a href="https://www.ameli.fr/">ameli</a> <a href="https://clic.mailer-example.net/r/abc">Lire</a>`
	rep, err := c.Message(strings.NewReader(provenHTML(link)))
	require.NoError(t, err)
	assert.Equal(t, Official, rep.Status, "%v", rep.Reasons)

	other := strings.NewReplacer("info.ameli.fr", "dgfip.finances.gouv.fr", "Assurance Maladie <assurance-maladie@", "DGFiP <noreply@").Replace(provenHTML(link))
	rep, err = c.Message(strings.NewReader(other))
	require.NoError(t, err)
	assert.Equal(t, Unknown, rep.Status, "%v", rep.Reasons)
	assert.True(t, rep.Has(CodeDMARCPass), "the other sender is proven: %v", rep.Codes())
	assert.True(t, rep.Has(CodeUnverifiedLink), "%v", rep.Codes())
}

// TestNoneVoidsAForgedPass: the receiving side's "id; none" (no
// authentication performed) above a pass under the same ID in the same
// block: only the sender can have written the pass, which proves nothing.
func TestNoneVoidsAForgedPass(t *testing.T) {
	msg := "Authentication-Results: mx.vigie.example; none\r\n" + provenHTML(`<a href="https://www.ameli.fr/">ameli</a>`)
	rep, err := mailChecker(t).Message(strings.NewReader(msg))
	require.NoError(t, err)
	assert.Equal(t, Unknown, rep.Status, "%v", rep.Reasons)
	assert.True(t, rep.Has(CodeUnauthenticated), "%v", rep.Codes())
	assert.False(t, rep.Has(CodeDMARCPass), "%v", rep.Codes())
}
