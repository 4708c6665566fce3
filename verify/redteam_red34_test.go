package verify

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Red team red34 (a helper session attacking fd0b133: the envelope
// recipient a proven message may write, writesToReader). Each case
// below is Official at fd0b133 and leads the reader to write to someone
// other than his one envelope recipient, or shows him another address
// to write to. The sender is proven by the trusted mx.vigie.example.

const red34Head = "Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr\r\n" +
	"From: Ameli <rdv@info.ameli.fr>\r\nTo: <jean.dupont@example.org>\r\nSubject: Votre dossier\r\nMIME-Version: 1.0\r\n"

func red34Plain(s string) string {
	return "Content-Type: text/plain; charset=utf-8\r\n\r\n" + s + "\r\n"
}

func red34HTML(s string) string {
	return "Content-Type: text/html; charset=utf-8\r\n\r\n<html><body><p><a href=\"https://www.ameli.fr/\">ameli.fr</a></p>" + s + "</body></html>\r\n"
}

// red34Check judges head+body delivered to the one recipient rcpt.
func red34Check(t *testing.T, rcpt, body string) Report {
	t.Helper()
	rep, err := mailChecker(t).MessageEnvelope(context.Background(), Envelope{Recipients: []string{rcpt}}, strings.NewReader(red34Head+body))
	require.NoError(t, err)
	return rep
}

// TestRed34NotTheReader holds the findings: each message writes to, or
// shows, an address that is not the reader's, and must not be Official.
func TestRed34NotTheReader(t *testing.T) {
	for _, tc := range []struct{ name, rcpt, body string }{
		// 1. strings.EqualFold folds Unicode: the Kelvin sign K (U+212A)
		// is "k" to it, the long s ſ (U+017F) "s". A mail client sends
		// the code points written, to another mailbox (SMTPUTF8), which
		// a provider allowing such local parts gives to whoever took it.
		{"Kelvin sign in the local part", "kevin@example.org", red34Plain("Ecrivez a \u212Aevin@example.org.")},
		{"Kelvin sign in a mailto:", "kevin@example.org", red34HTML(`<a href="mailto:%E2%84%AAevin@example.org">ecrire</a>`)},
		{"long s in the local part", "jean.smith@example.org", red34Plain("Ecrivez a jean.\u017Fmith@example.org.")},
		// 2. An anchor's text is read only for lookalikes: an address
		// it shows, which the reader copies or types, was never a link
		// to verify. Excusing the reader's href made this reachable
		// with a mailto: to himself; an official href did it already.
		{"anchor to the reader showing another address", "jean.dupont@example.org",
			red34HTML(`<p><a href="mailto:jean.dupont@example.org">Envoyez vos justificatifs a dossiers.remboursement@gmail.com</a></p>`)},
		{"official anchor showing another address", "jean.dupont@example.org",
			red34HTML(`<p><a href="https://www.ameli.fr/">Envoyez vos justificatifs a dossiers.remboursement@gmail.com</a></p>`)},
		{"anchor to the reader showing another site", "jean.dupont@example.org",
			red34HTML(`<p><a href="mailto:jean.dupont@example.org">Deposez-les sur depot-justificatifs.example.net</a></p>`)},
		// 3. A mailto: to the reader (or to an official address) whose
		// query holds fields a mail client turns into more than its
		// recipients: Thunderbird reads reply-to (the organisation then
		// answers the phisher), followup-to and newsgroups (a public
		// post); a
		// subject with CR LF is header injection in clients that copy
		// it as is; a field name with a space or a ';' separator is
		// read by lenient parsers that trim or split on it.
		{"reply-to", "jean.dupont@example.org", red34HTML(`<a href="mailto:jean.dupont@example.org?reply-to=dossiers@evil.example">ecrire</a>`)},
		{"official mailto: with a reply-to", "jean.dupont@example.org", red34HTML(`<a href="mailto:contact@ameli.fr?subject=Dossier&amp;Reply-To=dossiers@gmail.com">ecrire</a>`)},
		{"newsgroups", "jean.dupont@example.org", red34HTML(`<a href="mailto:jean.dupont@example.org?newsgroups=fr.misc.sante">ecrire</a>`)},
		{"CR LF in the subject", "jean.dupont@example.org", red34HTML(`<a href="mailto:jean.dupont@example.org?subject=x%0D%0ABcc:%20dossiers@evil.example">ecrire</a>`)},
		{"a field name with a space", "jean.dupont@example.org", red34HTML(`<a href="mailto:jean.dupont@example.org?%20cc=dossiers@evil.example">ecrire</a>`)},
		{"a ';' separator", "jean.dupont@example.org", red34HTML(`<a href="mailto:jean.dupont@example.org?subject=x;cc=dossiers@evil.example">ecrire</a>`)},
		// (Splitting fields at ';' too loses no address of a field.)
		{"a ';' between addresses", "jean.dupont@example.org", red34HTML(`<a href="mailto:?to=jean.dupont@example.org;dossiers@evil.example">ecrire</a>`)},
		// 4. An envelope recipient that is no plain address: a quoted
		// local part holding an '@', a bang path, a percent hack. Mail
		// clients and submission servers read them each their way
		// (Postfix's swap_bangpath and allow_percent_hack, on by
		// default, route "evil.example!x@example.org" and
		// "x%evil.example@example.org" to evil.example).
		{"quoted local part with an @", `<"dossiers@evil.example"@example.org>`, red34HTML(`<a href="mailto:%22dossiers@evil.example%22@example.org">ecrire</a>`)},
		{"bang path", "evil.example!dossiers@example.org", red34HTML(`<a href="mailto:evil.example!dossiers@example.org">ecrire</a>`)},
		{"percent hack", "dossiers%evil.example@example.org", red34HTML(`<a href="mailto:dossiers%25evil.example@example.org">ecrire</a>`)},
		{"a fragment in the local part", "jean#dossiers@example.org", red34HTML(`<a href="mailto:jean#dossiers@example.org">ecrire</a>`)},
		{"source route without brackets", "@evil.example:jean.dupont@example.org", red34HTML(`<a href="mailto:@evil.example:jean.dupont@example.org">ecrire</a>`)},
		// 5. A form whose action is a mailto: link submits its fields as
		// the link's query (the HTML standard's "mail with headers",
		// method GET, the default): a hidden cc or bcc writes to someone
		// the action does not name, the reader's or an official one.
		{"mail form to the reader with a hidden cc", "jean.dupont@example.org",
			red34HTML(`<form action="mailto:jean.dupont@example.org"><input type="hidden" name="cc" value="dossiers@gmail.com"><input type="submit" value="Envoyer"></form>`)},
		{"official mail form with a hidden bcc", "jean.dupont@example.org",
			red34HTML(`<form action="mailto:contact@ameli.fr"><input type="hidden" name="bcc" value="dossiers@gmail.com"><button>Envoyer</button></form>`)},
		{"mail form's bcc written outside it", "jean.dupont@example.org",
			red34HTML(`<form id="f" action="mailto:contact@ameli.fr"><button>Envoyer</button></form><input form="f" type="hidden" name="bcc" value="dossiers@gmail.com">`)},
		{"button's mail formaction", "jean.dupont@example.org",
			red34HTML(`<form><input type="hidden" name="Bcc" value="dossiers@gmail.com"><button formaction="mailto:jean.dupont@example.org">Envoyer</button></form>`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := red34Check(t, tc.rcpt, tc.body)
			assert.NotEqual(t, Official, rep.Status, "%+v", rep.Reasons)
		})
	}
}

// TestRed34StillTheReader checks that the reader's own address, written
// as newsletters and invitations write it, stays excused.
func TestRed34StillTheReader(t *testing.T) {
	for _, tc := range []struct{ name, rcpt, body string }{
		{"footer", "<jean.dupont@example.org>", red34Plain("Ce message a ete envoye a jean.dupont@example.org.")},
		{"ASCII case", "Jean.Dupont@Example.ORG", red34Plain("Ce message a ete envoye a jean.dupont@example.org.")},
		{"plus address", "jean.dupont+news@example.org", red34Plain("Envoye a jean.dupont+news@example.org.")},
		{"mailto: with a subject and a body", "jean.dupont@example.org", red34HTML(`<a href="mailto:jean.dupont@example.org?subject=Rappel&amp;body=Rendez-vous%20le%203">me l'envoyer</a>`)},
		{"anchor showing the reader's address", "jean.dupont@example.org", red34HTML(`<p><a href="mailto:jean.dupont@example.org">jean.dupont@example.org</a></p>`)},
		// A mailing service's Sender ("bounces@... on behalf of") is
		// shown but asks nobody to write to it.
		{"a mailing service's Sender", "jean.dupont@example.org", "Sender: <bounce-4821@esp-mailer.net>\r\n" + red34Plain("Votre espace : https://www.ameli.fr/")},
		{"official mailto: with a subject holding ';'", "jean.dupont@example.org", red34HTML(`<a href="mailto:contact@ameli.fr?subject=Rappel%20;%20rendez-vous&amp;body=Bonjour">ecrire</a>`)},
		{"mail form to the reader", "jean.dupont@example.org",
			red34HTML(`<form action="mailto:jean.dupont@example.org"><input type="hidden" name="subject" value="Rappel"><button>M'envoyer un rappel</button></form>`)},
		{"official anchor showing the reader's address", "jean.dupont@example.org", red34HTML(`<p><a href="https://www.ameli.fr/compte">Compte de jean.dupont@example.org</a></p>`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := red34Check(t, tc.rcpt, tc.body)
			assert.Equal(t, Official, rep.Status, "%+v", rep.Reasons)
		})
	}
}
