package whatwg

// The differential test: thousands of tricky URLs, built from official login
// URLs and unrelated hosts, are read by ParseURL and by the WHATWG URL parser
// of Node.js (new URL()), and the two must agree on whether the URL parses
// and, when it does, on the scheme, the userinfo and the host. A
// disagreement is the worst bug vigie can have: it judges one host while the
// browser goes to another.
//
// Code points the generator avoids, and why (golang.org/x/net/idna has
// Unicode 15.0 tables, Node's may be newer, and the standard follows the
// newest UTS #46):
//   - code points assigned after Unicode 15.0: disallowed in x/net's tables,
//     possibly valid in a newer table;
//   - U+1E9E ẞ (mapped to "ss" up to UTS #46 15.1, to ß since 16.0);
//   - U+2132 Ⅎ, U+2183 Ↄ, U+04C0 Ӏ and the Georgian capitals U+10A0..10CD
//     (disallowed up to 15.1, mapped to their lowercase since 16.0);
//   - the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, the Khmer inherent
//     vowels U+17B4, U+17B5 and the musical format controls U+1D173..1D17A
//     (disallowed up to 15.1, ignored since 16.0).
// conformance_test.go lists the same code points (changedInUTS46v16,
// newerThan15); TestDifferentialGenerator checks that no input holds one.
//
// One difference is Node's and is counted apart, not failed: Node does not
// apply UTS #46's CheckBidi in full (see nodeSkipsBidi). ParseURL follows
// the standard and browsers there, and fails those URLs.
//
// The test needs node on PATH; without it, it is skipped, unless
// VIGIE_REQUIRE_NODE=1, as in CI, makes that a failure.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/idna"
	"golang.org/x/text/unicode/norm"
)

const (
	// diffTarget is the number of distinct URLs the generator makes.
	diffTarget = 15000
	// diffMinimum is the fewest the test accepts.
	diffMinimum = 12000
	// diffSinglesPerBase is how many single-mutation URLs each mutation
	// makes from each base URL before mutations are combined.
	diffSinglesPerBase = 30
	// diffMaxPrinted caps the disagreements printed one by one.
	diffMaxPrinted = 50
)

// The generator's fixed seed ("vigie", "differential").
const diffSeed1, diffSeed2 = 0x7669676965, 0x646966666572656e

// diffOfficial are official login URLs; diffUnrelated are hosts that are not
// official, some made to look as if they were.
var (
	diffOfficial = []string{
		"https://assure.ameli.fr/PortailAS",
		"https://assure.hcrbienetre.fr/connexion.html",
		"https://salarie.interimairessante.fr/connexion.html",
		"https://www.harmonie-et-moi.fr/identification",
		"https://mon.apicil.com/",
		"https://espaceclient.axa.fr/",
		"https://connect.axa.fr/",
		"https://app.franceconnect.gouv.fr/",
		"https://cfspart.impots.gouv.fr/LoginMDP",
		"https://www.ameli.fr/",
	}
	diffUnrelated = []string{
		"https://evil.example/",
		"https://ameli.fr.evil.example/PortailAS",
		"https://secure-login.com/ameli/connexion",
		"http://127.0.0.1/",
		"https://assure-ameli.fr/PortailAS",
		"https://ameli-fr.com/",
		"https://login.evil.example/connexion.html",
	}
)

// urlParts is a URL cut where the mutations work on it; String joins the
// parts back. sep includes the scheme's colon, userinfo its "@", port its
// ":", query its "?" and fragment its "#".
type urlParts struct {
	scheme, sep, userinfo, host, port, path, query, fragment string
}

func (p urlParts) String() string {
	return p.scheme + p.sep + p.userinfo + p.host + p.port + p.path + p.query + p.fragment
}

func splitBase(s string) urlParts {
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		panic("base URL without ://: " + s)
	}
	host, path := rest, "/"
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		host, path = rest[:i], rest[i:]
	}
	return urlParts{scheme: scheme, sep: "://", host: host, path: path}
}

func diffBases() []urlParts {
	var bases []urlParts
	for _, s := range slices.Concat(diffOfficial, diffUnrelated) {
		bases = append(bases, splitBase(s))
	}
	return bases
}

// A mutation changes a URL in one way, chosen at random among its variants.
// Mutations combine in the order of their phase: the host is replaced, then
// changed code point by code point, then percent-encoded, then the URL
// around it is changed, then the string as a whole.
type mutation struct {
	name  string
	phase int
	parts func(r *rand.Rand, p *urlParts)
	str   func(r *rand.Rand, s string) string
}

var diffMutations = []*mutation{
	{name: "ipv4", phase: 0, parts: func(r *rand.Rand, p *urlParts) { p.host = randomIPv4(r) }},
	{name: "ipv6", phase: 0, parts: func(r *rand.Rand, p *urlParts) { p.host = randomIPv6(r) }},
	{name: "homoglyph", phase: 1, parts: mutateHomoglyph},
	{name: "combining", phase: 1, parts: mutateCombining},
	{name: "dots", phase: 1, parts: mutateDots},
	{name: "long-label", phase: 1, parts: mutateLongLabel},
	{name: "bidi", phase: 1, parts: mutateBidi},
	{name: "idna-map", phase: 2, parts: mutateIDNAMap},
	{name: "punycode", phase: 3, parts: mutatePunycode},
	{name: "ignored", phase: 4, parts: mutateIgnored},
	{name: "percent", phase: 5, parts: mutatePercent},
	{name: "userinfo", phase: 6, parts: mutateUserinfo},
	{name: "port", phase: 6, parts: mutatePort},
	{name: "query-fragment", phase: 6, parts: mutateQueryFragment},
	{name: "scheme", phase: 6, parts: mutateScheme},
	{name: "backslash", phase: 7, parts: mutateBackslash},
	{name: "slashes", phase: 7, parts: mutateSlashes},
	{name: "tab-newline", phase: 8, str: mutateTabNewline},
	{name: "c0-space", phase: 8, str: mutateC0Space},
}

