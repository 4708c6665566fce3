package lookalike

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// A Target is one official registrable domain to protect.
type Target struct {
	// Domain is a registrable domain (eTLD+1), lowercase ASCII.
	Domain string
	// Hosts are login hosts under Domain, whose embedding in another host
	// is the closest imitation of all.
	Hosts []string
	// Weak marks a label that is also an ordinary word or name
	// ("generation", "april"), treated like a short one.
	Weak bool
	// Names are the organisation's names of two words or more, written as
	// a label would hold them ("assurance-maladie", "carte-vitale"): found
	// beside a keyword, they make a combo-squat
	// ("assurance-maladie-remboursement.com"). Being common phrases too,
	// they count neither alone ("assurance-maladie.ch") nor beside other
	// words. Names under 9 letters, or holding a strong label as a word,
	// add nothing: the label finds them.
	Names []string
	// Aliases are the organisation's other names that count as its domain
	// label does ("CPAM", "carte Vitale", "DGFiP", "cfspart"): found as a
	// word of a host, alone or glued to other words, they make a
	// combo-squat. One under 4 letters, or an ordinary word, is weak.
	Aliases []string
	// WeakAliases are names that are also ordinary words ("Vitale",
	// "impôts", "Sécurité sociale"): they count only beside a sensitive
	// keyword, a government word, another name of the organisation, or on
	// a hosting platform.
	WeakAliases []string
	// International marks the name of an international group, owned in
	// many countries (allianz, axa, generali): the name alone under
	// another suffix is most likely the group's own site, so a TLD swap
	// alone is no signal; every other technique still is.
	International bool
	// Owner groups the targets of one organisation (any value but 0,
	// equal for all of them): a name of the organisation beside another
	// is a signal. A target left at 0 is an organisation of its own.
	Owner int
}

// Options tune an Index. The zero value is not usable; start from
// [DefaultOptions].
type Options struct {
	// MinLength1 and MinLength2 are the official label lengths, in
	// characters, from which an edit distance of 1 and of 2 counts.
	// Chromium uses 5 for distance 1.
	MinLength1, MinLength2 int
	// Keywords are the words that, beside a brand, make a combo-squat:
	// "remboursement", "compte", "login".
	Keywords []string
	// OrdinaryWords are labels treated as weak even when Target.Weak is
	// false: "generation", "finances".
	OrdinaryWords []string
}

var (
	//go:embed keywords.txt
	keywordsFile string
	//go:embed ordinary-words.txt
	ordinaryFile string
)

// DefaultKeywords is the embedded list of sensitive words, keywords.txt.
func DefaultKeywords() []string { return wordList(keywordsFile) }

// DefaultOrdinaryWords is the embedded list of official labels that are
// ordinary words, ordinary-words.txt.
func DefaultOrdinaryWords() []string { return wordList(ordinaryFile) }

func wordList(file string) []string {
	var words []string
	for _, line := range strings.Split(file, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			words = append(words, line)
		}
	}
	return words
}

// DefaultOptions: no edit distance under 5 characters, 1 from 5 to 8, 2
// from 9; the embedded keywords and ordinary words.
func DefaultOptions() Options {
	return Options{MinLength1: 5, MinLength2: 9, Keywords: DefaultKeywords(), OrdinaryWords: DefaultOrdinaryWords()}
}

type phraseKind uint8

const (
	kindLabel phraseKind = iota
	kindDomain
	kindHost
	// kindName is one of Target.Names.
	kindName
	// kindHostName is a login host without its public suffix
	// ("cfspart.impots"): its own subdomain beside the label is as close
	// an imitation as the whole host.
	kindHostName
)

// minNameLength is the shortest Target.Names entry indexed, in letters.
const minNameLength = 9

// minLongTypoName is the length from which a strong name with a typo
// counts in a label explained whole, whatever stands beside it: no other
// word is one letter from "assurancemaladie" or "cartevitale".
const minLongTypoName = 10

// official is one target domain, with its label in every form compared.
type official struct {
	target int
	domain string
	suffix string
	label  string // Unicode form of the registrable label
	// foldLen is the byte length of the label's skeleton fold, where a
	// domain phrase's label ends.
	foldLen int
	raw     []rune // label, as runes
	fold    []rune // its skeleton fold
	strong  bool   // long enough and not an ordinary word
	// ordinary: an ordinary word or name ("generation", "april"), as
	// opposed to a label weak only for being short ("mgen", "axa").
	ordinary bool
	// international: see Target.International.
	international bool
	k             int // edit distance allowed
}

