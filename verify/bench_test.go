package verify

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/verify/internal/lookalike"
)

// Hosts for each kind of answer, on the embedded registry.
var benchHosts = map[string][]string{
	"official":  {"assure.ameli.fr", "www.harmonie-et-moi.fr", "espaceclient.axa.fr"},
	"unknown":   {"www.example.com", "actu.journal-du-soir.fr", "static.cdn-images.net"},
	"lookalike": {"harrnonie-mutuelle.fr", "ameli-carte-vitale.com", "assure.hcrbienetre.fr.verif.app"},
}

func BenchmarkHost(b *testing.B) {
	c := Default()
	for _, kind := range []string{"official", "unknown", "lookalike"} {
		hosts := benchHosts[kind]
		want := map[string]Status{"official": Official, "unknown": Unknown, "lookalike": Lookalike}[kind]
		for _, h := range hosts {
			if s := c.Host(h).Status; s != want {
				b.Fatalf("%s: %s, want %s", h, s, want)
			}
		}
		b.Run(kind, func(b *testing.B) {
			b.ReportAllocs()
			for i := range b.N {
				c.Host(hosts[i%len(hosts)])
			}
		})
	}
}

func BenchmarkURL(b *testing.B) {
	c := Default()
	for _, kind := range []string{"official", "unknown", "lookalike"} {
		var urls []string
		for _, h := range benchHosts[kind] {
			urls = append(urls, "https://"+h+"/connexion?retour=%2Fcompte")
		}
		b.Run(kind, func(b *testing.B) {
			b.ReportAllocs()
			for i := range b.N {
				c.URL(urls[i%len(urls)])
			}
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
