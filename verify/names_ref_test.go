package verify

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/verify/internal/lookalike"
	"github.com/vigie-sante/vigie/verify/internal/mention"
	"github.com/vigie-sante/vigie/verify/internal/textlinks"
	"github.com/vigie-sante/vigie/verify/internal/uts39"
)

// The name reader as it was before it was made linear in practice (one
// map look-up per run of words, a key cache per text, every hit built),
// kept as the reference the fast one must agree with, hit for hit.

func refNameWords(s string) []nameWord {
	if !isASCIIString(s) {
		s = norm.NFKC.String(strings.Map(func(r rune) rune {
			if unicode.Is(unicode.Cf, r) {
				return -1
			}
			return r
		}, s))
	}
	var words []nameWord
	keys := make(map[string]string)
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	}) {
		k, ok := keys[f]
		if !ok {
			k = refVisualKey(f)
			keys[f] = k
		}
		words = append(words, nameWord{f, k})
	}
	return words
}

func refVisualKey(w string) string {
	if !isASCIIString(w) {
		sk := smallCapitals.Replace(uts39.Skeleton(smallCapitals.Replace(w)))
		return string(lookalike.AppendSkeletonFold(nil, strings.ToLower(sk)))
	}
	var sk, out [64]byte
	b := uts39.AppendSkeleton(sk[:0], w)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(lookalike.AppendFold(out[:0], string(b)))
}

func (c *Checker) refNameRuns(words []nameWord) []nameHit {
	var hits []nameHit
	var key []byte
	for i := range words {
		key = key[:0]
		single := true
		for j := i; j < len(words) && (j-i < maxNameWords || single && j-i < maxSpeltOut); j++ {
			key = append(key, words[j].key...)
			single = single && utf8.RuneCountInString(words[j].text) == 1
			if len(key) > c.names.maxKey {
				break
			}
			for _, e := range c.names.keys[string(key)] {
				if e.weak {
					continue
				}
				n := j - i + 1
				shown := joinWords(words[i : j+1])
				plain := strings.EqualFold(strings.Join(mention.Tokens(shown), " "), strings.Join(mention.Tokens(e.name), " "))
				if !plain && n > 1 && n != e.words && !single {
					continue
				}
				h := nameHit{org: c.orgs[e.owner], name: e.name, first: i, last: j}
				if !plain {
					h.shown = shown
				}
				hits = append(hits, h)
			}
		}
	}
	return hits
}

func (c *Checker) refNamedOrganizations(s string) []nameHit {
	var hits []nameHit
	seen := make(map[*domains.Organization]bool)
	for _, h := range c.mentions.Find(s) {
		org := c.orgs[h.Owner]
		seen[org] = true
		hits = append(hits, nameHit{org: org, name: h.Name, first: -1, last: -1})
	}
	words := refNameWords(s)
	more := c.refNameRuns(words)
	if len(s) <= maxGluedText {
		for _, w := range words {
			more = append(more, c.gluedNames(w.text)...)
		}
	}
	for _, h := range more {
		if !seen[h.org] {
			seen[h.org] = true
			hits = append(hits, h)
		}
	}
	return hits
}

// requireReadsAsReference checks that the name reader reads s as the
// reference does: the same words and keys, the same runs, the same
// organisations named. It returns the number of runs found, so that a
// caller can check that its texts name something.
func requireReadsAsReference(t testing.TB, c *Checker, s string) int {
	t.Helper()
	words := nameWords(s)
	require.Equal(t, refNameWords(s), words, "%q", s)
	runs := c.nameRuns(words, nil)
	require.Equal(t, c.refNameRuns(words), runs, "%q", s)
	require.Equal(t, c.refNamedOrganizations(s), c.namedOrganizations(s), "%q", s)
	return len(runs)
}

// disguisedNames writes n names of the registry's organisations, in their
// plain spelling and in disguise (look-alike letters, format characters,
// fullwidth, glued, spaced out, spelt out), between ordinary words.
func disguisedNames(r *rand.Rand, orgs []*domains.Organization, n int) string {
	ordinary := []string{"votre", "dossier", "Santé", "mutuelle", "a", "M.", "le", "l'", "remboursement", "vitale", "Assurance", "Maladie", "2024", "I", "rn"}
	seps := []string{" ", " ", ", ", ".", "-", "\n", "\u00a0", " : ", "’"}
	var b strings.Builder
	for range n {
		if r.IntN(3) > 0 {
			b.WriteString(ordinary[r.IntN(len(ordinary))])
			b.WriteString(seps[r.IntN(len(seps))])
			continue
		}
		o := orgs[r.IntN(len(orgs))]
		name := o.Name
		switch pick := append(append([]string{o.Name}, o.Aliases...), o.WeakAliases...); {
		case r.IntN(4) == 0 && len(o.Domains) > 0:
			name = o.Domains[r.IntN(len(o.Domains))]
		default:
			name = pick[r.IntN(len(pick))]
		}
		b.WriteString(disguiseName(r, name))
		b.WriteString(seps[r.IntN(len(seps))])
	}
	return b.String()
}

