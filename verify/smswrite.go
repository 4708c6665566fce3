package verify

import (
	"slices"
	"strings"
)

// writesOutside reports whether a mailto: link writes to someone outside
// the organisations claimed. Unless the text asks the reader to write to
// it (asked), an address on a free mail service is taken for the reader's
// own, quoted back to them ("votre adresse
// jean.dupont@gmail.com a bien ete enregistree"); one whose local part
// names the organisation is Suspicious all the same (local-part-brand).
func (c *Checker) writesOutside(link string, claims []claim, asked func() bool) bool {
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
		if at := strings.LastIndexByte(a, '@'); at < 0 || !isFreeMail(strings.ToLower(a[at+1:])) || asked() {
			return true
		}
	}
	return false
}

// askWord is a word of the text before an address, by its visual key
// (namewords.go: a Greek capital E reads as E), and whether it starts a
// sentence, where an infinitive alone is an order ("Envoyer votre RIB
// a ...").
type askWord struct {
	key           string
	sentenceStart bool
	// number: the word is a number, as written (its visual key reads
	// 0 as o and 1 as l).
	number bool
	// strongStart: after a full stop, '!', '?' or a line break, where
	// what was asked before is done with ("contactez votre caisse.
	// Nouvelle adresse : ...").
	strongStart bool
	// afterComma: a comma stands before it, which ends a clause ("pour
	// valider, par mail a ...").
	afterComma bool
}

// keySet holds the visual keys of words.
func keySet(words ...string) map[string]bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[visualKey(w)] = true
	}
	return set
}

// writeWords are the words that ask a reader to send or write something,
// in the forms a text addresses them (the imperative), accents dropped.
var writeWords = keySet("envoyez", "envoie", "renvoyez", "renvoie", "expediez", "expedie", "ecrivez", "ecris", "transmettez", "transmets",
	"transferez",
	"repondez", "reponds", "adressez", "retournez", "retourne", "communiquez", "contactez", "contacte", "joignez",
	"parvenir", "mailto")

// askInfinitives ask to send or write where an infinitive is an order or
// a request: after "merci de", "veuillez", "vous pouvez", "a" ("RIB a
// envoyer a"), "pourriez-vous", object pronouns standing between ("merci
// de nous l'envoyer"), or alone at the start of a sentence.
var askInfinitives = keySet("envoyer", "expedier", "transmettre", "communiquer", "retourner", "adresser", "renvoyer", "ecrire",
	"repondre", "contacter", "joindre", "transferer")

// askGerunds ask after "en", object pronouns standing between ("mettez
// a jour votre dossier en nous envoyant votre RIB a ..."); not after
// "vous", which tells what the sender does ("en vous ecrivant a ...").
var askGerunds = keySet("envoyant", "expediant", "transmettant", "communiquant", "retournant", "adressant", "renvoyant",
	"ecrivant", "repondant", "transferant")

// askBefore are the words after which an infinitive asks.
var askBefore = keySet("de", "d", "a", "pour", "veuillez", "pouvez", "pourriez", "devez", "devrez", "devriez", "suffit",
	"faut", "faudra", "faudrait", "svp", "stp")

// objectPronouns may stand between askBefore and the infinitive.
var objectPronouns = keySet("nous", "me", "m", "moi", "le", "la", "l", "les", "lui", "leur", "y", "en")

// askModals ask with "vous" after them ("pourriez-vous nous envoyer").
var askModals = keySet("pourriez", "pouvez", "voulez", "pourrez", "voudriez")

// phoneVerbs ask to call when a number follows ("contactez le 3646"), not
// to write; phoneFillers may stand between.
var (
	phoneVerbs   = keySet("contactez", "contacte", "contacter", "joignez", "joindre", "appelez")
	phoneFillers = keySet("le", "au", "nous", "par", "telephone", "tel", "numero")
)

// replyWords ask for a reply by SMS when a keyword follows ("repondez
// STOP", "repondez OUI pour confirmer l'adresse ..."): no mail is asked
// for; so do keywordVerbs ("envoyez STOP au 38100"), and with an SMS for
// object ("envoyez-nous un SMS").
var (
	replyWords   = keySet("repondez", "reponds", "repondre")
	keywordVerbs = keySet("repondez", "reponds", "repondre", "repondant", "envoyez", "envoie", "envoyer", "envoyant",
		"renvoyez", "renvoyer")
	replies  = keySet("oui", "non", "stop", "ok")
	smsWords = keySet("sms", "texto")
	articles = keySet("un", "une")
)

