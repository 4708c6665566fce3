package verify

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The words of a text before an address, as smswrite.go reads them:
// their visual keys, where sentences start, which are numbers.

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// askWindow is how many words before an address may ask to write to it:
// enough for a list of documents between the verb and the address.
// Only words count: emojis or blank lines between do not push the verb
// out of it.
const askWindow = 24

// wordsBefore returns the last askWindow words of text[:end], sentence
// starts marked: a word after '.', '!', '?', ':', ';', a bullet or a line
// break, or the first of the text.
func wordsBefore(text string, end int) []askWord {
	// Back far enough for twice the window's words: format characters
	// may cut a word the reader sees whole.
	start, words := end, 0
	for start > 0 && words <= 2*askWindow {
		r, size := utf8.DecodeLastRuneInString(text[:start])
		if isNameWordRune(r) {
			if start-size == 0 {
				words++
			} else if p, _ := utf8.DecodeLastRuneInString(text[:start-size]); !isNameWordRune(p) {
				words++
			}
		}
		start -= size
	}
	r := readWords(strings.Map(apostrophe, text[start:end]))
	var out []askWord
	prevEnd := 0
	for {
		from, to, key, ok := r.next()
		if !ok {
			break
		}
		gap := r.text[prevEnd:from]
		out = append(out, askWord{key: string(key), number: isDigits(r.text[from:to]),
			sentenceStart: prevEnd == 0 && start == 0 || startsSentence(gap),
			strongStart:   prevEnd == 0 && start == 0 || strings.ContainsAny(gap, ".!?\n"),
			afterComma:    strings.Contains(gap, ",")})
		prevEnd = to
	}
	return out[max(0, len(out)-askWindow):]
}

// askedFrom returns where the words that may ask for an address start,
// and where the address's own sentence starts: its sentence, or the one
// before when its own is only a label ("Envoyez votre RIB. Adresse :
// ...", the address on a line of its own).
func askedFrom(words []askWord) (from, own int) {
	for i := len(words) - 1; i >= 0; i-- {
		if words[i].strongStart {
			own = i
			break
		}
	}
	for k, w := range words[own:] {
		reader := recipientWords[w.key] ||
			yourWords[w.key] && own+k+1 < len(words) && recipientWords[words[own+k+1].key]
		if !labelWords[w.key] && !reader {
			return own, own
		}
	}
	// The sentence before, past header lines ("Objet : Remboursement").
	from = own
	for headers := 0; headers <= 5 && from > 0; headers++ {
		for from--; from > 0 && !words[from].strongStart; from-- {
		}
		if !headerWords[words[from].key] {
			break
		}
	}
	return from, own
}

// recipientWords name who reads what is sent, in a label ("Adresse de
// votre conseiller :", "Service remboursements :"); yourWords may stand
// before one ("votre conseiller"), not before the address ("Votre
// adresse :" quotes the reader's own).
var (
	recipientWords = keySet("conseiller", "conseillere", "gestionnaire", "referent", "referente", "agent",
		"remboursement", "remboursements")
	yourWords = keySet("votre", "vos")
)

// headerWords open the header lines a text may put between a request and
// the address labelled for it.
var headerWords = keySet("objet", "ref", "reference", "dossier", "numero", "date", "montant", "motif",
	"beneficiaire", "nom", "prenom", "assure", "destinataire")

// startsSentence reports whether what stands between two words ends a
// sentence or a heading: a full stop, colon, line break, bullet, a dash
// between spaces, an emoji; not a comma, an apostrophe, a quote, a
// bracket or the hyphen of "pourriez-vous".
func startsSentence(gap string) bool {
	if strings.Contains(gap, " - ") || strings.HasPrefix(gap, "- ") {
		return true
	}
	for _, r := range gap {
		switch {
		case unicode.IsSpace(r) && r != '\n' && r != '\r', strings.ContainsRune(",'’\"«»([-", r):
		default:
			return true
		}
	}
	return false
}

// apostrophe reads the letters written for an apostrophe as one
// ("dʼenvoyer" with U+02BC, a modifier letter, is "d'envoyer").
func apostrophe(r rune) rune {
	switch r {
	case 'ʼ', 'ʻ', 'ʽ', 'ʹ', 'ˈ', 'ꞌ':
		return '\''
	}
	return r
}
