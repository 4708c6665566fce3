package lookalike

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Red team 9 (7e1ad30, 86f0af9, 2454510): the phrase gate read from the
// tokens joined (runHead), its fast path, spans' early return and the
// affix length test, held token by token to the truth (a phrase spelt by
// tokens i..j) and hit by hit to the exhaustive index; tokens of a pooled
// matcher held to a fresh one's.

func redTeamMatcher(ix *Index, host string) (*matcher, bool) {
	host, ok := matchable(host)
	if !ok {
		return nil, false
	}
	m := &matcher{matchState: matchState{ix: ix, host: host}}
	return m, m.tokenize()
}

func redTeamCheckHost(t *testing.T, ix, ex *Index, host string) (starts int) {
	t.Helper()
	m, ok := redTeamMatcher(ix, host)
	if !ok {
		return 0
	}
	for i := range m.ntok {
		fast := m.mayStartPhraseAt(i)
		slow := ix.mayStartPhrase(m.runHead(i))
		if fast != slow {
			t.Fatalf("%q token %d %q: mayStartPhraseAt %v, mayStartPhrase(runHead %q) %v", host, i, m.tok(i), fast, m.runHead(i), slow)
		}
		truth := false
		for _, p := range ix.phrases {
			for j := i; j < m.ntok && !truth; j++ {
				truth = m.joinedEquals(p.joined, i, j)
			}
		}
		if truth && !fast {
			t.Fatalf("%q token %d %q: a phrase starts there, the gate says no (head %q)", host, i, m.tok(i), m.runHead(i))
		}
		if truth {
			starts++
		}
	}
	// The hits of spans and affixes, filtered and exhaustive.
	m.spans()
	m.affixes()
	e, _ := redTeamMatcher(ex, host)
	e.spans()
	e.affixes()
	if fmt.Sprint(m.hits[:m.nhits]) != fmt.Sprint(e.hits[:e.nhits]) {
		t.Fatalf("%q: hits %v, exhaustive %v", host, m.hits[:m.nhits], e.hits[:e.nhits])
	}
	// Pooled against fresh.
	m1, ok1 := ix.Match(host)
	m2, ok2 := ix.MatchUnpooled(host)
	m3, ok3 := ex.Match(host)
	if fmt.Sprint(ok1, m1) != fmt.Sprint(ok2, m2) || fmt.Sprint(ok1, m1) != fmt.Sprint(ok3, m3) {
		t.Fatalf("%q: pooled %v %+v, fresh %v %+v, exhaustive %v %+v", host, ok1, m1, ok2, m2, ok3, m3)
	}
	return starts
}

// redTeamHostsFor cuts every phrase of ix across tokens, at one, two and
// every place, with short tokens before, and mixes in IDN labels.
func redTeamHostsFor(rng *rand.Rand, ix *Index, kws []string, n int) []string {
	var phrases []string
	for _, p := range ix.phrases {
		phrases = append(phrases, p.joined)
	}
	seps := []string{"-", ".", "_", "--", "-.", ""}
	shorts := []string{"a", "d", "du", "x", "ab", "", "1", "é", "xn--amli-bpa", "xn--80ak6aa92e", "m", "am", "ame"}
	var hosts []string
	for range n {
		var parts []string
		for range 1 + rng.IntN(3) {
			ph := phrases[rng.IntN(len(phrases))]
			var b strings.Builder
			if rng.IntN(2) == 0 {
				b.WriteString(shorts[rng.IntN(len(shorts))])
				b.WriteString(seps[rng.IntN(4)])
			}
			for i := range len(ph) {
				b.WriteByte(ph[i])
				if i+1 < len(ph) && rng.IntN(3) == 0 {
					b.WriteString(seps[rng.IntN(len(seps))])
				}
			}
			if rng.IntN(2) == 0 {
				b.WriteString(seps[rng.IntN(4)])
				b.WriteString(kws[rng.IntN(len(kws))])
			}
			if rng.IntN(3) == 0 {
				b.WriteString(seps[rng.IntN(4)])
				b.WriteString(shorts[rng.IntN(len(shorts))])
			}
			parts = append(parts, b.String())
		}
		hosts = append(hosts, strings.Join(parts, ".")+[]string{".fr", ".com", ".gouv.fr", ".fr.", ".netlify.app"}[rng.IntN(5)])
	}
	return hosts
}

func TestRedTeamPhraseGateTokens(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 7))
	type tc struct {
		ix   *Index
		opts Options
	}
	var cases []tc
	o := DefaultOptions()
	o.MinLength1, o.MinLength2 = 1, 2
	o.Keywords = append([]string{"a", "ma", "my"}, o.Keywords...)
	cases = append(cases, tc{redTeamRegistryIndex(t, DefaultOptions()), DefaultOptions()}, tc{redTeamRegistryIndex(t, o), o})
	for round := range 16 {
		opts := redTeamOptions(rng)
		ix, _ := redTeamIndex(t, rng, []int{3, 20, 80, 200}[round%4], []string{"abcdefghijklmnopqrstuvwxyz", "aeilmnor01-", "rnmvwcldiu-", "ab"}[round%4], opts)
		cases = append(cases, tc{ix, opts})
	}
	total, starts, short := 0, 0, 0
	for k, c := range cases {
		ex := c.ix.WithoutFilters()
		if c.ix.gates.shortest[gatePhraseHead] < gramLen {
			short++
		}
		kws := append([]string{"securite", "mon", "x"}, c.opts.Keywords...)
		// The red team ran ten times as many (VIGIE_LONG=1 does).
		n := 400
		if k < 2 {
			n = 3000
		}
		if os.Getenv("VIGIE_LONG") != "" {
			n *= 10
		}
		if testing.Short() {
			n /= 20
		}
		for _, h := range redTeamHostsFor(rng, c.ix, kws, n) {
			starts += redTeamCheckHost(t, c.ix, ex, h)
			total++
		}
	}
	t.Logf("%d hosts, %d phrase starts, %d indexes with phrases under %d bytes", total, starts, short, gramLen)
}

func FuzzRedTeamPhraseGate(f *testing.F) {
	for _, h := range []string{"a-m-e-l-i.fr", "du-ameli.com", "am.eli.fr", "x.a.b.fr", "xn--amli-bpa.a-b.fr", "ab.ab.ab"} {
		f.Add(h)
	}
	o := DefaultOptions()
	o.MinLength1, o.MinLength2 = 1, 2
	o.Keywords = append([]string{"a", "ma", "my", "x"}, o.Keywords...)
	ix, err := New([]Target{
		{Domain: "ameli.fr", Hosts: []string{"assure.ameli.fr", "a.ameli.fr"}, Aliases: []string{"cpam"}},
		{Domain: "harmonie-mutuelle.fr", Names: []string{"harmonie-mutuelle"}},
		{Domain: "ab.fr", Hosts: []string{"m-a.ab.fr"}},
		{Domain: "a.fr"},
		{Domain: "xn--mutuelle-gnrale-bnbb.fr"},
		{Domain: "mgen.fr", Weak: true},
	}, o)
	require.NoError(f, err)
	ex := ix.WithoutFilters()
	f.Fuzz(func(t *testing.T, host string) {
		redTeamCheckHost(t, ix, ex, host)
	})
}
