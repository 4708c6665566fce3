// Package mention finds the names of organisations in free text: a mail's
// display name or subject, an SMS. Matching is on whole words, case- and
// accent-insensitive ("SECURITE SOCIALE" names what "Sécurité sociale"
// does), so that "ameli" is found in "Votre compte ameli" but not in
// "amélioration".
//
// Some names are also ordinary words ("Alan", "Génération", "Vitale"): they
// count only when the text also speaks of health insurance, through one of
// a small set of context words.
package mention

import (
	"strings"

	"github.com/vigie-sante/vigie/internal/names"
)

// A Name is one way of naming an organisation.
type Name struct {
	Text  string
	Owner int  // the caller's index of the organisation
	Weak  bool // an ordinary word, which needs context
}

// A Hit is an organisation named in a text.
type Hit struct {
	Owner int
	// Name is the name found, as registered.
	Name string
	Weak bool
}

type phrase struct {
	tokens []string
	name   Name
}

// An Index finds names in texts. It is immutable and safe for concurrent
// use.
type Index struct {
	// words holds, for every word that starts a name or is a context
	// word, both facts (its index in entries): a text's words are looked
	// up once each.
	words   map[string]int
	entries []word
	// maybe has the bit of every word in words (see filterBit): most
	// words of a text are not there, and cost no look-up.
	maybe [1 << filterBits / 64]uint64
}

const filterBits = 14

// filterBit sums up a word by its length and its first and last bytes.
func filterBit[W string | []byte](w W) uint {
	return uint(len(w)&15)<<10 | uint(w[0]&31)<<5 | uint(w[len(w)-1]&31)
}

type word struct {
	first   []phrase // the names that start with it
	context bool     // one of contextWords
}

// New indexes names. Names that normalise to nothing are ignored.
func New(names []Name) *Index {
	ix := &Index{words: make(map[string]int)}
	entry := func(w string) *word {
		i, ok := ix.words[w]
		if !ok {
			i = len(ix.entries)
			ix.words[w] = i
			ix.entries = append(ix.entries, word{})
		}
		return &ix.entries[i]
	}
	for w := range contextWords {
		entry(w).context = true
	}
	for _, n := range names {
		toks := Tokens(n.Text)
		if len(toks) == 0 {
			continue
		}
		w := entry(toks[0])
		w.first = append(w.first, phrase{toks, n})
	}
	for w := range ix.words {
		b := filterBit(w)
		ix.maybe[b/64] |= 1 << (b % 64)
	}
	return ix
}

// contextWords speak of health insurance: with one of them in the text, a
// weak name counts.
var contextWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`mutuelle mutuelles sante assurance assurances assure assuree assures
		maladie remboursement remboursements rembourse carte vitale adherent adherente adherents
		securite sociale cpam prevoyance complementaire tiers payant soins medecin ordonnance
		pharmacie attestation cotisation cotisations contrat garanties indemnites prestations
		impots impot fiscal dossier`) {
		contextWords[w] = true
	}
}

// Find returns the organisations named in text, each once, in the order
// they first appear.
func (ix *Index) Find(text string) []Hit {
	folded := names.AppendWords(make([]byte, 0, len(text)), text)
	// One look-up per word: whether the text gives context, and where
	// names may start (whether a weak one counts is known at the end).
	context := false
	type start struct{ end, word int } // a word that starts names
	var starts []start
	for tok, next := nextWord(folded, 0); next >= 0; tok, next = nextWord(folded, next) {
		if b := filterBit(tok); ix.maybe[b/64]&(1<<(b%64)) == 0 {
			continue
		}
		if i, ok := ix.words[string(tok)]; ok {
			context = context || ix.entries[i].context
			if len(ix.entries[i].first) > 0 {
				starts = append(starts, start{next, i})
			}
		}
	}
	var hits []Hit
	var seen map[int]bool
	for _, st := range starts {
		for _, p := range ix.entries[st.word].first {
			if seen[p.name.Owner] || p.name.Weak && !context || !hasAt(folded, st.end, p.tokens[1:]) {
				continue
			}
			if seen == nil {
				seen = make(map[int]bool)
			}
			seen[p.name.Owner] = true
			hits = append(hits, Hit{Owner: p.name.Owner, Name: p.name.Text, Weak: p.name.Weak})
		}
	}
	return hits
}

// nextWord returns the first word of folded (words separated by spaces,
// as [names.AppendWords] writes them) from i on, and where it ends; -1
// when there is none.
func nextWord(folded []byte, i int) ([]byte, int) {
	for i < len(folded) && folded[i] == ' ' {
		i++
	}
	if i == len(folded) {
		return nil, -1
	}
	end := i
	for end < len(folded) && folded[end] != ' ' {
		end++
	}
	return folded[i:end], end
}

// hasAt reports whether the words of folded from i on start with want.
func hasAt(folded []byte, i int, want []string) bool {
	for _, w := range want {
		var tok []byte
		if tok, i = nextWord(folded, i); i < 0 || string(tok) != w {
			return false
		}
	}
	return true
}

// Tokens lowercases s, drops accents and splits it into words of letters
// and digits: "Caisse primaire d'Assurance Maladie" gives caisse, primaire,
// d, assurance, maladie. It is [names.Words], the normaliser every name in
// vigie goes through.
func Tokens(s string) []string { return names.Words(s) }
