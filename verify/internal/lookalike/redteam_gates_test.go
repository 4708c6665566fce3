package lookalike

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/vigie-sante/vigie/domains"
)

// Red team of e58825d: the gates, the pairStarts table and the letter
// filter only for two deletions must never change an answer.

// oldMayStartName is mayStartName as it stood before e58825d.
func oldMayStartName[T ~string | ~[]byte](ix *Index, t T) bool {
	g := ix.nameGrams
	if g == nil {
		return true
	}
	for i := 0; i+1 < len(t); i++ {
		if !ix.nameStarts.has(t[i], t[i+1]) {
			continue
		}
		p := pairAt(ix, t, i)
		if p < 0 || !ix.nodes[p].names && !ix.nodes[p].spread {
			continue
		}
		a, b := t[i], t[i+1]
		if ix.namesOfficial(ix.nodes[p].meaning) ||
			i+2 < len(t) && g.has(shape012, a, b, t[i+2], 0) ||
			i+3 < len(t) && g.has(shape0123, a, b, t[i+2], t[i+3]) ||
			i+4 < len(t) && (g.has(shape0124, a, b, t[i+2], t[i+4]) || g.has(shape0134, a, b, t[i+3], t[i+4])) {
			return true
		}
	}
	return false
}

// requireNameFilterSound holds mayStartName to the walk it replaced: it
// lets through no text the walk refused, and it refuses a text the walk
// let through only where the walk passed it by a collision in the bit
// set: a text in which holdsName finds no name, whatever its separators.
// (Since pairNames, the filter tests only the entries a pair's names can
// have filed, so it collides less.)
func requireNameFilterSound[T ~string | ~[]byte](t *testing.T, ix *Index, s T) {
	t.Helper()
	older, newer := oldMayStartName(ix, s), mayStartName(ix, s)
	if newer {
		require.True(t, older, "%q: let through, refused by the walk", s)
	}
	if older && !newer && len(s) <= maxRunes {
		for _, seps := range []uint64{0, ^uint64(0)} {
			require.False(t, ix.holdsName([]byte(s), seps), "%q (separators %b): holds a name the filter refuses", s, seps)
		}
	}
}

// redTeamIndex builds a random registry with odd options: tiny MinLength1,
// one- and two-letter keywords, hyphenated, digit, IDN labels, aliases.
func redTeamIndex(t testing.TB, rng *rand.Rand, count int, alpha string, opts Options) (*Index, []string) {
	seen := map[string]bool{}
	var targets []Target
	var labels []string
	idn := []string{"xn--amli-bpa", "xn--gro-mutuelle-n9a", "xn--mutuelle-gnrale-bnbb", "xn--scurit-sociale-dmbb"}
	for len(targets) < count {
		var l string
		if rng.IntN(8) == 0 {
			l = idn[rng.IntN(len(idn))]
		} else {
			l = randomLabel(rng, 1+rng.IntN(12), alpha)
		}
		if !newRegistrableLabel(l, seen, true) {
			continue
		}
		tg := Target{Domain: l + ".fr"}
		if rng.IntN(3) == 0 {
			tg.Hosts = []string{[]string{"espace", "assure", "a", "m-a", "www"}[rng.IntN(5)] + "." + l + ".fr"}
		}
		if rng.IntN(4) == 0 {
			tg.Names = []string{randomLabel(rng, 4+rng.IntN(6), "abcdefghijklmnopqrstuvwxyz") + "-" + randomLabel(rng, 4+rng.IntN(6), "abcdefghijklmnopqrstuvwxyz")}
		}
		if rng.IntN(4) == 0 {
			tg.Aliases = []string{randomLabel(rng, 2+rng.IntN(8), "abcdefghijklmnopqrstuvwxyz")}
		}
		if rng.IntN(6) == 0 {
			tg.WeakAliases = []string{randomLabel(rng, 4+rng.IntN(6), "abcdefghijklmnopqrstuvwxyz")}
		}
		targets = append(targets, tg)
		labels = append(labels, l)
	}
	ix, err := New(targets, opts)
	require.NoError(t, err)
	return ix, labels
}

func redTeamOptions(rng *rand.Rand) Options {
	o := DefaultOptions()
	o.MinLength1 = 1 + rng.IntN(5)
	o.MinLength2 = o.MinLength1 + rng.IntN(5)
	switch rng.IntN(3) {
	case 0:
		o.Keywords = append([]string{"a", "i", "l", "o", "ma", "my", "rn", "0k"}, o.Keywords...)
	case 1:
		o.Keywords = []string{"x", "ma", "my", "login", "mon", "rnon", "1d"}
		if rng.IntN(2) == 0 {
			o.Keywords = o.Keywords[:len(o.Keywords)-1]
		}
	}
	return o
}

