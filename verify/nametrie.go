package verify

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/verify/internal/mention"
)

// A keyTrie holds the visual keys of names byte by byte, so that a run of
// words is matched as its keys are read: a run stops at its first word
// that leaves every key, and most words of a text leave them at their
// first letters. Reading a text costs a few steps per word instead of a
// map look-up per run of up to maxSpeltOut words.
type keyTrie struct {
	// root maps the first byte of a key to its node (0: none).
	root [256]int32
	// nodes[0] is the root; a node's children are a list through next.
	nodes []trieNode
	// ends holds the entries of the names whose key ends at a node.
	ends [][]nameEntry
}

type trieNode struct {
	b           byte
	child, next int32 // 0: none
	end         int32 // 1 + its index in ends; 0: no key ends here
}

func newKeyTrie(keys map[string][]nameEntry) *keyTrie {
	bytes := 0
	for key := range keys {
		bytes += len(key)
	}
	// At most one node per byte of a key, fewer as keys share prefixes.
	t := &keyTrie{nodes: make([]trieNode, 1, 1+bytes), ends: make([][]nameEntry, 0, len(keys))}
	for key, entries := range keys {
		n := int32(0)
		for i := 0; i < len(key); i++ {
			n = t.add(n, key[i])
		}
		t.ends = append(t.ends, entries)
		t.nodes[n].end = int32(len(t.ends))
	}
	return t
}

// add returns the child of n for byte b, made if missing.
func (t *keyTrie) add(n int32, b byte) int32 {
	if c := t.step(n, b); c != 0 {
		return c
	}
	t.nodes = append(t.nodes, trieNode{b: b})
	c := int32(len(t.nodes) - 1)
	if n == 0 {
		t.root[b] = c
	} else {
		t.nodes[c].next = t.nodes[n].child
		t.nodes[n].child = c
	}
	return c
}

// step returns the child of n for byte b, 0 if none.
func (t *keyTrie) step(n int32, b byte) int32 {
	if n == 0 {
		return t.root[b]
	}
	for c := t.nodes[n].child; c != 0; c = t.nodes[c].next {
		if t.nodes[c].b == b {
			return c
		}
	}
	return 0
}

// walkKey follows key from n in t: the node reached, or -1 when no name's
// key goes on with key. An empty key stays at n.
func walkKey[K string | []byte](t *keyTrie, n int32, key K) int32 {
	for i := 0; i < len(key); i++ {
		if n = t.step(n, key[i]); n == 0 {
			return -1
		}
	}
	return n
}

// entries lists the names whose key ends at n.
func (t *keyTrie) entries(n int32) []nameEntry {
	if e := t.nodes[n].end; e > 0 {
		return t.ends[e-1]
	}
	return nil
}

// A runMatcher finds, as a text's words are read one at a time, the runs
// of words whose keys, glued, are a strong name's key: every run still
// on a path of the trie is carried to the next word (a handful at most,
// and never more than maxSpeltOut).
type runMatcher struct {
	trie   *keyTrie
	orgs   []*domains.Organization
	skip   map[*domains.Organization]bool // organisations already found
	active []runState
	found  []runFound
}

type runState struct {
	first, from int // the run's first word, and where it starts
	node        int32
	single      bool // every word so far is one letter
}

// A runFound is a run of words, first to last, from byte from to byte to
// of the text, whose keys glued are entry's.
type runFound struct {
	first, last, from, to int
	single                bool
	entry                 *nameEntry
}

func (c *Checker) runMatcher(skip map[*domains.Organization]bool) *runMatcher {
	return &runMatcher{trie: c.names.runs, orgs: c.orgs, skip: skip}
}

// addRunWord reads word j of a text, text at [from, to) with its key.
func addRunWord[K string | []byte](m *runMatcher, j, from, to int, text string, key K) {
	m.active = append(m.active, runState{first: j, from: from, single: true})
	carried := m.active[:0]
	for _, st := range m.active {
		// Letters spelt out one by one ("A s s u r a n c e") run past
		// maxNameWords, up to maxSpeltOut.
		if j-st.first >= maxNameWords && !(st.single && j-st.first < maxSpeltOut) {
			continue
		}
		if st.node = walkKey(m.trie, st.node, key); st.node < 0 {
			continue
		}
		st.single = st.single && utf8.RuneCountInString(text) == 1
		entries := m.trie.entries(st.node)
		for k := range entries {
			if e := &entries[k]; !e.weak && !m.skip[m.orgs[e.owner]] {
				m.found = append(m.found, runFound{st.first, j, st.from, to, st.single, e})
			}
		}
		carried = append(carried, st)
	}
	m.active = carried
}

// runs returns the runs found, by first word, then by last.
func (m *runMatcher) runs() []runFound {
	// They were found by last word; for one first word, by last already.
	slices.SortStableFunc(m.found, func(a, b runFound) int { return cmp.Compare(a.first, b.first) })
	return m.found
}

// nameRuns finds the strong names of organisations in words: a run of
// words whose keys, glued, are a name's key. A run in disguise (not the
// name's plain spelling) counts when it is one word ("AssuranceMaladie",
// "ameIi"), as many words as the name ("Аssurance Maladie"), or letters
// spelt out one by one ("M.G.E.N").
//
// With seen, only the first hit of each organisation not in seen is
// returned, and seen records it: what a caller that keeps one hit per
// organisation would keep, without building the others.
func (c *Checker) nameRuns(words []nameWord, seen map[*domains.Organization]bool) []nameHit {
	m := c.runMatcher(seen)
	for j, w := range words {
		addRunWord(m, j, 0, 0, w.text, w.key)
	}
	return c.runHits(m.runs(), func(f runFound) string { return joinWords(words[f.first : f.last+1]) }, seen)
}

// runHits judges the runs found (see nameRuns); shown writes a run's words
// as the text does, joined by spaces.
func (c *Checker) runHits(found []runFound, shown func(runFound) string, seen map[*domains.Organization]bool) []nameHit {
	var hits []nameHit
	for _, f := range found {
		e := f.entry
		org := c.orgs[e.owner]
		if seen[org] {
			continue
		}
		n := f.last - f.first + 1
		text := shown(f)
		plain := strings.EqualFold(strings.Join(mention.Tokens(text), " "), e.tokens)
		if !plain && n > 1 && n != e.words && !f.single {
			continue
		}
		h := nameHit{org: org, name: e.name, first: f.first, last: f.last}
		if !plain {
			h.shown = text
		}
		hits = append(hits, h)
		if seen != nil {
			seen[org] = true
		}
	}
	return hits
}

func joinWords(ws []nameWord) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.text
	}
	return strings.Join(parts, " ")
}

// joinSpan writes the words of s joined by spaces.
func joinSpan(s string) string {
	if start, end := nextNameWord(s, 0); start == 0 && end == len(s) {
		return s
	}
	var parts []string
	for start, end := nextNameWord(s, 0); end >= 0; start, end = nextNameWord(s, end) {
		parts = append(parts, s[start:end])
	}
	return strings.Join(parts, " ")
}
