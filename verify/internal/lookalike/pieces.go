package lookalike

import (
	"github.com/vigie-sante/vigie/internal/names"
	"golang.org/x/net/idna"
)

// The words of a host's labels, found by segmentation (segment.go), and
// where they stand among the labels' tokens: what phase 4 (compound.go)
// judges.

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
		if lb := &m.labels[l]; lb.te-lb.ts == 1 && !m.toks[lb.ts].idn && !ix.exhaustive &&
			!mayStartName(ix, m.host[lb.rs:lb.re]) {
			continue // a label of one ASCII token is its own text
		}
		var buf [maxRunes]byte
		if text, ok := m.labelText(&buf, l); ok {
			capable[l] = (ix.exhaustive || mayStartName(ix, text)) && ix.holdsName(text, m.separators(l))
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
	m.labels[l].pieceStart, m.labels[l].pieceEnd = uint8(m.npieces), uint8(m.npieces)
	var buf [maxRunes]byte
	text, ok := m.labelText(&buf, l)
	if !ok {
		m.labels[l].unknown = maxRunes
		return
	}
	var out [maxRunes]piece
	n, unknown := m.ix.segment(text, m.separators(l), &out)
	m.labels[l].unknown, m.labels[l].textLen = uint8(unknown), uint8(len(text))
	for _, p := range out[:n] {
		if m.npieces == maxPieces {
			break
		}
		m.pieces[m.npieces] = p
		m.npieces++
	}
	m.labels[l].pieceEnd = uint8(m.npieces)
}

// anyName reports whether a piece found so far names an official.
func (m *matcher) anyName() bool {
	for _, p := range m.pieces[:m.npieces] {
		if m.ix.namesOfficial(p.meaning) {
			return true
		}
	}
	return m.anySpread()
}

