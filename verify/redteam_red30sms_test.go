package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Red team red30, its SMS findings (see redteam_red30_test.go): requests
// to write to an address that smswrite.go missed, and the reader's own
// address read as one asked for.

// red30SMSAddr is a free-mail address naming no brand.
const red30SMSAddr = "service.dossiers@gmail.com"

// TestRed30SMSRequestMissed (finding 6, a miss). (a) "Envoyez votre RIB
// depuis votre messagerie a <address>" names the reader's own mailbox as
// the channel and the address as the destination (sure):
// answeredElsewhere takes any channel noun after "depuis", "dans", "via"
// for an answer given elsewhere. (b) A gerund after "en" asks as the
// imperative does: "regularisez en envoyant votre RIB a ..." (sure).
// (c) "Transferez votre RIB a ...", "SVP envoyer ...", "vous devrez nous
// envoyer ...", "il vous faudra envoyer ..." ask (sure; judgement call on
// the word lists). (d) A label line naming who reads the mail ("Adresse
// de votre conseiller :", "Service remboursements :") labels the address
// as "Mail :" does (sure). Unknown instead of Suspicious. Root cause: smswrite.go
// answeredElsewhere, asks (no gerund), writeWords/askBefore/askModals;
// smswords.go askedFrom (labelWords only).
func TestRed30SMSRequestMissed(t *testing.T) {
	c := mailChecker(t)
	for _, ask := range []string{
		"Envoyez votre RIB depuis votre messagerie a " + red30SMSAddr,
		"Envoyez votre RIB dans votre espace a l'adresse " + red30SMSAddr,
		"Mettez a jour votre dossier en envoyant votre RIB a " + red30SMSAddr,
		"Regularisez en nous transmettant votre RIB a " + red30SMSAddr,
		"Vous pouvez le debloquer en envoyant votre RIB a " + red30SMSAddr,
		"Transferez votre RIB a " + red30SMSAddr,
		"SVP envoyer votre RIB a " + red30SMSAddr,
		"Vous devrez nous envoyer votre RIB a " + red30SMSAddr,
		"Il vous faudra envoyer votre RIB a " + red30SMSAddr,
		"Envoyez votre RIB.\nAdresse de votre conseiller : " + red30SMSAddr,
		"Envoyez votre RIB.\nService remboursements : " + red30SMSAddr,
	} {
		text := "AMELI: remboursement bloque. " + ask
		t.Run(ask, func(t *testing.T) {
			rep := c.SMS("AMELI", text)
			assert.True(t, rep.Status.Worse(Unknown), "got %s: %v", rep.Status, rep.Codes())
		})
	}
}

// TestRed30SMSOwnAddressAfterPurpose (finding 7, a false alarm, sure).
// "Repondez OUI pour recevoir vos decomptes a <address>": the reply goes
// back by SMS; what follows "pour" is why, and the address the reader's
// own, where the statements will go (so after "vous recevrez"). "envoyez OUI au 38100" is the same
// reply by SMS, and "envoyez-nous un SMS" asks for no mail.
// destinationFollows takes a destination word anywhere in the sentence
// (the "a" of "a l'adresse", the "mail" of "adresse mail") for where the
// reply is sent; the reply exemption is for repondez alone; "envoyer un
// SMS" reads as a request to write. Suspicious instead of Unknown. Root
// cause: smswrite.go destinationFollows, replyWords, asks.
func TestRed30SMSOwnAddressAfterPurpose(t *testing.T) {
	c := mailChecker(t)
	for _, text := range []string{
		"Assurance Maladie : repondez OUI pour recevoir vos decomptes a jean.dupont@gmail.com",
		"Assurance Maladie : repondez OUI par SMS pour recevoir vos releves a l'adresse jean.dupont@gmail.com",
		"Assurance Maladie : repondez OUI pour confirmer votre nouvelle adresse mail : jean.dupont@gmail.com",
		"Assurance Maladie : envoyez OUI au 38100 pour recevoir vos releves a jean.dupont@gmail.com",
		"Assurance Maladie : merci de nous envoyer un SMS pour confirmer votre adresse jean.dupont@gmail.com",
		"Assurance Maladie : repondez OUI par SMS, vous recevrez vos releves a jean.dupont@gmail.com",
	} {
		t.Run(text, func(t *testing.T) {
			rep := c.SMS("38100", text)
			assert.False(t, rep.Status.Worse(Unknown), "got %s: %v", rep.Status, rep.Reasons)
		})
	}
}

// TestRed30SMSReplyStillAsks guards the fixes of findings 6 and 7 (these
// rows pass at c9fff37): a purpose ends at a comma ("pour valider, par
// mail a ..."), a document sent with the reply is a request ("envoyez OUI
// avec votre RIB"), and a channel followed by another clause ("..., nous
// vous repondrons a <address>") still answers elsewhere, as does a reply
// keyword before a condition naming informations, and a gerund reply by
// SMS ("en repondant OUI") asks no more than the imperative.
func TestRed30SMSReplyStillAsks(t *testing.T) {
	c := mailChecker(t)
	for _, tt := range []struct {
		text string
		asks bool
	}{
		{"AMELI: remboursement bloque. Repondez OUI pour valider, par mail a " + red30SMSAddr, true},
		{"AMELI: remboursement bloque. Envoyez OUI avec votre RIB pour debloquer a " + red30SMSAddr, true},
		{"AMELI: remboursement bloque. Envoyez STOP au 38100 puis votre RIB a " + red30SMSAddr, true},
		{"Assurance Maladie : ecrivez-nous depuis votre compte ameli, nous vous repondrons a jean.dupont@gmail.com", false},
		{"Assurance Maladie : repondez OUI si ces informations sont exactes : jean.dupont@gmail.com", false},
		{"Assurance Maladie : en repondant OUI par SMS, vous recevrez vos releves a jean.dupont@gmail.com", false},
		{"Assurance Maladie : nous avons traite votre demande en envoyant votre attestation a jean.dupont@gmail.com", false},
		{"Assurance Maladie : envoyez votre RIB depuis votre espace ameli.\nVotre adresse : jean.dupont@gmail.com", false},
	} {
		t.Run(tt.text, func(t *testing.T) {
			rep := c.SMS("AMELI", tt.text)
			assert.Equal(t, tt.asks, rep.Status.Worse(Unknown), "got %s: %v", rep.Status, rep.Codes())
		})
	}
}