type diffCase struct {
	input string
	cats  []string
}

func applyMutations(r *rand.Rand, p urlParts, ms []*mutation) string {
	for _, m := range ms {
		if m.parts != nil {
			m.parts(r, &p)
		}
	}
	s := p.String()
	for _, m := range ms {
		if m.str != nil {
			s = m.str(r, s)
		}
	}
	return s
}

// generateDifferentialCases makes diffTarget distinct URLs, the same ones on
// every run: the base URLs as they are, each mutation alone on each base,
// then two to four mutations combined.
func generateDifferentialCases() []diffCase {
	r := rand.New(rand.NewPCG(diffSeed1, diffSeed2))
	bases := diffBases()
	seen := map[string]bool{}
	var cases []diffCase
	add := func(s string, cats []string) {
		if !seen[s] {
			seen[s] = true
			cases = append(cases, diffCase{s, cats})
		}
	}
	for _, b := range bases {
		add(b.String(), []string{"none"})
	}
	for _, m := range diffMutations {
		for _, b := range bases {
			for range diffSinglesPerBase {
				add(applyMutations(r, b, []*mutation{m}), []string{m.name})
			}
		}
	}
	for len(cases) < diffTarget {
		b := bases[r.IntN(len(bases))]
		k := 2 + r.IntN(3)
		idx := r.Perm(len(diffMutations))[:k]
		slices.SortFunc(idx, func(a, b int) int {
			if c := diffMutations[a].phase - diffMutations[b].phase; c != 0 {
				return c
			}
			return a - b
		})
		ms := make([]*mutation, k)
		cats := make([]string, k)
		for i, j := range idx {
			ms[i], cats[i] = diffMutations[j], diffMutations[j].name
		}
		add(applyMutations(r, b, ms), cats)
	}
	return cases
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// runeStarts returns the byte offsets of the runes of s, and len(s).
func runeStarts(s string) []int {
	var at []int
	for i := range s {
		at = append(at, i)
	}
	return append(at, len(s))
}

// insertAt puts ins at a random rune boundary of s.
func insertAt(r *rand.Rand, s, ins string) string {
	i := pick(r, runeStarts(s))
	return s[:i] + ins + s[i:]
}

// replaceRandom replaces one rune of s, chosen at random among those for
// which ok holds, by what repl returns for it. It returns s as it is when
// there is none.
func replaceRandom(r *rand.Rand, s string, ok func(rune) bool, repl func(rune) string) string {
	var at []int
	for i, c := range s {
		if ok(c) {
			at = append(at, i)
		}
	}
	if len(at) == 0 {
		return s
	}
	i := pick(r, at)
	c, size := utf8.DecodeRuneInString(s[i:])
	return s[:i] + repl(c) + s[i+size:]
}

func isLetter(c rune) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isAlnum(c rune) bool { return isLetter(c) || '0' <= c && c <= '9' }

var ipv4Fixed = []string{
	"2130706433", "0x7f000001", "0X7F000001", "0x7f.1", "0x7F.0x1", "0177.0.0.1", "0177.1",
	"00000177.0.0.1", "127.1", "127.0.1", "127.0.0.1.", "127.0.0.1..", ".127.0.0.1", "256.0.0.1",
	"127.0.0.256", "4294967295", "4294967296", "1.2.3.4.5", "1.2.3.4.5.", "1..2.3", "0x",
	"0x.0x.0x.0x", "0X.0", "09.1.1.1", "08", "0x100.0.0.1", "1.0x1000000", "1.0xffffff",
	"1.2.0x10000", "1.2.0xffff", "1.2.3.0x100", "0xffffffff", "0x1ffffffff", "0x0000007f.1",
	"ameli.fr.1", "ameli.fr.0x1", "ameli.fr.09", "ameli.fr.0x", "ameli.fr.1.", "1.ameli.fr",
	"ameli.0", "127.0.0.1.ameli.fr", "0.0.0.0", "0", "999999999999999999999999",
	"0xgg.1", "1e2.0.0.1", "-1.0.0.0", "+1.0.0.0", "0..0x300", "1.2.3.4", "93.184.216.34",
	"0x5d.0xb8.0xd8.0x22", "1572395042", "0135.0270.0330.042", "0x5db8d822", "3.141592653",
	"0.0x0.00.0", "0xA.011.0x0B.12", "1.2.3.09", "1.2.3.0x", "00x1.1", "0x0x1",
}

// randomIPv4 returns one of the IPv4 forms the standard reads, or one it
// rejects.
func randomIPv4(r *rand.Rand) string {
	if r.IntN(3) == 0 {
		return pick(r, ipv4Fixed)
	}
	n := pick(r, []int{1, 2, 3, 4, 4, 4, 4, 5})
	parts := make([]string, n)
	for i := range parts {
		var v uint64
		switch {
		case i == n-1 && n <= 4:
			limit := uint64(1) << (8 * (5 - n))
			switch r.IntN(5) {
			case 0:
				v = limit - 1
			case 1:
				v = limit + r.Uint64N(limit)
			default:
				v = r.Uint64N(limit)
			}
		case r.IntN(8) == 0:
			v = 256 + r.Uint64N(1000)
		case r.IntN(4) == 0:
			v = pick(r, []uint64{0, 1, 127, 255})
		default:
			v = r.Uint64N(256)
		}
		switch r.IntN(10) {
		case 0, 1, 2:
			hex := strconv.FormatUint(v, 16)
			if r.IntN(2) == 0 {
				hex = strings.ToUpper(hex)
			}
			parts[i] = pick(r, []string{"0x", "0X"}) + strings.Repeat("0", r.IntN(3)) + hex
		case 3, 4:
			parts[i] = "0" + strings.Repeat("0", r.IntN(2)) + strconv.FormatUint(v, 8)
		default:
			parts[i] = strconv.FormatUint(v, 10)
		}
	}
	s := strings.Join(parts, ".")
	if r.IntN(8) == 0 {
		s += "."
	}
	return s
}

var ipv6Fixed = []string{
	"[::1]", "[::]", "[::ffff:1.2.3.4]", "[::ffff:7f00:1]", "[::ffff:127.0.0.1]", "[0:0:0:0:0:0:0:1]",
	"[1:2:3:4:5:6:7:8]", "[1:0:0:2::3:0]", "[fe80::1%25eth0]", "[fe80::1%eth0]", "[::1:]",
	"[:1]", "[1::2::3]", "[1:2:3:4:5:6:7:8:9]", "[1:2:3:4:5:6:7]", "[::1.2.3]", "[::1.2.3.4.5]",
	"[::01.2.3.4]", "[::1.2.3.04]", "[::1.2.3.256]", "[12345::]", "[::ffff:0x7f.0.0.1]", "::1",
	"[ameli.fr]", "[::1]x", "[::1]]", "[[::1]]", "[v1.fe80::a]", "[::FFFF:1.2.3.4]", "[0::0:0]",
	"[::%31]", "[%3a%3a1]", "[::１]", "[::1", "::1]", "[]", "[:]", "[:::]", "[1:2:3:4:5:6:1.2.3.4]",
	"[1:2:3:4:5:6:7:1.2.3.4]", "[::1.2.3.4]", "[2001:db8::ff00:42:8329]", "[2001:DB8:0:0:8:800:200C:417A]",
	"[0:0:0:0:0:ffff:5db8:d822]", "[::5db8:d822]", "[1::]", "[1:0::]", "[0:1:0:0:0:1:0:0]",
	"[0:0:1:0:0:1:0:0]", "[ 1::]", "[1::\t2]", "[00000::1]", "[0001::1]", "[::ffff:1.2.3.4.]",
	"[::-1]", "[g::1]", "[::1:2:3:4:5:6:7]", "[1:2:3:4:5:6:7::]", "[::1:2:3:4:5:6]",
}

// randomIPv6 returns a bracketed IPv6 address, valid or not.
func randomIPv6(r *rand.Rand) string {
	if r.IntN(3) == 0 {
		return pick(r, ipv6Fixed)
	}
	tail := r.IntN(5) == 0
	n := 8
	if tail {
		n = 6
	}
	switch r.IntN(12) {
	case 0:
		n++
	case 1:
		n--
	}
	pieces := make([]string, n)
	zero := make([]bool, n)
	for i := range pieces {
		var v uint64
		if r.IntN(3) == 0 {
			zero[i] = true
		} else if r.IntN(3) == 0 {
			v = r.Uint64N(16)
		} else {
			v = r.Uint64N(1 << 16)
		}
		h := strconv.FormatUint(v, 16)
		if r.IntN(3) == 0 {
			h = strings.ToUpper(h)
		}
		if r.IntN(6) == 0 {
			h = strings.Repeat("0", r.IntN(5-min(len(h), 4))+1) + h
		}
		pieces[i] = h
	}
	var s string
	if r.IntN(4) != 0 {
		// Compress a run of zero pieces, or any run.
		i := r.IntN(n)
		j := i + 1
		for j < n && (zero[j] || r.IntN(3) == 0) {
			j++
		}
		s = strings.Join(pieces[:i], ":") + "::" + strings.Join(pieces[j:], ":")
	} else {
		s = strings.Join(pieces, ":")
	}
	if tail {
		q := make([]string, 4)
		for i := range q {
			q[i] = strconv.Itoa(r.IntN(256))
		}
		switch r.IntN(8) {
		case 0:
			q[r.IntN(4)] = "256"
		case 1:
			q[r.IntN(4)] = "01"
		case 2:
			q = q[:3]
		}
		if !strings.HasSuffix(s, ":") {
			s += ":"
		}
		s += strings.Join(q, ".")
	}
	switch r.IntN(12) {
	case 0:
		s += "%25eth0"
	case 1:
		s += "%eth0"
	}
	if r.IntN(20) == 0 {
		return "[" + s
	}
	return "[" + s + "]"
}

// lookalikes are code points that look like, or map to, an ASCII letter.
var lookalikes = map[rune][]string{
	'a': {"\u0430", "\u0410", "\u03b1", "\u0391", "\u00e0", "\u0251"},
	'c': {"\u0441", "\u0421", "\u03f2", "\u217d", "\u00e7"},
	'd': {"\u0501", "\u217e"},
	'e': {"\u0435", "\u0415", "\u0451", "\u00e9", "\u0117"},
	'h': {"\u04bb", "\u0570"},
	'i': {"\u0456", "\u0406", "\u0131", "\u0130", "\u03b9", "\u0399", "\u2170", "\u00ed"},
	'j': {"\u0458", "\u0408"},
	'k': {"\u03ba", "\u043a", "\u212a"},
	'l': {"\u04cf", "\u217c", "\u0142", "\u0406"},
	'm': {"\u217f", "\u043c"},
	'n': {"\u0578", "\u03b7"},
	'o': {"\u043e", "\u041e", "\u03bf", "\u039f", "\u00f6", "\u0585"},
	'p': {"\u0440", "\u0420", "\u03c1", "\u03a1"},
	's': {"\u0455", "\u0405", "\u03c2", "\u017f", "\u00df"},
	'u': {"\u03c5", "\u057d", "\u00fc"},
	'v': {"\u03bd", "\u2174", "\u0475"},
	'w': {"\u051d", "\u03c9"},
	'x': {"\u0445", "\u0425", "\u03c7", "\u2179"},
	'y': {"\u0443", "\u0423", "\u00fd"},
}

func mutateHomoglyph(r *rand.Rand, p *urlParts) {
	for range 1 + r.IntN(3) {
		p.host = replaceRandom(r, p.host, func(c rune) bool { return c < 0x80 && lookalikes[c|0x20] != nil },
			func(c rune) string { return pick(r, lookalikes[c|0x20]) })
	}
}

var combiningMarks = []string{
	"\u0301", "\u0300", "\u0308", "\u0327", "\u0323", "\u0338", "\u20e3", "\u0345", "\u0340",
	"\u0341", "\u0343", "\u0344", "\u0307", "\u0323\u0301", "\u0301\u0323", "\u0651", "\u05b4",
}

func mutateCombining(r *rand.Rand, p *urlParts) {
	switch r.IntN(6) {
	case 0:
		// At the start of a label, where UTS #46 forbids it.
		labels := strings.Split(p.host, ".")
		i := r.IntN(len(labels))
		labels[i] = pick(r, combiningMarks) + labels[i]
		p.host = strings.Join(labels, ".")
	case 1:
		// NFD: a decomposed letter, NFC's composition of the same.
		p.host = replaceRandom(r, p.host, isLetter, func(c rune) string {
			s := string(c) + pick(r, []string{"\u0301", "\u0300", "\u0308", "\u0327", "\u030c"})
			if r.IntN(2) == 0 {
				return norm.NFC.String(s)
			}
			return s
		})
	case 2:
		p.host = norm.NFD.String(p.host)
	default:
		for range 1 + r.IntN(2) {
			p.host = replaceRandom(r, p.host, func(c rune) bool { return c != '[' && c != ']' },
				func(c rune) string { return string(c) + pick(r, combiningMarks) })
		}
	}
}

func mutateDots(r *rand.Rand, p *urlParts) {
	switch r.IntN(10) {
	case 0:
		p.host = "." + p.host
	case 1:
		p.host += "."
	case 2:
		p.host += strings.Repeat(".", 2+r.IntN(2))
	case 3:
		p.host = strings.Replace(p.host, ".", "..", 1)
	case 4:
		p.host = pick(r, []string{".", "..", "...", ".fr", "fr.", "..fr"})
	case 5:
		p.host += pick(r, []string{".evil.example", ".evil.example.", "-evil.example", ".com", ".fr.", ".0"})
	case 6:
		p.host = pick(r, []string{"evil.example.", "www.", "evil-", "a.", "1."}) + p.host
	case 7:
		p.host = strings.ReplaceAll(p.host, ".", "")
	case 8:
		p.host = strings.ReplaceAll(p.host, ".", pick(r, []string{"-", "_", "..", ". "}))
	default:
		labels := strings.Split(p.host, ".")
		i := r.IntN(len(labels) + 1)
		labels = slices.Insert(labels, i, "")
		p.host = strings.Join(labels, ".")
	}
}

func mutateLongLabel(r *rand.Rand, p *urlParts) {
	labels := strings.Split(p.host, ".")
	i := r.IntN(len(labels))
	unit := pick(r, []string{"a", "a", "0", "-", "\u00e9", "\u0430", "\u4e2d", "\U0001d41a"})
	n := pick(r, []int{62, 63, 64, 100, 200, 250, 300})
	long := labels[i] + strings.Repeat(unit, max(n-len(labels[i]), 1))
	switch r.IntN(4) {
	case 0:
		labels = slices.Insert(labels, i, long)
	case 1:
		// Many labels: a host longer than DNS's 253 bytes.
		more := make([]string, 20+r.IntN(60))
		for j := range more {
			more[j] = "a" + strconv.Itoa(j)
		}
		labels = slices.Insert(labels, 0, more...)
	default:
		labels[i] = long
	}
	p.host = strings.Join(labels, ".")
}

// rtlLabels are right-to-left labels, valid on their own or not (a
// European digit first, Arabic-Indic and European digits mixed).
var rtlLabels = []string{
	"\u0627\u0644", "\u05d0\u05d1", "\u05d0", "\u0645\u0648\u0642\u0639", "\u05e9\u05dc\u05d5\u05dd",
	"\u05d01", "\u05d0-\u05d1", "\u0627\u0661", "\u0627\u06611", "1\u05d0", "\u05d0\u05c7", "\u0627\u064b",
}

// mutateBidi makes a bidi domain name: one with a right-to-left label, where
// UTS #46 (CheckBidi) applies RFC 5893's rule to every label.
func mutateBidi(r *rand.Rand, p *urlParts) {
	labels := strings.Split(p.host, ".")
	rtl := pick(r, rtlLabels)
	i := r.IntN(len(labels))
	switch r.IntN(4) {
	case 0:
		labels = slices.Insert(labels, r.IntN(len(labels)+1), rtl)
	case 1:
		labels[i] = rtl
	case 2:
		labels[i] += rtl
	default:
		labels[i] = rtl + labels[i]
	}
	p.host = strings.Join(labels, ".")
}

// toUpper uppercases s, except where the capital is one of the code points
// whose UTS #46 status changed in 16.0: U+04C0 is ӏ's capital, and the
// Georgian capitals those of Nuskhuri.
func toUpper(s string) string {
	return strings.Map(func(c rune) rune {
		if u := unicode.ToUpper(c); changedInUTS46v16[u] == "" {
			return u
		}
		return c
	}, s)
}

// fullwidth maps printable ASCII to its fullwidth form (U+FF01..FF5E).
func fullwidth(c rune) string { return string(c - 0x21 + 0xff01) }

var compatibility = []struct{ from, to string }{
	{"fi", "\ufb01"}, {"s", "\u017f"}, {"k", "\u212a"}, {"a", "\U0001d41a"}, {"e", "\U0001d522"},
	{"a", "\u24b6"}, {"e", "\u24d4"}, {"r", "\u24c7"}, {"1", "\u2460"}, {"2", "\u00b2"},
	{"1", "\u2488"}, {"1", "\u2474"}, {"ss", "\u00df"}, {"ss", "\u00df"}, {"i", "\u2170"}, {"l", "\u217c"},
	{"m", "\u217f"}, {"d", "\u217e"}, {"c", "\u217d"}, {"x", "\u2179"}, {"v", "\u2174"}, {"ce", "\u2105"},
	{"ac", "\u2100"}, {"tm", "\u2122"}, {"a", "\u00aa"}, {"o", "\u00ba"}, {"n", "\u207f"},
	{"h", "\u210e"}, {"dz", "\u01f3"}, {"ij", "\u0133"}, {"ll", "\u1efb"}, {"a", "\u1d43"},
}

func mutateIDNAMap(r *rand.Rand, p *urlParts) {
	for range 1 + r.IntN(2) {
		switch r.IntN(9) {
		case 0:
			p.host = toUpper(p.host)
		case 1:
			for range 1 + r.IntN(3) {
				p.host = replaceRandom(r, p.host, isLetter, func(c rune) string { return string(c &^ 0x20) })
			}
		case 2:
			for range 1 + r.IntN(4) {
				p.host = replaceRandom(r, p.host, func(c rune) bool { return isAlnum(c) || c == '-' },
					func(c rune) string {
						if r.IntN(3) == 0 && isLetter(c) {
							c &^= 0x20
						}
						return fullwidth(c)
					})
			}
		case 3:
			p.host = toUpper(strings.Map(func(c rune) rune {
				if isAlnum(c) {
					return c - 0x21 + 0xff01
				}
				return c
			}, p.host))
		case 4, 5:
			// Dots that UTS #46 maps to ".".
			dot := pick(r, []string{"\u3002", "\uff0e", "\uff61", "\ufe52", "\u2024"})
			if r.IntN(2) == 0 {
				p.host = strings.ReplaceAll(p.host, ".", dot)
			} else {
				p.host = replaceRandom(r, p.host, func(c rune) bool { return c == '.' },
					func(rune) string { return dot })
			}
		case 6:
			// Fullwidth forms of forbidden code points.
			p.host = insertAt(r, p.host, fullwidth(pick(r, []rune("@/?#:%\\[]<>^|"))))
		case 7:
			p.host = strings.Replace(p.host, "ss", "\u00df", 1)
			p.host = strings.Replace(p.host, "e", pick(r, []string{"\u00e9", "e\u0301"}), 1)
		default:
			c := pick(r, compatibility)
			if strings.Contains(p.host, c.from) {
				p.host = strings.Replace(p.host, c.from, c.to, 1)
			} else {
				p.host = insertAt(r, p.host, c.to)
			}
		}
	}
}

// punycode encodes each non-ASCII label of s, without mapping or
// validating it first.
func punycode(s string) string {
	out, err := idna.Punycode.ToASCII(s)
	if err != nil {
		panic(err)
	}
	return out
}

func mutatePunycode(r *rand.Rand, p *urlParts) {
	labels := strings.Split(p.host, ".")
	i := r.IntN(len(labels))
	l := labels[i]
	switch r.IntN(14) {
	case 0, 1:
		// A valid A-label for the label, made non-ASCII if need be.
		if isASCII(l) {
			l = replaceRandom(r, l, func(c rune) bool { return lookalikes[c] != nil },
				func(c rune) string { return pick(r, lookalikes[c]) })
		}
		l = punycode(l)
	case 2:
		// Decodes to ASCII: browsers keep it as written.
		l = "xn--" + l + "-"
	case 3:
		l = "xn--" + l
	case 4:
		l = pick(r, []string{"xn--", "xn---", "xn-", "xn--a", "xn--zz", "xn--a-", "xn--0", "xn--xn--", "xn--ls8h", "xn--abc-"})
	case 5:
		l = pick(r, []string{"XN--", "Xn--", "xN--", "\uff58\uff4e--", "x\u00adn--"}) + l + "-"
	case 6:
		l = strings.ToUpper(punycode(l + "\u00e9"))
	case 7:
		// Undecodable or invalid once decoded: uppercase, not NFC,
		// starting with a combining mark, with a joiner, against the
		// bidi rule.
		l = punycode(pick(r, []string{
			toUpper(l) + "\u00e9", l + "e\u0301", "\u0301" + l, l + "\u200d\u00e9",
			"\u05d0" + l, l + "\u0627", "\u05d0\u05d1", "\u0627\u0644", l + "\u00df", l + "\u03c2",
			"a\u094d\u200cb\u00e9", "\u0915\u094d\u200d\u0937", l + "\u00ad\u00e9", l + "\uff41",
		}))
	case 8:
		l = punycode(l+"\u00e9") + pick(r, []string{"\u00e9", "-", "--", "z"})
	case 9:
		l = "xn--" + punycode(l+"\u00e9")
	case 10:
		// The Punycode part in uppercase: UTS #46 lowercases it first.
		pc := punycode(l + "\u00e9")
		l = "xn--" + strings.ToUpper(pc[4:])
	case 11:
		l = pick(r, []string{"xn--amli-cpa", "xn--amel-o9d", "xn--ameli-", "xn--ameli-fr-", "xn--assure-", "xn--aure-jqa", "xn--80ak6aa92e", "xn--mnchen-3ya", "xn--bcher-kva"})
	case 12:
		// ASCII that decodes to the label's own text, then a forbidden
		// or odd basic code point.
		l = "xn--" + l + pick(r, []string{"_-", "~-", "!-", "$-", "(-", "*-"})
	default:
		l = "xn--" + strings.Repeat("a", 60+r.IntN(10)) + "-"
	}
	labels[i] = l
	p.host = strings.Join(labels, ".")
}

// ignoredLike are code points UTS #46 ignores (maps to nothing), and a few
// it does not (joiners, bidi controls) that look as invisible.
var ignoredLike = []string{
	"\u00ad", "\u200b", "\u2060", "\ufeff", "\u034f", "\ufe00", "\ufe0f", "\u180b", "\u180c",
	"\u180d", "\u180f", "\U0001bca0", "\U000e0100", "\u2061", "\u2064", "\u200c", "\u200d",
	"\u200e", "\u200f", "\u202e", "\u061c", "\u00ad\u00ad",
}

func mutateIgnored(r *rand.Rand, p *urlParts) {
	switch r.IntN(8) {
	case 0:
		p.host = pick(r, ignoredLike)
	case 1:
		p.host = pick(r, ignoredLike) + p.host + pick(r, ignoredLike)
	case 2:
		// Around a dot.
		p.host = strings.Replace(p.host, ".", pick(r, []string{"\u00ad.", ".\u00ad", "\u200b.", ".\u200d", "\ufeff.\ufeff"}), 1)
	case 3:
		// A joiner where CONTEXTJ allows it (after a virama).
		p.host = insertAt(r, p.host, pick(r, []string{"\u0915\u094d\u200c\u0937", "\u0915\u094d\u200d\u0937"}))
	default:
		for range 1 + r.IntN(3) {
			p.host = insertAt(r, p.host, pick(r, ignoredLike))
		}
	}
}

func pctByte(r *rand.Rand, c byte) string {
	const upper, lower = "0123456789ABCDEF", "0123456789abcdef"
	digits := upper
	if r.IntN(2) == 0 {
		digits = lower
	}
	return "%" + string(digits[c>>4]) + string(digits[c&15])
}

func mutatePercent(r *rand.Rand, p *urlParts) {
	switch r.IntN(10) {
	case 0:
		// Every byte.
		var b strings.Builder
		for i := 0; i < len(p.host); i++ {
			b.WriteString(pctByte(r, p.host[i]))
		}
		p.host = b.String()
	case 1:
		p.host = strings.ReplaceAll(p.host, ".", pick(r, []string{"%2e", "%2E"}))
	case 2:
		// Some bytes, the UTF-8 of non-ASCII code points included.
		var b strings.Builder
		for i := 0; i < len(p.host); i++ {
			if p.host[i] >= 0x80 || r.IntN(4) == 0 {
				b.WriteString(pctByte(r, p.host[i]))
			} else {
				b.WriteByte(p.host[i])
			}
		}
		p.host = b.String()
	case 3:
		p.host = insertAt(r, p.host, pick(r, []string{"%zz", "%", "%4", "%g1", "%%41", "%2", "%%"}))
	case 4:
		p.host = insertAt(r, p.host, pick(r, []string{"%00", "%09", "%0a", "%20", "%7f", "%25", "%2561"}))
	case 5:
		// Encoded delimiters.
		p.host = insertAt(r, p.host, pick(r, []string{"%2f", "%2F", "%3f", "%3F", "%23", "%40", "%3a", "%3A", "%5c", "%5C", "%5b", "%5d"}))
	case 6:
		// Invalid UTF-8, and the UTF-8 of dots UTS #46 maps to ".".
		p.host = insertAt(r, p.host, pick(r, []string{
			"%ff", "%c3", "%c3%28", "%ed%a0%80", "%c0%ae", "%e3%80%82", "%ef%bc%8e", "%ef%bd%a1",
			"%c2%ad", "%e2%80%8b", "%ef%bb%bf", "%d0%b0", "%cc%81", "%e2%80%8d", "%f0%9d%90%9a",
		}))
	case 7:
		p.host = strings.Replace(p.host, "@", "%40", 1)
		p.host = pick(r, []string{"evil.example%40", "evil.example%2f", "evil.example%3f", "evil.example%23", "evil.example%5c"}) + p.host
	default:
		for range 1 + r.IntN(3) {
			p.host = replaceRandom(r, p.host, func(rune) bool { return true },
				func(c rune) string {
					var b strings.Builder
					for _, x := range []byte(string(c)) {
						b.WriteString(pctByte(r, x))
					}
					return b.String()
				})
		}
	}
}

func mutateUserinfo(r *rand.Rand, p *urlParts) {
	other := splitBase(pick(r, slices.Concat(diffOfficial, diffUnrelated))).host
	switch r.IntN(12) {
	case 0:
		p.userinfo = pick(r, []string{"user@", "user:pass@", "@", ":@", "user:@", ":pass@", "a@b@", "u:p:q@", "user:p@ss@", "%41@", "us\u00e9r:p\u00e4ss@", "us er:pa ss@", "\"u\"<>:`{}@"})
	case 1:
		// An official host as userinfo, the host elsewhere.
		p.userinfo = other + "@"
	case 2:
		p.userinfo = other + pick(r, []string{":443@", ":@", ":pass@", "%40evil@", "@"})
	case 3:
		// The host as userinfo of another host.
		p.userinfo, p.host = p.host+"@", other
	case 4:
		p.host = p.host + "@" + other
	case 5:
		p.host = p.host + pick(r, []string{"\\@", "/@", "?@", "#@", "%40", "%2540", ":@", ":443@"}) + other
	case 6:
		p.userinfo = pick(r, []string{"user%40", "user\\", "user/", "user?", "user#", "u[1]", "user%3a"}) + other + "@"
	case 7:
		p.path = pick(r, []string{"/@", "/x@", "@", "/%40"}) + other + p.path
	case 8:
		p.userinfo = strings.Repeat("a@", 1+r.IntN(4))
	case 9:
		p.userinfo = other + "@" + other + "@"
	case 10:
		p.userinfo = pick(r, []string{"[::1]@", "127.0.0.1@", "user:%ff@", "\u00e9@", "\t@", "user:\u3002@"})
	default:
		p.userinfo = pick(r, []string{"ameli.fr", "assure.ameli.fr", "www.ameli.fr.", "ameli"}) + pick(r, []string{"@", ":@", ".evil.example@"})
	}
}

func mutatePort(r *rand.Rand, p *urlParts) {
	p.port = pick(r, []string{
		":443", ":8443", ":", ":0", ":65535", ":65536", ":99999", ":abc", ":-1", ":+1", ":0443", ":\uff11",
		":443:", "::443", ":80", ":443@evil.example", ":99999999999999999999", ":4 43", ":00000000000443",
		":21", ":0x1bb", ":443.", ":1e3", ":443\\", ":443%2f", ":%34%34%33", ":" + p.host, ":@",
	})
}

func mutateQueryFragment(r *rand.Rand, p *urlParts) {
	q := []string{"", "?", "?next=https://evil.example/", "?@evil.example", "?x=/\\@y", "?a#b@c", "?user@evil.example:443/", "?\u00e9"}
	f := []string{"", "#", "#@evil.example", "#//evil.example", "#\\\\evil.example", "#x@y/z", "#\u00e9 %"}
	p.query, p.fragment = pick(r, q), pick(r, f)
	if r.IntN(3) == 0 {
		p.path = ""
	}
}

func mutateScheme(r *rand.Rand, p *urlParts) {
	p.scheme = pick(r, []string{
		"HTTPS", "Https", "hTTpS", "http", "HTTP", "ws", "wss", "ftp", "file", "foo", "javascript",
		"https ", "1https", "https+x", "ht-tps", "\u0125ttps", "https.", "", "data", "blob", "view-source",
	})
}

func mutateBackslash(r *rand.Rand, p *urlParts) {
	switch r.IntN(5) {
	case 0:
		p.sep = ":" + pick(r, []string{"\\\\", "/\\", "\\/", "\\\\\\", "/\\/"})
	case 1:
		p.path = strings.ReplaceAll(p.path, "/", "\\")
	case 2:
		p.host += pick(r, []string{"\\", "\\.evil.example", "\\@evil.example", "\\evil.example"})
	case 3:
		p.userinfo = pick(r, []string{"a\\b@", "evil.example\\@", "\\@"})
	default:
		p.sep = ":" + pick(r, []string{"\\\\", "/\\", "\\/"})
		p.path = strings.ReplaceAll(p.path, "/", pick(r, []string{"\\", "/"}))
	}
}

func mutateSlashes(r *rand.Rand, p *urlParts) {
	switch r.IntN(4) {
	case 0:
		p.sep = pick(r, []string{":", ":/", ":///", "://///", ":\\", "", "//", ":/ /", "::"})
	case 1:
		p.scheme, p.sep = "", pick(r, []string{"//", "", "/", "\\\\"})
	case 2:
		p.path = pick(r, []string{"", "//", "///x", "/..//evil.example", "/./"}) + p.path
	default:
		p.sep = pick(r, []string{":", ":/"})
		p.path = strings.ReplaceAll(p.path, "/", "//")
	}
}

func mutateTabNewline(r *rand.Rand, s string) string {
	for range 1 + r.IntN(4) {
		s = insertAt(r, s, pick(r, []string{"\t", "\n", "\r", "\r\n", "\t\t"}))
	}
	return s
}

func mutateC0Space(r *rand.Rand, s string) string {
	c0 := func() string {
		var b strings.Builder
		for range 1 + r.IntN(3) {
			b.WriteByte(byte(r.IntN(0x21))) // U+0000..U+0020
		}
		return b.String()
	}
	switch r.IntN(6) {
	case 0:
		return c0() + s
	case 1:
		return s + c0()
	case 2:
		return c0() + s + c0()
	case 3:
		// Not stripped: DEL, no-break space, ideographic space.
		return pick(r, []string{"\x7f", "\u00a0", "\u3000", "\u0085"}) + s
	case 4:
		return s + pick(r, []string{"\x7f", "\u00a0", "\u3000", " \x00"})
	default:
		// Inside the URL, where only tabs and newlines are removed.
		return insertAt(r, s, pick(r, []string{"\x00", "\x01", "\x1f", " ", "\x0b", "\x0c"}))
	}
}

type nodeResult struct {
	OK       bool   `json:"ok"`
	Hostname string `json:"hostname"`
	Username string `json:"username"`
	Password string `json:"password"`
	Protocol string `json:"protocol"`
	Port     string `json:"port"`
	Pathname string `json:"pathname"`
	Search   string `json:"search"`
	Hash     string `json:"hash"`
}

type nodeOutput struct {
	Node    string       `json:"node"`
	Ada     string       `json:"ada"`
	ICU     string       `json:"icu"`
	Unicode string       `json:"unicode"`
	Results []nodeResult `json:"results"`
}

// runNode has Node.js read every input with new URL().
func runNode(t *testing.T, node string, inputs []string, base ...string) nodeOutput {
	t.Helper()
	data, err := json.Marshal(inputs)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "urls.json")
	require.NoError(t, os.WriteFile(path, data, 0o600))
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(node, append([]string{filepath.Join("testdata", "differential.js"), path}, base...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "node failed: %s", stderr.String())
	var out nodeOutput
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &out))
	require.Len(t, out.Results, len(inputs))
	return out
}

