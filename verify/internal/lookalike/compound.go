package lookalike

import (
	"strings"

	"github.com/vigie-sante/vigie/internal/names"
	"github.com/vigie-sante/vigie/verify/internal/namespaces"
	"golang.org/x/net/idna"
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

// segmentLabels segments every label but the last, which is never part of
// a registrable name, and notes whether a piece names an official.
func (m *matcher) segmentLabels() {
	ix := m.ix
	if len(ix.nodes) <= 1 {
		return
	}
	// Labels where a name may start first; the others only hold
	// signals, worth reading once a name is found.
	var capable [maxLabels]bool
	any := false
	for l := 0; l < m.nlabels-1; l++ {
		if !m.mayHoldName(l) {
			continue
		}
		var buf [maxRunes]byte
		if text, ok := m.labelText(&buf, l); ok {
			capable[l] = ix.holdsName(text, m.separators(l))
		}
		any = any || capable[l]
	}
	if !any {
		return
	}
	for l := 0; l < m.nlabels-1; l++ {
		if capable[l] {
			m.segmentLabel(l)
		}
	}
	if !m.anyName() {
		return
	}
	for l := 0; l < m.nlabels-1; l++ {
		if !capable[l] {
			m.segmentLabel(l)
		}
	}
	m.names = m.worthJudging()
}

// segmentLabel segments label l into m.pieces.
func (m *matcher) segmentLabel(l int) {
	m.pieceStart[l], m.pieceEnd[l] = uint8(m.npieces), uint8(m.npieces)
	var buf [maxRunes]byte
	text, ok := m.labelText(&buf, l)
	if !ok {
		m.unknown[l] = maxRunes
		return
	}
	var out [maxRunes]piece
	n, unknown := m.ix.segment(text, m.separators(l), &out)
	m.unknown[l], m.textLen[l] = uint8(unknown), uint8(len(text))
	for _, p := range out[:n] {
		if m.npieces == maxPieces {
			break
		}
		m.pieces[m.npieces] = p
		m.npieces++
	}
	m.pieceEnd[l] = uint8(m.npieces)
}

// anyName reports whether a piece found so far names an official.
func (m *matcher) anyName() bool {
	for _, p := range m.pieces[:m.npieces] {
		if m.ix.namesOfficial(p.meaning) {
			return true
		}
	}
	return false
}

// worthJudging reports whether a name piece could pass judgement, so that
// a host with none ("camelia.fr": a name inside a longer word, nothing
// beside it) costs no public suffix lookup: a name in a label explained
// whole, as a whole token, or at a token's edge, or any name beside a
// keyword or government word, or in a host of three labels or more, which
// may be a customer's name on a hosting platform.
func (m *matcher) worthJudging() bool {
	ix := m.ix
	names, signal := false, false
	for l := 0; l < m.nlabels-1; l++ {
		for _, p := range m.labelPieces(l) {
			if p.meaning < 0 {
				continue
			}
			if !ix.namesOfficial(p.meaning) {
				signal = signal || m.trusted(l, p) && ix.meanings[p.meaning].class >= classKeyword
				continue
			}
			names = true
			if m.unknown[l] == 0 || m.wholeTokens(l, p) || m.atTokenEdge(l, p) {
				return true
			}
		}
	}
	return names && (signal || m.nlabels >= 3)
}

// mayHoldName reports whether label l holds two letters that begin a
// name, which every name found, exact or typo'd, keeps: most labels hold
// none and are segmented only to read the signals beside a name.
func (m *matcher) mayHoldName(l int) bool {
	lb := m.labels[l]
	if m.toks[lb.ts].idn {
		return true
	}
	for i := int(lb.rs); i+1 < int(lb.re); i++ {
		if m.ix.nameStarts.has(m.host[i], m.host[i+1]) {
			return true
		}
	}
	return false
}

// labelText puts label l without its separators in buf: the host's bytes
// for an ASCII label; for a Punycode one, its Unicode form without accents
// when that is ASCII ("impôt" reads "impot"), else its skeleton fold.
func (m *matcher) labelText(buf *[maxRunes]byte, l int) ([]byte, bool) {
	lb := m.labels[l]
	if m.toks[lb.ts].idn {
		if u, err := idna.Punycode.ToUnicode(m.host[lb.rs:lb.re]); err == nil {
			if plain := names.Label(u); plain != "" && isASCII(plain) && len(plain) <= len(buf) {
				m.plainIDN[l] = true
				return buf[:copy(buf[:], plain)], true
			}
		}
	}
	n := 0
	for k := int(lb.ts); k < int(lb.te); k++ {
		if n+m.tokenLen(k) > len(buf) {
			return nil, false
		}
		if t := m.toks[k]; t.idn {
			n += copy(buf[n:], m.tok(k))
		} else {
			n += copy(buf[n:], m.host[t.rs:t.re])
		}
	}
	return buf[:n], true
}

// tokenLen is the length of token k in the text its label is segmented
// as: its bytes in the host, or in the fold for a Punycode label.
func (m *matcher) tokenLen(k int) int {
	if t := m.toks[k]; !t.idn {
		return int(t.re) - int(t.rs)
	}
	return len(m.tok(k))
}

// separators returns the bit set of the offsets in label l's text where a
// separator stood between tokens.
func (m *matcher) separators(l int) uint64 {
	if m.plainIDN[l] {
		return 0
	}
	var seps uint64
	lb := m.labels[l]
	off := 0
	for k := int(lb.ts); k < int(lb.te)-1; k++ {
		off += m.tokenLen(k)
		if off < 64 {
			seps |= 1 << off
		}
	}
	return seps
}

// wholeTokens reports whether piece p of label l starts and ends where the
// label's tokens do: "cpam" in "cpam-service", not in "lacpam".
func (m *matcher) wholeTokens(l int, p piece) bool {
	lb := m.labels[l]
	if m.plainIDN[l] {
		// Its tokens are those of the fold, not of this text.
		return p.s == 0 && int(p.e) == m.labelLen(l)
	}
	startOK, off := p.s == 0, 0
	for k := int(lb.ts); k < int(lb.te); k++ {
		off += m.tokenLen(k)
		if off == int(p.s) {
			startOK = true
		}
		if off == int(p.e) {
			return startOK
		}
	}
	return false
}

// segmented puts in buf the text label l was segmented as.
func (m *matcher) segmented(buf *[maxRunes]byte, l int) []byte {
	text, _ := m.labelText(buf, l)
	return text
}

// labelLen is the length of the text label l was segmented as.
func (m *matcher) labelLen(l int) int {
	return int(m.textLen[l])
}

// atTokenEdge reports whether piece p of label l starts or ends a token
// whose rest looks like an identifier rather than a word: 3 or 4
// characters, or any length with a digit ("ameli9gl", "amelifyv",
// "allianz24web"). A longer rest of letters is mostly the name starting
// a longer word ("amelioration", "humanists"); the keywords explain the
// rests that matter ("amelisoin").
func (m *matcher) atTokenEdge(l int, p piece) bool {
	var buf [maxRunes]byte
	text, off := m.segmented(&buf, l), 0
	if m.plainIDN[l] {
		return identifierRest(text, 0, len(text), int(p.s), int(p.e))
	}
	lb := m.labels[l]
	for k := int(lb.ts); k < int(lb.te); k++ {
		end := off + m.tokenLen(k)
		if off <= int(p.s) && int(p.e) <= end {
			return identifierRest(text, off, end, int(p.s), int(p.e))
		}
		off = end
	}
	return false
}

// identifierRest reports whether [s, e) starts or ends the token
// text[ts:te] and leaves a rest that reads as an identifier.
func identifierRest(text []byte, ts, te, s, e int) bool {
	if s != ts && e != te || te > len(text) {
		return false
	}
	rest := text[ts:s]
	if s == ts {
		rest = text[e:te]
	}
	for _, c := range rest {
		if isDigit(c) {
			return true
		}
	}
	return len(rest) == 3 || len(rest) == 4
}

// tokensIn counts the tokens piece p of label l touches.
func (m *matcher) tokensIn(l int, p piece) int {
	lb := m.labels[l]
	if m.plainIDN[l] {
		return 1
	}
	n, off := 0, 0
	for k := int(lb.ts); k < int(lb.te); k++ {
		end := off + m.tokenLen(k)
		if end > int(p.s) && off < int(p.e) {
			n++
		}
		off = end
	}
	return n
}

func (m *matcher) labelPieces(l int) []piece {
	return m.pieces[m.pieceStart[l]:m.pieceEnd[l]]
}

// namesOfficial reports whether a sense of the word at mn names an
// official.
func (ix *Index) namesOfficial(mn int32) bool {
	for ; mn >= 0; mn = ix.meanings[mn].next {
		if ix.meanings[mn].official >= 0 {
			return true
		}
	}
	return false
}

// notSignals are keywords that prove nothing beside a name in a host,
// however common in phishing: every site has a www.
var notSignals = map[string]bool{"www": true}

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
				if x.class == classKeyword && !notSignals[x.word] || x.class == classGov {
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

// trusted reports whether a piece is more than a chance match: its label
// explained whole, the piece a whole token, or a word of 5 letters or more.
func (m *matcher) trusted(l int, p piece) bool {
	return m.unknown[l] == 0 || p.e-p.s >= minTypoWord || m.wholeTokens(l, p) || m.touchesName(l, p)
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
		cx.pieces += len(m.labelPieces(l))
	}
	cx.signals, cx.longSignals, cx.gov, cx.misspelt = m.signals(last)
	for l := 0; l <= last; l++ {
		for _, p := range m.labelPieces(l) {
			for mn := p.meaning; mn >= 0; mn = m.ix.meanings[mn].next {
				m.judgeName(l, p, mn, cx)
			}
		}
	}
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
	covered := m.unknown[l] == 0
	others := m.otherNames(ix.owner(x.official), x.word, cx.last)
	evidence := cx.signals + others
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
		case covered && cx.pieces == 1 && m.tokensIn(l, p) > 1:
			// An alias spelt as a phrase ("assurance-maladie.ch") is
			// a common phrase; glued, a name.
			return
		case covered && cx.pieces == 1:
			// Alone: a domain label is the phrases' to judge (they
			// found nothing: it is the official domain's own
			// label under its own suffix); an alias is a domain
			// spelling another name of the organisation.
			if !x.alias {
				return
			}
			tech = TLDSwap
			rank = 0
		case x.alias && !phrase && whole && l < cx.last && len(m.labelPieces(l)) == 1:
			// An alias alone as a subdomain label: acronyms name
			// other bodies too ("dgccrf.roulez-eco.fr"), so it
			// needs a signal beside it.
			if evidence > 0 {
				rank = 0
			}
		case covered || evidence > 0 || !phrase && (m.atTokenEdge(l, p) || x.phrase && whole):
			rank = 0
		}
	case x.class == classStrong && !p.typo:
		if (covered || whole) && (evidence > 0 || m.digitsIn(l)) {
			rank = 0
		}
	case x.class == classStrong:
		// A typo of a long name alone is no common phrase
		// ("assurance-maiadie.com"), as the name itself may be.
		typoEvidence := evidence - cx.signals + cx.longSignals
		if covered && (typoEvidence > 0 || cx.pieces == 1 && length >= minNameLength) {
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
		if (length >= minTypoWord || whole) && (covered || whole || cx.platform && m.atTokenEdge(l, p)) && evidence > 0 {
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

// MatchName reads a name written as free text — a mail's display name, an
// SMS sender ID, a signature — through the same dictionary as host labels:
// "Assurance Maladie", "AMELI-REMBOURSEMENT", "Secu Vitale Info". It
// reports the organisation named, glued, typo'd or beside a keyword, with
// the techniques found; a strong name alone counts too, since a name is not
// a domain. Accents and case are folded by the same normaliser as the
// registry's names.
func (ix *Index) MatchName(s string) (Match, bool) {
	var buf [253]byte
	n := 0
	for _, w := range names.Words(s) {
		if n+len(w)+1 > len(buf) {
			break
		}
		if n > 0 {
			buf[n] = '-'
			n++
		}
		n += copy(buf[n:], w)
	}
	if n == 0 || !isASCII(string(buf[:n])) {
		return Match{}, false
	}
	// The name is read as the one label of a host under an invented
	// suffix, so that the host phases see it as a registrable label.
	host := string(buf[:n]) + ".name.invalid"
	m := matcher{ix: ix, host: host}
	if !m.tokenize() {
		return Match{}, false
	}
	m.segmentLabels()
	if !m.names {
		return Match{}, false
	}
	m.suffix, m.icann, m.reg = "name.invalid", true, 0
	m.regStart, m.regEnd = int(m.labels[0].ts), int(m.labels[0].te)
	cx := compoundContext{last: 0, pieces: len(m.labelPieces(0))}
	cx.signals, cx.longSignals, cx.gov, cx.misspelt = m.signals(0)
	for _, p := range m.labelPieces(0) {
		for mn := p.meaning; mn >= 0; mn = ix.meanings[mn].next {
			x := &ix.meanings[mn]
			if x.official >= 0 && x.class == classStrong && !p.typo && m.wholeTokens(0, p) {
				// A strong name, alone or not, names the organisation.
				tech := ComboSquat
				if x.alias {
					tech |= Alias
				}
				m.record(&m.combos, &m.nCombos, x.official, int(m.labels[0].ts), int(m.labels[0].te)-1)
				m.add(x.official, tech, scoreCompound, ix.officials[x.official].domain, 0)
				continue
			}
			m.judgeName(0, p, mn, cx)
		}
	}
	return m.best()
}
