package textlinks

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Red-team findings: each text holds a link a reader follows, or a phone
// links, that the scanner must report (among others).
func TestRedTeamFind(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		// More glued words than the right-to-left search used to try
		// (three labels): the host a reader sees was not reported at all.
		{"three glued words", "Validez sur ameli-aide.com.Merci.Bonne.Journee", "ameli-aide.com"},
		{"five glued words", "Validez sur ameli-aide.com.Merci.Bonne.Journee.A.Bientot", "ameli-aide.com"},
		{"glued reference", "Dossier ameli-aide.com.Ref.2025.12.01", "ameli-aide.com"},
		// A web scheme after a separator: a phone links from the word
		// boundary before "https"; the scheme as written ("rdv-https")
		// has no site, so the link was left Unknown.
		{"scheme after a hyphen", "RDV sur rdv-https://ameli-aide.com/x", "https://ameli-aide.com/x"},
		{"scheme after a plus", "RDV sur rdv+https://ameli-aide.com/x", "https://ameli-aide.com/x"},
		{"scheme after a dot", "RDV sur rdv.https://ameli-aide.com/x", "https://ameli-aide.com/x"},
		{"scheme after an underscore", "RDV sur rdv_https://ameli-aide.com/x", "ameli-aide.com/x"},
		{"disguised scheme after a hyphen", "RDV sur rdv-hxxps://ameli-aide.com/x", "https://ameli-aide.com/x"},
		// Mapped by a browser to ASCII letters or digits: part of the
		// host as a reader reads it and a browser opens it.
		{"roman numeral i", "sur amelⅰ.fr.ameli-aide.com", "amelⅰ.fr.ameli-aide.com"},
		{"circled digit", "sur ameli-aide①.com", "ameli-aide①.com"},
		{"superscript digit", "sur ameli-aide¹.com", "ameli-aide¹.com"},
		{"circled letter", "sur ⓐmeli-aide.com", "ⓐmeli-aide.com"},
		{"trade mark sign", "sur ameli™.com", "ameli™.com"},
		// An '@' with no address before it: a handle-like link.
		{"at sign starting a word", "validez @ameli-aide.com/login", "ameli-aide.com/login"},
		{"at sign at the start", "@ameli-aide.com", "ameli-aide.com"},
		// A right-to-left override shows the run after it reversed:
		// the reader sees ameli-aide.com.
		{"right-to-left override", "validez sur \u202emoc.edia-ilema\u202c merci", "ameli-aide.com"},
		{"right-to-left override to the end", "validez sur \u202e/nigol/moc.edia-ilema//:sptth", "https://ameli-aide.com/login/"},
		// An address followed by a port is a URL with userinfo, as
		// one followed by a path is.
		{"userinfo and port", "ou x@ameli-aide.com:8443/login", "x@ameli-aide.com:8443/login"},
		// A zero-width space or soft hyphen inside a link: a browser
		// drops it, a link finder may end the link there.
		{"zero-width space before an official suffix", "https://ameli-aide.com\u200b.ameli.fr", "https://ameli-aide.com"},
		{"zero-width space, bare", "ameli-aide.com\u200b.ameli.fr", "ameli-aide.com"},
		{"soft hyphen", "https://ameli-aide.com\u00adwww.ameli.fr", "https://ameli-aide.com"},
		{"dropped as a browser does", "https://ameli-aide.com\u200b.ameli.fr", "https://ameli-aide.com.ameli.fr"},
		// Red team red14. A host run cut short at an empty label or a
		// trailing dash: the word after the punctuation is read.
		{"empty label", "Validez sur ameli.fr..ameli-aide.com/connexion", "ameli-aide.com/connexion"},
		{"dash and dot", "Validez sur ameli.fr-.ameli-aide.com/connexion", "ameli-aide.com/connexion"},
		{"look-alike dot and dot", "Validez sur ameli.fr\uff0e.ameli-aide.com/connexion", "ameli-aide.com/connexion"},
		// An address's domain is read as a host is: disguised dots
		// undone, read on past another '@'.
		{"address with a disguised dot", "RIB a remboursement@ameli-aide[.]com", "remboursement@ameli-aide.com"},
		{"address with a full-width dot", "RIB a remboursement@ameli-aide\uff0ecom", "remboursement@ameli-aide.com"},
		{"address with spaces around a dot", "RIB a remboursement@ameli-aide . com", "remboursement@ameli-aide.com"},
		{"address read past another @", "RIB a contact@ameli.fr@ameli-aide.com", "contact@ameli.fr@ameli-aide.com"},
		{"address after an empty label", "RIB a contact@ameli.fr..ameli-aide.com", "ameli-aide.com"},
		// What a tel:, sms: or mailto: link shows is read too.
		{"address in a tel: link", "Ecrivez a tel:remboursement@ameli-aide.com", "remboursement@ameli-aide.com"},
		{"host in a tel: link", "Voir tel:ameli-aide.com", "ameli-aide.com"},
		{"address in an sms: body", "sms:3646?body=remboursement@ameli-aide.com", "remboursement@ameli-aide.com"},
		{"address in a mailto: subject", "mailto:contact@ameli.fr?subject=remboursement@ameli-aide.com", "remboursement@ameli-aide.com"},
		// A URL with userinfo in such a body stays one (red16).
		{"userinfo URL in a tel: link", "tel:3646,ameli.fr@185.12.3.4/connexion", "ameli.fr@185.12.3.4/connexion"},
		{"userinfo URL and port in a tel: link", "tel:x@185.12.3.4:8080/login", "x@185.12.3.4:8080/login"},
	} {
		links, _ := Find(tc.text, -1)
		assert.Contains(t, texts(links), tc.want, "%s: %q", tc.name, tc.text)
	}
}

// Long dotted runs of capitalised words cost no more than the bytes read.
func TestRedTeamGlueLinear(t *testing.T) {
	text := "ameli-aide.com." + strings.Repeat("Merci.", 10000) + "Fin"
	links, _ := Find(text, -1)
	assert.Contains(t, texts(links), "ameli-aide.com")
}
