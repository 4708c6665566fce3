package lookalike

import (
	"strings"

	"github.com/vigie-sante/vigie/verify/internal/namespaces"
)

// Phase 4 of a match, when the phrases found nothing: the names found by
// word segmentation inside the labels, judged with what stands beside them.
//
// A strong name of 5 letters or more counts wherever it is glued to other
// words; a strong name of 4 letters ("cpam") in a label the dictionary
// explains whole, beside a signal or digits ("cpam92"); a strong name with
// one typo, or a weak name ("vitale", "impot"), only in an explained label
// and beside a signal. The signals are a sensitive keyword, a government
// word, another name of the same organisation, or a hosting platform under
// the name.

// compound judges the names found by segmentation, once the public suffix
// is known. On a hosting platform the customer's label is the registrable
// one.
func (m *matcher) compound() {
	last := m.reg
	platform := !m.icann
	if !platform && last > 0 && namespaces.IsHosting(m.host[m.labels[last].rs:]) {
		platform, last = true, last-1
	}
	cx := compoundContext{last: last, platform: platform}
	for l := 0; l <= last; l++ {
		cx.pieces += m.piecesIn(l)
	}
	cx.signals, cx.longSignals, cx.gov, cx.misspelt = m.signals(last)
	if n := m.embeddedSuffixes(last); n > 0 {
		cx.signals += n
		cx.longSignals += n
	}
	for l := 0; l <= last; l++ {
		for _, p := range m.labelPieces(l) {
			for mn := p.meaning; mn >= 0; mn = m.ix.meanings[mn].next {
				m.judgeName(l, p, mn, cx)
			}
		}
	}
	m.spreadNames(last, platform)
}

type compoundContext struct {
	last     int // the registrable label, or the customer's on a platform
	platform bool
	signals  int // keywords and government words
	// longSignals counts those of 4 letters or more, or a government
	// word standing alone ("amelli.fr.evil.com"): beside a typo, "my" or
	// "mes" is chance ("mywelfare", "asiatimes").
	longSignals int
	gov         int // government words
	misspelt    bool
	pieces      int // pieces in labels 0..last
}

