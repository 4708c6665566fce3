package lookalike

import "strings"

// The evidence compound.go weighs around a name found by segmentation:
// the signals beside it, the other names of the host, how much of its
// label and token the words explain.

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
