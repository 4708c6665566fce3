package verify

// A differential harness for performance changes in the lookalike engine:
// with VIGIE_DIFF_OUT set, it writes the verdict of Checker.Host and
// Checker.URL for a large, deterministic set of hosts (the real-world
// corpora and lookalikes generated from every registry name) to that
// file, one line per input. Run it in two worktrees (before and after a
// change) and diff the files: every line that differs is a verdict the
// change altered. Without the variable it is skipped.

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/net/idna"
)

func TestRed36VerdictDump(t *testing.T) {
	out := os.Getenv("VIGIE_DIFF_OUT")
	if out == "" {
		t.Skip("VIGIE_DIFF_OUT not set: the differential dump runs only on request")
	}
	hosts := red36Hosts(t)
	f, err := os.Create(out)
	require.NoError(t, err)
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	c := Default()
	odd := red36OddChecker(t)
	for i, h := range hosts {
		fmt.Fprintf(w, "H\t%q\t%s\n", h, red36Line(c.Host(h)))
		if i%3 == 0 {
			u := "https://" + h + "/connexion?x=1"
			fmt.Fprintf(w, "U\t%q\t%s\n", u, red36Line(c.URL(u)))
		}
		if i%2 == 0 {
			fmt.Fprintf(w, "O\t%q\t%s\n", h, red36Line(odd.Host(h)))
		}
	}
	require.NoError(t, w.Flush())
	t.Logf("%d hosts written to %s", len(hosts), out)
}

// red36OddChecker is the registry with odd options: typos from one letter,
// two edits from two, and keywords of one to three letters, so that
// candidates of few runes reach the filters.
func red36OddChecker(t *testing.T) *Checker {
	c, err := New(Default().Registry(), WithEditDistance(1, 2),
		WithKeywords([]string{"a", "rn", "cl", "vv", "ii", "oo1", "sec", "compte", "espace"}))
	require.NoError(t, err)
	return c
}

func red36Line(v Verdict) string {
	org := ""
	if v.Organization != nil {
		org = v.Organization.ID
	}
	var b strings.Builder
	for _, r := range v.Reasons {
		fmt.Fprintf(&b, "%s{%s} ", r.Code, r.Detail)
	}
	return fmt.Sprintf("%s\t%s\t%s\t%s\t%s", v.Status, v.Host, org, v.Target, b.String())
}

// red36Hosts is the input set, deduplicated and sorted.
func red36Hosts(t *testing.T) []string {
	set := map[string]bool{}
	add := func(h string) {
		if h != "" && len(h) <= 300 {
			set[h] = true
		}
	}
	// The real-world corpora.
	for _, name := range []string{"benign-chromium-top.txt", "benign-top-sites.txt", "benign-fr-public-dev.txt", "benign-tranco-top100k.txt", "phish-dev.tsv"} {
		for _, line := range sharedLines(t, name) {
			add(strings.Fields(line)[0])
		}
	}
	seed := uint64(36) // VIGIE_DIFF_SEED draws another set of generated hosts
	if v, err := strconv.ParseUint(os.Getenv("VIGIE_DIFF_SEED"), 10, 64); err == nil {
		seed = v
	}
	rng := rand.New(rand.NewPCG(seed, 36))
	keywords := red36Keywords(t)
	tlds := []string{"fr", "com", "net", "org", "info", "xyz", "eu", "co.uk", "com.fr", "gouv.fr", "top", "online"}
	platforms := []string{"github.io", "web.app", "wixsite.com", "netlify.app", "blogspot.com", "herokuapp.com", "firebaseapp.com", "weebly.com"}
	wrap := func(label string) {
		add(label + "." + tlds[rng.IntN(len(tlds))])
		switch rng.IntN(6) {
		case 0:
			add(label + "." + platforms[rng.IntN(len(platforms))])
		case 1:
			add("secure-" + red36Word(rng) + "." + label + ".com")
		case 2:
			add(label + "." + red36Word(rng) + ".fr")
		case 3:
			add("www." + label + "." + tlds[rng.IntN(len(tlds))] + ".")
		}
	}
	for _, name := range red36Names() {
		wrap(name)
		for _, v := range red36Variants(rng, name, keywords) {
			wrap(v)
		}
	}
	// Random labels over the letters the folds and filters read.
	const alpha = "aeilmnorstuvcdwgp01-_"
	for range 20000 {
		n := 1 + rng.IntN(40)
		if rng.IntN(20) == 0 {
			n = 55 + rng.IntN(9)
		}
		b := make([]byte, n)
		for i := range b {
			b[i] = alpha[rng.IntN(len(alpha))]
		}
		wrap(string(b))
	}
	// Long hosts near 253 bytes.
	for range 300 {
		var parts []string
		total := 0
		for total < 240+rng.IntN(20) {
			p := red36Word(rng) + "-" + red36Word(rng)
			parts = append(parts, p)
			total += len(p) + 1
		}
		add(strings.Join(parts, ".") + ".fr")
	}
	hosts := make([]string, 0, len(set))
	for h := range set {
		hosts = append(hosts, h)
	}
	sort.Strings(hosts)
	return hosts
}

func red36Word(rng *rand.Rand) string {
	const letters = "abcdefghijklmnopqrstuvwxyz"
	b := make([]byte, 2+rng.IntN(8))
	for i := range b {
		b[i] = letters[rng.IntN(len(letters))]
	}
	return string(b)
}

func red36Keywords(t *testing.T) []string {
	data, err := os.ReadFile("internal/lookalike/keywords.txt")
	require.NoError(t, err)
	var words []string
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" && line[0] != '#' {
			words = append(words, line)
		}
	}
	return words
}

// red36Names are the registry's domain labels (without the public suffix's
// last label), aliases as host labels, sorted.
func red36Names() []string {
	set := map[string]bool{}
	for _, o := range Default().Registry().Organizations() {
		for _, d := range o.Domains {
			if i := strings.IndexByte(d, '.'); i > 0 {
				set[d[:i]] = true
			}
		}
		for _, a := range append(append([]string{}, o.Aliases...), o.WeakAliases...) {
			a = red36Plain(strings.ToLower(a))
			set[strings.ReplaceAll(a, " ", "")] = true
			set[strings.ReplaceAll(a, " ", "-")] = true
		}
	}
	var names []string
	for n := range set {
		if n != "" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

func red36Plain(s string) string {
	r := strings.NewReplacer("é", "e", "è", "e", "ê", "e", "à", "a", "â", "a", "ç", "c", "ô", "o", "î", "i", "ï", "i", "û", "u", "ù", "u", "'", "", "’", "")
	return r.Replace(s)
}

// red36Variants are lookalikes of name: edits, fold tricks, separators,
// keywords, homoglyphs.
func red36Variants(rng *rand.Rand, name string, keywords []string) []string {
	const letters = "abcdefghijklmnopqrstuvwxyz0123456789-"
	var out []string
	n := len(name)
	for i := 0; i < n; i++ {
		out = append(out, name[:i]+name[i+1:])                                         // deletion
		out = append(out, name[:i]+string(letters[rng.IntN(len(letters))])+name[i+1:]) // substitution
		out = append(out, name[:i]+string(letters[rng.IntN(len(letters))])+name[i:])   // insertion
		if i+1 < n {
			out = append(out, name[:i]+name[i+1:i+2]+name[i:i+1]+name[i+2:]) // transposition
		}
		out = append(out, name[:i]+"-"+name[i:], name[:i]+"_"+name[i:])
		out = append(out, name[:i]+name[i:i+1]+name[i:]) // doubled letter
	}
	for range 2 * n {
		s := []byte(name)
		for range 2 {
			if len(s) == 0 {
				break
			}
			i := rng.IntN(len(s))
			switch rng.IntN(4) {
			case 0:
				s = append(s[:i:i], s[i+1:]...)
			case 1:
				s[i] = letters[rng.IntN(len(letters))]
			case 2:
				s = append(s[:i:i], append([]byte{letters[rng.IntN(len(letters))]}, s[i:]...)...)
			case 3:
				if i+1 < len(s) {
					s[i], s[i+1] = s[i+1], s[i]
				}
			}
		}
		out = append(out, string(s))
	}
	folds := [][2]string{{"m", "rn"}, {"rn", "m"}, {"m", "nn"}, {"w", "vv"}, {"vv", "w"}, {"d", "cl"}, {"cl", "d"},
		{"u", "ii"}, {"ii", "u"}, {"o", "0"}, {"0", "o"}, {"l", "1"}, {"1", "l"}, {"i", "l"}, {"l", "i"}, {"i", "1"}, {"-", ""}, {"-", "_"}}
	for _, f := range folds {
		for i := 0; i < n; {
			j := strings.Index(name[i:], f[0])
			if j < 0 {
				break
			}
			j += i
			out = append(out, name[:j]+f[1]+name[j+len(f[0]):])
			i = j + 1
		}
		out = append(out, strings.ReplaceAll(name, f[0], f[1]))
	}
	for range 6 {
		k := keywords[rng.IntN(len(keywords))]
		out = append(out, k+name, name+k, k+"-"+name, name+"-"+k, k+"_"+name, name+"-"+k+"-"+keywords[rng.IntN(len(keywords))])
	}
	homoglyphs := map[byte][]rune{'a': {'а', 'α', 'à'}, 'e': {'е', 'é', 'ε'}, 'o': {'о', 'ο', 'ö'}, 'p': {'р', 'ρ'}, 'c': {'с', 'ç'},
		'x': {'х'}, 'y': {'у'}, 'i': {'і', 'ı', 'í'}, 'm': {'м'}, 't': {'т'}, 'l': {'ł', 'ӏ'}, 'n': {'п', 'ñ'}, 'd': {'ԁ', 'đ'}, 's': {'ѕ'}}
	for i := 0; i < n; i++ {
		if hs, ok := homoglyphs[name[i]]; ok {
			u := name[:i] + string(hs[rng.IntN(len(hs))]) + name[i+1:]
			out = append(out, u)
			if a, err := idna.ToASCII(u); err == nil {
				out = append(out, a)
			}
		}
	}
	return out
}
