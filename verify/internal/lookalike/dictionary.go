package lookalike

import (
	"strings"

	"github.com/vigie-sante/vigie/internal/names"
)

// govWords name the State in a host: beside a weak name they make it an
// imitation ("impots-gouv.com", "vitale-france.fr"). The misspelt ones are
// the government word with a letter that looks or sounds alike: q for g, w
// for v, 0 for o, and the English "gov" for the French "gouv".
var (
	govWords     = []string{"gouv", "gouvfr", "gouvernement", "fr", "france", "francais", "francaise"}
	govMisspelt  = []string{"gov", "govfr", "qouv", "gouw", "qouw", "g0uv", "gouvv", "gouve"}
	fillerWords  = []string{"a", "d", "la", "le", "les", "de", "du", "des", "au", "aux", "en", "et", "un", "une", "vos", "votre", "ton", "ta", "tes", "nos", "notre", "sa", "son", "pour", "sur", "par", "tous", "tout", "toute", "toutes", "moi", "chez", "avec", "the", "of", "to", "your", "and"}
	minStrongLen = 4 // an alias shorter than this ("MSA", "CAF") is weak
)

// abbreviations are how French shortens the common words of names in
// addresses and messages: "assu maladie", "c. vitale", "sécu sociale". A
// name of several words is also indexed with one of its words shortened.
var abbreviations = map[string][]string{
	"assurance":  {"assu", "assur", "assure", "ass"},
	"assurances": {"assu", "assur"},
	"carte":      {"c"},
	"securite":   {"secu"},
	"sociale":    {"soc"},
	"caisse":     {"c"},
	"nationale":  {"nat"},
	"mutuelle":   {"mut"},
	"generale":   {"gle"},
}

// abbreviated returns the forms of a name of several words with one word
// shortened, each of 7 letters or more.
func abbreviated(name string) []string {
	return withOneWord(name, func(w string) []string {
		return abbreviations[w]
	}, 7)
}

// singulars returns the forms of an alias of several words with one of
// its plural words in the singular ("impotgouv" for "impots.gouv"), which
// French spells wrong as often as right.
func singulars(alias string) []string {
	return withOneWord(alias, func(w string) []string {
		if len(w) > 3 && pluralMark(w) {
			return []string{w[:len(w)-1]}
		}
		return nil
	}, 0)
}

// withOneWord returns the forms of a name of several words, glued, with
// one word replaced by each of its forms, keeping those of minLen bytes or
// more.
func withOneWord(name string, forms func(string) []string, minLen int) []string {
	words := names.Words(name)
	if len(words) < 2 {
		return nil
	}
	var out []string
	for i, w := range words {
		for _, f := range forms(w) {
			if v := strings.Join(words[:i], "") + f + strings.Join(words[i+1:], ""); len(v) >= minLen {
				out = append(out, v)
			}
		}
	}
	return out
}

// pluralMark reports whether the final s of a word can mark a plural: a
// French plural adds an s to a word that does not end in one, and words
// ending in -as, -is, -os, -us or -ss are mostly the same in the singular
// ("Paribas", "Humanis", "plus", "français") or names ("Swiss"): read
// without their s they are a typo of the name ("swislife"), not its
// singular.
func pluralMark(w string) bool {
	if len(w) < 2 || w[len(w)-1] != 's' {
		return false
	}
	return !strings.ContainsRune("aiosu", rune(w[len(w)-2]))
}

// endsWithGovWord reports whether a name ends with a government word
// after other letters ("impotsgouv").
func endsWithGovWord(w string) bool {
	for _, g := range govWords {
		if len(w) > len(g) && strings.HasSuffix(w, g) {
			return true
		}
	}
	return false
}

// buildDictionary fills the trie of word segmentation from the officials,
// their names and aliases, and the keywords.
func (ix *Index) buildDictionary(opts Options, ordinary map[string]bool) {
	tb := &trieBuilder{}
	firstOfTarget := make(map[int]bool)
	for oi, o := range ix.officials {
		t := ix.targets[o.target]
		class := classWeak
		if o.strong {
			class = classStrong
		}
		if label := strings.ReplaceAll(o.label, "-", ""); isASCII(label) {
			ix.addName(tb, label, meaning{official: int32(oi), class: class, common: ordinary[label], phrase: label != o.label})
		}
		if firstOfTarget[o.target] {
			continue
		}
		firstOfTarget[o.target] = true
		for _, n := range t.Names {
			w := names.Label(n)
			c := classStrong
			if len(w) < minNameLength || ordinary[w] {
				c = classWeak
			}
			ix.addName(tb, w, meaning{official: int32(oi), class: c, alias: true, phrase: true})
			for _, a := range abbreviated(n) {
				ix.addName(tb, a, meaning{official: int32(oi), class: c, alias: true, phrase: true, abbrev: true})
			}
		}
		for _, a := range t.Aliases {
			w := names.Label(a)
			c := classStrong
			if len(w) < minStrongLen || ordinary[w] {
				c = classWeak
			}
			// An acronym of three letters names bodies in every
			// country ("dgi" is Cameroon's tax office too): a
			// keyword beside it proves nothing.
			short := len(w) < minStrongLen
			ix.addName(tb, w, meaning{official: int32(oi), class: c, alias: true, phrase: len(names.Words(a)) > 1, common: short})
			for _, v := range singulars(a) {
				ix.addName(tb, v, meaning{official: int32(oi), class: c, alias: true, phrase: true})
			}
		}
		for _, a := range t.WeakAliases {
			w := names.Label(a)
			ix.addName(tb, w, meaning{official: int32(oi), class: classWeak, alias: true, common: ordinary[w]})
		}
	}
	for _, kw := range opts.Keywords {
		ix.addWord(tb, strings.ToLower(strings.TrimSpace(kw)), meaning{official: -1, class: classKeyword})
	}
	for _, w := range govWords {
		ix.addWord(tb, w, meaning{official: -1, class: classGov})
	}
	// A host's first label glued to the name imitates a whole host in
	// one label.
	ix.addWord(tb, "www", meaning{official: -1, class: classKeyword, glued: true})
	for _, w := range govMisspelt {
		ix.addWord(tb, w, meaning{official: -1, class: classGov, misspelt: true})
	}
	for _, w := range fillerWords {
		ix.addWord(tb, w, meaning{official: -1, class: classFiller})
	}
	ix.layout(tb)
	ix.buildSpread()
	ix.markOwnLabels()
}

// addName adds a name and, for one of 5 letters or more that is a word or
// a phrase, its plural, or its singular ("impots" and "impot", "vitale" and "vitales")
// and, for a word or phrase ending in an
// e, its other gender ("vitale" and "vital", "securitesociale" and
// "securitesocial"), which French spells wrong as often as right.
func (ix *Index) addName(tb *trieBuilder, w string, mn meaning) {
	ix.addWord(tb, w, mn)
	if len(w) < minTypoWord {
		return
	}
	if !strings.HasSuffix(w, "s") && (mn.class == classWeak || mn.phrase) {
		// Only words have plurals: "vitales", "cartevitales", not
		// "dgfips".
		ix.addWord(tb, w+"s", mn)
	} else if strings.HasSuffix(w, "s") && mn.class == classWeak {
		// Only an ordinary word has a singular: "humanis" is a name.
		ix.addWord(tb, w[:len(w)-1], mn)
	}
	if strings.HasSuffix(w, "e") && (mn.class == classWeak || mn.phrase) {
		ix.addWord(tb, w[:len(w)-1], mn)
	}
}
