package lookalike

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"

	"github.com/vigie-sante/vigie/verify/internal/uts39"
)

// Technique is a set of lookalike techniques.
type Technique uint16

// The techniques, as the package documentation describes them.
const (
	Homoglyph Technique = 1 << iota
	MixedScript
	EditDistance
	Transposition
	TargetEmbedding
	ComboSquat
	TLDSwap
)

// A Match says which target a host imitates and how.
type Match struct {
	// Target is the index, in the slice given to New, of the target
	// imitated.
	Target int
	// Domain is that target's domain.
	Domain string
	// Via is the official string imitated: a login host, the domain, or
	// for a combo-squat on one of Target.Names, that name.
	Via string
	// Techniques are every technique found against this target.
	Techniques Technique
	// Distance is the edit distance, when EditDistance or Transposition is
	// set.
	Distance int
}

// Scores rank findings: the lowest wins, so that when a host imitates
// several targets the closest imitation is reported.
const (
	scoreHomoglyph    = 10
	scoreEmbedHost    = 20
	scoreEmbedDomain  = 25
	scoreTLDSwap      = 30
	scoreEditDistance = 40 // plus the distance
	scoreCombo        = 50
	scoreNameCombo    = 51 // the label, when also there, is the one to report
	scoreSkeletonTypo = 55
)

// Bounds on the state of one Match, all kept on the stack.
const (
	maxFindings = 16
	maxHits     = 64
	maxTokens   = 128
	maxLabels   = 128
	maxFold     = 512
)

type finding struct {
	official int32
	tech     Technique
	score    int
	via      string
	distance int
}

// The state of a match is zeroed on every call, so its arrays use the
// smallest types that hold a 253-byte host: clearing them is most of the
// cost of checking a host that matches nothing.
type token struct {
	fs, fe uint16 // folded bytes in the fold buffer
	rs, re uint8  // raw bytes in the host (the whole label when idn)
	idn    bool   // from a Punycode label
}

// label is a host label: its tokens and its raw bytes.
type label struct {
	ts, te uint8 // tokens
	rs, re uint8 // bytes in the host
}

// A hit is a candidate found by hashing, before the host's public suffix is
// known: a phrase spanning tokens i..j, a label at the edge of tokens
// i..-1-j (j < 0), or a label within edit distance of host label i
// (phrase < 0).
type hit struct {
	phrase   int32
	official int32
	i, j     int16
}

// span is a run of tokens that matched an official phrase.
type span struct {
	official int32
	i, j     int16
}

// matcher holds the state of one Match call. Its arrays, not slices, keep
// everything on the caller's stack: an ASCII host that matches nothing is
// checked without allocating.
type matcher struct {
	ix   *Index
	host string

	fold    [maxFold]byte
	nfold   int
	toks    [maxTokens]token
	ntok    int
	labels  [maxLabels]label
	nlabels int
	mixed   bool // an IDN label of the host mixes scripts

	hits  [maxHits]hit
	nhits int

	// Known once a hit makes the public suffix worth computing.
	suffix   string
	reg      int // index of the registrable label
	regStart int // its first token
	regEnd   int // one past its last token

	findings  [maxFindings]finding
	nfindings int
	// embeds are the spans matched as embedded domains or TLD swaps,
	// combos those matched as combo-squats, so that a brand token inside
	// an embedded domain is not counted twice.
	embeds, combos [maxFindings]span
	nEmbeds        int
	nCombos        int
}

// Match reports whether host imitates a target, and the closest imitation.
// host is a lowercase ASCII host, as a URL parser outputs it, that is not
// itself under a target domain. An ASCII host that imitates nothing is
// checked without allocating.
func (ix *Index) Match(host string) (Match, bool) {
	host = strings.TrimSuffix(host, ".")
	if host == "" || len(host) > 253 {
		return Match{}, false
	}
	m := matcher{ix: ix, host: host}
	if !m.tokenize() {
		return Match{}, false
	}
	// Hashing finds candidates; only then is the public suffix needed,
	// to tell the registrable label from the rest.
	m.spans()
	m.affixes()
	m.typos()
	if m.nhits == 0 || !m.locateSuffix() {
		return Match{}, false
	}
	m.judge()
	return m.best()
}