// TestRedTeamPairStartsTableEqualsOldWalk compares, for every pair of bytes,
// the table's class with the walk it replaced, and the whole of
// mayStartName with the old one on random texts.
func TestRedTeamPairStartsTableEqualsOldWalk(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 1))
	ixs := []*Index{testIndex(t)}
	for round := range 10 {
		opts := redTeamOptions(rng)
		if _, err := New(nil, opts); err != nil {
			continue
		}
		ix, _ := redTeamIndex(t, rng, []int{3, 30, 200}[round%3], []string{"abcdefghijklmnopqrstuvwxyz", "aeilmnor01-", "rnmvwcldiu-_"}[round%3], opts)
		ixs = append(ixs, ix)
	}
	for _, ix := range ixs {
		for a := range 256 {
			for b := range 256 {
				s := []byte{byte(a), byte(b)}
				requireNameFilterSound(t, ix, s)
			}
		}
		const alpha = "abcdefghijklmnopqrstuvwxyzAEIMN0123456789-_.\x80\xc3\xa9"
		for range 200000 {
			n := rng.IntN(14)
			b := make([]byte, n)
			for i := range b {
				b[i] = alpha[rng.IntN(len(alpha))]
			}
			requireNameFilterSound(t, ix, b)
			requireNameFilterSound(t, ix, string(b))
		}
		// Every dictionary word, edited once, as a label text.
		for _, mn := range ix.meanings {
			w := mn.word
			for range 5 {
				e := randomEdit(rng, "zz"+w+"q", rng.IntN(2))
				requireNameFilterSound(t, ix, e)
			}
		}
	}
}

// TestRedTeamGatesSoundOddOptions: every phrase cut anywhere passes
// mayStartPhrase, every strong label glued to every keyword passes
// mayBeAffixed, on registries with odd options.
func TestRedTeamGatesSoundOddOptions(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 2))
	checks := 0
	for round := range 24 {
		opts := redTeamOptions(rng)
		ix, _ := redTeamIndex(t, rng, []int{3, 20, 150}[round%3], []string{"abcdefghijklmnopqrstuvwxyz", "aeilmnor01-", "rnmvwcldiu-"}[round%3], opts)
		for _, p := range ix.phrases {
			for _, head := range runHeadsOf(p.joined) {
				require.True(t, ix.mayStartPhrase([]byte(head)), "%q head %q", p.joined, head)
				checks++
			}
			if p.kind != kindLabel || !ix.officials[p.official].strong {
				continue
			}
			for kw := range ix.keywords {
				require.True(t, ix.mayBeAffixed([]byte(p.joined+kw)), "%q+%q", p.joined, kw)
				require.True(t, ix.mayBeAffixed([]byte(kw+p.joined)), "%q+%q", kw, p.joined)
				checks += 2
			}
		}
	}
	t.Logf("%d gate checks", checks)
}

// TestRedTeamMatchDifferentialOddOptions holds Match to WithoutFilters on hosts
// built to hit spans, affixes and typos of random registries with odd
// options.
func TestRedTeamMatchDifferentialOddOptions(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 3))
	total, found := 0, 0
	rounds := 30
	if testing.Short() {
		rounds = 6
	}
	for round := range rounds {
		opts := redTeamOptions(rng)
		alpha := []string{"abcdefghijklmnopqrstuvwxyz", "aeilmnorcvdu01", "rnmvwcldiu-"}[round%3]
		ix, labels := redTeamIndex(t, rng, []int{3, 30, 64, 129, 300}[round%5], alpha, opts)
		ex := ix.WithoutFilters()
		var kws []string
		for kw := range ix.keywords {
			kws = append(kws, kw)
		}
		kws = append(kws, opts.Keywords...)
		var phrases []string
		for _, p := range ix.phrases {
			phrases = append(phrases, p.text)
		}
		seps := []string{"-", "_", "", ".", "--", "-_"}
		for range 3000 {
			var parts []string
			for range 1 + rng.IntN(4) {
				l := labels[rng.IntN(len(labels))]
				kw := kws[rng.IntN(len(kws))]
				var p string
				switch rng.IntN(7) {
				case 0:
					p = randomEdit(rng, l, 1+rng.IntN(2))
				case 1:
					p = l + seps[rng.IntN(len(seps))] + kw
				case 2:
					p = kw + seps[rng.IntN(len(seps))] + randomEdit(rng, l, rng.IntN(2))
				case 3:
					p = phrases[rng.IntN(len(phrases))]
					if rng.IntN(2) == 0 {
						p = strings.ReplaceAll(p, ".", seps[rng.IntN(len(seps))])
					}
				case 4:
					p = strings.ToUpper(l) + kw
				case 5:
					// a phrase cut in tokens at random points
					ph := phrases[rng.IntN(len(phrases))]
					var b strings.Builder
					for i := range len(ph) {
						b.WriteByte(ph[i])
						if rng.IntN(4) == 0 {
							b.WriteString(seps[rng.IntN(3)])
						}
					}
					p = b.String()
				default:
					p = randomLabel(rng, 1+rng.IntN(12), alpha)
				}
				parts = append(parts, p)
			}
			host := strings.Join(parts, ".") + "." + []string{"fr", "com", "netlify.app", "gouv.fr", "fr."}[rng.IntN(5)]
			m1, ok1 := ix.Match(host)
			m2, ok2 := ex.Match(host)
			if fmt.Sprint(ok2, m2) != fmt.Sprint(ok1, m1) {
				t.Fatalf("filtered vs exhaustive %q: %v %+v vs %v %+v (opts %d/%d kws %v)", host, ok1, m1, ok2, m2, opts.MinLength1, opts.MinLength2, opts.Keywords[:min(8, len(opts.Keywords))])
			}
			total++
			if ok1 {
				found++
			}
		}
	}
	t.Logf("%d hosts, %d lookalikes", total, found)
}

