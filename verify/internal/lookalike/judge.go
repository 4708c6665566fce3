package lookalike

import (
	"slices"
	"strings"

	"github.com/vigie-sante/vigie/internal/names"
	"golang.org/x/net/publicsuffix"
)

// Phase 3 of a match: the candidates judged once the public suffix is
// known, and the closest imitation picked.

// locateSuffix finds the public suffix and the registrable label. It
// reports false when the host is a public suffix itself.
func (m *matcher) locateSuffix() bool {
	suffix, icann := publicsuffix.PublicSuffix(m.host)
	if len(suffix) >= len(m.host) {
		return false
	}
	m.suffix, m.icann = suffix, icann
	m.reg = m.nlabels - 1 - strings.Count(suffix, ".") - 1
	if m.reg < 0 || m.reg >= m.nlabels {
		// An empty label ("ameli..") leaves no registrable one.
		return false
	}
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
			if o.international {
				// "generali.com.my": an international group's domain
				// under another country's suffix is most likely its
				// own subsidiary's.
				return
			}
			m.record(&m.embeds, &m.nEmbeds, p.official, i, j)
			m.add(p.official, tech|TLDSwap, scoreTLDSwap, p.text, 0)
		default:
			if !o.strong && !m.weakEmbedding(p, o, i, j) {
				return
			}
			if o.international && i == m.regStart && j == m.regEnd-1 && spanTokens < p.tokens {
				// An international group's domain with its dot
				// removed as the whole registrable label
				// ("allianznet.com.br") is its name and a word: the
				// compound phase judges it as such.
				return
			}
			m.embedding(p, tech, i, j)
		}
	case kindHostName:
		if !o.strong && (spanTokens < p.tokens || !m.endsLabel(j)) {
			// A weak label's login host counts as whole labels:
			// "www.impots.evil.se", not "www.service-public-asso.fr",
			// where the phrase is the start of a longer label.
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
			// A weak label of several words alone under a generic
			// suffix ("service-public.top") is a swap too: under a
			// country's, it is a phrase of its language.
			if m.suffix != o.suffix && (weakOK || o.ordinary && p.tokens > 1 && !countrySuffix(m.suffix)) && !o.international {
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

// endsLabel reports whether token j is the last of its label.
func (m *matcher) endsLabel(j int) bool {
	for l := range m.nlabels {
		if int(m.labels[l].te)-1 == j {
			return true
		}
	}
	return false
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
	case dr > 0 && dr <= o.k && !likelyFalsePositive(raw, o.raw) && (!short || plausibleTypo(raw, o.raw)) && (dr < 2 || plausibleDoubleTypo(raw, o.raw)):
		tech := EditDistance
		if dr == 1 && isTransposition(raw, o.raw) {
			tech = Transposition
		}
		m.add(oi, tech, scoreEditDistance+dr, o.domain, dr)
	case m.toks[m.regStart].idn && accentTypo(raw, o.raw, o.k, likelyFalsePositive):
		// An accent on top of a typo ("àmelli"): the accent is a
		// homoglyph, the rest an ordinary typo.
		m.add(oi, Homoglyph|EditDistance, scoreSkeletonTypo, o.domain, 1)
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

// accentTypo reports whether the label, its accents dropped, is a typo of
// the official label within k edits.
func accentTypo(raw, official []rune, k int, filtered func(a, b []rune) bool) bool {
	plain := []rune(names.Label(string(raw)))
	if slices.Equal(plain, raw) {
		return false
	}
	d := osa(plain, official, k)
	return d > 0 && d <= k && !filtered(plain, official)
}

// plausibleDoubleTypo reports whether two edits between a label and an
// official one read as a typo rather than another word. Two edits that
// change the end ("interia" for "interiale"), two letters replaced in
// place ("interface", "matome-plus" for "mutame-plus"), or a separator
// added or dropped on top of an edit ("saint-clair" for "santeclair")
// mostly make another word or phrase; look-alike letters replaced in
// place are the skeleton fold's to find.
func plausibleDoubleTypo(raw, official []rune) bool {
	if raw[len(raw)-1] != official[len(official)-1] {
		return false
	}
	if separators(raw) != separators(official) {
		return false
	}
	if len(raw) == len(official) {
		differ := 0
		for i := range raw {
			if raw[i] != official[i] {
				differ++
			}
		}
		return differ != 2
	}
	return true
}

// separators counts the hyphens and underscores of a label.
func separators(rs []rune) int {
	n := 0
	for _, r := range rs {
		if r == '-' || r == '_' {
			n++
		}
	}
	return n
}