// tokenize folds the host label by label and splits it into tokens on '.'
// and '-'. It reports false when the host is too long to fold.
func (m *matcher) tokenize() bool {
	host := m.host
	for start := 0; start < len(host); {
		end := strings.IndexByte(host[start:], '.')
		if end < 0 {
			end = len(host)
		} else {
			end += start
		}
		if m.nlabels == maxLabels {
			return false
		}
		l := &m.labels[m.nlabels]
		m.nlabels++
		*l = label{ts: uint8(m.ntok), rs: uint8(start), re: uint8(end)}
		if strings.HasPrefix(host[start:end], "xn--") {
			if !m.addIDNLabel(start, end) {
				return false
			}
		} else if !m.addASCIILabel(start, end) {
			return false
		}
		l.te = uint8(m.ntok)
		start = end + 1
	}
	return m.ntok > 0
}

func (m *matcher) addASCIILabel(start, end int) bool {
	for ts := start; ts <= end; {
		te := strings.IndexByte(m.host[ts:end], '-')
		if te < 0 {
			te = end
		} else {
			te += ts
		}
		// The fold is never longer than its input.
		if m.nfold+te-ts+1 > maxFold || m.ntok == maxTokens {
			return false
		}
		fs := m.nfold
		m.nfold += len(AppendFold(m.fold[fs:fs], m.host[ts:te]))
		m.toks[m.ntok] = token{fs: uint16(fs), fe: uint16(m.nfold), rs: uint8(ts), re: uint8(te)}
		m.ntok++
		m.fold[m.nfold] = '-'
		m.nfold++
		ts = te + 1
	}
	m.fold[m.nfold-1] = '.'
	return true
}

// addIDNLabel folds the Unicode form of a Punycode label.
func (m *matcher) addIDNLabel(start, end int) bool {
	u, err := idna.Punycode.ToUnicode(m.host[start:end])
	if err != nil {
		u = m.host[start:end]
	}
	if !m.mixed && uts39.IsMixedScript(u) {
		m.mixed = true
	}
	fs := m.nfold
	f := AppendSkeletonFold(nil, u)
	if m.nfold+len(f)+1 > maxFold {
		return false
	}
	m.nfold += copy(m.fold[fs:], f)
	for ts := fs; ts <= m.nfold; {
		te := ts
		for te < m.nfold && m.fold[te] != '-' && m.fold[te] != '.' {
			te++
		}
		if m.ntok == maxTokens {
			return false
		}
		m.toks[m.ntok] = token{fs: uint16(ts), fe: uint16(te), rs: uint8(start), re: uint8(end), idn: true}
		m.ntok++
		ts = te + 1
	}
	m.fold[m.nfold] = '.'
	m.nfold++
	return true
}

func (m *matcher) tok(i int) []byte { return m.fold[m.toks[i].fs:m.toks[i].fe] }

func (m *matcher) addHit(h hit) {
	if m.nhits < maxHits {
		m.hits[m.nhits] = h
		m.nhits++
	}
}

