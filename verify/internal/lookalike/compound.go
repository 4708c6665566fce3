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

// signals counts the keywords and government words of labels 0..last, and
// says whether a government word is misspelt; gov counts the government
// words alone.
func (m *matcher) signals(last int) (count, long, gov int, misspelt bool) {
	ix := m.ix
	for l := 0; l <= last; l++ {
		for _, p := range m.labelPieces(l) {
			if p.meaning < 0 || ix.namesOfficial(p.meaning) || !m.trusted(l, p) {
				continue
			}
			signal, isGov := false, false
			for mn := p.meaning; mn >= 0; mn = ix.meanings[mn].next {
				x := &ix.meanings[mn]
				if x.glued && m.wholeTokens(l, p) {
					continue
				}
				if x.class == classKeyword || x.class == classGov {
					signal = true
					isGov = isGov || x.class == classGov
					misspelt = misspelt || x.misspelt
				}
			}
			if signal {
				count++
				if p.e-p.s >= 4 || isGov && m.wholeTokens(l, p) {
					long++
				}
			}
			if isGov {
				gov++
			}
		}
	}
	return count, long, gov, misspelt
}

// piecesIn counts the pieces of label l but the words that say nothing
// alone (see onlyGluedSignal).
func (m *matcher) piecesIn(l int) int {
	n := 0
	for _, p := range m.labelPieces(l) {
		if !m.onlyGluedSignal(l, p) {
			n++
		}
	}
	return n
}

// onlyGluedSignal reports whether piece p of label l is a word that is a
// signal only glued to others, standing as a whole token ("www" in
// "www.genierali.com"): it says nothing, and a name beside it is as
// alone as without it.
func (m *matcher) onlyGluedSignal(l int, p piece) bool {
	if p.meaning < 0 || !m.wholeTokens(l, p) {
		return false
	}
	for mn := p.meaning; mn >= 0; mn = m.ix.meanings[mn].next {
		if !m.ix.meanings[mn].glued {
			return false
		}
	}
	return true
}

// trusted reports whether a piece is more than a chance match: its label
// explained whole, the piece a whole token, or a word of 5 letters or more.
func (m *matcher) trusted(l int, p piece) bool {
	return m.labels[l].unknown == 0 || p.e-p.s >= minTypoWord || m.wholeTokens(l, p) || m.touchesName(l, p)
}

// touchesName reports whether piece p of label l, of 4 letters or more, is
// glued to a name: "gouv" in "actionsdgfipgouv".
func (m *matcher) touchesName(l int, p piece) bool {
	if p.e-p.s < 4 {
		return false // "ma" after "msa" in "msamayenne" is chance
	}
	for _, q := range m.labelPieces(l) {
		if (q.e == p.s || q.s == p.e) && m.ix.namesOfficial(q.meaning) {
			return true
		}
	}
	return false
}

// otherNames counts the names of owner, other than word, in labels
// 0..last.
func (m *matcher) otherNames(owner int, word string, last int) int {
	ix := m.ix
	n := 0
	for l := 0; l <= last; l++ {
		for _, p := range m.labelPieces(l) {
			if p.meaning < 0 || !m.trusted(l, p) {
				continue
			}
			for mn := p.meaning; mn >= 0; mn = ix.meanings[mn].next {
				x := &ix.meanings[mn]
				if x.official >= 0 && x.word != word && ix.owner(x.official) == owner {
					n++
					break
				}
			}
		}
	}
	return n
}