// anySpread reports whether a label holds every word of a spread name.
func (m *matcher) anySpread() bool {
	for l := 0; l < m.nlabels-1; l++ {
		if met := m.spreadMet(l); met != 0 && m.ix.spreadComplete(met) {
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
	names, signal := 0, false
	for l := 0; l < m.nlabels-1; l++ {
		for _, p := range m.labelPieces(l) {
			if p.meaning < 0 {
				continue
			}
			if !ix.namesOfficial(p.meaning) {
				x := &ix.meanings[p.meaning]
				signal = signal || m.trusted(l, p) && x.class >= classKeyword && !(x.glued && m.wholeTokens(l, p))
				continue
			}
			// Two names are evidence for each other
			// ("amelimaplanvitale").
			names++
			if names > 1 || m.labels[l].unknown == 0 || m.wholeTokens(l, p) || m.atTokenEdge(l, p) || m.dominates(l, p) || !p.typo && m.tokenExplained(l, p) {
				return true
			}
		}
	}
	return names > 0 && (signal || m.nlabels >= 3) || m.anySpread()
}

// mayHoldName reports whether label l holds two letters that begin a
// name, which every name found, exact or typo'd, keeps: most labels hold
// none and are segmented only to read the signals beside a name.
//
// tokenize read the pairs of an ASCII label as it folded it.
func (m *matcher) mayHoldName(l int) bool {
	lb := &m.labels[l]
	return m.toks[lb.ts].idn || lb.namePair
}

// labelText puts label l without its separators in buf: the host's bytes
// for an ASCII label; for a Punycode one, its Unicode form without accents
// when that is ASCII ("impôt" reads "impot"), else its skeleton fold.
func (m *matcher) labelText(buf *[maxRunes]byte, l int) ([]byte, bool) {
	lb := &m.labels[l]
	if m.toks[lb.ts].idn {
		if u, err := idna.Punycode.ToUnicode(m.host[lb.rs:lb.re]); err == nil {
			if plain := names.Label(u); plain != "" && isASCII(plain) && len(plain) <= len(buf) {
				m.labels[l].plainIDN = true
				var seps uint64
				off := 0
				for _, w := range names.Words(u) {
					if off += len(w); off < len(plain) {
						seps |= 1 << off
					}
				}
				m.labels[l].idnSeps = seps
				return buf[:copy(buf[:], plain)], true
			}
		}
	}
	n := 0
	for k := int(lb.ts); k < int(lb.te); k++ {
		if n+m.tokenLen(k) > len(buf) {
			return nil, false
		}
		if t := &m.toks[k]; t.idn {
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
	if t := &m.toks[k]; !t.idn {
		return int(t.re) - int(t.rs)
	}
	return len(m.tok(k))
}

// separators returns the bit set of the offsets in label l's text where a
// separator stood between tokens: the host's separators, or for a Punycode
// label read in its Unicode form, that form's.
func (m *matcher) separators(l int) uint64 {
	if m.labels[l].plainIDN {
		return m.labels[l].idnSeps
	}
	var seps uint64
	lb := &m.labels[l]
	off := 0
	for k := int(lb.ts); k < int(lb.te)-1; k++ {
		off += m.tokenLen(k)
		if off < 64 {
			seps |= 1 << off
		}
	}
	return seps
}

// tokenEnds lists where the tokens of label l end in its text, the last
// at its length.
func (m *matcher) tokenEnds(l int, buf *[maxRunes + 1]int) []int {
	ends := buf[:0]
	seps := m.separators(l)
	for i := 1; i < m.labelLen(l) && i < 64; i++ {
		if seps&(1<<i) != 0 {
			ends = append(ends, i)
		}
	}
	return append(ends, m.labelLen(l))
}

// wholeTokens reports whether piece p of label l starts and ends where the
// label's tokens do: "cpam" in "cpam-service", not in "lacpam".
func (m *matcher) wholeTokens(l int, p piece) bool {
	var buf [maxRunes + 1]int
	startOK := p.s == 0
	for _, end := range m.tokenEnds(l, &buf) {
		if end == int(p.s) {
			startOK = true
		}
		if end == int(p.e) {
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
	return int(m.labels[l].textLen)
}

// atTokenEdge reports whether piece p of label l starts or ends a token
// whose rest looks like an identifier rather than a word: 3 characters,
// or any length with a digit ("ameli9gl", "amelifyv", "allianz24web"). A
// longer rest of letters is mostly the name starting a longer word
// ("amelioration", "agricampus", "hatiantai"), a shorter one a word's
// ending ("humanists"); the keywords explain the rests that matter
// ("amelisoin").
func (m *matcher) atTokenEdge(l int, p piece) bool {
	var buf [maxRunes]byte
	var ends [maxRunes + 1]int
	text, off := m.segmented(&buf, l), 0
	for _, end := range m.tokenEnds(l, &ends) {
		if off <= int(p.s) && int(p.e) <= end {
			return identifierRest(text, off, end, int(p.s), int(p.e))
		}
		off = end
	}
	return false
}

// atTokenBoundary reports whether piece p of label l starts or ends one of
// the label's tokens.
func (m *matcher) atTokenBoundary(l int, p piece) bool {
	var buf [maxRunes + 1]int
	if p.s == 0 {
		return true
	}
	for _, end := range m.tokenEnds(l, &buf) {
		if end == int(p.s) || end == int(p.e) {
			return true
		}
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
	return len(rest) == 3
}

// tokensIn counts the tokens piece p of label l touches.
func (m *matcher) tokensIn(l int, p piece) int {
	var buf [maxRunes + 1]int
	n, off := 0, 0
	for _, end := range m.tokenEnds(l, &buf) {
		if end > int(p.s) && off < int(p.e) {
			n++
		}
		off = end
	}
	return n
}

func (m *matcher) labelPieces(l int) []piece {
	return m.pieces[m.labels[l].pieceStart:m.labels[l].pieceEnd]
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