// spans finds official phrases (labels, domains, login hosts) as runs of
// whole tokens, whatever separators the host puts between them.
func (m *matcher) spans() {
	ix := m.ix
	for i := range m.ntok {
		var h uint64
		length := 0
		for j := i; j < m.ntok; j++ {
			t := m.tok(j)
			length += len(t)
			if length > ix.maxPhrase {
				break
			}
			for _, b := range t {
				h = hashStep(h, rune(b))
			}
			if len(t) == 0 || !ix.phraseBloom.has(h) {
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
	for k := range m.ntok {
		m.affixesOf(m.tok(k), k, k)
	}
	var buf [2 * maxRunes]byte
	for l := range m.nlabels {
		lb := m.labels[l]
		if lb.te-lb.ts < 2 || !m.ix.tails[string(m.tok(int(lb.te)-1))] && !m.ix.heads[string(m.tok(int(lb.ts)))] {
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

// affixesOf looks for a strong label and a keyword that together spell t,
// the fold of tokens i..j.
func (m *matcher) affixesOf(t []byte, i, j int) {
	ix := m.ix
	min1 := ix.opts.MinLength1
	if len(t) < min1+ix.minKW || len(t) > 2*maxRunes {
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
		var rawBuf, foldBuf [maxRunes]rune
		raw, ok := m.labelRunes(&rawBuf, l, false)
		if !ok {
			continue
		}
		fold, ok := m.labelRunes(&foldBuf, l, true)
		if !ok {
			continue
		}
		m.probe(raw, l, false, 2)
		if !slices.Equal(raw, fold) {
			// A skeleton typo is allowed one edit fewer than a raw one,
			// and a skeleton equal to an official label is found by
			// spans(): one deletion is enough.
			m.probe(fold, l, true, 1)
		}
	}
}

func (m *matcher) probe(cand []rune, l int, folded bool, most int8) {
	ix := m.ix
	n := len(cand)
	if n == 0 || n >= len(ix.maxDels) || ix.maxDels[n] < 0 {
		return
	}
	dels := min(ix.maxDels[n], most)
	var phBuf [maxRunes + 1]uint64
	ph := prefixHashes(phBuf[:0], cand)
	m.probeHash(ph[n], l, folded)
	for i := 0; i < n && dels >= 1; i++ {
		m.probeHash(ph[i]*powers[n-1-i]+spanHash(ph, i+1, n), l, folded)
		for j := i + 1; j < n && dels >= 2; j++ {
			inner := ph[i]*powers[j-i-1] + spanHash(ph, i+1, j)
			m.probeHash(inner*powers[n-1-j]+spanHash(ph, j+1, n), l, folded)
		}
	}
}

func (m *matcher) probeHash(h uint64, l int, folded bool) {
	ix := m.ix
	if !ix.delBloom.has(h) {
		return
	}
	e, ok := ix.delHead[h]
	for ok && e >= 0 {
		d := &ix.dels[e]
		e = d.next
		if d.folded != folded {
			continue
		}
		dup := false
		for _, x := range m.hits[:m.nhits] {
			dup = dup || x.phrase < 0 && x.official == d.official && int(x.i) == l
		}
		if !dup {
			m.addHit(hit{phrase: -1, official: d.official, i: int16(l)})
		}
	}
}

// labelRunes puts host label l, raw (Unicode) or folded, in buf.
func (m *matcher) labelRunes(buf *[maxRunes]rune, l int, folded bool) ([]rune, bool) {
	lb := m.labels[l]
	switch {
	case folded:
		first, last := m.toks[lb.ts], m.toks[lb.te-1]
		return bytesToRunes(buf, m.fold[first.fs:last.fe])
	case m.toks[lb.ts].idn:
		u, err := idna.Punycode.ToUnicode(m.host[lb.rs:lb.re])
		if err != nil {
			return nil, false
		}
		return bytesToRunes(buf, []byte(u))
	default:
		return bytesToRunes(buf, []byte(m.host[lb.rs:lb.re]))
	}
}

func bytesToRunes(buf *[maxRunes]rune, b []byte) ([]rune, bool) {
	n := 0
	for len(b) > 0 {
		if n == len(buf) {
			return nil, false
		}
		r, size := utf8.DecodeRune(b)
		buf[n] = r
		n++
		b = b[size:]
	}
	return buf[:n], true
}

// locateSuffix finds the public suffix and the registrable label. It
// reports false when the host is a public suffix itself.
func (m *matcher) locateSuffix() bool {
	suffix, _ := publicsuffix.PublicSuffix(m.host)
	if len(suffix) >= len(m.host) {
		return false
	}
	m.suffix = suffix
	m.reg = m.nlabels - 1 - strings.Count(suffix, ".") - 1
	m.regStart, m.regEnd = int(m.labels[m.reg].ts), int(m.labels[m.reg].te)
	return true
}

// judge turns the hits into findings now that the suffix is known.
func (m *matcher) judge() {
	for _, h := range m.hits[:m.nhits] {
		switch {
		case h.phrase < 0:
			if int(h.i) == m.reg {
				m.typo(h.official)
			}
		case h.j < 0:
			if int(h.i) < m.regEnd {
				m.affix(h.official, int(h.i), int(-1-h.j))
			}
		default:
			m.consider(&m.ix.phrases[h.phrase], int(h.i), int(h.j))
		}
	}
}

// rawEquals reports whether tokens i..j, joined, are exactly s as written,
// not only after folding.
func (m *matcher) rawEquals(s string, i, j int) bool {
	for k := i; k <= j; k++ {
		t := m.toks[k]
		if t.idn {
			return false
		}
		r := m.host[t.rs:t.re]
		if len(r) > len(s) || r != s[:len(r)] {
			return false
		}
		s = s[len(r):]
	}
	return s == ""
}

// keywordBeside reports whether a token outside i..j, before the suffix,
// is a sensitive keyword.
func (m *matcher) keywordBeside(i, j int) bool {
	for k := range m.regEnd {
		if (k < i || k > j) && m.ix.keywords[string(m.tok(k))] {
			return true
		}
	}
	return false
}

func (m *matcher) record(list *[maxFindings]span, n *int, oi int32, i, j int) {
	if *n < maxFindings {
		list[*n] = span{oi, int16(i), int16(j)}
		*n++
	}
}

func (m *matcher) consider(p *phrase, i, j int) {
	o := &m.ix.officials[p.official]
	homoglyph := !m.rawEquals(p.rawJoin, i, j)
	var tech Technique
	if homoglyph {
		tech = Homoglyph
	}
	spanTokens := j - i + 1
	lastTok := m.ntok - 1
	switch p.kind {
	case kindDomain, kindHost:
		switch {
		case i == m.regStart && j == lastTok:
			// The whole registrable domain spells the official one.
			if !homoglyph {
				tech = TargetEmbedding
			}
			m.add(p.official, tech, scoreHomoglyph, p.text, 0)
		case i == 0 && m.tldSwapped(p.text, j):
			m.record(&m.embeds, &m.nEmbeds, p.official, i, j)
			m.add(p.official, tech|TLDSwap, scoreTLDSwap, p.text, 0)
		default:
			if !o.strong && !m.weakEmbedding(p, o, i, j) {
				return
			}
			m.embedding(p, tech, i, j)
		}
	case kindHostName:
		if spanTokens < p.tokens && !o.strong {
			return
		}
		m.embedding(p, tech, i, j)
	case kindLabel, kindName:
		if j >= m.regEnd {
			// Into the public suffix, which only its registry
			// controls: "impots.gouv.sn" is Senegal's.
			return
		}
		// A name of several words is often also a common phrase
		// ("assurance maladie" is the Swiss and Belgian word for
		// health insurance): it counts only beside a keyword.
		weakOK := o.strong && p.kind == kindLabel || m.keywordBeside(i, j)
		if i == m.regStart && j == m.regEnd-1 {
			if p.kind == kindName {
				return
			}
			if spanTokens != p.tokens && o.strong {
				tech |= TargetEmbedding
			}
			if m.suffix != o.suffix && weakOK {
				tech |= TLDSwap
			}
			if tech == 0 {
				return
			}
			score := scoreTLDSwap
			if homoglyph {
				score = scoreHomoglyph
			}
			m.add(p.official, tech, score, o.domain, 0)
			return
		}
		// Separators added inside the name ("am-eli") are not words
		// around it; removed from a strong one ("harmoniemutuelle")
		// they still spell it.
		if spanTokens > p.tokens || spanTokens < p.tokens && !o.strong && p.kind != kindName {
			return
		}
		if !weakOK && !(homoglyph && m.toks[i].idn) {
			return
		}
		via, score := o.domain, scoreCombo
		if p.kind == kindName {
			via, score = p.text, scoreNameCombo
		}
		m.record(&m.combos, &m.nCombos, p.official, i, j)
		m.add(p.official, tech|ComboSquat, score, via, 0)
	}
}

// weakEmbedding decides whether a domain or login host of a weak label,
// found at tokens i..j short of the whole registrable domain, is an
// imitation. Its dots removed, it counts only when the label is still a
// token of its own ("impots-gouvfr", not "vkcom"). An ordinary word's
// domain ending the host under the official suffix itself
// ("next-generation.fr") is the word beside another, which counts only
// beside a keyword, as a combo-squat does; a short name's ("sso-mgen.fr")
// always counts.
func (m *matcher) weakEmbedding(p *phrase, o *official, i, j int) bool {
	if j-i+1 < p.tokens && (p.kind != kindDomain || !m.tokensEndAt(i, j, o.foldLen)) {
		return false
	}
	if o.ordinary && j == m.ntok-1 && i >= m.regStart && m.suffix == o.suffix {
		return m.keywordBeside(i, j)
	}
	return true
}

// tokensEndAt reports whether tokens from i, before j, end exactly n bytes
// into the folded text.
func (m *matcher) tokensEndAt(i, j, n int) bool {
	for k := i; k < j && n > 0; k++ {
		n -= len(m.tok(k))
		if n == 0 {
			return true
		}
	}
	return false
}

// embedding records an official domain or login host embedded at tokens
// i..j of another host.
func (m *matcher) embedding(p *phrase, tech Technique, i, j int) {
	score := scoreEmbedDomain
	if p.kind != kindDomain {
		score = scoreEmbedHost
	}
	if j < m.ntok-1 {
		// An embedding that ends before the host's suffix contains any
		// brand token in it; one at the tail ("compte-ameli.fr") is also
		// a combo-squat.
		m.record(&m.embeds, &m.nEmbeds, p.official, i, j)
	}
	m.add(p.official, tech|TargetEmbedding, score, p.text, 0)
}

// tldSwapped reports whether the host is text (an official domain, spelled
// as written) followed by one more label or a public suffix:
// "ameli.fr.co", "google.com.mx".
func (m *matcher) tldSwapped(text string, j int) bool {
	first, last := m.toks[0], m.toks[j]
	if first.idn || int(last.re)-int(first.rs) != len(text) || m.host[first.rs:last.re] != text || j == m.ntok-1 {
		return false
	}
	rest := m.host[int(last.re)+1:]
	if !strings.Contains(rest, ".") {
		return true
	}
	s, _ := publicsuffix.PublicSuffix(rest)
	return s == rest
}

func (m *matcher) affix(oi int32, i, j int) {
	var tech Technique
	if m.toks[i].idn {
		tech = Homoglyph
	}
	m.record(&m.combos, &m.nCombos, oi, i, j)
	m.add(oi, tech|ComboSquat, scoreCombo, m.ix.officials[oi].domain, 0)
}

func (m *matcher) typo(oi int32) {
	var rawBuf, foldBuf [maxRunes]rune
	raw, ok1 := m.labelRunes(&rawBuf, m.reg, false)
	fold, ok2 := m.labelRunes(&foldBuf, m.reg, true)
	if !ok1 || !ok2 {
		return
	}
	o := &m.ix.officials[oi]
	if slices.Equal(raw, o.raw) && m.suffix == o.suffix {
		return
	}
	dr := osa(raw, o.raw, o.k)
	df := osa(fold, o.fold, o.k)
	short := len(o.raw) < m.ix.opts.MinLength2
	likelyFalsePositive := func(cand, official []rune) bool { return filteredEdit(cand, official, short) }
	switch {
	case df == 0 && dr > 0:
		// The same once look-alike characters are equated: a
		// homoglyph, however many characters it takes.
		m.add(oi, Homoglyph, scoreHomoglyph, o.domain, 0)
	case dr > 0 && dr <= o.k && !likelyFalsePositive(raw, o.raw) && (!short || plausibleTypo(raw, o.raw)):
		tech := EditDistance
		if dr == 1 && isTransposition(raw, o.raw) {
			tech = Transposition
		}
		m.add(oi, tech, scoreEditDistance+dr, o.domain, dr)
	case df > 0 && df < o.k && !likelyFalsePositive(fold, o.fold):
		// A typo on top of a homoglyph: one edit fewer is allowed,
		// since the skeleton already equates letters ("swissinfo"
		// folds two edits from "swisslife").
		m.add(oi, Homoglyph|EditDistance, scoreSkeletonTypo, o.domain, df)
	}
}

// add records a finding, merging it with an earlier one on the same
// official domain.
func (m *matcher) add(oi int32, tech Technique, score int, via string, distance int) {
	if tech&Homoglyph != 0 && m.mixed {
		tech |= MixedScript
	}
	for i := range m.findings[:m.nfindings] {
		f := &m.findings[i]
		if f.official != oi {
			continue
		}
		f.tech |= tech
		if distance > 0 {
			f.distance = distance
		}
		if score < f.score || score == f.score && len(via) > len(f.via) {
			f.score, f.via = score, via
		}
		return
	}
	if m.nfindings < maxFindings {
		m.findings[m.nfindings] = finding{official: oi, tech: tech, score: score, via: via, distance: distance}
		m.nfindings++
	}
}

// best picks the closest finding: lowest score, then the longest official
// string matched, then registry order, so the answer is deterministic.
func (m *matcher) best() (Match, bool) {
	if m.nfindings == 0 {
		return Match{}, false
	}
	b := &m.findings[0]
	for i := 1; i < m.nfindings; i++ {
		f := &m.findings[i]
		if f.score < b.score || f.score == b.score && (len(f.via) > len(b.via) || len(f.via) == len(b.via) && f.official < b.official) {
			b = f
		}
	}
	tech := b.tech
	if tech&ComboSquat != 0 && m.combosEmbedded(b.official) {
		tech &^= ComboSquat
	}
	o := &m.ix.officials[b.official]
	return Match{Target: o.target, Domain: o.domain, Via: b.via, Techniques: tech, Distance: b.distance}, true
}

// combosEmbedded reports whether every combo-squat span of an official lies
// inside one of its embedding spans.
func (m *matcher) combosEmbedded(oi int32) bool {
	for _, c := range m.combos[:m.nCombos] {
		if c.official != oi {
			continue
		}
		inside := false
		for _, e := range m.embeds[:m.nEmbeds] {
			inside = inside || e.official == oi && e.i <= c.i && c.j <= e.j
		}
		if !inside {
			return false
		}
	}
	return true
}