// phrase is an official string matched against spans of a host's tokens:
// a label, a domain or a login host, folded, separators removed.
type phrase struct {
	kind     phraseKind
	official int32
	text     string // as written: "assure.ameli.fr"
	rawJoin  string // its ASCII text without separators
	joined   string // folded, without separators
	tokens   int
	next     int32 // next phrase with the same hash, or -1
}

// An Index answers Match for one set of targets. It is immutable and safe
// for concurrent use.
type Index struct {
	// exhaustive turns every filter that only saves work off, so that
	// tests can prove the filters never change an answer.
	exhaustive bool

	opts      Options
	targets   []Target
	officials []official

	phrases     []phrase
	phraseHead  map[uint64]int32
	phraseBloom bloom
	maxPhrase   int // longest joined phrase, in bytes

	// labelBloom holds the hashes of strong labels, to find them as the
	// prefix or suffix of a token.
	labelBloom bloom
	// heads and tails are the first and last words of strong labels with
	// a hyphen ("harmonie", "mutuelle"): only a host label that starts or
	// ends with one can hold such a label with a keyword glued on.
	heads, tails map[string]bool
	// headEnds and tailEnds hold the first and last letters of each head
	// and tail: most tokens are turned away by them before the maps
	// hash their bytes.
	headEnds, tailEnds bigrams

	dels     hashTable // see delValue
	delBloom bloom
	// delHeads holds the length and first three runes of every string
	// in the deletion index (mayMeetDeletion), two bits in one word
	// each: a candidate makes up to fifteen tests, and a one-bit filter
	// of the same size let through twice the candidates.
	delHeads bloom
	maxLabel int // longest strong label, in runes
	// maxDels[n] is how many runes to delete from a candidate of n runes
	// to meet every official label that can be within its threshold of
	// it, or -1 when none can: a 7-letter name needs 1, not 2, when the
	// only labels of 9 and more are too long to reach.
	maxDels  [maxRunes + 3]int8
	minReach int // the shortest candidate maxDels lets through
	// letters are the strong labels' letter sets, raw and folded, for
	// the letter filter (typofilter.go); pending collects them in New.
	letters  [2]letterSigs
	pending  *pendingSigs
	keywords map[string]bool
	minKW    int // shortest keyword, in bytes

	// The dictionary of word segmentation (segment.go): names, aliases,
	// keywords, government and function words.
	nodes     []trieNode
	meanings  []meaning
	rootChild [128]int32 // the root's edges, the widest node, by byte
	pairs     []int32    // the nodes two letters deep, by the two letters
	// nameStarts holds the first two letters of every name.
	nameStarts bigrams
	// spread are the aliases of several keywords (spread.go).
	spread []spreadName
	// nameGrams is the name filter (namefilter.go), pairStarts and
	// pairNames its first steps.
	nameGrams  *nameGrams
	pairStarts []uint16
	pairNames  []pairName
	// gates screen tokens for spans and affixes (gates.go).
	gates gates
}