// keywordNamesOfOthers counts, in labels 0..last, the keywords that are
// also names of an organisation other than owner ("amendes", "vitale",
// "cpam"): signals skips every word that names an official, so that a
// name is no signal for itself, but beside another organisation's name
// such a word is the sensitive keyword it is ("servicepublic-amendes").
func (m *matcher) keywordNamesOfOthers(owner, last int) int {
	ix := m.ix
	n := 0
	for l := 0; l <= last; l++ {
		for _, p := range m.labelPieces(l) {
			if p.meaning < 0 || p.typo || !ix.namesOfficial(p.meaning) || !m.trusted(l, p) {
				continue
			}
			keyword, mine := false, false
			for mn := p.meaning; mn >= 0; mn = ix.meanings[mn].next {
				x := &ix.meanings[mn]
				keyword = keyword || x.class == classKeyword && !(x.glued && m.wholeTokens(l, p))
				mine = mine || x.official >= 0 && ix.owner(x.official) == owner
			}
			if keyword && !mine {
				n++
			}
		}
	}
	return n
}

func (ix *Index) owner(oi int32) int {
	t := ix.officials[oi].target
	if o := ix.targets[t].Owner; o != 0 {
		return o
	}
	return -1 - t
}

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

// dominates reports whether piece p is a long name that starts or ends a
// token of label l, the rest of the label explained by words but for two
// letters at most: no word of the language starts or ends with
// "cartevitale" or "franceconnect" and the words beside it are read
// ("cartevitalepourtous", "franceconnectcy"), while a long name beside a
// word no dictionary holds is mostly part of a longer phrase
// ("institutnationalservicepublic", "servicepublicfacile").
func (m *matcher) dominates(l int, p piece) bool {
	return p.e-p.s >= minLongTypoName && m.labels[l].unknown <= 2 && m.atTokenBoundary(l, p)
}

// markOwnLabels sets meaning.ownLabel, once the dictionary is laid out:
// whether a strong name is at most one edit from a strong label of its
// organisation's domains, separators removed ("groupeagrica" for
// groupagrica.com, "mutuelledusoleil" for mutuellesdusoleil.fr). Computed
// here, by owner, rather than per host over every official.
func (ix *Index) markOwnLabels() {
	labels := make(map[int][][]rune)
	for i := range ix.officials {
		if o := &ix.officials[i]; o.strong {
			owner := ix.owner(int32(i))
			labels[owner] = append(labels[owner], []rune(strings.ReplaceAll(o.label, "-", "")))
		}
	}
	var rw []rune
	for i := range ix.meanings {
		x := &ix.meanings[i]
		if x.official < 0 || x.class != classStrong {
			continue
		}
		rw = rw[:0]
		for _, r := range x.word {
			rw = append(rw, r)
		}
		for _, l := range labels[ix.owner(x.official)] {
			if osa(rw, l, 1) <= 1 {
				x.ownLabel = true
				break
			}
		}
	}
}

// tokensName reports whether a run of tokens of label l, short of the
// whole label, spells a strong name of the organisation owner:
// "solly-azar" in "solly-azar-assurance".
func (m *matcher) tokensName(l, owner int) bool {
	if m.labels[l].plainIDN {
		return false
	}
	ix := m.ix
	var buf [maxRunes]byte
	text := m.segmented(&buf, l)
	lb := m.labels[l]
	start := 0
	for a := int(lb.ts); a < int(lb.te); a++ {
		node, end := int32(0), start
		for b := a; b < int(lb.te) && !(a == int(lb.ts) && b == int(lb.te)-1); b++ {
			for _, c := range text[end : end+m.tokenLen(b)] {
				if node = ix.child(node, c); node < 0 {
					break
				}
			}
			if node < 0 {
				break
			}
			end += m.tokenLen(b)
			if ix.namesOwner(ix.nodes[node].meaning, owner) {
				return true
			}
		}
		start += m.tokenLen(a)
	}
	return false
}

// namesOwner reports whether a sense of the word at mn is a strong name
// of the organisation owner: a weak one is also a word ("abeille" in
// "abeille-vie", "harmonie" in "harmonie-moi").
func (ix *Index) namesOwner(mn int32, owner int) bool {
	for ; mn >= 0; mn = ix.meanings[mn].next {
		if x := &ix.meanings[mn]; x.official >= 0 && x.class == classStrong && ix.owner(x.official) == owner {
			return true
		}
	}
	return false
}

