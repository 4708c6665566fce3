package lookalike

// Word segmentation: a label with no separators ("securitesocialamelie",
// "ameliespacesecurise") is split into the words of a dictionary — the
// officials' names and aliases, the sensitive keywords, government words and
// a few French function words — so that a name glued to other words counts
// as it does between hyphens. A word of 5 letters or more may carry one
// typo ("rembourssement", "ameii"), never on its first two letters, where
// an edit mostly makes another word.
//
// The dictionary is a trie; a label is segmented by dynamic programming
// over its positions, each extended by a walk of the trie, so the cost is
// the label's length times the depth of the trie, with no backtracking.

// A piece is a word found in a label by segmentation.
type piece struct {
	s, e    uint8 // bytes in the segmented text
	meaning int32 // first sense, or -1 for a run of digits
	typo    bool
}

// Segmentation costs: a letter left unexplained costs far more than a
// typo, which costs more than a word, so the best split explains the most
// letters, then with the fewest typos, then with the fewest words.
const (
	costUnknown = 1000
	costTypo    = 10
	costPiece   = 3
)

// segmenter holds the dynamic programme over one text.
type segmenter struct {
	walker
	best     [maxRunes + 1]int32
	from     [maxRunes + 1]uint8
	via      [maxRunes + 1]int32 // meaning, -1 digits, -2 unknown letter
	typo     [maxRunes + 1]bool
	boundary [maxRunes + 1]bool // reached by a word or at the start
}

// walker walks the trie along a text, exactly or with one edit, and
// reports the words it meets to the dynamic programme, or, with no
// programme, only whether one of them is a name.
type walker struct {
	ix    *Index
	t     []byte
	start int // where the fuzzy walk started
	// seps has bit i set when a separator stood before byte i of the
	// text: a letter added after a word is a typo only there or at the
	// end ("amelie-espace"), else it begins the next word ("amelifyv").
	seps  uint64
	dp    *segmenter
	found bool // a name was met, when dp is nil
}

// met records the word of meaning mn over t[start:end].
func (w *walker) met(start, end int, mn int32, typo bool) {
	if w.dp != nil {
		w.dp.relax(start, end, mn, typo, costPiece)
	} else if w.ix.namesOfficial(mn) {
		w.found = true
	}
}

// pruned reports whether the walk can skip node: looking for names only,
// none ends below it.
func (w *walker) pruned(node int32) bool { return w.dp == nil && !w.ix.nodes[node].names }

// holdsName reports whether a name, exact or with one typo, starts
// somewhere in t: the cheap question asked before segmenting a label.
func (ix *Index) holdsName(t []byte, seps uint64) bool {
	w := walker{ix: ix, t: t, seps: seps}
	// A typo'd word starts where segmentation can start one: at a
	// token's start, after a run of digits or after an exact word.
	var starts [maxRunes + 1]bool
	var met uint64 // the spread words met
	for i := range t {
		starts[i] = starts[i] || w.sepAt(i) || i > 0 && isDigit(t[i-1])
		if first := ix.child(0, t[i]); first >= 0 && ix.nodes[first].meaning >= 0 {
			starts[i+1] = true
		}
		for node, j := ix.pair(t, i), i+2; node >= 0; j++ {
			if mn := ix.nodes[node].meaning; mn >= 0 {
				starts[j] = true
				met |= ix.meanings[mn].spread
			}
			if j == len(t) {
				break
			}
			node = ix.child(node, t[j])
		}
	}
	if met != 0 && ix.spreadComplete(met) {
		return true
	}
	for i := 0; i+1 < len(t) && !w.found; i++ {
		p := ix.pair(t, i)
		if p < 0 || !ix.nodes[p].names {
			continue
		}
		for node, j := p, i+2; node >= 0 && !w.found; j++ {
			if m := ix.nodes[node].meaning; m >= 0 {
				w.met(i, j, m, false)
			}
			if j == len(t) {
				break
			}
			node = ix.child(node, t[j])
		}
		if starts[i] && len(t)-i >= minTypoWord-1 {
			w.start = i
			w.fuzzy(p, i+2)
		}
	}
	return w.found
}

