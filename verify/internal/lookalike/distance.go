package lookalike

import "slices"

// maxRunes bounds the strings edit distance works on: a DNS label is at most
// 63 bytes, so its Unicode form is at most 63 runes.
const maxRunes = 64

// osa is the optimal string alignment distance (Damerau–Levenshtein where
// each substring is edited once): insertions, deletions, substitutions and
// transpositions of adjacent runes each cost 1. It stops early and returns
// limit+1 once the distance must exceed limit. Strings longer than maxRunes
// return limit+1.
func osa(a, b []rune, limit int) int {
	n, m := len(a), len(b)
	if n > maxRunes || m > maxRunes {
		return limit + 1
	}
	if d := n - m; d > limit || -d > limit {
		return limit + 1
	}
	var rows [3][maxRunes + 1]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= m; j++ {
		prev[j] = j
	}
	for i := 1; i <= n; i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= m; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[m]
}

// isTransposition reports whether b is a with two adjacent runes swapped.
func isTransposition(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && slices.Equal(a[i+2:], b[i+2:])
}

// likelyFalsePositive is Chromium's filter on edit-distance matches
// (lookalike_url_util.cc, IsLikelyEditDistanceFalsePositive), on labels:
// the two differ only in digits ("abcd1"/"abcd2"), the one edit is at the
// first character ("xabcd"/"yabcd", "xabcde"/"abcde"), or the one edit adds
// or removes a hyphen. Such pairs are mostly distinct names.
func likelyFalsePositive(cand, official []rune) bool {
	return filteredEdit(cand, official, true)
}

// filteredEdit is Chromium's filter, with the first-character rule
// applied only when firstChar is set: vigie keeps that rule for names
// under MinLength2, where one letter in front makes another name
// ("xmgen"), and drops it for longer ones, where it rarely does
// ("xmalakoffhumanis").
func filteredEdit(cand, official []rune, firstChar bool) bool {
	if equalWithoutDigits(cand, official) {
		return true
	}
	if osa(cand, official, 1) != 1 {
		return false
	}
	switch {
	case len(cand) == len(official):
		return firstChar && cand[0] != official[0] && slices.Equal(cand[1:], official[1:])
	case len(cand) == len(official)+1:
		at := insertedAt(official, cand)
		return firstChar && at == 0 || cand[at] == '-'
	default:
		at := insertedAt(cand, official)
		return firstChar && at == 0 || official[at] == '-'
	}
}

// insertedAt returns where long, one rune longer than short, has its extra
// rune; with runs of equal runes it is the first place that works.
func insertedAt(short, long []rune) int {
	i := 0
	for i < len(short) && short[i] == long[i] {
		i++
	}
	return i
}

func equalWithoutDigits(a, b []rune) bool {
	i, j := 0, 0
	for {
		for i < len(a) && '0' <= a[i] && a[i] <= '9' {
			i++
		}
		for j < len(b) && '0' <= b[j] && b[j] <= '9' {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if a[i] != b[j] {
			return false
		}
		i++
		j++
	}
}

// plausibleTypo is a typing model, after dnstwist's fuzzers, for one edit
// on a short label, where an edit distance of 1 also joins many honest
// names ("mammut" is one letter from "matmut"): a vowel or a doubled letter
// dropped, a letter doubled or added at the end, two letters swapped, or a letter replaced or added next
// to a neighbouring key (AZERTY or QWERTY), by another vowel, or by a
// character that looks the same.
func plausibleTypo(cand, official []rune) bool {
	switch {
	case len(cand) < len(official):
		// A vowel or a doubled letter is dropped by mistake; a
		// consonant dropped mostly leaves another name ("spie" for
		// "spvie", "altis" for "alptis", "wecare" for "welcare").
		p := insertedAt(cand, official)
		x := official[p]
		return isVowel(x) || p > 0 && official[p-1] == x || p+1 < len(official) && official[p+1] == x
	case len(cand) == len(official):
		if isTransposition(cand, official) {
			return true
		}
		p := insertedAt(official, cand)
		if p == len(official)-1 {
			// The last letter changed makes another word more often
			// than a typo: "coveo", "ensam", "ircam".
			return false
		}
		a, b := official[p], cand[p]
		return keysAdjacent(a, b) || isVowel(a) && isVowel(b) || foldRune(a) == foldRune(b)
	default:
		p := insertedAt(official, cand)
		x := cand[p]
		if p == len(official) {
			return true
		}
		return p > 0 && (cand[p-1] == x || keysAdjacent(cand[p-1], x)) || keysAdjacent(cand[p+1], x) || cand[p+1] == x
	}
}

func isVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

func foldRune(r rune) byte {
	if r >= 0x80 {
		return 0
	}
	b := AppendFold(nil, string(r))
	return b[0]
}

// keyboards are the rows of the AZERTY and QWERTY layouts.
var keyboards = [][]string{
	{"1234567890", "azertyuiop", "qsdfghjklm", "wxcvbn"},
	{"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"},
}

// adjacentKeys holds each pair of keys that touch on either layout: same
// row side by side, or the row above or below at the same or next place.
var adjacentKeys = func() map[[2]rune]bool {
	m := make(map[[2]rune]bool)
	link := func(a, b byte) {
		m[[2]rune{rune(a), rune(b)}] = true
		m[[2]rune{rune(b), rune(a)}] = true
	}
	for _, rows := range keyboards {
		for r, row := range rows {
			for i := range row {
				if i+1 < len(row) {
					link(row[i], row[i+1])
				}
				if r+1 < len(rows) {
					below := rows[r+1]
					for _, j := range []int{i - 1, i} {
						if j >= 0 && j < len(below) {
							link(row[i], below[j])
						}
					}
				}
			}
		}
	}
	return m
}()

func keysAdjacent(a, b rune) bool { return adjacentKeys[[2]rune{a, b}] }

// OSA is the optimal string alignment distance between a and b, or
// limit+1 once it exceeds limit. It is exported for benchmarks that compare
// the index with a scan.
func OSA(a, b []rune, limit int) int { return osa(a, b, limit) }