// channelWords name where a request is answered ("ecrivez-nous via la
// messagerie de votre compte"); mailWords, that it is answered by mail
// ("par mail", "a l'adresse suivante").
var (
	channelWords = keySet("via", "depuis", "dans", "sur", "aupres")
	channelNouns = keySet("messagerie", "compte", "espace", "application", "appli", "site", "formulaire",
		"rubrique", "page", "portail", "agence", "accueil", "guichet")
	mailWords  = keySet("mail", "mails", "email", "emails", "courriel", "mel", "adresse")
	labelWords = keySet("mail", "mails", "email", "emails", "e", "courriel", "mel", "adresse", "contact", "ici", "a", "l",
		"notre", "nos", "destinataire", "service", "du", "de", "des", "d", "la", "le", "les", "envoi", "ecrire", "par",
		"suivante", "officielle")
	// documentWords are what a text asks to send: a request whose object
	// is one ("Envoyez votre RIB.") asks for the address labelled after
	// it, one with another object ("repondez STOP.") does not.
	documentWords = keySet("rib", "iban", "releve", "document", "documents", "justificatif", "justificatifs", "piece",
		"pieces", "copie", "scan", "photo", "photos", "papiers", "carte", "attestation", "dossier", "coordonnees",
		"formulaire", "ordonnance", "facture", "factures", "identite", "reponse", "informations", "bancaires", "preuve",
		"paiement", "avis", "imposition")
)

var keyEn = visualKey("en")

var (
	keyNe, keyN, keyPas, keyAdresse, keyVous, keyRien = visualKey("ne"), visualKey("n"), visualKey("pas"),
		visualKey("adresse"), visualKey("vous"), visualKey("rien")
	reportWords = keySet("venons", "vient", "venez", "viens")
	toUs        = keySet("nous", "moi")
)

// asks reports whether words[i] asks the reader to write or send: an
// imperative not denied ("ne repondez pas") nor asking to phone
// ("contactez le 3646"), "adresse-nous", or an infinitive asked for
// (askInfinitives), unless it tells what was done ("nous venons de
// transmettre").
func asks(words []askWord, i int) bool {
	at := func(j int) string {
		if j < 0 || j >= len(words) {
			return ""
		}
		return words[j].key
	}
	w, prev, next := words[i].key, at(i-1), at(i+1)
	if prev == keyNe || prev == keyN || next == keyPas {
		return false
	}
	if phoneVerbs[w] && phoneNumberFollows(words, i) && !otherWayFollows(words, i) || answeredElsewhere(words, i) ||
		repliesBySMS(words, i) {
		return false
	}
	switch {
	case writeWords[w]:
		return true
	case w == keyAdresse:
		return toUs[next]
	case askGerunds[w]:
		return gerundAsks(words, i)
	case askInfinitives[w]:
		if words[i].sentenceStart {
			return true
		}
		j := i - 1
		for j > 0 && objectPronouns[at(j)] {
			j--
		}
		switch gov := at(j); {
		case gov == visualKey("de") || gov == visualKey("d"):
			return !reportWords[at(j-1)]
		case gov == keyVous:
			return askModals[at(j-1)]
		case gov == visualKey("a"):
			return at(j-1) != keyRien
		default:
			return askBefore[gov]
		}
	}
	return false
}

// gerundAsks reports a gerund after "en" (object pronouns between) that
// the reader is to do: "en nous envoyant" (to us), or one in a sentence
// that addresses the reader ("mettez a jour votre dossier en envoyant
// ..."), not one telling what the sender did ("nous avons traite votre
// demande en envoyant votre attestation a ...").
func gerundAsks(words []askWord, i int) bool {
	toUsSeen := false
	j := i - 1
	for ; j >= 0 && objectPronouns[words[j].key]; j-- {
		toUsSeen = toUsSeen || toUs[words[j].key]
		if words[j].key == keyEn {
			break
		}
	}
	if j < 0 || words[j].key != keyEn {
		return false
	}
	if toUsSeen {
		return true
	}
	for k := j - 1; k >= 0; k-- {
		if strings.HasSuffix(words[k].key, keyEz) {
			return true // a verb addressed to the reader: "mettez", "pouvez"
		}
		if words[k].sentenceStart {
			break
		}
	}
	return false
}