// segment splits t (at most maxRunes bytes) into pieces written to out, and
// returns how many, with the number of letters no word explains; seps marks
// where separators stood (see segmenter.seps).
func (ix *Index) segment(t []byte, seps uint64, out *[maxRunes]piece) (pieces, unknown int) {
	n := len(t)
	if n == 0 || n > maxRunes || len(ix.nodes) == 0 {
		return 0, n
	}
	var s segmenter
	s.walker = walker{ix: ix, t: t, seps: seps}
	s.dp = &s
	for i := 1; i <= n; i++ {
		s.best[i] = 1 << 30
	}
	s.boundary[0] = true
	for i := 0; i < n; i++ {
		if s.best[i] >= 1<<30 {
			continue
		}
		if s.sepAt(i) && s.sepAt(i+1) {
			// A letter alone between separators ("e-carte") is an
			// initial, not a word left unexplained.
			s.relax(i, i+1, -1, false, costPiece)
		} else {
			s.relax(i, i+1, -2, false, costUnknown)
		}
		if isDigit(t[i]) {
			j := i
			for j < n && isDigit(t[j]) {
				j++
			}
			s.relax(i, j, -1, false, costPiece)
		}
		// The first letter, then the first two by the table of
		// pairs, then down the trie.
		if first := ix.child(0, t[i]); first >= 0 {
			if m := ix.nodes[first].meaning; m >= 0 {
				s.relax(i, i+1, m, false, costPiece)
			}
			node := ix.pair(t, i)
			for j := i + 2; node >= 0; j++ {
				if m := ix.nodes[node].meaning; m >= 0 {
					s.relax(i, j, m, false, costPiece)
				}
				if j == n {
					break
				}
				node = ix.child(node, t[j])
			}
		}
		if s.boundary[i] && n-i >= minTypoWord-1 {
			// The first two letters are never edited: an edit there
			// mostly makes another word, and keeping them spares
			// the walk the widest nodes of the trie.
			if second := ix.pair(t, i); second >= 0 {
				s.start = i
				s.fuzzy(second, i+2)
			}
		}
	}
	// Walk back from the end, then put the pieces in order.
	for j := n; j > 0; j = int(s.from[j]) {
		if v := s.via[j]; v == -2 {
			unknown++
		} else {
			out[pieces] = piece{s: s.from[j], e: uint8(j), meaning: v, typo: s.typo[j]}
			pieces++
		}
	}
	for i, j := 0, pieces-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return pieces, unknown
}

func (s *segmenter) relax(i, j int, via int32, typo bool, cost int32) {
	if via >= 0 {
		// Between two splits of equal cover, the one with the
		// stronger name wins: "impotsgouv" + "fr", not "impots" +
		// "gouvfr".
		cost -= int32(s.ix.meanings[via].class) / 2
	}
	c := s.best[i] + cost
	if typo {
		c += costTypo
	}
	if c < s.best[j] {
		s.best[j], s.from[j], s.via[j], s.typo[j] = c, uint8(i), via, typo
		s.boundary[j] = via != -2
	}
}

// fuzzy walks the trie from node, at text position pos, with no edit made
// yet, and records every word of minTypoWord letters or more reached with
// exactly one edit: a letter replaced, dropped, added, or two swapped.
// The word's first letter is never edited, nor its last replaced or
// dropped ("general" is a word, not "generali" mistyped); a letter added
// after it is a typo ("amelie").
func (s *walker) fuzzy(node int32, pos int) {
	ix, t := s.ix, s.t
	nd := ix.nodes[node]
	for c := nd.firstChild; c >= 0; c = ix.nodes[c].sibling {
		if s.pruned(c) {
			continue
		}
		b := ix.nodes[c].b
		at := int(nd.depth) // the word's letter b is at this index
		switch {
		case pos < len(t) && t[pos] == b:
			s.fuzzy(c, pos+1)
		case pos < len(t):
			s.exact(c, pos+1, at) // replaced
			if pos+1 < len(t) && t[pos+1] == b {
				if cc := ix.child(c, t[pos]); cc >= 0 {
					s.exact(cc, pos+2, -1) // swapped
				}
			}
		}
		s.exact(c, pos, at) // dropped from the text
	}
	if pos < len(t) && nd.depth >= 2 {
		// A letter added to the text, inside a longer word...
		if c := ix.child(node, t[min(pos+1, len(t)-1)]); c >= 0 && pos+1 < len(t) {
			s.exact(c, pos+2, -1)
		}
		// ...or after this one, at a separator, the end or before
		// another word ("ameliegouv"), not before letters no word
		// explains ("amelifyv": the name and an identifier).
		if nd.meaning >= 0 && nd.depth >= minTypoWord && (pos+1 == len(t) || s.seps&(1<<(pos+1)) != 0 || s.wordAt(pos+1)) {
			s.met(s.start, pos+1, nd.meaning, true)
		}
	}
}

// exact follows t from pos down the trie after the one edit, made on the
// word's letter at index editAt (-1 for a letter added or two swapped),
// recording the words it meets.
func (s *walker) exact(node int32, pos, editAt int) {
	ix, t := s.ix, s.t
	for !s.pruned(node) {
		nd := &ix.nodes[node]
		if nd.meaning >= 0 && nd.depth >= minTypoWord && pos-s.start >= minTypoWord && editAt != int(nd.depth)-1 {
			s.met(s.start, pos, nd.meaning, true)
		}
		if pos >= len(t) {
			return
		}
		if node = ix.child(node, t[pos]); node < 0 {
			return
		}
		pos++
	}
}

// wordAt reports whether a word of 4 letters or more starts at offset i of
// the text.
func (s *walker) wordAt(i int) bool {
	node := s.ix.pair(s.t, i)
	for j := i + 2; node >= 0; j++ {
		if nd := &s.ix.nodes[node]; nd.meaning >= 0 && nd.depth >= 4 {
			return true
		}
		if j == len(s.t) {
			return false
		}
		node = s.ix.child(node, s.t[j])
	}
	return false
}

// sepAt reports whether a token starts or ends at offset i of the text.
func (s *walker) sepAt(i int) bool {
	return i == 0 || i == len(s.t) || i < 64 && s.seps&(1<<i) != 0
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }
