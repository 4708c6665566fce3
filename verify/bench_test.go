package verify

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/verify/internal/lookalike"
	"golang.org/x/net/publicsuffix"
)

// benchURLs are the links the URL and host benchmarks time, by the answer
// they get on the embedded registry, with and without a query.
var benchURLs = map[Status][]string{
	Official: {
		"https://assure.ameli.fr/PortailAS/appmanager/PortailAS/assure?_nfpb=true&_pageLabel=as_login_page",
		"https://espaceclient.axa.fr/connexion?retour=%2Fcompte",
		"https://www.harmonie-et-moi.fr/identification",
	},
	Unknown: {
		"https://www.example.com/search?q=mutuelle+sante",
		"https://actu.journal-du-soir.fr/sante/article-123?utm_source=newsletter",
		"https://static.cdn-images.net/img/logo.png",
	},
	Lookalike: {
		"https://harrnonie-mutuelle.fr/connexion?retour=%2Fcompte",
		"https://ameli-carte-vitale.com/remboursement",
	},
}

var benchKinds = []Status{Official, Unknown, Lookalike}

// benchVersusPeer times vigie's check and the peer a user would otherwise
// call on the same inputs, in alternating chunks so that both see the same
// load on a shared machine, and reports the peer's ns/op and the ratio of
// the two. Only vigie's loop counts in ns/op and allocs/op.
func benchVersusPeer(b *testing.B, peerName string, inputs []string, vigie, peer func(string)) {
	const chunk = 1024
	b.ReportAllocs()
	var own, other time.Duration
	for done := 0; done < b.N; done += chunk {
		end := min(done+chunk, b.N)
		start := time.Now()
		for i := done; i < end; i++ {
			vigie(inputs[i%len(inputs)])
		}
		own += time.Since(start)
		b.StopTimer()
		start = time.Now()
		for i := done; i < end; i++ {
			peer(inputs[i%len(inputs)])
		}
		other += time.Since(start)
		b.StartTimer()
	}
	b.ReportMetric(float64(other.Nanoseconds())/float64(b.N), peerName+"-ns/op")
	b.ReportMetric(float64(own)/float64(other), "x-vs-"+peerName)
}

