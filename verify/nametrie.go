package verify

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
	t := &keyTrie{nodes: make([]trieNode, 1), ends: make([][]nameEntry, 0, len(keys))}
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

// walk follows key from n: the node reached, or -1 when no name's key
// goes on with key. An empty key stays at n.
func (t *keyTrie) walk(n int32, key string) int32 {
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