var keyEz = visualKey("ez")

// repliesBySMS reports a request answered by text message: a keyword
// or a number sent ("repondez STOP", "envoyez OUI au 38100"), or an SMS
// ("envoyez-nous un SMS"), and no destination after it but a number.
func repliesBySMS(words []askWord, i int) bool {
	if !keywordVerbs[words[i].key] {
		return false
	}
	j := i + 1
	for j < len(words) && (objectPronouns[words[j].key] || articles[words[j].key]) {
		j++
	}
	if j == len(words) {
		return false
	}
	w := words[j]
	return (replies[w.key] || w.number || smsWords[w.key]) && !destinationFollows(words, j)
}

// phoneNumberFollows reports whether a number follows words[i], past a
// few fillers ("contactez-nous au 3646").
func phoneNumberFollows(words []askWord, i int) bool {
	for j := i + 1; j < len(words) && j <= i+3; j++ {
		if words[j].number {
			return true
		}
		if !phoneFillers[words[j].key] {
			return false
		}
	}
	return false
}

// otherWayFollows reports another way offered after words[i] in its
// sentence ("contactez le 3646 ou ...", "et par mail a ..."), not a
// condition ("contactez le 3646 si vous ne reconnaissez pas l'adresse").
func otherWayFollows(words []askWord, i int) bool {
	rest := restOfSentence(words, i, true)
	for k, w := range rest {
		switch {
		case w.key == keySi && (k+1 == len(rest) || !ifNeeded[rest[k+1].key]):
			return false
		case otherWays[w.key], w.key == keyAinsi && k+1 < len(rest) && rest[k+1].key == keyQue:
			return true
		}
	}
	return false
}

// otherWays offer another way; ifNeeded after "si" makes no condition of
// what follows ("si besoin, ou par mail ...").
var (
	otherWays        = keySet("ou", "et", "sinon", "voire")
	ifNeeded         = keySet("besoin", "necessaire", "souhaite", "vous")
	keyAinsi, keyQue = visualKey("ainsi"), visualKey("que")
)

// sentenceEndsAfter reports a full stop after words[i], before the
// address: what words[i] asks is done before it.
func sentenceEndsAfter(words []askWord, i int) bool {
	return len(restOfSentence(words, i, true)) < len(words)-i-1
}

var keySi, keyEt, keySinon = visualKey("si"), visualKey("et"), visualKey("sinon")

// destinationFollows reports, after words[i] in its sentence, a word
// that sends to what follows ("repondez OUI a ...", "par mail a ..."),
// not one that names it ("pour confirmer l'adresse ..."): in a purpose
// or what the reader receives, up to a comma ("pour recevoir vos
// decomptes a ...", "vous recevrez vos releves a ..."), the words say
// why, and where what is received goes. A document sent with the reply ("OUI
// avec votre RIB") is a request too; one named otherwise ("OUI si ces
// informations sont exactes") is not.
func destinationFollows(words []askWord, i int) bool {
	rest := restOfSentence(words, i, true)
	purpose, with := false, false
	for k, w := range rest {
		purpose = purposeWords[w.key] || purpose && !w.afterComma
		with = with || withWords[w.key]
		switch {
		case purpose:
		case with && documentWords[w.key]:
			return true
		// "par SMS", "au 38100": a reply by text message.
		case destinations[w.key] && (k+1 == len(rest) || !rest[k+1].number && !bySMS[rest[k+1].key]):
			return true
		}
	}
	return false
}

var (
	bySMS        = keySet("sms", "texto", "message")
	purposeWords = keySet("pour", "afin", "recevoir", "recevrez", "recevez", "recevra")
	withWords    = keySet("avec", "et", "ainsi")
)

var destinations = keySet("a", "au", "par", "sur", "vers", "via", "aupres", "mail", "email", "courriel")