// BenchmarkURL times Checker.URL against net/url.Parse, which reads the
// same links (differently from a browser: see the package documentation).
func BenchmarkURL(b *testing.B) {
	c := Default()
	for _, kind := range benchKinds {
		urls := benchURLs[kind]
		for _, u := range urls {
			if s := c.URL(u).Status; s != kind {
				b.Fatalf("%s: %s, want %s", u, s, kind)
			}
		}
		b.Run(kind.String(), func(b *testing.B) {
			benchVersusPeer(b, "neturl", urls, func(s string) { c.URL(s) }, func(s string) {
				if _, err := url.Parse(s); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// BenchmarkHost times Checker.Host against
// publicsuffix.EffectiveTLDPlusOne, the registrable-domain lookup a user
// would start from, on the hosts of the URLs above.
func BenchmarkHost(b *testing.B) {
	c := Default()
	for _, kind := range benchKinds {
		var hosts []string
		for _, raw := range benchURLs[kind] {
			u, err := url.Parse(raw)
			if err != nil {
				b.Fatal(err)
			}
			hosts = append(hosts, u.Hostname())
			if s := c.Host(u.Hostname()).Status; s != kind {
				b.Fatalf("%s: %s, want %s", u.Hostname(), s, kind)
			}
		}
		b.Run(kind.String(), func(b *testing.B) {
			benchVersusPeer(b, "publicsuffix", hosts, func(s string) { c.Host(s) }, func(s string) {
				if _, err := publicsuffix.EffectiveTLDPlusOne(s); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// BenchmarkHostRealWorld times Checker.Host against
// publicsuffix.EffectiveTLDPlusOne on real traffic: the benign real-world
// hosts of ../shared (Tranco's top sites, the French public sector), far
// more than the processor's caches hold, so that both pay for memory as a
// mail gateway does; BenchmarkHost's three hosts stay in the caches.
func BenchmarkHostRealWorld(b *testing.B) {
	c := Default()
	for _, name := range []string{"benign-tranco-top100k.txt", "benign-fr-public-dev.txt"} {
		var hosts []string
		for _, l := range sharedLines(b, name) {
			h, _, _ := strings.Cut(l, "\t")
			hosts = append(hosts, h)
		}
		b.Run(strings.TrimSuffix(name, ".txt"), func(b *testing.B) {
			benchVersusPeer(b, "publicsuffix", hosts, func(s string) { c.Host(s) }, func(s string) {
				// A host that is itself a public suffix is an error,
				// as costly as an answer.
				_, _ = publicsuffix.EffectiveTLDPlusOne(s)
			})
		})
	}
}

// syntheticRegistry returns the embedded organisations plus generated ones,
// n in all, with made-up names that read like insurers.
func syntheticRegistry(tb testing.TB, n int) *domains.Registry {
	tb.Helper()
	var base struct {
		Version       string           `json:"version"`
		Organizations []map[string]any `json:"organizations"`
	}
	raw, err := json.Marshal(domains.Default())
	if err != nil {
		tb.Fatal(err)
	}
	if err := json.Unmarshal(raw, &base); err != nil {
		tb.Fatal(err)
	}
	taken := map[string]bool{}
	for _, o := range base.Organizations {
		for _, d := range o["domains"].([]any) {
			taken[d.(string)] = true
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	syllables := strings.Fields("ba be bo ca ce co da de di fa fe fi ga go la le li lo ma me mi mo na ne no pa pe po ra re ri ro sa se si so ta te ti to va ve vi vo za ze zo")
	suffixes := []string{"fr", "com", "eu", "net", "org"}
	for i := len(base.Organizations); i < n; {
		var name strings.Builder
		for range 3 + rng.IntN(3) {
			name.WriteString(syllables[rng.IntN(len(syllables))])
		}
		if rng.IntN(3) == 0 {
			name.WriteString("-mutuelle")
		}
		d := name.String() + "." + suffixes[rng.IntN(len(suffixes))]
		if taken[d] {
			continue
		}
		taken[d] = true
		base.Organizations = append(base.Organizations, map[string]any{
			"id": fmt.Sprintf("synthetic-%d", i), "name": name.String(), "kind": "insurer",
			"domains": []string{d}, "login_hosts": []string{"espace." + d},
			"confidence": "low", "sources": []string{"synthetic, for benchmarks"},
		})
		i++
	}
	base.Version = "synthetic"
	data, err := json.Marshal(base)
	if err != nil {
		tb.Fatal(err)
	}
	reg, err := domains.Parse(data)
	if err != nil {
		tb.Fatal(err)
	}
	return reg
}

// scaleHosts are checked at every registry size: unknown hosts and
// lookalikes of embedded organisations.
var scaleHosts = []string{
	"www.example.com", "actu.journal-du-soir.fr", "static.cdn-images.net", "blog.cuisine-facile.org",
	"harrnonie-mutuelle.fr", "ameli-carte-vitale.com", "salarie.interimairesante.fr", "ameli.fr.secure-login.com",
}

// BenchmarkRegistryScale shows that the cost of a check does not grow with
// the registry: every technique goes through an index built in New.
func BenchmarkRegistryScale(b *testing.B) {
	for _, n := range []int{60, 1000, 10000} {
		reg := syntheticRegistry(b, n)
		b.Run(fmt.Sprintf("orgs=%d", n), func(b *testing.B) {
			c, err := New(reg)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				c.Host(scaleHosts[i%len(scaleHosts)])
			}
		})
		b.Run(fmt.Sprintf("orgs=%d/New", n), func(b *testing.B) {
			for range b.N {
				if _, err := New(reg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNaiveScan is the obvious alternative to the deletion index: the
// edit distance of each host's registrable label to every official label,
// one by one. It shows what the index saves.
func BenchmarkNaiveScan(b *testing.B) {
	reg := syntheticRegistry(b, 10000)
	var labels [][]rune
	for _, o := range reg.Organizations() {
		for _, d := range o.Domains {
			l, _, _ := strings.Cut(d, ".")
			labels = append(labels, []rune(l))
		}
	}
	var cands [][]rune
	for _, h := range scaleHosts {
		parts := strings.Split(h, ".")
		cands = append(cands, []rune(parts[len(parts)-2]))
	}
	b.Run("orgs=10000", func(b *testing.B) {
		found := 0
		for i := range b.N {
			cand := cands[i%len(cands)]
			for _, l := range labels {
				if lookalike.OSA(cand, l, 2) <= 2 {
					found++
				}
			}
		}
		if found < 0 {
			b.Fatal(found)
		}
	})
}
