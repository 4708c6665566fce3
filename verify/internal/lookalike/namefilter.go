package lookalike

// The name filter: before holdsName walks the dictionary's trie from every
// position of a label, exactly and with one typo, four letters per
// position prove, for most labels, that no name can start anywhere.
//
// Why it is exact: holdsName finds a name w only where the label holds its
// first two letters, unedited, at some offset i (the text t below starts
// there), and then either w exactly, or, for a name of 5 letters or more,
// w with one edit made on a letter from the third on. A name of two
// letters is the pair itself; one of three is t0t1t2. Longer, the edit
// leaves a trace in the label's next letters:
//
//	no edit in w0..w3      t0t1t2t3 = w0w1w2w3
//	w3 replaced            t0t1t2·t4 = w0w1w2w4
//	w3 dropped or swapped  t0t1t2t3 = w0w1w2w4
//	letter added before w3 t0t1t2·t4 = w0w1w2w3
//	w2 replaced            t0t1·t3t4 = w0w1w3w4
//	w2 dropped             t0t1t2t3 = w0w1w3w4
//	w2 swapped with w3     t0t1t2t3 = w0w1w3w2
//	letter added before w2 t0t1·t3t4 = w0w1w2w3
//
// So a label holds, at some i where a name's pair starts, one of a name's
// four letters at offsets 0123, 0124 or 0134 from the table above. The
// sets are hashed to bits: a collision only lets a label through.

const nameFilterBits = 1 << 18

type nameGrams [nameFilterBits / 64]uint64

// The shapes of the table above: which offsets of the label are read.
const (
	shape012 = iota
	shape0123
	shape0124
	shape0134
)

func nameGramSlot(shape int, a, b, c, d byte) uint32 {
	x := uint64(shape)<<32 | uint64(a)<<24 | uint64(b)<<16 | uint64(c)<<8 | uint64(d)
	return uint32((x * 0x9e3779b97f4a7c15) >> (64 - 18))
}

func (g *nameGrams) add(shape int, a, b, c, d byte) {
	i := nameGramSlot(shape, a, b, c, d)
	g[i>>6] |= 1 << (i & 63)
}

func (g *nameGrams) has(shape int, a, b, c, d byte) bool {
	i := nameGramSlot(shape, a, b, c, d)
	return g[i>>6]&(1<<(i&63)) != 0
}

// buildNameFilter fills the sets from every word of the dictionary that
// names an official, and what each pair of first letters says of the
// names it begins.
func (ix *Index) buildNameFilter() {
	g := new(nameGrams)
	var byPair [128 * 128]pairName
	add := func(shape int, w string, c, d byte) {
		g.add(shape, w[0], w[1], c, d)
		if w[0] < 128 && w[1] < 128 {
			pn := &byPair[int(w[0])<<7|int(w[1])]
			pn.shapes |= 1 << shape
			pn.thirds |= 1 << (w[2] & 63)
			if len(w) > 3 {
				pn.thirds |= 1 << (w[3] & 63)
			}
		}
	}
	for _, mn := range ix.meanings {
		w := mn.word
		switch {
		case mn.spread != 0 && len(w) >= 3:
			// A spread name's word is met exactly (spread.go).
			if len(w) == 3 {
				add(shape012, w, w[2], 0)
			} else {
				add(shape0123, w, w[2], w[3])
			}
		case mn.official < 0 || len(w) < 3:
		case len(w) == 3:
			add(shape012, w, w[2], 0)
		case len(w) == 4:
			add(shape0123, w, w[2], w[3])
		default:
			add(shape0123, w, w[2], w[3])
			add(shape0123, w, w[2], w[4])
			add(shape0123, w, w[3], w[4])
			add(shape0123, w, w[3], w[2])
			add(shape0124, w, w[2], w[4])
			add(shape0124, w, w[2], w[3])
			add(shape0134, w, w[3], w[4])
			add(shape0134, w, w[2], w[3])
		}
	}
	ix.nameGrams = g
	// What two letters say of the names they begin, worked out once
	// for every pair: most positions of a label are then one lookup.
	ix.pairStarts = make([]uint16, 128*128)
	ix.pairNames = []pairName{{}, {}} // the classes' places
	seen := map[pairName]uint16{}
	for a := range 128 {
		for b := range 128 {
			p := ix.pairs[a<<7|b]
			switch {
			case !ix.nameStarts.has(byte(a), byte(b)) || p < 0 || !ix.nodes[p].names && !ix.nodes[p].spread:
				ix.pairStarts[a<<7|b] = pairStartsNothing
			case ix.namesOfficial(ix.nodes[p].meaning):
				ix.pairStarts[a<<7|b] = pairNamesOfficial
			default:
				pn := byPair[a<<7|b]
				k, ok := seen[pn]
				if !ok {
					k = uint16(len(ix.pairNames))
					seen[pn] = k
					ix.pairNames = append(ix.pairNames, pn)
				}
				ix.pairStarts[a<<7|b] = k
			}
		}
	}
}

// The classes of Index.pairStarts, for two letters at a position of a
// label: they begin no name the filter reads, or they begin a word that
// names an official. Any other value is the place in Index.pairNames of
// what the names they begin leave at the label's next letters, which
// decide.
const (
	pairStartsNothing = iota
	pairNamesOfficial
)

// A pairName is what the names a pair of letters begins, each filed in
// the name filter as the table above says, leave at a label's letters
// t2 to t4 after the pair: the shapes filed, and a set of the letters
// (as bit c&63) that every filed entry puts at t2 or, for shape0134,
// at t3, which are the names' third and fourth letters. A position
// whose t2 is not in the set can pass no entry but a shape0134 one, and
// that only where t3 is: most positions are turned away by two bits.
type pairName struct {
	shapes uint8
	thirds uint64
}

func (pn *pairName) hasThird(c byte) bool { return pn.thirds&(1<<(c&63)) != 0 }

// mayStartName reports whether a name may start somewhere in t, as
// holdsName would find it; false is certain. t is a label's text, or the
// host's bytes of a label that is its own text.
func mayStartName[T ~string | ~[]byte](ix *Index, t T) bool {
	g := ix.nameGrams
	if g == nil {
		return true
	}
	starts := (*[128 * 128]uint16)(ix.pairStarts)
	for i := 0; i+1 < len(t); i++ {
		a, b := t[i], t[i+1]
		if a|b >= 128 {
			continue
		}
		// The mask changes no index of two ASCII bytes; it shows the
		// compiler the index is in the table.
		k := starts[(int(a)<<7|int(b))&(len(starts)-1)]
		switch {
		case k == pairStartsNothing:
			continue
		case k == pairNamesOfficial:
			return true
		case i+2 == len(t):
			return false // every entry needs t2: a pair that ends t passes none
		}
		pn := &ix.pairNames[k]
		if pn.hasThird(t[i+2]) {
			if pn.shapes&(1<<shape012) != 0 && g.has(shape012, a, b, t[i+2], 0) ||
				pn.shapes&(1<<shape0123) != 0 && i+3 < len(t) && g.has(shape0123, a, b, t[i+2], t[i+3]) ||
				pn.shapes&(1<<shape0124) != 0 && i+4 < len(t) && g.has(shape0124, a, b, t[i+2], t[i+4]) {
				return true
			}
		}
		if pn.shapes&(1<<shape0134) != 0 && i+4 < len(t) && pn.hasThird(t[i+3]) && g.has(shape0134, a, b, t[i+3], t[i+4]) {
			return true
		}
	}
	return false
}