// New builds an index over targets. Every Domain must be a registrable
// domain in lowercase ASCII; login hosts must fall under it.
func New(targets []Target, opts Options) (*Index, error) {
	if opts.MinLength1 < 1 || opts.MinLength2 < opts.MinLength1 {
		return nil, fmt.Errorf("lookalike: thresholds %d and %d: want 1 ≤ MinLength1 ≤ MinLength2", opts.MinLength1, opts.MinLength2)
	}
	ix := &Index{
		opts:     opts,
		targets:  targets,
		keywords: make(map[string]bool, len(opts.Keywords)),
		heads:    make(map[string]bool),
		tails:    make(map[string]bool),
		minKW:    1 << 30,
	}
	for _, kw := range opts.Keywords {
		kw = strings.ToLower(strings.TrimSpace(kw))
		// '_' splits a host's tokens as '-' does: a keyword holding one
		// would never be met.
		if kw == "" || strings.ContainsAny(kw, ".-_ ") || !isASCII(kw) {
			return nil, fmt.Errorf("lookalike: keyword %q: want one ASCII word", kw)
		}
		// Hosts are matched folded ("verification" reads
		// "verlflcatlon"), so keywords are stored folded too.
		f := string(AppendFold(nil, kw))
		ix.keywords[f] = true
		ix.minKW = min(ix.minKW, len(f))
	}
	ordinary := make(map[string]bool, len(opts.OrdinaryWords))
	for _, w := range opts.OrdinaryWords {
		ordinary[strings.ToLower(strings.TrimSpace(w))] = true
	}
	// Sized up front: appending to slices of this size would allocate
	// about as much again in copies.
	phrases := 0
	for _, t := range targets {
		phrases += 2 + 2*len(t.Hosts) + len(t.Names)
	}
	ix.phrases = make([]phrase, 0, phrases)
	ix.phraseHead = make(map[uint64]int32, phrases)
	ix.officials = make([]official, 0, len(targets))
	var delCount int
	for ti, t := range targets {
		t.Weak = t.Weak || ordinary[registrableLabel(t.Domain)]
		o, err := newOfficial(ti, t, opts)
		if err != nil {
			return nil, err
		}
		oi := int32(len(ix.officials))
		ix.officials = append(ix.officials, o)
		ix.addPhrase(kindLabel, oi, o.label, o.label)
		ix.addPhrase(kindDomain, oi, t.Domain, t.Domain)
		for _, h := range t.Hosts {
			if h != t.Domain && !strings.HasSuffix(h, "."+t.Domain) {
				return nil, fmt.Errorf("lookalike: host %q is not under %q", h, t.Domain)
			}
			if h != t.Domain {
				ix.addPhrase(kindHost, oi, h, h)
				ix.addPhrase(kindHostName, oi, strings.TrimSuffix(h, "."+o.suffix), h)
			}
		}
		label := strings.ReplaceAll(string(o.fold), "-", "")
		for _, n := range t.Names {
			if words := strings.FieldsFunc(n, isSeparator); len(words) >= 2 && !nameAddsNothing(words, label, o.strong) {
				name := strings.Join(words, "-")
				ix.addPhrase(kindName, oi, name, name)
			}
		}
		if o.strong {
			delCount += deletions(len(o.raw), o.k)
			if !slices.Equal(o.raw, o.fold) {
				delCount += deletions(len(o.fold), o.k)
			}
			ix.maxLabel = max(ix.maxLabel, len(o.raw), len(o.fold))
		}
	}
	ix.phraseBloom = newBloom(len(ix.phrases))
	for _, p := range ix.phrases {
		ix.phraseBloom.add(hashBytes([]byte(p.joined)))
	}
	ix.labelBloom = newBloom(len(ix.officials))
	ix.delBloom = newBloom(delCount)
	ix.delHeads = newBloom(delCount / 2)
	ix.dels = newHashTable(delCount)
	seen := make(map[uint64]bool)
	for n := range ix.maxDels {
		ix.maxDels[n] = -1
	}
	for oi, o := range ix.officials {
		if !o.strong {
			continue
		}
		ix.reach(len(o.raw), o.k)
		ix.reach(len(o.fold), o.k)
		// Affixes are looked for in tokens, which hold no hyphen.
		ix.labelBloom.add(hashBytes([]byte(strings.ReplaceAll(string(o.fold), "-", ""))))
		if words := strings.Split(string(o.fold), "-"); len(words) > 1 {
			head, tail := words[0], words[len(words)-1]
			ix.heads[head], ix.tails[tail] = true, true
			if head != "" {
				ix.headEnds.add(head[0], head[len(head)-1])
			}
			if tail != "" {
				ix.tailEnds.add(tail[0], tail[len(tail)-1])
			}
		}
		if slices.Equal(o.raw, o.fold) {
			ix.addDeletions(int32(oi), o.raw, o.k, delRaw|delFolded, seen)
		} else {
			ix.addDeletions(int32(oi), o.raw, o.k, delRaw, seen)
			ix.addDeletions(int32(oi), o.fold, o.k, delFolded, seen)
		}
		ix.addLetterSig(o.raw, o.k, false)
		ix.addLetterSig(o.fold, o.k, true)
	}
	ix.finishLetterSigs()
	ix.minReach = len(ix.maxDels)
	for n, d := range ix.maxDels {
		if d >= 0 {
			ix.minReach = n
			break
		}
	}
	ix.buildDictionary(opts, ordinary)
	ix.buildNameFilter()
	ix.buildGates()
	return ix, nil
}