// mailFollows reports a word after words[i], in its sentence, offering
// mail as another way ("contactez-nous au 3646 ou par mail a ..."): after
// an "ou", not in a condition ("contactez le 3646 si vous ne reconnaissez
// pas l'adresse e-mail ...").
func mailFollows(words []askWord, i int) bool {
	or := false
	for _, w := range restOfSentence(words, i, false) {
		or = or || w.key == keyOu
		if or && mailWords[w.key] {
			return true
		}
	}
	return false
}

// answeredElsewhere reports a request whose channel follows it, other
// than mail: "ecrivez-nous via la messagerie de votre compte" asks
// nothing of an address written after.
func answeredElsewhere(words []askWord, i int) bool {
	j := i + 1
	for j < len(words) && objectPronouns[words[j].key] {
		j++
	}
	for ; j+1 < len(words) && !words[j].strongStart; j++ {
		if !channelWords[words[j].key] || mailFollows(words, j) || orFollows(words, j) {
			continue
		}
		for k := j + 1; k < len(words) && k <= j+5 && !words[k].sentenceStart; k++ {
			if channelNouns[words[k].key] {
				return !sentToAddress(words, k)
			}
		}
	}
	return false
}

// sentToAddress reports an address written right after the channel
// named at words[k] and a destination ("depuis votre messagerie a ...",
// "dans votre espace a l'adresse ..."): the channel is the reader's way
// of writing to it. Words of another clause between ("..., nous vous
// repondrons a ...") make the address no destination of the request.
func sentToAddress(words []askWord, k int) bool {
	others := 0
	for _, w := range words[k+1:] {
		if !labelWords[w.key] && !toAddress[w.key] {
			others++
		}
	}
	if others > 2 {
		return false
	}
	for k := len(words) - 1; k >= 0 && (labelWords[words[k].key] || toAddress[words[k].key]); k-- {
		if toAddress[words[k].key] {
			return true
		}
	}
	return false
}

var toAddress = keySet("a", "au", "vers", "aupres")

// orFollows reports an "ou" after words[j] in its sentence: another way
// offered ("via votre espace ou directement a ...").
func orFollows(words []askWord, j int) bool {
	return slices.ContainsFunc(restOfSentence(words, j, false), func(w askWord) bool { return w.key == keyOu })
}

// restOfSentence returns the words after words[i] up to the end of its
// sentence: a full stop or line break (strong), or any sentence start.
func restOfSentence(words []askWord, i int, strong bool) []askWord {
	rest := words[i+1:]
	for k, w := range rest {
		if w.strongStart || !strong && w.sentenceStart {
			return rest[:k]
		}
	}
	return rest
}

var keyOu = visualKey("ou")

// asksForDocument reports whether the rest of a request's sentence names
// a document to send, or nothing but pronouns: the request is then for
// the address labelled after it.
func asksForDocument(rest []askWord) bool {
	named := false
	for _, w := range rest {
		switch {
		case documentWords[w.key]:
			return true
		case !objectPronouns[w.key] && !labelWords[w.key]:
			named = true
		}
	}
	return !named
}

// askedToWrite reports whether the words just before one of the places
// spans says link l was written ask the reader to write or send something
// ("Envoyez votre RIB a ...", "Adresse-nous ton RIB : ...", "Merci de nous
// communiquer ...", a mailto: link): a free-mail address so asked for is
// no address of the reader's quoted back. What follows an address asks
// nothing of it ("... enregistree. Ne pas repondre"). It is asked only of
// such an address, which most texts hold none of.
func askedToWrite(text string, spans []linkSpan, l int) bool {
	for _, sp := range spans {
		if sp.link != l || sp.start > len(text) {
			continue
		}
		if sp.end <= len(text) && strings.HasPrefix(strings.ToLower(text[sp.start:sp.end]), "mailto:") {
			return true
		}
		words := wordsBefore(text, sp.start)
		from, own := askedFrom(words)
		for i := from; i < len(words); i++ {
			// A reply sent somewhere ("repondez OUI par mail.") asks for
			// the address labelled after it, as a document does.
			if asks(words, i) && (i >= own || asksForDocument(words[i+1:own]) || replyWords[words[i].key]) {
				return true
			}
		}
	}
	return false
}
