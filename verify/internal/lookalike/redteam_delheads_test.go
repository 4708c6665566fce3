package lookalike

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/net/idna"
)

// Red team of 4124940: mayMeetDeletion (delHeads) must never turn away a
// candidate whose typo probes could hit.

// refDeletions is the deletion index rebuilt as a set of strings: every
// string made by deleting up to k runes of a strong official's raw and
// folded label, keyed by runeKey.
func refDeletions(ix *Index) map[string]bool {
	set := map[string]bool{}
	var rec func(s []rune, k, from int)
	rec = func(s []rune, k, from int) {
		set[runeKey(s)] = true
		if k == 0 {
			return
		}
		for i := from; i < len(s); i++ {
			rec(slices.Delete(slices.Clone(s), i, i+1), k-1, i)
		}
	}
	for _, o := range ix.officials {
		if !o.strong {
			continue
		}
		rec(o.raw, o.k, 0)
		rec(o.fold, o.k, 0)
	}
	return set
}

// runeKey is a rune string as a map key, four bytes a rune: string(rs)
// would turn every invalid rune (negative, a surrogate, beyond U+10FFFF)
// into U+FFFD, where the deletion index hashes each rune's value.
func runeKey(rs []rune) string {
	b := make([]byte, 0, 4*len(rs))
	for _, r := range rs {
		b = append(b, byte(r>>24), byte(r>>16), byte(r>>8), byte(r))
	}
	return string(b)
}

// bruteMeets reports whether deleting up to dels runes of cand spells a
// string of set.
func bruteMeets(set map[string]bool, cand []rune, dels int) bool {
	if set[runeKey(cand)] {
		return true
	}
	if dels == 0 {
		return false
	}
	for i := range cand {
		if bruteMeets(set, slices.Delete(slices.Clone(cand), i, i+1), dels-1) {
			return true
		}
	}
	return false
}

// editRunes applies k random edits (deletion, insertion, substitution,
// transposition) to s, with runes from alpha, biased to the head.
func editRunes(rng *rand.Rand, s []rune, k int, alpha []rune) []rune {
	s = slices.Clone(s)
	for range k {
		var i int
		if rng.IntN(2) == 0 {
			i = rng.IntN(min(5, len(s)+1))
		} else {
			i = rng.IntN(len(s) + 1)
		}
		switch rng.IntN(4) {
		case 0:
			if i < len(s) {
				s = slices.Delete(s, i, i+1)
			}
		case 1:
			s = slices.Insert(s, i, alpha[rng.IntN(len(alpha))])
		case 2:
			if i < len(s) {
				s[i] = alpha[rng.IntN(len(alpha))]
			}
		case 3:
			if i+1 < len(s) {
				s[i], s[i+1] = s[i+1], s[i]
			}
		}
	}
	return s
}

var delHeadsEditAlpha = []rune("aeilmnorstuvwc01-éàçаеоıłø")

// delHeadsBruteAlpha adds the runes a decoder or a caller may hand the
// filter (red36OddRunes).
var delHeadsBruteAlpha = append(slices.Clone(delHeadsEditAlpha), red36OddRunes...)

// delHeadsRejected counts the candidates out of reach that mayMeetDeletion
// turns away: the filter is exercised, not only let through.
var delHeadsRejected int

// checkMayMeet fails when mayMeetDeletion turns away cand although a
// deletion of it is in set.
func checkMayMeet(t testing.TB, ix *Index, set map[string]bool, cand []rune) (checked int) {
	for dels := 1; dels <= 2; dels++ {
		if !bruteMeets(set, cand, dels) {
			if !mayMeetDeletion(ix, cand, dels) {
				delHeadsRejected++
			}
			continue
		}
		checked++
		if !mayMeetDeletion(ix, cand, dels) {
			t.Fatalf("mayMeetDeletion(%q, %d) = false, but a deletion of it is indexed", string(cand), dels)
		}
		if isASCII(string(cand)) && !mayMeetDeletion(ix, []byte(string(cand)), dels) {
			t.Fatalf("mayMeetDeletion([]byte %q, %d) = false, but a deletion of it is indexed", string(cand), dels)
		}
	}
	return checked
}

