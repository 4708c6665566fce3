package verify

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
	"golang.org/x/text/unicode/norm"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/verify/internal/lookalike"
	"github.com/vigie-sante/vigie/verify/internal/mention"
	"github.com/vigie-sante/vigie/verify/internal/uts39"
)

// Names are read the way hosts are: a display name "Аssurance Maladie"
// (Cyrillic А), "ameIi" (capital i), "Harm0nie Mutuelle", "ＡＭＥＬＩ",
// "Assur\u00adance Maladie" (soft hyphen), "AssuranceMaladie" or "M.G.E.N"
// names an organisation as surely as its plain spelling does, to a
// reader. Each word is reduced to its visual key, the UTS #39 skeleton
// folded as host labels are ([lookalike.AppendSkeletonFold]), and runs of
// words are compared glued together.

// A nameHit is an organisation named in a text.
type nameHit struct {
	org *domains.Organization
	// name is the organisation's name or alias found, as registered.
	name string
	// shown is the text as written, when it differs from name (a
	// disguise, a glued or spaced-out spelling).
	shown string
	// first and last are the indices of its words in nameWords(text).
	first, last int
}

// nameEntry is one name of an organisation, by its visual key.
type nameEntry struct {
	owner int
	name  string
	// tokens is name as [mention.Tokens] reads it, joined by spaces: a
	// run of words that reads the same is the name's plain spelling.
	tokens string
	words  int  // words in the name as registered
	weak   bool // an ordinary word too: only a part of glued names
}

// Bounds on the names matched in disguise.
const (
	// minDisguisedKey: names shorter than four letters (AXA, MSA) are
	// too easily made by chance from short words; CPAM and MGEN count.
	minDisguisedKey = 4
	// maxNameWords bounds the words of one name.
	maxNameWords = 8
	// maxSpeltOut bounds the letters of a name spelt out one by one
	// ("A s s u r a n c e  M a l a d i e" is 16).
	maxSpeltOut = 24
)

// nameIndex maps the visual key of each name of each organisation, its
// words glued ("assurancemaladie"), to its entries: the parts of its name,
// its aliases, the name parts of its domains ("service-public") and its
// weak aliases. Weak names ("Harmonie", "Vitale") are only ever one of
// several names glued together: alone they count only in their plain
// spelling and with context ([mention.Index]).
type nameIndex struct {
	keys   map[string][]nameEntry
	maxKey int
	// runs holds keys for reading runs of words (nameRuns).
	runs *keyTrie
}

func buildNameIndex(orgs []*domains.Organization) *nameIndex {
	ix := &nameIndex{keys: make(map[string][]nameEntry)}
	for i, o := range orgs {
		weak := make(map[string]bool)
		for _, a := range o.WeakAliases {
			weak[gluedKey(a)] = true
		}
		add := func(name string) {
			key := gluedKey(name)
			if len(key) < minDisguisedKey {
				return
			}
			for _, e := range ix.keys[key] {
				if e.owner == i {
					return
				}
			}
			name = strings.TrimSpace(name)
			ix.keys[key] = append(ix.keys[key], nameEntry{i, name, strings.Join(mention.Tokens(name), " "), len(nameWords(name)), weak[key]})
			ix.maxKey = max(ix.maxKey, len(key))
		}
		for _, part := range strings.FieldsFunc(o.Name, func(r rune) bool { return r == '/' || r == '(' || r == ')' }) {
			add(part)
		}
		for _, a := range o.Aliases {
			add(a)
		}
		for _, d := range o.Domains {
			suffix, _ := publicsuffix.PublicSuffix(d)
			add(strings.TrimSuffix(strings.TrimSuffix(d, suffix), "."))
		}
		for _, a := range o.WeakAliases {
			add(a)
		}
	}
	ix.runs = newKeyTrie(ix.keys)
	return ix
}

// gluedKey is the visual key of a name, its words glued.
func gluedKey(name string) string {
	var b strings.Builder
	for _, w := range nameWords(name) {
		b.WriteString(w.key)
	}
	return b.String()
}

// A nameWord is one word of a text with its visual key.
type nameWord struct {
	text, key string
}

