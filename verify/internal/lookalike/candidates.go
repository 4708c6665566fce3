package lookalike

import (
	"slices"
	"unicode/utf8"
	"unsafe"
)

// Phase 2 of a match: candidates found by hashing, before the public
// suffix is known.

func (m *matcher) addHit(h hit) {
	if m.nhits < maxHits {
		m.hits[m.nhits] = h
		m.nhits++
	}
}

// spans finds official phrases (labels, domains, login hosts) as runs of
// whole tokens, whatever separators the host puts between them. The hash
// of a run comes from the hashes of the tokens joined up to its ends
// (hash.go), and those from the hashes tokenize took of each token as it
// folded it: H(xy) = H(x)·B^|y| + H(y).
func (m *matcher) spans() {
	ix := m.ix
	// Most hosts have no token a phrase may start at: nothing to hash.
	first := 0
	for first < m.ntok && !m.mayStartPhraseAt(first) {
		first++
	}
	if first == m.ntok {
		return
	}
	prefix, off := &m.scratch.prefix, &m.scratch.offsets
	prefix[0], off[0] = 0, 0
	for k := range m.ntok {
		t := &m.toks[k]
		n := t.fe - t.fs
		prefix[k+1] = prefix[k]*powers[n] + t.hash
		off[k+1] = off[k] + n
	}
	for i := first; i < m.ntok; i++ {
		if i > first && !m.mayStartPhraseAt(i) {
			continue
		}
		for j := i; j < m.ntok; j++ {
			length := int(off[j+1] - off[i])
			if length > ix.maxPhrase {
				break
			}
			if off[j+1] == off[j] {
				continue // an empty token
			}
			h := prefix[j+1] - prefix[i]*powers[length]
			if !ix.phraseBloom.has(h) {
				continue
			}
			p, ok := ix.phraseHead[h]
			for ok && p >= 0 {
				ph := &ix.phrases[p]
				if m.joinedEquals(ph.joined, i, j) {
					m.addHit(hit{phrase: p, official: ph.official, i: int16(i), j: int16(j)})
				}
				p = ph.next
			}
		}
	}
}

// joinedEquals reports whether tokens i..j, joined, spell s.
func (m *matcher) joinedEquals(s string, i, j int) bool {
	for k := i; k <= j; k++ {
		t := m.tok(k)
		if len(t) > len(s) || string(t) != s[:len(t)] {
			return false
		}
		s = s[len(t):]
	}
	return s == ""
}

// affixes finds a strong official label as the prefix or suffix of a
// token, completed by a keyword ("amelisante", "monameli"), then of a
// label's tokens joined, where the label keeps its own hyphen
// ("harmonie-mutuellecompte", "monharmonie-mutuelle").
func (m *matcher) affixes() {
	// The length test before the call: most tokens are too short.
	shortest := m.ix.opts.MinLength1 + m.ix.minKW
	for k := range m.ntok {
		if t := m.tok(k); len(t) >= shortest {
			m.affixesOf(t, k, k)
		}
	}
	var buf [2 * maxRunes]byte
	for l := range m.nlabels {
		lb := &m.labels[l]
		if lb.te-lb.ts < 2 || !m.ix.isTail(m.tok(int(lb.te)-1)) && !m.ix.isHead(m.tok(int(lb.ts))) {
			continue
		}
		n := 0
		for k := int(lb.ts); k < int(lb.te) && n >= 0; k++ {
			if t := m.tok(k); n+len(t) <= len(buf) {
				n += copy(buf[n:], t)
			} else {
				n = -1
			}
		}
		if n > 0 {
			m.affixesOf(buf[:n], int(lb.ts), int(lb.te)-1)
		}
	}
}

// isHead reports whether t is the first word of a hyphenated strong label.
func (ix *Index) isHead(t []byte) bool {
	return ix.mayEnd(&ix.headEnds, t) && ix.heads[string(t)]
}

// isTail reports whether t is the last word of a hyphenated strong label.
func (ix *Index) isTail(t []byte) bool {
	return ix.mayEnd(&ix.tailEnds, t) && ix.tails[string(t)]
}

// mayEnd screens t by its first and last bytes before a map hashes it.
// The pairs hold ASCII bytes only: a word that starts or ends outside
// ASCII ("groß", a Cyrillic word) always goes on to the map.
func (ix *Index) mayEnd(ends *bigrams, t []byte) bool {
	if ix.exhaustive || len(t) == 0 {
		return true
	}
	first, last := t[0], t[len(t)-1]
	return first >= utf8.RuneSelf || last >= utf8.RuneSelf || ends.has(first, last)
}

// affixesOf looks for a strong label and a keyword that together spell t,
// the fold of tokens i..j.
func (m *matcher) affixesOf(t []byte, i, j int) {
	ix := m.ix
	min1 := ix.opts.MinLength1
	if len(t) < min1+ix.minKW || len(t) > 2*maxRunes || !ix.mayBeAffixed(t) {
		return
	}
	var ph [2*maxRunes + 1]uint64
	for n, b := range t {
		ph[n+1] = hashStep(ph[n], rune(b))
	}
	for cut := min1; cut <= len(t)-ix.minKW; cut++ {
		if ix.labelBloom.has(ph[cut]) && ix.keywords[string(t[cut:])] {
			m.affixHits(ph[cut], t[:cut], i, j)
		}
	}
	for cut := ix.minKW; cut <= len(t)-min1; cut++ {
		h := ph[len(t)] - ph[cut]*powers[len(t)-cut]
		if ix.labelBloom.has(h) && ix.keywords[string(t[:cut])] {
			m.affixHits(h, t[cut:], i, j)
		}
	}
}

