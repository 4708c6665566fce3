package lookalike

import (
	"strings"
	"unicode/utf8"

	"github.com/vigie-sante/vigie/verify/internal/uts39"
	"golang.org/x/net/idna"
)

// Phase 1 of a match: the host folded and split into labels and tokens.

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
	// The label is folded whole: no pair the fold maps spans a '-' or
	// '_', which it keeps, so the fold's separators are the label's, in
	// the same order, and mark its tokens' ends in both.
	if m.nfold+end-start+1 > maxFold {
		return false
	}
	fs := m.nfold
	m.nfold += len(AppendFold(m.fold[fs:fs], m.host[start:end]))
	for ts := start; ; {
		te, fe := ts, fs
		for te < end && m.host[te] != '-' && m.host[te] != '_' {
			te++
		}
		for fe < m.nfold && m.fold[fe] != '-' && m.fold[fe] != '_' {
			fe++
		}
		if m.ntok == maxTokens {
			return false
		}
		m.toks[m.ntok] = token{fs: uint16(fs), fe: uint16(fe), rs: uint8(ts), re: uint8(te)}
		m.ntok++
		if te == end {
			break
		}
		m.fold[fe] = '-'
		ts, fs = te+1, fe+1
	}
	m.fold[m.nfold] = '.'
	m.nfold++
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
		if b[0] < utf8.RuneSelf {
			buf[n] = rune(b[0])
			n++
			b = b[1:]
			continue
		}
		r, size := utf8.DecodeRune(b)
		buf[n] = r
		n++
		b = b[size:]
	}
	return buf[:n], true
}