// nameWords splits s into words of letters, digits and combining marks,
// after NFKC (fullwidth letters become ASCII) and removal of format
// characters (soft hyphens, zero-width spaces), which a reader does not
// see and which would otherwise cut a word in two. A word's text is a
// substring of s so read, and its key computed once per distinct word.
func nameWords(s string) []nameWord {
	ascii := isASCIIString(s)
	if !ascii {
		s = norm.NFKC.String(strings.Map(func(r rune) rune {
			if unicode.Is(unicode.Cf, r) {
				return -1
			}
			return r
		}, s))
	}
	n := 0
	for end := 0; ; n++ {
		if _, end = nextNameWord(s, end); end < 0 {
			break
		}
	}
	if n == 0 {
		return nil
	}
	words := make([]nameWord, 0, n)
	// The keys of ASCII words are written one after the other in one
	// buffer, each cut from it as written (a strings.Builder never
	// changes what it holds): no allocation per word. Other words, rarer
	// and dearer, go through visualKey once per distinct word.
	var asciiKeys strings.Builder
	var key, scratch []byte
	var keys map[string]string
	for start, end := nextNameWord(s, 0); end >= 0; start, end = nextNameWord(s, end) {
		w := s[start:end]
		if ascii || isASCIIString(w) {
			if asciiKeys.Cap() == 0 {
				asciiKeys.Grow(len(s))
			}
			key, scratch = appendASCIIKey(key[:0], scratch, w)
			from := asciiKeys.Len()
			asciiKeys.Write(key)
			words = append(words, nameWord{w, asciiKeys.String()[from:]})
			continue
		}
		k, ok := keys[w]
		if !ok {
			if keys == nil {
				keys = make(map[string]string)
			}
			k = visualKey(w)
			keys[w] = k
		}
		words = append(words, nameWord{w, k})
	}
	return words
}

// nextNameWord returns the bounds of the first word of s at or after i;
// end is -1 when there is none.
func nextNameWord(s string, i int) (start, end int) {
	start = -1
	for i < len(s) {
		in, size := false, 1
		if c := s[i]; c < utf8.RuneSelf {
			in = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			in = isNameWordRune(r)
		}
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			return start, i
		}
		i += size
	}
	if start < 0 {
		return -1, -1
	}
	return start, len(s)
}

// isNameWordRune reports the runes words are made of: letters, digits and
// combining marks.
func isNameWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// visualKey is the key a word is compared by: its UTS #39 skeleton taken
// before lowercasing (so that a capital I reads as l, as it looks),
// lowercased, then folded as host labels are.
func visualKey(w string) string {
	if !isASCIIString(w) {
		return string(lookalike.AppendSkeletonFold(nil, strings.ToLower(uts39.Skeleton(w))))
	}
	var out, scratch [64]byte
	key, _ := appendASCIIKey(out[:0], scratch[:0], w)
	return string(key)
}

// appendASCIIKey appends the visual key of w, ASCII only, to dst, with
// scratch as the buffer of its lowercased skeleton, returned for the next
// word.
func appendASCIIKey(dst, scratch []byte, w string) ([]byte, []byte) {
	b := scratch[:0]
	for i := 0; i < len(w); i++ {
		if p := asciiSkeletons[w[i]]; len(p) == 1 {
			b = append(b, p[0])
		} else {
			b = append(b, p...)
		}
	}
	return lookalike.AppendFold(dst, string(b)), b
}

// asciiSkeletons holds the lowercased skeleton of each ASCII character.
// The skeleton of an ASCII word is the concatenation of its characters'
// ([uts39.AppendSkeleton]), so a word's is read from here a byte at a
// time.
var asciiSkeletons = func() (t [utf8.RuneSelf]string) {
	for c := range t {
		b := uts39.AppendSkeleton(nil, string(rune(c)))
		for i, x := range b {
			if 'A' <= x && x <= 'Z' {
				b[i] = x + 'a' - 'A'
			}
		}
		t[c] = string(b)
	}
	return t
}()

// namedOrganizations returns the organisations s names: plainly, as
// [Checker.mentioned] finds them (weak names with context included), then
// in disguise. It is the one place names are read; one hit per
// organisation, the plain mentions first, each group in the order found.
func (c *Checker) namedOrganizations(s string) []nameHit {
	var hits []nameHit
	seen := make(map[*domains.Organization]bool)
	for _, h := range c.mentions.Find(s) {
		org := c.orgs[h.Owner]
		seen[org] = true
		hits = append(hits, nameHit{org: org, name: h.Name, first: -1, last: -1})
	}
	words := nameWords(s)
	hits = append(hits, c.nameRuns(words, seen)...)
	if len(s) <= maxGluedText {
		for _, w := range words {
			for _, h := range c.gluedNames(w.text) {
				if !seen[h.org] {
					seen[h.org] = true
					hits = append(hits, h)
				}
			}
		}
	}
	return hits
}