// affixHits records the strong labels spelt part, an affix of tokens
// i..j. An affix hit is told from a phrase hit by its negative j.
func (m *matcher) affixHits(h uint64, part []byte, i, j int) {
	p, ok := m.ix.phraseHead[h]
	for ok && p >= 0 {
		ph := &m.ix.phrases[p]
		if ph.kind == kindLabel && ph.joined == string(part) && m.ix.officials[ph.official].strong {
			m.addHit(hit{phrase: p, official: ph.official, i: int16(i), j: int16(-1 - j)})
		}
		p = ph.next
	}
}

// typos probes the deletion index with every label but the last (which is
// never the registrable one), raw and folded: an official label within
// edit distance shares a string with it once up to two runes are deleted
// from each.
func (m *matcher) typos() {
	for l := 0; l < m.nlabels-1; l++ {
		lb := &m.labels[l]
		if m.toks[lb.ts].idn {
			var rawBuf, foldBuf [maxRunes]rune
			raw, ok1 := m.labelRunes(&rawBuf, l, false)
			fold, ok2 := m.labelRunes(&foldBuf, l, true)
			if ok1 && ok2 {
				probeLabel(m, raw, fold, l)
			}
			continue
		}
		// An ASCII label is probed as bytes, which hash as their runes
		// do, without converting it; its fold is never longer.
		n := int(lb.re - lb.rs)
		if n < m.ix.minReach || n > maxRunes {
			continue
		}
		raw := readOnlyBytes(m.host[lb.rs:lb.re])
		first, last := &m.toks[lb.ts], &m.toks[lb.te-1]
		fold := m.fold[first.fs:last.fe]
		if !lb.ascii {
			var runeBuf, foldRunes [maxRunes]rune
			r, ok1 := bytesToRunes(&runeBuf, raw)
			f, ok2 := bytesToRunes(&foldRunes, fold)
			if ok1 && ok2 {
				probeLabel(m, r, f, l)
			}
			continue
		}
		probeLabel(m, raw, fold, l)
	}
}

// readOnlyBytes is s as a byte slice without a copy, for the probes,
// which only read their candidate: copying each label cost a cleared
// buffer and a copy per label of every host.
func readOnlyBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// runeOrByte is a label's characters: runes, or the bytes of an ASCII
// label, which hash the same.
type runeOrByte interface{ ~rune | ~byte }

// probeLabel probes label l, raw and folded.
func probeLabel[T runeOrByte](m *matcher, raw, fold []T, l int) {
	probe(m, raw, l, false, 2)
	if !slices.Equal(raw, fold) {
		// A skeleton typo is allowed one edit fewer than a raw one,
		// and a skeleton equal to an official label is found by
		// spans(): one deletion is enough.
		probe(m, fold, l, true, 1)
	}
}

// probe looks up cand, and every string made by deleting up to most of its
// runes, in the deletion index. With the prefix hashes P of cand, deleting
// rune i gives P[n] + D[i] and deleting runes i < j gives P[n] + E[i] +
// D[j] (hash.go), so each probe costs an addition and a Bloom filter test.
func probe[T runeOrByte](m *matcher, cand []T, l int, folded bool, most int8) {
	ix := m.ix
	n := len(cand)
	if n == 0 || n >= len(ix.maxDels) || ix.maxDels[n] < 0 {
		return
	}
	dels := min(ix.maxDels[n], most)
	// Two filters spare most candidates their probes: the heads of the
	// strings they would probe (mayMeetDeletion), five bit tests for one
	// deletion, fifteen for two; and for two deletions, after it, the
	// letter filter, whose cost only the n(n+1)/2+1 probes outweigh.
	switch {
	case ix.exhaustive || dels == 0:
	case dels == 1 && !mayMeetDeletion(ix, cand, 1):
		return
	case dels == 2 && (!mayMeetDeletion(ix, cand, 2) || noTypoPossible(ix, cand, folded, 2)):
		return
	}
	// One pass hashes cand and, from each prefix hash P[i] and the next,
	// gives D[i] and E[i].
	d, e := &m.scratch.dels[0], &m.scratch.dels[1]
	var whole uint64
	for i, r := range cand {
		next := hashStep(whole, rune(r))
		if dels >= 1 {
			step := whole - next
			d[i] = step * powers[n-1-i]
			if dels >= 2 && i+2 <= n {
				e[i] = step * powers[n-2-i]
			}
		}
		whole = next
	}
	if ix.delBloom.has(whole) {
		m.probeHash(whole, l, folded)
	}
	if dels < 1 {
		return
	}
	for i := range n {
		if h := whole + d[i]; ix.delBloom.has(h) {
			m.probeHash(h, l, folded)
		}
		if dels < 2 {
			continue
		}
		base := whole + e[i]
		for _, dj := range d[i+1 : n] {
			if h := base + dj; ix.delBloom.has(h) {
				m.probeHash(h, l, folded)
			}
		}
	}
}

// probeHash records a hit for every official whose label, raw or folded as
// cand is, gives a string of hash h once runes are deleted.
func (m *matcher) probeHash(h uint64, l int, folded bool) {
	ix := m.ix
	for e := ix.dels.first(h); e >= 0; e = ix.dels.next[e] {
		v := ix.dels.vals[e]
		official, forms := v>>2, v&(delRaw|delFolded)
		if folded && forms&delFolded == 0 || !folded && forms&delRaw == 0 {
			continue
		}
		dup := false
		for _, x := range m.hits[:m.nhits] {
			dup = dup || x.phrase < 0 && x.official == official && int(x.i) == l
		}
		if !dup {
			m.addHit(hit{phrase: -1, official: official, i: int16(l)})
		}
	}
}
