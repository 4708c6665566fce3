package verify

import (
	"fmt"
	"strings"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/verify/internal/lookalike"
	"github.com/vigie-sante/vigie/verify/internal/mention"
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

// namedOrganizations returns the organisations s names: plainly, as
// the mention index finds them (weak names with context included), then
// in disguise. It is the one place names are read; one hit per
// organisation, the plain mentions first, each group in the order found.
// Its words are read one at a time, each once, and never all held.
func (c *Checker) namedOrganizations(s string) []nameHit {
	var hits []nameHit
	seen := make(map[*domains.Organization]bool)
	for _, h := range c.mentions.Find(s) {
		org := c.orgs[h.Owner]
		seen[org] = true
		hits = append(hits, nameHit{org: org, name: h.Name, first: -1, last: -1})
	}
	r := readWords(s)
	m := c.runMatcher(seen)
	var glued []nameHit
	for j := 0; ; j++ {
		from, to, key, ok := r.next()
		if !ok {
			break
		}
		addRunWord(m, j, from, to, r.text[from:to], key)
		if len(s) <= maxGluedText {
			glued = append(glued, c.gluedNames(r.text[from:to])...)
		}
	}
	hits = append(hits, c.runHits(m.runs(), func(f runFound) string { return joinSpan(r.text[f.from:f.to]) }, seen)...)
	for _, h := range glued {
		if !seen[h.org] {
			seen[h.org] = true
			hits = append(hits, h)
		}
	}
	return hits
}

// maxGluedText bounds the texts whose words are split into glued names
// (display names, sender IDs, local parts), a search that costs more per
// word than a message body can afford.
const maxGluedText = 256

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