// FuzzRedTeamMatchDifferential fuzzes hosts against a small registry with
// odd options (MinLength1 1, keywords of one and two letters).
func FuzzRedTeamMatchDifferential(f *testing.F) {
	for _, h := range []string{"assure.ameli.fr.evil.com", "amelima.com", "myameli.fr", "xn--amli-bpa.fr", "harrnonie_mutuelle-x.fr",
		"arneli-my.com", "a-m-e-l-i.fr", "harmoniemutuellema.com", "mgen-a.fr", "amelie-sante1.com"} {
		f.Add(h)
	}
	o := DefaultOptions()
	o.MinLength1, o.MinLength2 = 2, 3
	o.Keywords = append([]string{"a", "ma", "my", "rn", "x"}, o.Keywords...)
	ix, err := New([]Target{
		{Domain: "ameli.fr", Hosts: []string{"assure.ameli.fr"}, Aliases: []string{"cpam"}},
		{Domain: "harmonie-mutuelle.fr", Names: []string{"harmonie-mutuelle"}},
		{Domain: "amelie-sante.fr"},
		{Domain: "mgen.fr"},
		{Domain: "ab.fr"},
		{Domain: "xn--mutuelle-gnrale-bnbb.fr"},
		{Domain: "april.fr", Weak: true},
		{Domain: "m1.fr"},
	}, o)
	require.NoError(f, err)
	ex := ix.WithoutFilters()
	f.Fuzz(func(t *testing.T, host string) {
		m1, ok1 := ix.Match(host)
		m2, ok2 := ex.Match(host)
		if fmt.Sprint(ok2, m2) != fmt.Sprint(ok1, m1) {
			t.Fatalf("filtered vs exhaustive %q: %v %+v vs %v %+v", host, ok1, m1, ok2, m2)
		}
	})
}

// redTeamRegistryIndex builds an index over the real registry's domains,
// login hosts and aliases, near enough to verify's own.
func redTeamRegistryIndex(t testing.TB, opts Options) *Index {
	var targets []Target
	for _, o := range domains.Default().Organizations() {
		for _, d := range o.Domains {
			tg := Target{Domain: d, Aliases: o.Aliases, WeakAliases: o.WeakAliases, Names: []string{strings.ReplaceAll(strings.ToLower(o.Name), " ", "-")}}
			for _, h := range o.LoginHosts {
				if strings.HasSuffix(h, "."+d) {
					tg.Hosts = append(tg.Hosts, h)
				}
			}
			targets = append(targets, tg)
		}
	}
	ix, err := New(targets, opts)
	require.NoError(t, err)
	return ix
}

func TestRedTeamRegistryPairStartsAndGates(t *testing.T) {
	o := DefaultOptions()
	o.MinLength1, o.MinLength2 = 1, 2
	o.Keywords = append([]string{"a", "ma", "my"}, o.Keywords...)
	rng := rand.New(rand.NewPCG(8, 5))
	for _, ix := range []*Index{redTeamRegistryIndex(t, DefaultOptions()), redTeamRegistryIndex(t, o)} {
		for a := range 256 {
			for b := range 256 {
				s := []byte{byte(a), byte(b)}
				requireNameFilterSound(t, ix, s)
			}
		}
		for _, mn := range ix.meanings {
			for range 20 {
				e := randomEdit(rng, randomLabel(rng, rng.IntN(3), "abcmq-")+mn.word+randomLabel(rng, rng.IntN(3), "abcmq-"), rng.IntN(3))
				requireNameFilterSound(t, ix, e)
			}
		}
		for _, p := range ix.phrases {
			for _, head := range runHeadsOf(p.joined) {
				require.True(t, ix.mayStartPhrase([]byte(head)), "%q head %q", p.joined, head)
			}
			if p.kind != kindLabel || !ix.officials[p.official].strong {
				continue
			}
			for kw := range ix.keywords {
				require.True(t, ix.mayBeAffixed([]byte(p.joined+kw)), "%q+%q", p.joined, kw)
				require.True(t, ix.mayBeAffixed([]byte(kw+p.joined)), "%q+%q", kw, p.joined)
			}
		}
	}
}

// runHeadsOf returns the heads runHead may give for a run of tokens that
// spells phrase: its first gramLen bytes, or, for a shorter phrase, the
// phrase itself or followed by the bytes of the tokens after the run.
func runHeadsOf(phrase string) []string {
	if len(phrase) >= gramLen {
		return []string{phrase[:gramLen]}
	}
	heads := []string{phrase}
	for _, more := range []string{"zz", "ab", "-"} {
		heads = append(heads, (phrase + more)[:min(gramLen, len(phrase)+len(more))])
	}
	return heads
}
