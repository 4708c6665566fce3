package domains

import (
	"errors"
	"strings"

	"github.com/vigie-sante/vigie/internal/names"
)

// ErrOrdinaryAlias: a strong alias that is an ordinary word. A strong alias
// counts as the organisation's domain does wherever it appears in a host
// ("cpam-remboursement.info"), so a word of the language there would make
// every site that uses it an imitation: such a name goes in weak_aliases,
// which count only beside another signal.
var ErrOrdinaryAlias = errors.New("is an ordinary word: list it in weak_aliases")

// ordinaryWords are French and English words, and first names, that
// organisations of the registry are called by ("Vitale", "Harmonie",
// "Alan", "impôts") or that their names are made of.
var ordinaryWords = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(`
		alan april avril bercy carte cartes compte economie finance finances generation generations
		harmonie impot impots malakoff mutuelle mutuelles prevoyance public publique retraite
		retraites sante secu securite service services social sociale solidarite travail tresor
		vitale vital assurance assurances maladie famille familles emploi caisse caisses
		groupe group banque bank life vie avenir union prevention entreprise entreprises`) {
		m[names.Label(w)] = true
	}
	return m
}()

// ordinaryAlias reports whether a strong alias of one word is an ordinary
// word, folded as every name is ("Sécu" is "secu"). Names of several words
// ("Harmonie Mutuelle") are not: the phrase is the name.
func ordinaryAlias(alias string) bool {
	words := names.Words(alias)
	return len(words) == 1 && ordinaryWords[words[0]]
}
