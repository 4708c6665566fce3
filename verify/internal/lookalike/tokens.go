package lookalike

import (
	"strings"
	"unicode/utf8"

	"github.com/vigie-sante/vigie/verify/internal/uts39"
	"golang.org/x/net/idna"
)

// Phase 1 of a match: the host folded and split into labels and tokens.

// tokenize folds the host label by label and splits it into tokens on '.'
// and '-'. It reports false when the host has an empty label or is too long
// to fold.
func (m *matcher) tokenize() bool {
	host := m.host
	if len(host) > 253 {
		return false // its offsets would not fit in the bytes of token and label
	}
	for start := 0; start <= len(host); {
		if m.nlabels == maxLabels {
			return false
		}
		l := &m.labels[m.nlabels]
		m.nlabels++
		// Written whole: a reused matcher holds the last host's labels.
		*l = label{ts: uint8(m.ntok), rs: uint8(start)}
		end := -1
		if strings.HasPrefix(host[start:], "xn--") {
			if end = strings.IndexByte(host[start:], '.'); end < 0 {
				end = len(host)
			} else {
				end += start
			}
			if !m.addIDNLabel(start, end) {
				return false
			}
		} else if end = m.addASCIILabel(start); end <= start {
			return false // too long to fold, or empty
		}
		l.re, l.te = uint8(end), uint8(m.ntok)
		start = end + 1
	}
	return m.ntok > 0
}

// addASCIILabel folds the label that starts at start and returns where it
// ends, or -1 when it is empty or its fold would not fit.
func (m *matcher) addASCIILabel(start int) int {
	host := m.host
	// The fold of a label is never longer than the label: checked
	// against all the host has left, the bound needs the label's end
	// only for hosts near the limit.
	if m.nfold+len(host)-start+1 > maxFold {
		end := strings.IndexByte(host[start:], '.')
		if end < 0 {
			end = len(host) - start
		}
		if m.nfold+end+1 > maxFold {
			return -1
		}
	}
	// One pass folds the label as AppendFold does, cuts its tokens and
	// hashes them, and finds its end: no pair the fold maps holds a '-',
	// '_' or '.', so the fold's separators are the label's, in the same
	// order, and mark its tokens' ends in both. A '_' is folded to '-',
	// the separator the fold keeps. Each token is read by a loop of its
	// own, which keeps the token's start out of the loop over its bytes.
	f := m.nfold
	var ored byte // every byte of the label ORed
	i := start
	for {
		ts, fs := i, f
		var h uint64 // the token's hash so far
		for ; i < len(host); i++ {
			c := host[i]
			if endsToken[c] {
				break
			}
			ored |= c
			step := foldSteps[c]
			folded := step.single()
			if step.pairs() && i+1 < len(host) && digitFold(host[i+1]) == step.second() {
				folded = step.pair()
				i++
			}
			m.fold[f] = folded
			h = hashStep(h, rune(folded))
			f++
		}
		if !m.addToken(fs, f, ts, i, h) {
			return -1
		}
		if i == len(host) || host[i] == '.' {
			break
		}
		m.fold[f] = '-'
		f++
		i++
	}
	end := i
	if end == start {
		return -1 // an empty label
	}
	m.fold[f] = '.'
	m.nfold = f + 1
	// Two bytes side by side that begin a name: without them, no name is
	// read in the label (mayHoldName).
	pair := false
	for i := start; i+1 < end; i++ {
		if m.ix.nameStarts.has(host[i], host[i+1]) {
			pair = true
			break
		}
	}
	lb := &m.labels[m.nlabels-1]
	lb.namePair = pair
	// The fold maps ASCII to ASCII: an ASCII label has an ASCII fold.
	lb.ascii = ored < utf8.RuneSelf
	return end
}

// endsToken marks the bytes that end a token of an ASCII label: the
// separators and the dot that ends the label.
var endsToken = [256]bool{'-': true, '_': true, '.': true}

// addToken records a token of an ASCII label: fold bytes fs..fe, host
// bytes rs..re, the hash of its fold. It reports false when the host has
// too many tokens.
func (m *matcher) addToken(fs, fe, rs, re int, hash uint64) bool {
	if m.ntok == maxTokens {
		return false
	}
	// Field by field: a token built whole is assembled on the stack in
	// narrow stores and copied in a wide load, which the processor
	// cannot forward from them, a stall on every token.
	t := &m.toks[m.ntok]
	t.fs, t.fe, t.rs, t.re, t.idn, t.hash = uint16(fs), uint16(fe), uint8(rs), uint8(re), false, hash
	m.ntok++
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
		m.toks[m.ntok] = token{fs: uint16(ts), fe: uint16(te), rs: uint8(start), re: uint8(end), idn: true,
			hash: hashBytes(m.fold[ts:te])}
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
	lb := &m.labels[l]
	switch {
	case folded:
		first, last := &m.toks[lb.ts], &m.toks[lb.te-1]
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