func describeNode(n nodeResult) string {
	if !n.OK {
		return "fails"
	}
	return fmt.Sprintf("protocol=%q username=%q password=%q hostname=%q", n.Protocol, n.Username, n.Password, n.Hostname)
}

func describeVigie(u URL, err error) string {
	if err != nil {
		return "fails: " + err.Error()
	}
	return fmt.Sprintf("protocol=%q username=%q password=%q hostname=%q", u.Scheme+":", u.Username, u.Password, u.Host)
}

// agree reports whether ParseURL's reading of a URL is Node's.
func agree(n nodeResult, u URL, err error) bool {
	if n.OK != (err == nil) {
		return false
	}
	return err != nil || n.Protocol == u.Scheme+":" && n.Username == u.Username &&
		n.Password == u.Password && n.Hostname == u.Host
}

// uts46NoBidi is uts46 without CheckBidi, to recognise nodeSkipsBidi.
var uts46NoBidi = idna.New(
	idna.MapForLookup(),
	idna.StrictDomainName(false),
	idna.CheckJoiners(true),
	idna.CheckHyphens(false),
	idna.Transitional(false),
	idna.VerifyDNSLength(false),
)

// nodeSkipsBidi reports whether a URL that Node parses and ParseURL rejects
// differs only by UTS #46's CheckBidi, which the URL Standard turns on and
// Node does not apply in full: Node 20 (ada 2.9) accepts "a\u05d0" and
// "0a.\u05d0", which IdnaTestV2.txt marks [B5, B6] and [B1] and which
// Chromium and Firefox reject. ParseURL follows the standard there; it fails
// such a URL, so it never reads a host where the browser goes elsewhere.
//
// It swaps the package's UTS #46 profile for one without the bidi rule,
// which is safe because no test of this package runs in parallel.
func nodeSkipsBidi(input string, n nodeResult, err error) bool {
	return nodeSkipsBidiReading(func() (URL, error) { return ParseURL(input) }, n, err)
}

// nodeSkipsBidiReading is nodeSkipsBidi for any reading of a URL: read
// again without the bidi rule, it must agree with Node.
func nodeSkipsBidiReading(read func() (URL, error), n nodeResult, err error) bool {
	if !n.OK || !errors.Is(err, ErrIDNA) {
		return false
	}
	saved := uts46
	uts46 = uts46NoBidi
	defer func() { uts46 = saved }()
	u, err := read()
	return err == nil && agree(n, u, nil)
}

type diffStats struct{ cases, nodeOK, disagree, bidi int }

func (s *diffStats) count(nodeOK, ok, bidi bool) {
	s.cases++
	if nodeOK {
		s.nodeOK++
	}
	switch {
	case bidi:
		s.bidi++
	case !ok:
		s.disagree++
	}
}

func (s *diffStats) String() string {
	return fmt.Sprintf("%6d URLs (Node parses %5d): %6d agree, %3d Node bidi quirk, %d disagree",
		s.cases, s.nodeOK, s.cases-s.disagree-s.bidi, s.bidi, s.disagree)
}

// nodeOrSkip returns the path of node, skipping the test where it is
// absent unless VIGIE_REQUIRE_NODE=1.
func nodeOrSkip(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("VIGIE_REQUIRE_NODE") == "1" {
			t.Fatal("node is not on PATH and VIGIE_REQUIRE_NODE=1: the differential test against Node's URL parser cannot run")
		}
		t.Skip("node is not on PATH: skipping the differential test against Node's WHATWG URL parser (VIGIE_REQUIRE_NODE=1 makes this a failure)")
	}
	return node
}

