package lookalike

import (
	"slices"
	"strings"
)

// The dictionary of word segmentation (segment.go): its words, their senses,
// and the trie they are laid out in.

// pieceClass is what a dictionary word is to the judgement.
type pieceClass uint8

const (
	// classFiller words cover letters and prove nothing ("la", "votre").
	classFiller pieceClass = iota
	// classKeyword is a sensitive keyword ("remboursement").
	classKeyword
	// classGov is a government word ("gouv", "gov", "fr", "france").
	classGov
	// classWeak is a name that needs another signal beside it
	// ("vitale", "impots", a label under 5 letters).
	classWeak
	// classStrong is a name that counts alone ("cpam", "cartevitale").
	classStrong
)

// minTypoWord is the shortest word, and the shortest text, matched with a
// typo.
const minTypoWord = 5

// A meaning is one sense of a dictionary word; a word may have several
// ("vitale" is a keyword and a weak name).
type meaning struct {
	official int32 // the official named, or -1
	class    pieceClass
	alias    bool // a name from the organisation's aliases, not a domain
	misspelt bool // a government word misspelt ("qouv")
	// common marks a weak name that is one of Options.OrdinaryWords
	// ("finances", "economie") or an alias of three letters: a keyword
	// beside it proves nothing ("myfinance", "financesonline"), a
	// government word or another name of the organisation does.
	common bool
	// ownLabel marks a strong name one edit at most from a strong label
	// of its organisation's domains (markOwnLabels).
	ownLabel bool
	// abbrev marks a name of several words with one shortened
	// ("assumaladie"): no phrase of the language.
	abbrev bool
	// glued marks a keyword that is a signal only glued to other
	// letters: "www" in "wwwimpot", not the "www" label.
	glued bool
	// spread has a bit for each word of an alias of several keywords
	// this word is (spread.go), on the first sense of the word.
	spread uint64
	// phrase marks a name of several words ("servicepublic",
	// "assurancemaladie"): glued to letters no word explains, it is
	// mostly the phrase in a longer one ("institutnationalservicepublic").
	phrase bool
	word   string
	next   int32
}

type trieNode struct {
	firstChild int32 // -1 when none; children are in byte order
	sibling    int32 // the parent's next child, or -1
	meaning    int32 // first meaning of the word ending here, or -1
	b          byte  // the letter on the edge into this node
	depth      uint8
	names      bool // a name ends here or below
	spread     bool // a word of a spread name ends here or below
}

// trieBuilder collects words before they are laid out, sorted, as a trie.
type trieBuilder struct {
	words []pendingWord
}

type pendingWord struct {
	word string
	mn   meaning
}

// addWord adds a sense of word, a lowercase ASCII string.
func (ix *Index) addWord(tb *trieBuilder, word string, mn meaning) {
	if word == "" || len(word) > maxRunes || !isASCII(word) {
		return
	}
	mn.word = word
	tb.words = append(tb.words, pendingWord{word, mn})
}

// layout builds the trie from the words sorted, so that each node's
// children come in byte order without a map per node: the cost of New
// grows with the letters of the dictionary, not with its maps.
func (ix *Index) layout(tb *trieBuilder) {
	slices.SortStableFunc(tb.words, func(a, b pendingWord) int { return strings.Compare(a.word, b.word) })
	ix.nodes = make([]trieNode, 1, 1+len(tb.words)*4)
	ix.nodes[0] = trieNode{firstChild: -1, sibling: -1, meaning: -1}
	var path [maxRunes + 1]int32 // path[d]: the node at depth d of the previous word
	var lastChild []int32        // the last child added to each node
	lastChild = append(lastChild, -1)
	parent := []int32{-1}
	prev := ""
	for _, w := range tb.words {
		common := 0
		for common < len(prev) && common < len(w.word) && prev[common] == w.word[common] {
			common++
		}
		n := path[common]
		for d := common; d < len(w.word); d++ {
			c := int32(len(ix.nodes))
			ix.nodes = append(ix.nodes, trieNode{firstChild: -1, sibling: -1, meaning: -1, b: w.word[d], depth: uint8(d + 1)})
			lastChild = append(lastChild, -1)
			parent = append(parent, n)
			if last := lastChild[n]; last >= 0 {
				ix.nodes[last].sibling = c
			} else {
				ix.nodes[n].firstChild = c
			}
			lastChild[n] = c
			n = c
			path[d+1] = c
		}
		prev = w.word
		ix.addMeaning(n, w.mn)
	}
	for n := range ix.nodes {
		if !ix.namesOfficial(ix.nodes[n].meaning) {
			continue
		}
		for a := int32(n); a >= 0 && !ix.nodes[a].names; a = parent[a] {
			ix.nodes[a].names = true
		}
	}
	for b := range ix.rootChild {
		ix.rootChild[b] = -1
	}
	ix.pairs = make([]int32, 128*128)
	for i := range ix.pairs {
		ix.pairs[i] = -1
	}
	for c := ix.nodes[0].firstChild; c >= 0; c = ix.nodes[c].sibling {
		b := ix.nodes[c].b
		if b >= 128 {
			continue
		}
		ix.rootChild[b] = c
		for cc := ix.nodes[c].firstChild; cc >= 0; cc = ix.nodes[cc].sibling {
			if b2 := ix.nodes[cc].b; b2 < 128 {
				ix.pairs[int(b)<<7|int(b2)] = cc
			}
		}
	}
	tb.words = nil
}

// bigrams is a set of pairs of ASCII bytes.
type bigrams [128 * 128 / 64]uint64

func (bg *bigrams) add(a, b byte) {
	if a < 128 && b < 128 {
		i := int(a)<<7 | int(b)
		bg[i>>6] |= 1 << (i & 63)
	}
}

func (bg *bigrams) has(a, b byte) bool {
	if a >= 128 || b >= 128 {
		return false
	}
	i := int(a)<<7 | int(b)
	return bg[i>>6]&(1<<(i&63)) != 0
}

// addMeaning adds a sense to the word ending at node n, unless the word
// already has it or a stronger one for the same official.
func (ix *Index) addMeaning(n int32, mn meaning) {
	for m := ix.nodes[n].meaning; m >= 0; m = ix.meanings[m].next {
		if x := ix.meanings[m]; x.official == mn.official && x.class >= mn.class {
			return
		}
	}
	mn.next = ix.nodes[n].meaning
	ix.nodes[n].meaning = int32(len(ix.meanings))
	ix.meanings = append(ix.meanings, mn)
	if mn.official >= 0 && len(mn.word) >= 2 {
		ix.nameStarts.add(mn.word[0], mn.word[1])
	}
}

// pair returns the node of the two letters of t at i, or -1.
func (ix *Index) pair(t []byte, i int) int32 { return pairAt(ix, t, i) }

// pairAt is pair over a label's text or the host's bytes.
func pairAt[T ~string | ~[]byte](ix *Index, t T, i int) int32 {
	if i+1 >= len(t) || t[i] >= 128 || t[i+1] >= 128 {
		return -1
	}
	return ix.pairs[int(t[i])<<7|int(t[i+1])]
}

// child follows the edge of n labelled b, or returns -1.
func (ix *Index) child(n int32, b byte) int32 {
	if n == 0 {
		if b >= 128 {
			return -1
		}
		return ix.rootChild[b]
	}
	for c := ix.nodes[n].firstChild; c >= 0; c = ix.nodes[c].sibling {
		if x := ix.nodes[c].b; x >= b {
			if x == b {
				return c
			}
			break
		}
	}
	return -1
}
