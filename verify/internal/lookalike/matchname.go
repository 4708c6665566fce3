package lookalike

import "github.com/vigie-sante/vigie/internal/names"

// nameSuffix is the invented public suffix MatchName puts a name under.
const nameSuffix = ".name.invalid"

// MatchName reads a name written as free text — a mail's display name, an
// SMS sender ID, a signature — through the same dictionary as host labels:
// "Assurance Maladie", "AMELI-REMBOURSEMENT", "Secu Vitale Info". It
// reports the organisation named, glued, typo'd or beside a keyword, with
// the techniques found; a strong name alone counts too, since a name is not
// a domain. Accents and case are folded by the same normaliser as the
// registry's names.
func (ix *Index) MatchName(s string) (Match, bool) {
	// The words that fit in a host of 253 bytes under nameSuffix are
	// read: the matcher keeps byte offsets of a host in a byte.
	var buf [253 - len(nameSuffix)]byte
	n := 0
	for _, w := range names.Words(s) {
		if n+len(w)+1 > len(buf) {
			break
		}
		if n > 0 {
			buf[n] = '-'
			n++
		}
		n += copy(buf[n:], w)
	}
	if n == 0 || !isASCII(string(buf[:n])) {
		return Match{}, false
	}
	// The name is read as the one label of a host under an invented
	// suffix, so that the host phases see it as a registrable label.
	host := string(buf[:n]) + nameSuffix
	m := ix.newMatcher(host)
	defer m.release()
	if !m.tokenize() {
		return Match{}, false
	}
	m.segmentLabels()
	if !m.names {
		return Match{}, false
	}
	m.suffix, m.icann, m.reg = nameSuffix[1:], true, 0
	m.regStart, m.regEnd = int(m.labels[0].ts), int(m.labels[0].te)
	cx := compoundContext{last: 0, pieces: len(m.labelPieces(0))}
	cx.signals, cx.longSignals, cx.gov, cx.misspelt = m.signals(0)
	for _, p := range m.labelPieces(0) {
		for mn := p.meaning; mn >= 0; mn = ix.meanings[mn].next {
			x := &ix.meanings[mn]
			if x.official >= 0 && x.class == classStrong && !p.typo && m.wholeTokens(0, p) {
				// A strong name, alone or not, names the organisation.
				tech := ComboSquat
				if x.alias {
					tech |= Alias
				}
				m.record(&m.combos, &m.nCombos, x.official, int(m.labels[0].ts), int(m.labels[0].te)-1)
				m.add(x.official, tech, scoreCompound, ix.officials[x.official].domain, 0)
				continue
			}
			m.judgeName(0, p, mn, cx)
		}
	}
	return m.best()
}