// otherTypo reports whether a piece of label l other than p is a typo'd
// word.
func (m *matcher) otherTypo(l int, p piece) bool {
	for _, q := range m.labelPieces(l) {
		if q.typo && q != p {
			return true
		}
	}
	return false
}

// typoLetters counts the letters of label l that typo'd words explain,
// but for one glued to piece p: "gouvpr" beside "impots" is read with it.
func (m *matcher) typoLetters(l int, p piece) int {
	n := 0
	for _, q := range m.labelPieces(l) {
		if q.typo && q.e != p.s && q.s != p.e {
			n += int(q.e - q.s)
		}
	}
	return n
}

// onlyFunctionWordsBeside reports whether the other pieces of label l are
// function words, one of two letters or more: "la" in "lacpam", "et" and
// "moi" in "maafetmoi", but not a letter that a name's own spelling
// leaves ("a" in "amgen").
func (m *matcher) onlyFunctionWordsBeside(l int, p piece) bool {
	words := 0
	for _, q := range m.labelPieces(l) {
		if q == p {
			continue
		}
		if q.meaning < 0 || !m.ix.onlyFiller(q.meaning) {
			return false
		}
		if q.e-q.s >= 2 {
			words++
		}
	}
	return words > 0
}

// onlyFiller reports whether every sense of the word at mn is a function
// word.
func (ix *Index) onlyFiller(mn int32) bool {
	for ; mn >= 0; mn = ix.meanings[mn].next {
		if x := &ix.meanings[mn]; x.class != classFiller || x.official >= 0 {
			return false
		}
	}
	return true
}

// longAcronym reports whether the sense x of piece p is an acronym alias
// of 5 letters or more ("dgfip", "dgccrf") that starts or ends a token of
// label l: no word starts or ends with one, so it counts beside any word
// ("dgfip-lyon", "dgfipay"). A 4-letter one ("cnam", "mgen") is another
// body's too, or a word's part ("amgen").
func (m *matcher) longAcronym(x *meaning, l int, p piece) bool {
	return x.alias && len(x.word) >= 5 && acronym([]rune(x.word)) && m.atTokenBoundary(l, p)
}

// embeddedSuffixes counts the labels before label last that are a generic
// top-level domain: "facebook.com.vitale-plus.com" embeds a domain to pass
// for it, as an official domain's "fr" label does ("ameli.fr.evil.com").
func (m *matcher) embeddedSuffixes(last int) int {
	n := 0
	for l := 0; l < last; l++ {
		switch lb := m.labels[l]; m.host[lb.rs:lb.re] {
		case "com", "net", "org":
			n++
		}
	}
	return n
}

// tokenExplained reports whether the token of label l that holds piece p
// is explained whole by exact words: "impotsremboursement" in
// "impotsremboursement-xxxx".
func (m *matcher) tokenExplained(l int, p piece) bool {
	var buf [maxRunes + 1]int
	start := 0
	for _, end := range m.tokenEnds(l, &buf) {
		if start <= int(p.s) && int(p.e) <= end {
			n := 0
			for _, q := range m.labelPieces(l) {
				if int(q.s) >= start && int(q.e) <= end {
					if q.typo {
						return false
					}
					n += int(q.e - q.s)
				}
			}
			return n == end-start
		}
		start = end
	}
	return false
}

// countrySuffix reports whether a public suffix ends with a country code.
func countrySuffix(suffix string) bool {
	return len(suffix) == 2 || len(suffix) > 2 && suffix[len(suffix)-3] == '.'
}

// digitsIn reports whether label l holds a run of digits as a piece:
// "cpam92".
func (m *matcher) digitsIn(l int) bool {
	for _, p := range m.labelPieces(l) {
		if p.meaning < 0 {
			return true
		}
	}
	return false
}