// judgeName judges one sense of a piece of label l.
func (m *matcher) judgeName(l int, p piece, mn int32, cx compoundContext) {
	ix := m.ix
	x := &ix.meanings[mn]
	if x.official < 0 || x.class < classWeak {
		return
	}
	length := int(p.e - p.s)
	whole := m.wholeTokens(l, p)
	// A typo'd name in the middle of a token, beside another typo'd
	// word, explains letters by chance ("iriem" for ircem and "asser"
	// for assur in "mairiemasseret"): the label is not explained by it.
	// Between exact words it is the name ("monamellicompte").
	covered := m.labels[l].unknown == 0 && (!p.typo || m.atTokenBoundary(l, p) || !m.otherTypo(l, p))
	// Letters no word explains in another token of the label hide
	// nothing about the name's own token when words are glued to it:
	// "mutualiapour-xxxx" reads as "mutualiapour" does. A name alone
	// in its token beside an unknown word ("carsat-aquitaine") is the
	// whole label's question, as is whether the name stands alone.
	tokenCovered := covered || !p.typo && !whole && m.tokenExplained(l, p)
	others := m.otherNames(ix.owner(x.official), x.word, cx.last)
	evidence := cx.signals + others + m.keywordNamesOfOthers(ix.owner(x.official), cx.last)
	if cx.platform {
		evidence++
	}
	if x.common {
		evidence = cx.gov + others
	}
	// A name of several words glued into one token ("cartevitale-v3")
	// is no phrase of the language any more: it counts as one word does.
	phrase := x.phrase && m.tokensIn(l, p) > 1
	tech := ComboSquat
	rank := -1
	switch {
	case x.class == classStrong && !p.typo && length >= minTypoWord:
		switch {
		case covered && cx.pieces == 1 && m.tokensIn(l, p) > 1 && !endsWithGovWord(x.word) && countrySuffix(m.suffix) && !x.abbrev &&
			!x.ownLabel && !m.tokensName(l, ix.owner(x.official)):
			// An alias spelt as a phrase under a country's suffix
			// ("assurance-maladie.ch") is a common phrase of its
			// language; glued, or under a generic suffix
			// (".help"), a name. A phrase that ends with a
			// government word ("impot-gouv"), with a word shortened
			// ("assu-maladie"), that spells the organisation's own
			// domain label but for one letter ("mutuelle-du-soleil",
			// "groupe-agrica") or holds another of its strong names
			// as words of their own ("solly-azar-assurance") is no
			// common phrase.
			return
		case covered && cx.pieces == 1:
			// Alone: a domain label is the phrases' to judge (they
			// found nothing: it is the official domain's own
			// label under its own suffix); an alias is a domain
			// spelling another name of the organisation.
			// A domain label's plural or singular alone
			// ("servicepublics.info") is no phrase they know.
			if !x.alias && x.word == strings.ReplaceAll(ix.officials[x.official].label, "-", "") || ix.officials[x.official].international {
				// An international group's name alone under another
				// suffix is most likely its own site.
				return
			}
			tech = TLDSwap
			rank = 0
		case x.alias && !phrase && whole && l < cx.last && len(m.labelPieces(l)) == 1 && acronym([]rune(x.word)):
			// An acronym alone as a subdomain label names other
			// bodies too ("dgccrf.roulez-eco.fr"), so it needs a
			// signal beside it; a longer alias ("impotsgouv") does
			// not.
			if evidence > 0 {
				rank = 0
			}
		case tokenCovered || evidence > 0 || !phrase && !ix.officials[x.official].international && (m.atTokenEdge(l, p) || x.phrase && whole || m.dominates(l, p)) ||
			m.longAcronym(x, l, p) || phrase && x.alias && !countrySuffix(m.suffix) && m.atTokenBoundary(l, p):
			// An alias spelt as a phrase under a generic suffix,
			// beside other words, is no common phrase of a country's
			// language ("assurance-maladie-martinique.com").
			// An international group's name glued to a short rest
			// ("allianznet", "e-pacallianz") is as often one of
			// its many subsidiaries' sites: it needs a signal.
			rank = 0
		}
	case x.class == classStrong && !p.typo:
		// A short strong name ("cpam") counts in a label explained
		// whole or as a whole token, or at a token's edge beside a
		// keyword ("renouvellement-cpamell").
		// Function words beside it ("la", "et moi") say no more than
		// the name alone.
		if (tokenCovered || whole || evidence > 0 && m.atTokenEdge(l, p)) && (evidence > 0 || m.digitsIn(l) || tokenCovered && m.onlyFunctionWordsBeside(l, p)) {
			rank = 0
		}
	case x.class == classStrong:
		// A typo of a long name alone is no common phrase
		// ("assurance-maiadie.com"), as the name itself may be; a
		// typo of a name of 10 letters or more is no other word
		// wherever it stands ("monassurancesmaladies").
		// Alone is alone in its label: words in the labels before it
		// are the attacker's free choice ("mail.genierali.com",
		// "x.genierali.com") and no reason to read the typo as
		// another word.
		typoEvidence := evidence - cx.signals + cx.longSignals
		if covered && (typoEvidence > 0 || m.piecesIn(l) == 1 && length >= minNameLength || length >= minLongTypoName) {
			rank = 1
		}
	case p.typo:
		// A weak name is an ordinary word: one letter off, it is
		// mostly another word ("berry" for "bercy").
		return
	default:
		o := &ix.officials[x.official]
		if cx.pieces == 1 && l == cx.last && whole && m.suffix == o.suffix && strings.Contains(o.suffix, ".") {
			// A variant of the name alone under the official's own
			// namespace: "impot.gouv.fr" for impots.gouv.fr, which
			// a mail's From header can name though no one
			// registered it.
			tech, evidence = EditDistance, evidence+1
		}
		if x.phrase && !x.alias && cx.pieces == 1 && l == cx.last && covered && !countrySuffix(m.suffix) {
			// A weak label of several words, or its plural, alone
			// under a generic suffix ("service-publics.org") is no
			// phrase of a country's language, as an alias spelt as
			// a phrase is not.
			tech, evidence = TLDSwap, evidence+1
		}
		// A weak name of 5 letters or more also counts beside a signal
		// when no more than three letters of its label go unexplained
		// ("serv-civ-sante-vitale"), or when its own token is
		// explained whole, whatever tokens stand beside it
		// ("impotsremboursement-xxxx": junk in a token of its own
		// hides nothing); a typo'd word away from it explains its
		// letters by chance ("comite" read as "compte" in
		// "comitedesfetesharmonie").
		if (length >= minTypoWord || whole) && (tokenCovered || whole || cx.platform && m.atTokenEdge(l, p) ||
			length >= minTypoWord && int(m.labels[l].unknown)+m.typoLetters(l, p) <= 3) && evidence > 0 {
			rank = 2
		}
	}
	if rank < 0 {
		return
	}
	if x.alias {
		tech |= Alias
	}
	if !whole {
		tech |= Compound
	}
	if cx.platform {
		tech |= HostingPlatform
	}
	if cx.misspelt {
		tech |= GovWord
	}
	o := &ix.officials[x.official]
	via, distance := o.domain, 0
	if x.alias {
		via = x.word
	}
	if p.typo || tech&EditDistance != 0 {
		tech |= EditDistance
		distance = 1
	}
	if tech&ComboSquat != 0 {
		lb := m.labels[l]
		m.record(&m.combos, &m.nCombos, x.official, int(lb.ts), int(lb.te)-1)
	}
	m.add(x.official, tech, scoreCompound+rank, via, distance)
}