func delHeadsIndexes(t testing.TB, rng *rand.Rand, rounds int) []*Index {
	var ixs []*Index
	for round := range rounds {
		alpha := []string{"abcdefghijklmnopqrstuvwxyz", "aeilmnor01-", "rnmvwcldiu-", "abé", "ab", "rn1il0o"}[round%6]
		switch round % 3 {
		case 0:
			ix, _ := randomIndex(t, rng, []int{1, 5, 40, 200}[round%4], 3, 5+round%12, alpha)
			ixs = append(ixs, ix)
		default:
			opts := redTeamOptions(rng)
			ix, _ := redTeamIndex(t, rng, []int{1, 3, 30, 129}[round%4], strings.ReplaceAll(alpha, "é", "e"), opts)
			ixs = append(ixs, ix)
		}
	}
	return ixs
}

// TestRedTeamDelHeadsBruteForce: on random registries, every edit of every
// strong label, raw and folded, that some deletion brings back into the
// deletion index passes mayMeetDeletion.
func TestRedTeamDelHeadsBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 1))
	checked := 0
	for _, ix := range delHeadsIndexes(t, rng, 36) {
		set := refDeletions(ix)
		for _, o := range ix.officials {
			if !o.strong {
				continue
			}
			for _, form := range [][]rune{o.raw, o.fold} {
				for range 60 {
					// Odd runes too (red36): the key packs runes of any
					// value the same way when indexing and probing.
					c := editRunes(rng, form, rng.IntN(5), delHeadsBruteAlpha)
					if len(c) == 0 || len(c) > maxRunes {
						continue
					}
					checked += checkMayMeet(t, ix, set, c)
				}
			}
		}
	}
	t.Logf("%d candidates within reach checked, %d out of reach turned away", checked, delHeadsRejected)
	require.Greater(t, checked, 10000)
}

// TestRedTeamDelHeadsEnumerate: every string of up to 7 letters over a
// small alphabet, against small registries over it with k up to 2 from
// length 1.
func TestRedTeamDelHeadsEnumerate(t *testing.T) {
	regs := [][]string{
		{"ab", "abc", "abcd", "bca"},
		{"aab", "abab", "baaba", "aaaaa"},
		{"abcab", "cabbage"},
		{"aaa"},
		{"abcdc"},
	}
	checked := 0
	for _, labels := range regs {
		for _, ml := range [][2]int{{1, 2}, {1, 1}, {2, 3}, {3, 4}, {2, 2}} {
			o := DefaultOptions()
			o.MinLength1, o.MinLength2 = ml[0], ml[1]
			var targets []Target
			for _, l := range labels {
				targets = append(targets, Target{Domain: l + ".fr"})
			}
			ix, err := New(targets, o)
			require.NoError(t, err)
			set := refDeletions(ix)
			alpha := []rune("abcd")
			var gen func(prefix []rune)
			gen = func(prefix []rune) {
				if len(prefix) > 0 {
					checked += checkMayMeet(t, ix, set, prefix)
				}
				if len(prefix) == 7 {
					return
				}
				for _, r := range alpha {
					gen(append(slices.Clone(prefix), r))
				}
			}
			gen(nil)
		}
	}
	t.Logf("%d candidates within reach checked", checked)
}

// typoHits runs only tokenize and typos on host and returns the typo hits.
func typoHits(ix *Index, host string) []string {
	host, ok := matchable(host)
	if !ok {
		return nil
	}
	m := &matcher{matchState: matchState{ix: ix, host: host}}
	if !m.tokenize() {
		return nil
	}
	m.typos()
	var hs []string
	for _, h := range m.hits[:m.nhits] {
		hs = append(hs, fmt.Sprintf("%s@%d", ix.officials[h.official].domain, h.i))
	}
	slices.Sort(hs)
	return hs
}