// maxGluedText bounds the texts whose words are split into glued names
// (display names, sender IDs, local parts), a search that costs more per
// word than a message body can afford.
const maxGluedText = 256

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
	var hits []nameHit
	runs := c.names.runs
	for i := range words {
		node := int32(0)
		single := true
		// Letters spelt out one by one ("A s s u r a n c e") run past
		// maxNameWords, up to maxSpeltOut.
		for j := i; j < len(words) && (j-i < maxNameWords || single && j-i < maxSpeltOut); j++ {
			// The keys of words[i..j], glued, are read in the trie: a run
			// no name's key goes on with ends here.
			if node = runs.walk(node, words[j].key); node < 0 {
				break
			}
			single = single && utf8.RuneCountInString(words[j].text) == 1
			for _, e := range runs.entries(node) {
				if e.weak || seen[c.orgs[e.owner]] {
					continue
				}
				n := j - i + 1
				shown := joinWords(words[i : j+1])
				plain := strings.EqualFold(strings.Join(mention.Tokens(shown), " "), e.tokens)
				if !plain && n > 1 && n != e.words && !single {
					continue
				}
				h := nameHit{org: c.orgs[e.owner], name: e.name, first: i, last: j}
				if !plain {
					h.shown = shown
				}
				hits = append(hits, h)
				if seen != nil {
					seen[h.org] = true
				}
			}
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

// gluedNames splits a word into two or more names glued together
// ("dgfipservicepublic": DGFiP and Service Public), by their visual keys,
// at least one of them strong. It returns nil when the word is not made
// only of names.
func (c *Checker) gluedNames(word string) []nameHit {
	key := visualKey(word)
	if len(key) < 2*minDisguisedKey || len(key) > 4*c.names.maxKey {
		return nil
	}
	// best[i]: the fewest names that make key[:i], and the last one.
	type step struct {
		n    int
		from int
		e    nameEntry
	}
	best := make([]step, len(key)+1)
	for i := 1; i <= len(key); i++ {
		best[i].n = -1
		for j := max(0, i-c.names.maxKey); j < i; j++ {
			if best[j].n < 0 {
				continue
			}
			for _, e := range c.names.keys[key[j:i]] {
				if best[i].n < 0 || best[j].n+1 < best[i].n {
					best[i] = step{best[j].n + 1, j, e}
				}
			}
		}
	}
	if best[len(key)].n < 2 {
		return nil
	}
	var hits []nameHit
	strong := false
	for i := len(key); i > 0; i = best[i].from {
		e := best[i].e
		strong = strong || !e.weak
		hits = append([]nameHit{{org: c.orgs[e.owner], name: e.name, shown: word, first: -1, last: -1}}, hits...)
	}
	if !strong {
		return nil
	}
	return hits
}

// domainImitation judges a host that the lookalike index left Unknown by
// the names its registrable label spells: organisations' names glued
// together ("dgfipservicepublic.org") are a combo-squat, and an
// internationalised label one letter or accent from a registered
// domain's label under any suffix ("impôt.gouv.fr" for impots.gouv.fr) a
// homoglyph. Only a host's own label is read: "impotsgouv" in a path
// proves nothing.
func (c *Checker) domainImitation(host string) (Verdict, bool) {
	reg, err := publicsuffix.EffectiveTLDPlusOne(strings.TrimSuffix(host, "."))
	if err != nil {
		return Verdict{}, false
	}
	suffix, _ := publicsuffix.PublicSuffix(reg)
	label := strings.TrimSuffix(strings.TrimSuffix(reg, suffix), ".")
	if u, err := idna.ToUnicode(label); err == nil {
		label = u
	}
	if glued := c.gluedNames(label); glued != nil {
		names := make([]string, len(glued))
		for i, h := range glued {
			names[i] = h.name
		}
		org := glued[0].org
		return Verdict{Status: Lookalike, Host: host, Organization: org, Target: firstDomain(org), Reasons: []Reason{{CodeComboSquat,
			fmt.Sprintf("%s glues the names %s together", reg, strings.Join(names, " + "))}}}, true
	}
	if isASCIIString(label) {
		return Verdict{}, false
	}
	key := []rune(visualKey(label))
	for _, o := range c.orgs {
		for _, d := range o.Domains {
			s, _ := publicsuffix.PublicSuffix(d)
			b := strings.TrimSuffix(strings.TrimSuffix(d, s), ".")
			bk := []rune(visualKey(b))
			if len(bk) < 5 || strings.Contains(b, ".") {
				continue
			}
			if lookalike.OSA(key, bk, 1) <= 1 {
				return Verdict{Status: Lookalike, Host: host, Organization: o, Target: d, Reasons: []Reason{{CodeHomoglyph,
					fmt.Sprintf("%s (%s) reads, accents and look-alike letters aside, within one letter of %s, registered for %s", label, reg, d, o.Name)}}}, true
			}
		}
	}
	return Verdict{}, false
}

func isASCIIString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// orgsOf lists the organisations of hits.
func orgsOf(hits []nameHit) []*domains.Organization {
	orgs := make([]*domains.Organization, len(hits))
	for i, h := range hits {
		orgs[i] = h.org
	}
	return orgs
}
