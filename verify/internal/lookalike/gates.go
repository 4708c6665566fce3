package lookalike

// The gates of spans and affixes: before hashing every run of tokens that
// starts at a token, or every cut of a token into a label and a keyword,
// the token's first or last three bytes, looked up in a Bloom filter of
// those of every phrase, strong label and keyword, prove for most tokens
// that no phrase starts there and no affix spells them.
//
// Why it is exact: tokens i..j that spell a phrase start with token i, so
// the first three bytes of tokens i.. joined are the phrase's first three,
// or the phrase is shorter and they start with it.
// A token that is a strong label and a keyword glued starts as the label
// and ends as the keyword, or the other way round; a string shorter than
// three bytes is its own head and tail, so the gate tries every length from
// the shortest of the set's strings to three. A collision in the filter
// only lets a token through.

// gramLen is how many bytes of a token's end the gates read.
const gramLen = 3

// The sets the gate filter holds, each a tag in the keys.
const (
	gatePhraseHead = iota + 1
	gateLabelHead
	gateLabelTail
	gateKeywordHead
	gateKeywordTail
)

// gateKey packs the set and up to gramLen bytes in one word, which the
// Bloom filter hashes: no chain of multiplications per byte.
func gateKey(set int, b []byte) uint64 {
	k := uint64(set)<<32 | uint64(len(b))<<24
	// Byte i at bits 16-8i, written out for each length: a loop's
	// control cost more than its work.
	switch len(b) {
	case 0:
		return k
	case 1:
		return k | uint64(b[0])<<16
	case 2:
		return k | uint64(b[0])<<16 | uint64(b[1])<<8
	}
	return k | uint64(b[0])<<16 | uint64(b[1])<<8 | uint64(b[2])
}

// gates is the filter and, per set, the length of its shortest string.
type gates struct {
	filter   bloom
	shortest [gateKeywordTail + 1]int
}

// buildGates files the heads of every phrase, the heads and tails of every
// strong label as affixes match it (its fold without hyphens), and those of
// every keyword.
func (ix *Index) buildGates() {
	n := len(ix.phrases) + 2*len(ix.officials) + 2*len(ix.keywords)
	g := &ix.gates
	g.filter = newBloom(n)
	for i := range g.shortest {
		g.shortest[i] = gramLen
	}
	add := func(set int, s string, tail bool) {
		b := []byte(s)
		if len(b) > gramLen {
			if tail {
				b = b[len(b)-gramLen:]
			} else {
				b = b[:gramLen]
			}
		}
		g.filter.add(gateKey(set, b))
		g.shortest[set] = min(g.shortest[set], len(b))
	}
	for _, p := range ix.phrases {
		add(gatePhraseHead, p.joined, false)
		if p.kind == kindLabel && ix.officials[p.official].strong {
			add(gateLabelHead, p.joined, false)
			add(gateLabelTail, p.joined, true)
		}
	}
	for kw := range ix.keywords {
		add(gateKeywordHead, kw, false)
		add(gateKeywordTail, kw, true)
	}
}

// mayStart reports whether t may start with a string of set; false is
// certain.
func (g *gates) mayStart(set int, t []byte) bool {
	for n := g.shortest[set]; n <= min(len(t), gramLen); n++ {
		if g.filter.has(gateKey(set, t[:n])) {
			return true
		}
	}
	return false
}

// mayEnd reports whether t may end with a string of set; false is certain.
func (g *gates) mayEnd(set int, t []byte) bool {
	for n := g.shortest[set]; n <= min(len(t), gramLen); n++ {
		if g.filter.has(gateKey(set, t[len(t)-n:])) {
			return true
		}
	}
	return false
}

// mayStartPhrase reports whether a run of tokens whose first bytes, joined,
// are head (runHead) may spell a phrase; false is certain.
func (ix *Index) mayStartPhrase(head []byte) bool {
	return ix.exhaustive || ix.gates.mayStart(gatePhraseHead, head)
}

// mayStartPhraseAt is mayStartPhrase on the run that starts at token i.
// The common case, a token of gramLen bytes or more where every phrase is
// as long, is one filter test on the token's own bytes, without building
// the run's head.
func (m *matcher) mayStartPhraseAt(i int) bool {
	ix := m.ix
	if t := m.tok(i); len(t) >= gramLen && ix.gates.shortest[gatePhraseHead] == gramLen && !ix.exhaustive {
		return ix.gates.filter.has(gateKey(gatePhraseHead, t[:gramLen]))
	}
	return ix.mayStartPhrase(m.runHead(i))
}

// runHead returns the first gramLen bytes of tokens i.. joined, fewer when
// they hold fewer: a run that starts with a short token ("du", in
// "journal-du-soir") is screened by the tokens after it. The bytes are the
// token's own when it holds enough.
func (m *matcher) runHead(i int) []byte {
	if t := m.tok(i); len(t) >= gramLen {
		return t[:gramLen]
	}
	head := m.scratch.head[:0]
	for k := i; k < m.ntok && len(head) < gramLen; k++ {
		t := m.tok(k)
		head = append(head, t[:min(len(t), gramLen-len(head))]...)
	}
	return head
}

// mayBeAffixed reports whether t may be a strong label and a keyword
// glued, in either order; false is certain.
func (ix *Index) mayBeAffixed(t []byte) bool {
	g := &ix.gates
	return ix.exhaustive ||
		g.mayStart(gateLabelHead, t) && g.mayEnd(gateKeywordTail, t) ||
		g.mayStart(gateKeywordHead, t) && g.mayEnd(gateLabelTail, t)
}