// delHeadsHost builds a host with a typo of a registry label, raw or
// folded, in a random label position, among other labels.
func delHeadsHost(rng *rand.Rand, labels []string, alpha string) string {
	l := labels[rng.IntN(len(labels))]
	if strings.HasPrefix(l, "xn--") {
		if u, err := idna.Punycode.ToUnicode(l[4:]); err == nil {
			l = u
		}
	}
	form := []rune(l)
	if rng.IntN(3) == 0 {
		form = []rune(string(AppendSkeletonFold(nil, l)))
	}
	// Homoglyph unfolding: m → rn, w → vv, d → cl, o → 0, l → 1.
	if rng.IntN(4) == 0 {
		s := string(form)
		for _, p := range [][2]string{{"m", "rn"}, {"w", "vv"}, {"d", "cl"}, {"o", "0"}, {"l", "1"}, {"u", "ii"}} {
			if rng.IntN(2) == 0 {
				s = strings.Replace(s, p[0], p[1], 1)
			}
		}
		form = []rune(s)
	}
	c := editRunes(rng, form, rng.IntN(4), delHeadsEditAlpha)
	typo := string(c)
	if typo == "" || strings.HasPrefix(typo, "-") || strings.HasSuffix(typo, "-") {
		typo = "x" + typo + "x"
	}
	if !isASCII(typo) {
		if a, err := idna.ToASCII(typo); err == nil {
			typo = a
		} else {
			typo = strings.Map(func(r rune) rune {
				if r < 128 {
					return r
				}
				return 'q'
			}, typo)
		}
	}
	var parts []string
	nl := 1 + rng.IntN(4)
	pos := rng.IntN(nl)
	for i := range nl {
		if i == pos {
			parts = append(parts, typo)
		} else {
			parts = append(parts, randomLabel(rng, 1+rng.IntN(10), alpha))
		}
	}
	return strings.ToLower(strings.Join(parts, ".") + "." + []string{"fr", "com", "netlify.app", "gouv.fr", "co.uk"}[rng.IntN(5)])
}

// TestRedTeamDelHeadsTypoHitsAndMatch holds the typo hits and Match of the
// filtered index to WithoutFilters on typos of random registries.
func TestRedTeamDelHeadsTypoHitsAndMatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 2))
	total, hits, found := 0, 0, 0
	n := 3000
	if os.Getenv("VIGIE_LONG") != "" {
		n = 30000
	}
	for round := range 36 {
		alpha := []string{"abcdefghijklmnopqrstuvwxyz", "aeilmnor01-", "rnmvwcldiu-", "ab", "rn1il0o"}[round%5]
		var ix *Index
		var labels []string
		if round%2 == 0 {
			ix, labels = randomIndex(t, rng, []int{1, 5, 40, 200}[round%4], 3, 5+round%12, alpha)
		} else {
			opts := redTeamOptions(rng)
			ix, labels = redTeamIndex(t, rng, []int{1, 3, 30, 129}[round%4], alpha, opts)
		}
		ex := ix.WithoutFilters()
		for range n {
			host := delHeadsHost(rng, labels, alpha)
			h1, h2 := typoHits(ix, host), typoHits(ex, host)
			require.Equal(t, h2, h1, "typo hits, filtered vs exhaustive: %q", host)
			m1, ok1 := ix.Match(host)
			m2, ok2 := ex.Match(host)
			require.Equal(t, fmt.Sprint(ok2, m2), fmt.Sprint(ok1, m1), "Match, filtered vs exhaustive: %q", host)
			total++
			if len(h1) > 0 {
				hits++
			}
			if ok1 {
				found++
			}
		}
	}
	t.Logf("%d hosts, %d with typo hits, %d lookalikes", total, hits, found)
}

