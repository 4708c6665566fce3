package verify

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMessageEnvelope checks that a proven message may write the address
// of its one envelope recipient and stay Official, and that nothing else
// is excused: several recipients, another address, a copy to someone
// else, no envelope.
func TestMessageEnvelope(t *testing.T) {
	c := mailChecker(t)
	const head = "Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr\r\n" +
		"From: Ameli <rdv@info.ameli.fr>\r\nTo: Jean Dupont <jean.dupont@example.org>\r\nSubject: Rendez-vous\r\nMIME-Version: 1.0\r\n"
	const footer = "Content-Type: text/plain; charset=utf-8\r\n\r\nVotre espace : https://www.ameli.fr/\r\nCe message a ete envoye a jean.dupont@example.org.\r\n"
	const invitation = "Content-Type: text/calendar; method=REQUEST; charset=utf-8\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n" +
		"ORGANIZER;CN=Ameli:mailto:rdv@info.ameli.fr\r\nATTENDEE;CN=Jean Dupont;RSVP=TRUE:mailto:jean.dupont@example.org\r\n" +
		"SUMMARY:Rendez-vous\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	html := func(href string) string {
		return "Content-Type: text/html; charset=utf-8\r\n\r\n<p><a href=\"https://www.ameli.fr/\">ameli.fr</a> <a href=\"" + href + "\">ecrire</a></p>\r\n"
	}
	for _, tc := range []struct {
		name       string
		recipients []string
		body       string
		want       Status
	}{
		{"the reader's address in a footer", []string{"<jean.dupont@example.org>"}, footer, Official},
		{"written in another case", []string{"Jean.Dupont@Example.ORG"}, footer, Official},
		{"an invitation's ATTENDEE", []string{"jean.dupont@example.org"}, invitation, Official},
		{"a mailto: to the reader", []string{"jean.dupont@example.org"}, html("mailto:jean.dupont@example.org"), Official},
		{"no envelope", nil, footer, Unknown},
		{"two recipients", []string{"jean.dupont@example.org", "paul@example.org"}, footer, Unknown},
		{"another recipient", []string{"paul@example.org"}, footer, Unknown},
		{"a recipient that is no address", []string{"jean.dupont"}, footer, Unknown},
		{"a copy to someone else", []string{"jean.dupont@example.org"}, html("mailto:jean.dupont@example.org?cc=support@example.net"), Unknown},
		{"the reader and someone else", []string{"jean.dupont@example.org"}, html("mailto:jean.dupont@example.org,support@example.net"), Unknown},
		{"a web link is no address", []string{"jean.dupont@example.org"}, html("https://example.org/"), Unknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := c.MessageEnvelope(context.Background(), Envelope{Recipients: tc.recipients}, strings.NewReader(head+tc.body))
			require.NoError(t, err)
			assert.Equal(t, tc.want, rep.Status, "%+v", rep.Reasons)
			assert.Equal(t, tc.want == Unknown, rep.Has(CodeUnverifiedLink), "%+v", rep.Reasons)
		})
	}
}

// TestMessageEnvelopeExcusesNoLookalike checks that the reader's address
// excuses an unverified link only: a lookalike beside it is still one.
func TestMessageEnvelopeExcusesNoLookalike(t *testing.T) {
	c := mailChecker(t)
	msg := "Authentication-Results: mx.vigie.example; dmarc=pass header.from=info.ameli.fr\r\n" +
		"From: Ameli <rdv@info.ameli.fr>\r\nTo: jean.dupont@example.org\r\nSubject: x\r\n\r\n" +
		"Envoye a jean.dupont@example.org. Connectez-vous sur https://ameli-aide.com/\r\n"
	rep, err := c.MessageEnvelope(context.Background(), Envelope{Recipients: []string{"jean.dupont@example.org"}}, strings.NewReader(msg))
	require.NoError(t, err)
	assert.Equal(t, Lookalike, rep.Status)
}
