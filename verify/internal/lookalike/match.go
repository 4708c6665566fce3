package lookalike

import (
	"strings"
	"sync"
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
	// Alias: the name imitated is one of the organisation's aliases
	// ("cpam", "cartevitale"), not its domain label.
	Alias
	// Compound: the name was found inside a label by word segmentation,
	// glued to other words ("securitesocialamelie").
	Compound
	// HostingPlatform: the name is the customer's label on a hosting
	// platform, dynamic DNS or free subdomain provider
	// ("authentification-impot.netlify.app").
	HostingPlatform
	// GovWord: the host spells the government word wrong, "gov" or "qouv"
	// for "gouv" ("ants.qouv.fr").
	GovWord
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
	scoreCompound     = 60 // plus a rank: strong name, typo, weak name
)

// Bounds on the state of one Match, all kept on the stack.
const (
	maxFindings = 16
	maxHits     = 64
	maxTokens   = 128
	maxLabels   = 128
	maxFold     = 512
	maxPieces   = 96
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
	hash   uint64 // of the folded bytes (hash.go), taken as they are folded
}

// label is a host label: its tokens, its raw bytes, and what word
// segmentation (compound.go) found in it. tokenize writes each label
// whole, so nothing of a previous host survives in a reused matcher.
type label struct {
	ts, te uint8 // tokens
	rs, re uint8 // bytes in the host
	ascii  bool  // not Punycode, and its bytes (so its fold's) all ASCII
	// namePair: two bytes of the label, side by side, begin a name
	// (Index.nameStarts); mayHoldName.
	namePair bool
	// The label's pieces are pieces[pieceStart:pieceEnd]; unknown counts
	// the letters no word explains.
	pieceStart, pieceEnd, unknown uint8
	// plainIDN marks a Punycode label segmented in its Unicode form
	// without accents; textLen is the length of that text, and idnSeps
	// marks where a separator stood between the Unicode form's words:
	// "espace-vitale-à-niveau".
	plainIDN bool
	textLen  uint8
	idnSeps  uint64
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

// matchState is the part of a matcher that Match resets on every call:
// its counts and what it learnt of the host.
type matchState struct {
	ix      *Index
	host    string
	nfold   int
	ntok    int
	nlabels int
	mixed   bool // an IDN label of the host mixes scripts
	nhits   int

	// Known once a hit makes the public suffix worth computing.
	suffix   string
	reg      int  // index of the registrable label
	regStart int  // its first token
	regEnd   int  // one past its last token
	icann    bool // the public suffix is in the PSL's ICANN section

	nfindings int
	nEmbeds   int
	nCombos   int
	npieces   int
	names     bool // a piece names an official
}

// matcher holds the state of one Match call. Its arrays, not slices, keep
// a host's state in one block, reused from call to call through a pool:
// clearing some kilobytes on every call was a large part of checking a
// host that matches nothing. Every array is read only below its count in
// matchState, which Match resets, so what a previous host left past the
// counts is never read.
type matcher struct {
	matchState

	fold   [maxFold]byte
	toks   [maxTokens]token
	labels [maxLabels]label
	hits   [maxHits]hit

	findings [maxFindings]finding
	// embeds are the spans matched as embedded domains or TLD swaps,
	// combos those matched as combo-squats, so that a brand token inside
	// an embedded domain is not counted twice.
	embeds, combos [maxFindings]span

	// Word segmentation of the labels (compound.go): the pieces of label
	// l are pieces[labels[l].pieceStart:labels[l].pieceEnd].
	pieces [maxPieces]piece

	scratch scratch
}

// scratch is working space of the hashing phases, written before it is
// read on every use.
type scratch struct {
	prefix  [maxTokens + 1]uint64 // spans: the hash of tokens 0..k-1 joined
	offsets [maxTokens + 1]uint16 // spans: where token k starts, joined
	dels    [2][maxRunes]uint64   // probe: D[i] and E[i]
	head    [gramLen]byte         // runHead: the first bytes of a run
}

var matchers = sync.Pool{New: func() any { return new(matcher) }}

// newMatcher returns a matcher for host from the pool, its state reset.
func (ix *Index) newMatcher(host string) *matcher {
	m := matchers.Get().(*matcher)
	m.matchState = matchState{ix: ix, host: host}
	return m
}

// release returns m to the pool, holding no reference to the host or the
// index: newMatcher resets the rest.
func (m *matcher) release() {
	m.ix, m.host, m.suffix = nil, "", ""
	matchers.Put(m)
}

// Match reports whether host imitates a target, and the closest imitation.
// host is a lowercase ASCII host, as a URL parser outputs it, that is not
// itself under a target domain. An ASCII host that imitates nothing is
// checked without allocating.
func (ix *Index) Match(host string) (Match, bool) {
	host, ok := matchable(host)
	if !ok {
		return Match{}, false
	}
	m := ix.newMatcher(host)
	// Released by hand, not deferred: match does not panic, and a
	// matcher lost to a panic would only be garbage, not reused.
	match, ok := m.match()
	m.release()
	return match, ok
}

// matchable returns host without its final dot, and whether it is a name
// Match may read: not empty, at most 253 bytes.
func matchable(host string) (string, bool) {
	// An empty label is refused by tokenize, which reads every label.
	host = strings.TrimSuffix(host, ".")
	return host, host != "" && len(host) <= 253
}

// MatchUnpooled is Match on a zeroed matcher of its own, never reused: the
// reference the tests hold the pooled matcher to, so that nothing a host
// leaves in a matcher can change the answer for the next.
func (ix *Index) MatchUnpooled(host string) (Match, bool) {
	host, ok := matchable(host)
	if !ok {
		return Match{}, false
	}
	m := &matcher{matchState: matchState{ix: ix, host: host}}
	return m.match()
}

// match runs the phases of Match on a reset matcher.
func (m *matcher) match() (Match, bool) {
	if !m.tokenize() {
		return Match{}, false
	}
	// Hashing finds candidates; only then is the public suffix needed,
	// to tell the registrable label from the rest.
	m.spans()
	m.affixes()
	m.typos()
	// Word segmentation is the costliest phase and the last resort: a
	// host the hashes found candidates in is segmented only if they
	// come to nothing.
	segmented := m.nhits == 0
	if segmented {
		if m.segmentLabels(); !m.names {
			return Match{}, false
		}
	}
	if !m.locateSuffix() {
		return Match{}, false
	}
	m.judge()
	if m.nfindings == 0 {
		if !segmented {
			m.segmentLabels()
		}
		if m.names {
			m.compound()
		}
	}
	return m.best()
}
