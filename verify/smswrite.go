package verify

import (
	"strings"

	"github.com/vigie-sante/vigie/internal/names"
)

// writesOutside reports whether a mailto: link writes to someone outside
// the organisations claimed. Unless the text asks the reader to write to
// it (asked), an address on a free mail service is taken for the reader's
// own, quoted back to them ("votre adresse
// jean.dupont@gmail.com a bien ete enregistree"); one whose local part
// names the organisation is Suspicious all the same (local-part-brand).
func (c *Checker) writesOutside(link string, claims []claim, asked bool) bool {
	m := mailtoRecipients(link)
	if m.addrs == nil {
		return false
	}
	for _, cl := range claims {
		if c.recipientsOfficialFor(link, cl.org) {
			return false
		}
	}
	for _, a := range m.addrs {
		if at := strings.LastIndexByte(a, '@'); asked || at < 0 || !isFreeMail(strings.ToLower(a[at+1:])) {
			return true
		}
	}
	return false
}

// writeWords are the words that ask a reader to send or write something,
// in the forms a text addresses them (imperative, "merci de" and an
// infinitive), accents dropped by names.Words.
var writeWords = map[string]bool{"envoyez": true, "envoie": true, "renvoyez": true, "renvoie": true,
	"ecrivez": true, "ecris": true, "transmettez": true, "transmets": true, "repondez": true, "reponds": true,
	"adressez": true, "retournez": true, "retourne": true, "communiquez": true, "contactez": true,
	"contacte": true, "joignez": true, "parvenir": true, "mailto": true}

// asks reports whether words[i] asks the reader to write or send: an
// imperative not denied ("ne repondez pas"), "adresse-nous", or an
// infinitive after "merci de", "veuillez", "nous"..., unless it tells what
// was done ("nous venons de transmettre").
func asks(words []string, i int) bool {
	at := func(j int) string {
		if j < 0 || j >= len(words) {
			return ""
		}
		return words[j]
	}
	w, prev, next := words[i], at(i-1), at(i+1)
	if prev == "ne" || prev == "n" || next == "pas" {
		return false
	}
	switch {
	case writeWords[w]:
		return true
	case w == "adresse":
		return next == "nous" || next == "moi"
	case askInfinitives[w]:
		if (prev == "de" || prev == "d") && (at(i-2) == "venons" || at(i-2) == "vient" || at(i-2) == "venez" || at(i-2) == "viens") {
			return false
		}
		return askBefore[prev] || (prev == "nous" || prev == "me") && askBefore[at(i-2)]
	}
	return false
}

// askBefore are the words after which an infinitive asks: "merci de",
// "veuillez", "il suffit de", "vous pouvez", "nous" and "me" standing
// between ("merci de nous communiquer").
var askBefore = map[string]bool{"de": true, "d": true, "veuillez": true, "pouvez": true, "devez": true,
	"suffit": true, "faut": true}

// askInfinitives ask to send after "merci de" ("merci de nous
// communiquer"): the words between are pronouns, so the verb follows "de"
// or "nous".
var askInfinitives = map[string]bool{"envoyer": true, "transmettre": true, "communiquer": true,
	"retourner": true, "adresser": true, "renvoyer": true, "ecrire": true, "repondre": true}

// askWindow is how many words before an address may ask to write to it:
// enough for a list of documents between the verb and the address.
const askWindow = 24

// askedToWrite reports, for each of n links written at spans, whether the
// words just before it ask the reader to write or send something ("Envoyez
// votre RIB a ...", "Adresse-nous ton RIB : ...", "Merci de nous
// communiquer ...", a mailto: link): a free-mail address so asked for is
// no address of the reader's quoted back. What follows an address asks
// nothing of it ("... enregistree. Ne pas repondre").
func askedToWrite(text string, spans []linkSpan, n int) []bool {
	asked := make([]bool, n)
	for _, sp := range spans {
		if sp.link >= n || sp.start > len(text) {
			continue
		}
		words := names.Words(text[max(0, sp.start-240):sp.start])
		words = words[max(0, len(words)-askWindow):]
		if sp.end <= len(text) && strings.HasPrefix(strings.ToLower(text[sp.start:sp.end]), "mailto:") {
			asked[sp.link] = true
		}
		for i := range words {
			if asks(words, i) {
				asked[sp.link] = true
			}
		}
	}
	return asked
}