// disguiseName rewrites name as phishing texts do.
func disguiseName(r *rand.Rand, name string) string {
	swaps := []struct{ from, to string }{{"a", "\u0430"}, {"o", "0"}, {"l", "1"}, {"l", "I"}, {"m", "rn"}, {"e", "\u0435"}, {"s", "\u00ads"}, {"i", "\u200bi"}, {"A", "Ａ"}, {"é", "e\u0301"}}
	switch r.IntN(6) {
	case 0:
		return name
	case 1:
		sw := swaps[r.IntN(len(swaps))]
		return strings.Replace(name, sw.from, sw.to, 1)
	case 2:
		return strings.ReplaceAll(name, " ", "")
	case 3:
		return strings.ToUpper(name)
	case 4:
		sep := []string{".", " ", "-"}[r.IntN(3)]
		return strings.Join(strings.Split(strings.ReplaceAll(name, " ", ""), ""), sep)
	default:
		return name + disguiseName(r, name)
	}
}

// corpusTexts are the shared corpora and the repository's test mails, whole
// and in lines, skipped with a message where absent.
func corpusTexts(t testing.TB) []string {
	var texts []string
	paths, _ := filepath.Glob("testdata/mail/*.eml")
	paths = append(paths, "../../shared/registry/RESEARCH.md", "../../shared/registry/organizations.json",
		"../../shared/realworld/phish-dev.tsv", "../../shared/conformance/chromium-idn-spoof-cases.json")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Logf("skipping %s: %v (the shared corpora are absent)", p, err)
			continue
		}
		if !utf8.Valid(data) {
			data = []byte(strings.ToValidUTF8(string(data), "\uFFFD"))
		}
		texts = append(texts, string(data))
		texts = append(texts, strings.Split(string(data), "\n")...)
	}
	return texts
}

// TestNameReaderMatchesReference compares the name reader with the
// reference on random texts naming organisations in disguise, short and
// 60 KiB long, on the link-dense and newsletter texts of the benchmarks,
// and on real texts.
func TestNameReaderMatchesReference(t *testing.T) {
	c := Default()
	r := rand.New(rand.NewPCG(5, 6))
	found := 0
	for range 3000 {
		found += requireReadsAsReference(t, c, disguisedNames(r, c.orgs, r.IntN(10)))
	}
	require.Greater(t, found, 500, "the random texts name organisations")
	require.Positive(t, requireReadsAsReference(t, c, disguisedNames(r, c.orgs, 12000)))
	require.Positive(t, requireReadsAsReference(t, c, textlinks.DenseText(60<<10)))
	requireReadsAsReference(t, c, newsletterText(60<<10))
	// Runs that stay long in the trie: letters spelt out, names that
	// start names, the same name over and over.
	for _, unit := range []string{"A s s u r a n c e M a l a d i e ", "m g e n a x a m g e n m ", "caisse primaire d assurance caisse primaire d assurance maladie ",
		"Аssurance Мaladie ＡＭＥＬＩ Harm0nie\u00ad Mutuelle é ", "ameli ", "A.M.E.L.I-"} {
		require.Positive(t, requireReadsAsReference(t, c, strings.Repeat(unit, 4000/len(unit))), unit)
	}
	for _, s := range corpusTexts(t) {
		requireReadsAsReference(t, c, s)
	}
}

func FuzzNameReaderMatchesReference(f *testing.F) {
	for _, s := range []string{"Аssurance Maladie", "M.G.E.N", "A s s u r a n c e  M a l a d i e", "dgfipservicepublic", "ameIi AMEL1 arneli", "Harm0nie\u00ad Mutuelle", "ＡＭＥＬＩ"} {
		f.Add(s)
	}
	c := Default()
	f.Fuzz(func(t *testing.T, s string) {
		requireReadsAsReference(t, c, s)
	})
}

// refMaskOfficial is maskOfficial as it was: a copy of the text, blanked
// span by span.
func refMaskOfficial(text string, spans []linkSpan, links []Link) string {
	var b []byte
	for _, sp := range spans {
		if sp.link >= len(links) || links[sp.link].Status != Official {
			continue
		}
		if b == nil {
			b = []byte(text)
		}
		for j := sp.start; j < sp.end; j++ {
			b[j] = ' '
		}
	}
	if b == nil {
		return text
	}
	return string(b)
}

// TestMaskOfficialMatchesReference blanks random, overlapping and
// unordered spans as the reference does.
func TestMaskOfficialMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	links := []Link{{Verdict: Verdict{Status: Official}}, {Verdict: Verdict{Status: Lookalike}}, {Verdict: Verdict{Status: Official}}}
	text := "Votre dossier sur https://www.ameli.fr/a et ameli-remboursement.com puis www.impots.gouv.fr."
	for range 2000 {
		var spans []linkSpan
		for range r.IntN(5) {
			start := r.IntN(len(text))
			spans = append(spans, linkSpan{start, start + r.IntN(len(text)-start+1), r.IntN(len(links) + 1)})
		}
		require.Equal(t, refMaskOfficial(text, spans, links), maskOfficial(text, spans, links), "%v", spans)
	}
}