func TestDifferentialNode(t *testing.T) {
	node := nodeOrSkip(t)
	start := time.Now()
	cases := generateDifferentialCases()
	require.GreaterOrEqual(t, len(cases), diffMinimum)
	inputs := make([]string, len(cases))
	for i, c := range cases {
		inputs[i] = c.input
	}
	out := runNode(t, node, inputs)
	t.Logf("node %s (ada %s, ICU %s, Unicode %s)", out.Node, out.Ada, out.ICU, out.Unicode)

	stats := map[string]*diffStats{}
	var total diffStats
	fast := 0
	for i, c := range cases {
		n := out.Results[i]
		u, err := ParseURL(c.input)
		ok := agree(n, u, err)
		if f, accepted := readFast(c.input); accepted {
			// The fast reader also fills the port, path, query and
			// fragment: they must be Node's too.
			fast++
			if ok && (!n.OK || n.Port != f.Port || n.Pathname != f.Path ||
				n.Search != prefixed("?", f.Query) || n.Hash != prefixed("#", f.Fragment)) {
				ok = false
				t.Errorf("%+q: the fast reader reads %+v, Node %+v", c.input, f, n)
			}
		}
		bidi := !ok && nodeSkipsBidi(c.input, n, err)
		total.count(n.OK, ok, bidi)
		for _, cat := range c.cats {
			if stats[cat] == nil {
				stats[cat] = &diffStats{}
			}
			stats[cat].count(n.OK, ok, bidi)
		}
		if !ok && !bidi && total.disagree <= diffMaxPrinted {
			t.Errorf("%+q [%s]:\n\tnode:  %s\n\tvigie: %s", c.input, strings.Join(c.cats, "+"), describeNode(n), describeVigie(u, err))
		}
	}
	for _, cat := range slices.Sorted(maps.Keys(stats)) {
		t.Logf("%-15s %v", cat, stats[cat])
	}
	t.Logf("%-15s %v, in %v", "total", &total, time.Since(start).Round(time.Millisecond))
	t.Logf("the fast reader read %d of them, and agrees with Node on their port, path, query and fragment too", fast)
	if total.disagree > diffMaxPrinted {
		t.Errorf("%d more disagreements not printed", total.disagree-diffMaxPrinted)
	}
	assert.Zero(t, total.disagree, "ParseURL must read every URL as Node's new URL() does")
}

// TestDifferentialGenerator checks, without Node, that the generator is
// deterministic and keeps to inputs both sides can be compared on.
func TestDifferentialGenerator(t *testing.T) {
	a, b := generateDifferentialCases(), generateDifferentialCases()
	require.Equal(t, a, b, "the generator must make the same URLs on every run")
	require.GreaterOrEqual(t, len(a), diffMinimum)
	perCat := map[string]int{}
	for _, c := range a {
		require.Truef(t, utf8.ValidString(c.input), "%+q is not UTF-8: JSON would change it", c.input)
		reason := changedReason(c.input)
		if reason == "" && newerThan15(c.input) {
			reason = "code point assigned after Unicode 15.0"
		}
		require.Emptyf(t, reason, "%+q", c.input)
		for _, cat := range c.cats {
			perCat[cat]++
		}
	}
	for _, m := range diffMutations {
		assert.GreaterOrEqualf(t, perCat[m.name], 200, "mutation %s", m.name)
	}
}
