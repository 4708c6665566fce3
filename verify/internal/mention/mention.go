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
	first map[string][]phrase
}

// New indexes names. Names that normalise to nothing are ignored.
func New(names []Name) *Index {
	ix := &Index{first: make(map[string][]phrase)}
	for _, n := range names {
		toks := Tokens(n.Text)
		if len(toks) == 0 {
			continue
		}
		ix.first[toks[0]] = append(ix.first[toks[0]], phrase{toks, n})
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
	toks := Tokens(text)
	context := false
	for _, t := range toks {
		context = context || contextWords[t]
	}
	var hits []Hit
	seen := make(map[int]bool)
	for i, t := range toks {
		for _, p := range ix.first[t] {
			if seen[p.name.Owner] || p.name.Weak && !context || !hasAt(toks, i, p.tokens) {
				continue
			}
			seen[p.name.Owner] = true
			hits = append(hits, Hit{Owner: p.name.Owner, Name: p.name.Text, Weak: p.name.Weak})
		}
	}
	return hits
}

func hasAt(toks []string, i int, want []string) bool {
	if i+len(want) > len(toks) {
		return false
	}
	for k, w := range want {
		if toks[i+k] != w {
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