// FuzzRedTeamDelHeads: a registry of the fuzzer's labels (comma-separated,
// up to 6), thresholds from 1, and a host: mayMeetDeletion against brute
// force on every label of the host, typo hits and Match against
// WithoutFilters.
func FuzzRedTeamDelHeads(f *testing.F) {
	f.Add("ameli,harmonie-mutuelle,xn--amli-bpa", "arneli.fr", uint8(5), uint8(9))
	f.Add("abc,abcd", "xabc.com", uint8(1), uint8(2))
	f.Add("mgen,cpam", "gen.fr", uint8(1), uint8(3))
	f.Add("rnrnrn,mmm", "mrnm.fr", uint8(2), uint8(3))
	f.Add("xn--scurit-sociale-dmbb", "secur1te-sociale.fr", uint8(5), uint8(9))
	f.Fuzz(func(t *testing.T, regs, host string, ml1, ml2 uint8) {
		o := DefaultOptions()
		o.MinLength1 = 1 + int(ml1%10)
		o.MinLength2 = o.MinLength1 + int(ml2%10)
		seen := map[string]bool{}
		var targets []Target
		for _, l := range strings.Split(strings.ToLower(regs), ",") {
			if len(targets) == 6 || l == "" || len(l) > 63 || !isASCII(l) || strings.ContainsAny(l, ". _") || !newRegistrableLabel(l, seen, true) {
				continue
			}
			if strings.HasPrefix(l, "xn--") {
				if _, err := idna.Punycode.ToUnicode(l[4:]); err != nil {
					continue
				}
			}
			targets = append(targets, Target{Domain: l + ".fr"})
		}
		if len(targets) == 0 {
			return
		}
		ix, err := New(targets, o)
		if err != nil {
			return
		}
		ex := ix.WithoutFilters()
		set := refDeletions(ix)
		for _, l := range strings.Split(host, ".") {
			if strings.HasPrefix(l, "xn--") {
				if u, err := idna.Punycode.ToUnicode(l[4:]); err == nil {
					l = u
				}
			}
			if c := []rune(l); len(c) > 0 && len(c) <= 20 {
				checkMayMeet(t, ix, set, c)
				if f := []rune(string(AppendSkeletonFold(nil, l))); len(f) > 0 && len(f) <= 20 {
					checkMayMeet(t, ix, set, f)
				}
			}
		}
		require.Equal(t, typoHits(ex, host), typoHits(ix, host), "typo hits %q", host)
		m1, ok1 := ix.Match(host)
		m2, ok2 := ex.Match(host)
		require.Equal(t, fmt.Sprint(ok2, m2), fmt.Sprint(ok1, m1), "Match %q", host)
	})
}

// TestRedTeamDelHeadsLongLabels: labels of 55 to 64 runes, hyphenated and
// IDN, their edits up to 66 runes, brute force and Match.
func TestRedTeamDelHeadsLongLabels(t *testing.T) {
	// The red team ran five times as many (VIGIE_LONG=1 does).
	edits, hosts := 60, 400
	if os.Getenv("VIGIE_LONG") != "" {
		edits, hosts = 300, 2000
	}
	rng := rand.New(rand.NewPCG(10, 4))
	checked, total := 0, 0
	for round := range 8 {
		seen := map[string]bool{}
		var targets []Target
		var labels []string
		for len(targets) < 5 {
			n := 55 + rng.IntN(10)
			l := randomLabel(rng, n, []string{"abcdefghijklmnopqrstuvwxyz", "aeilmnor01-", "rnmvwcldiu-", "ab"}[round%4])
			if rng.IntN(3) == 0 {
				// an IDN label: accents in place of some letters
				u := []rune(l)
				for range 3 {
					u[rng.IntN(len(u))] = []rune("éàçø")[rng.IntN(4)]
				}
				a, err := idna.ToASCII(string(u))
				if err != nil || len(a) > 63 {
					continue
				}
				l = a
			}
			if len(l) > 63 || !newRegistrableLabel(l, seen, true) {
				continue
			}
			targets = append(targets, Target{Domain: l + ".fr"})
			labels = append(labels, l)
		}
		o := DefaultOptions()
		if round%2 == 1 {
			o.MinLength1, o.MinLength2 = 1, 2
		}
		ix, err := New(targets, o)
		require.NoError(t, err)
		ex := ix.WithoutFilters()
		set := refDeletions(ix)
		for _, off := range ix.officials {
			for _, form := range [][]rune{off.raw, off.fold} {
				for range edits {
					// Odd runes too (red36): the key packs runes of any
					// value the same way when indexing and probing.
					c := editRunes(rng, form, rng.IntN(5), delHeadsBruteAlpha)
					if len(c) == 0 || len(c) > maxRunes+2 {
						continue
					}
					checked += checkMayMeet(t, ix, set, c)
				}
			}
		}
		for range hosts {
			host := delHeadsHost(rng, labels, "abc")
			require.Equal(t, typoHits(ex, host), typoHits(ix, host), "typo hits %q", host)
			m1, ok1 := ix.Match(host)
			m2, ok2 := ex.Match(host)
			require.Equal(t, fmt.Sprint(ok2, m2), fmt.Sprint(ok1, m1), "Match %q", host)
			total++
		}
	}
	t.Logf("%d candidates within reach checked, %d hosts", checked, total)
}