func newOfficial(ti int, t Target, opts Options) (official, error) {
	d := t.Domain
	suffix, _ := publicsuffix.PublicSuffix(d)
	l := registrableLabel(d)
	if l == "" || strings.Contains(l, ".") {
		return official{}, fmt.Errorf("lookalike: %q is not a registrable domain", d)
	}
	if strings.HasPrefix(l, "xn--") {
		u, err := idna.Punycode.ToUnicode(l)
		if err != nil {
			return official{}, fmt.Errorf("lookalike: %q: %v", d, err)
		}
		l = u
	}
	raw := []rune(l)
	fold := []rune(string(AppendSkeletonFold(nil, l)))
	o := official{target: ti, domain: d, suffix: suffix, label: l, raw: raw, fold: fold, foldLen: len(string(fold))}
	n := utf8.RuneCountInString(l)
	o.strong = !t.Weak && n >= opts.MinLength1 && n <= maxRunes
	o.ordinary = t.Weak
	o.international = t.International
	switch {
	case acronym(raw):
		// An acronym is one letter from many others ("cprpf" and
		// "crpf", "cnmss" and "cnss"): only its homoglyphs count.
	case n >= opts.MinLength2:
		o.k = 2
	case n >= opts.MinLength1:
		o.k = 1
	}
	return o, nil
}

// acronym reports whether a label of 6 letters or fewer has at most one
// vowel, as acronyms do ("cprpf", "cnmss", "dgfip").
func acronym(label []rune) bool {
	if len(label) > 6 {
		return false
	}
	vowels := 0
	for _, r := range label {
		if isVowel(r) {
			vowels++
		}
	}
	return vowels <= 1
}

// nameAddsNothing reports whether a name of several words is too short to
// count or holds a strong label ("compte-ameli", "harmonie-mutuelle"), which
// the label's own phrases already find.
func nameAddsNothing(words []string, label string, strong bool) bool {
	var joined strings.Builder
	for _, w := range words {
		f := string(AppendSkeletonFold(nil, w))
		if f == label && strong {
			return true
		}
		joined.WriteString(f)
	}
	return joined.Len() < minNameLength || joined.String() == label
}

// addPhrase indexes match (a label, domain, host or name) under the hash of
// its folded form without separators; text is what a match reports.
func (ix *Index) addPhrase(kind phraseKind, oi int32, match, text string) {
	// Built in buffers on the stack: New adds tens of thousands of
	// phrases, and only their final strings need the heap.
	var foldBuf, rawBuf, labelBuf [512]byte
	fold, rawJoin := foldBuf[:0], rawBuf[:0]
	tokens := 0
	for rest := match; rest != ""; {
		l, after, _ := strings.Cut(rest, ".")
		rest = after
		if strings.HasPrefix(l, "xn--") {
			if u, err := idna.Punycode.ToUnicode(l); err == nil {
				l = u
			}
		}
		// The fold's tokens are its runs between separators, ASCII
		// bytes that no byte of a multi-byte rune equals.
		inToken := false
		for _, c := range AppendSkeletonFold(labelBuf[:0], l) {
			if c == '-' || c == '.' {
				inToken = false
				continue
			}
			if !inToken {
				tokens++
				inToken = true
			}
			fold = append(fold, c)
		}
		for i := 0; i < len(l); i++ {
			if l[i] != '-' {
				rawJoin = append(rawJoin, l[i])
			}
		}
	}
	joined := string(fold)
	raw := joined
	if string(rawJoin) != joined {
		raw = string(rawJoin)
	}
	p := phrase{kind: kind, official: oi, text: text, rawJoin: raw, joined: joined, tokens: tokens, next: -1}
	h := hashBytes(fold)
	if head, ok := ix.phraseHead[h]; ok {
		p.next = head
	}
	ix.phraseHead[h] = int32(len(ix.phrases))
	ix.phrases = append(ix.phrases, p)
	ix.maxPhrase = max(ix.maxPhrase, len(fold))
}

// registrableLabel is the label of domain before its public suffix, "" if
// it has none.
func registrableLabel(domain string) string {
	suffix, _ := publicsuffix.PublicSuffix(domain)
	if len(suffix) >= len(domain) {
		return ""
	}
	return domain[:len(domain)-len(suffix)-1]
}

func isSeparator(r rune) bool { return r == '-' || r == '.' }

// WithoutFilters returns a copy of ix that skips none of the work its
// filters spare (typofilter.go), for tests that prove those filters never
// change an answer.
func (ix *Index) WithoutFilters() *Index {
	c := *ix
	c.exhaustive = true
	return &c
}
