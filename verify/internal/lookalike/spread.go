package lookalike

import (
	"slices"
	"strings"

	"github.com/vigie-sante/vigie/internal/names"
)

// The words of a name apart: "assurance-carte-maladie", "maladie-assurance"
// and "assurancedesmaladie" hold every word of the alias "Assurance
// Maladie", with other words between them or in another order. Only an
// alias whose words are all sensitive keywords is read so: its words are
// already in the dictionary, so segmentation finds them as pieces and the
// walk holdsName makes anyway meets them, at no cost to other hosts.

// maxSpread is the most words of spread names the index tracks, one bit
// each.
const maxSpread = 64

// A spreadName is an alias of several keywords.
type spreadName struct {
	official int32
	word     string // the alias as a dictionary word: "assurancemaladie"
	mask     uint64 // the bits of its words
}

// buildSpread finds the aliases of several keywords and marks their words'
// senses with a bit each; it runs once the trie is laid out.
func (ix *Index) buildSpread() {
	keywords := make(map[string]bool, len(ix.opts.Keywords))
	for _, kw := range ix.opts.Keywords {
		keywords[strings.ToLower(strings.TrimSpace(kw))] = true
	}
	bit := 0
	seen := make(map[int32]bool)
	for oi, o := range ix.officials {
		if seen[int32(o.target)] {
			continue
		}
		seen[int32(o.target)] = true
		for _, a := range ix.targets[o.target].Aliases {
			words := contentWords(a)
			if len(words) < 2 || len(words) > maxSpread-bit || !allIn(words, keywords) || slices.ContainsFunc(words, func(w string) bool { return len(w) < 3 }) {
				// A word under 3 letters escapes the name filter
				// (namefilter.go) and proves nothing.
				continue
			}
			s := spreadName{official: int32(oi), word: names.Label(a)}
			for _, w := range words {
				s.mask |= 1 << bit
				forms := []string{w, w + "s"}
				if w[len(w)-1] == 's' {
					forms = append(forms, w[:len(w)-1])
				}
				for _, form := range forms {
					if n := ix.wordNode(form); n >= 0 && ix.nodes[n].meaning >= 0 {
						ix.meanings[ix.nodes[n].meaning].spread |= 1 << bit
						ix.markSpread(form)
					}
				}
				ix.nameStarts.add(w[0], w[1])
				bit++
			}
			ix.spread = append(ix.spread, s)
		}
	}
}

// contentWords returns the words of a name but its function words.
func contentWords(name string) []string {
	var out []string
	for _, w := range names.Words(name) {
		if !slices.Contains(fillerWords, w) {
			out = append(out, w)
		}
	}
	return out
}

func allIn(words []string, set map[string]bool) bool {
	for _, w := range words {
		if !set[w] {
			return false
		}
	}
	return true
}

// markSpread flags the nodes along word, so that the name filter lets a
// label holding it through.
func (ix *Index) markSpread(word string) {
	n := int32(0)
	for i := 0; i < len(word) && n >= 0; i++ {
		if n = ix.child(n, word[i]); n >= 0 {
			ix.nodes[n].spread = true
		}
	}
}

// wordNode returns the trie node where word ends, or -1.
func (ix *Index) wordNode(word string) int32 {
	n := int32(0)
	for i := 0; i < len(word) && n >= 0; i++ {
		n = ix.child(n, word[i])
	}
	return n
}

// spreadComplete reports whether the words met, as bits, hold every word
// of a spread name.
func (ix *Index) spreadComplete(met uint64) bool {
	for _, s := range ix.spread {
		if met&s.mask == s.mask {
			return true
		}
	}
	return false
}

// spreadMet returns the bits of the spread words among the exact pieces of
// label l.
func (m *matcher) spreadMet(l int) uint64 {
	var met uint64
	for _, p := range m.labelPieces(l) {
		if p.meaning >= 0 && !p.typo {
			met |= m.ix.meanings[p.meaning].spread
		}
	}
	return met
}

// spreadNames judges the spread names of label l, the registrable label
// or the customer's on a hosting platform. The words alone and in the
// name's order are the phrase of the language ("assurances-maladie.fr"),
// as the alias spelt as a phrase is.
func (m *matcher) spreadNames(l int, platform bool) {
	met := m.spreadMet(l)
	if met == 0 {
		return
	}
	pieces := m.labelPieces(l)
	for _, s := range m.ix.spread {
		if met&s.mask != s.mask || m.onlyWordsInOrder(pieces, s.mask) {
			continue
		}
		tech := ComboSquat | Alias
		for _, p := range pieces {
			if p.meaning >= 0 && m.ix.meanings[p.meaning].spread&s.mask != 0 && !m.wholeTokens(l, p) {
				tech |= Compound
				break
			}
		}
		if platform {
			tech |= HostingPlatform
		}
		lb := &m.labels[l]
		m.record(&m.combos, &m.nCombos, s.official, int(lb.ts), int(lb.te)-1)
		m.add(s.official, tech, scoreCompound+1, s.word, 0)
	}
}

// onlyWordsInOrder reports whether pieces are exactly the words of mask,
// each once, in the bits' order.
func (m *matcher) onlyWordsInOrder(pieces []piece, mask uint64) bool {
	last := -1
	for _, p := range pieces {
		if p.meaning < 0 || p.typo {
			return false
		}
		bits := m.ix.meanings[p.meaning].spread & mask
		if bits == 0 {
			return false
		}
		b := 0
		for bits&(1<<b) == 0 {
			b++
		}
		if b <= last {
			return false
		}
		last = b
	}
	return true
}
