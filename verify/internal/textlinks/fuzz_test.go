package textlinks

import (
	"strings"
	"testing"
	"time"

	"mvdan.cc/xurls/v2"
)

// FuzzScan checks the scanner on any text: links within the text, in
// order, written as found unless disguised or cut at a glued word, and
// every plain web link xurls finds between spaces found too.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"AMELI: renouvelez sur ameli-carte-vitale.com.", "https://www.ameli.fr puis https://ameli-remboursement.com/0612345678",
		"ameli-remboursement.com.Merci", "hxxps://a[.]b(.)com", "x . com", "contact@ameli.fr a.b@c.fr/x",
		"microsoft-edge:https://e.x", "((((https://a.fr/(b))))).", "185.12.4.3:80", "\xff.fr", "a．fr。com",
		"voir ameli-remb.com et www.a-b.fr", "sous-domaine.ameli.fr.com",
		"a \u202emoc.x\u202c https://b.fr \u202e/y/rf.b//:sptth", "@x.com/a @@y.fr x@z.com:80/a", "amelⅰ.fr①.com", "rdv-https://x.fr/ a.com.Merci.Bonne.Journee", "https://a.com\u200b.b.fr x\u00ad.com\u200b.y.fr",
		"https://a.fr/\x00www.b.com/x a@b.fr\x00c@d.com \x01\x02x.com\ufffd.y.fr\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		clean := Clean(text)
		last := 0
		// A link written across a breaker is followed by the links read
		// up to the breaker, which may start before it ("A+http://x.fr"
		// at 0 after "http://x.fr" at 2): in order only without one.
		ordered := !holds(text, breaker)
		var found []string
		Scan(text, func(l Link) bool {
			if ordered && l.Start < last || l.Start > l.End || l.End > len(clean) {
				t.Fatalf("link %q at %d-%d after %d in %d bytes", l.Text, l.Start, l.End, last, len(clean))
			}
			if l.Text == "" {
				t.Fatalf("empty link at %d", l.Start)
			}
			if l.Disguise == "" && l.Glued == "" && !strings.HasPrefix(clean[l.Start:l.End], l.Text) {
				t.Fatalf("link %q is written %q", l.Text, clean[l.Start:l.End])
			}
			last = l.Start
			found = append(found, l.Text)
			return true
		})
		// The peer: a plain http(s) link between spaces, in ASCII
		// letters, digits, dots, hyphens and slashes, is found as is.
		// So is a bare domain between spaces, in lowercase ASCII, whose
		// last label is a top-level domain, that xurls' relaxed pattern
		// finds whole.
		for _, w := range strings.Fields(clean) {
			switch {
			case plainWebLink(w):
				if m := xurls.Strict().FindString(w); m == w && !contains(found, w) {
					t.Fatalf("xurls finds %q, the scanner %q", w, found)
				}
			case bareDomain(w):
				if m := xurls.Relaxed().FindString(w); m == w && !contains(found, w) {
					t.Fatalf("xurls finds %q, the scanner %q", w, found)
				}
			}
		}
	})
}

func plainWebLink(w string) bool {
	rest, ok := strings.CutPrefix(w, "https://")
	if !ok {
		rest, ok = strings.CutPrefix(w, "http://")
	}
	if !ok || rest == "" || strings.Trim(rest, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-/") != "" {
		return false
	}
	// Trailing punctuation is trimmed by both, differently.
	return !strings.ContainsAny(w[len(w)-1:], ".-/") && !strings.Contains(rest, "..")
}

func bareDomain(w string) bool {
	labels := strings.Split(w, ".")
	if len(labels) < 2 || !isTLD(labels[len(labels)-1]) {
		return false
	}
	for _, l := range labels {
		if l == "" || l[0] == '-' || l[len(l)-1] == '-' || strings.Trim(l, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// BenchmarkScan times the scanner and xurls' relaxed pattern on the same
// 60 KiB text dense with links, in one run, and reports the scanner's
// time over xurls' as "xurls-ratio".
func BenchmarkScan(b *testing.B) {
	text := DenseText(60 << 10)
	var vigie, peer time.Duration
	for range b.N {
		start := time.Now()
		Scan(text, func(Link) bool { return true })
		vigie += time.Since(start)
		start = time.Now()
		xurls.Relaxed().FindAllString(text, -1)
		peer += time.Since(start)
	}
	b.ReportMetric(float64(vigie)/float64(peer), "xurls-ratio")
	b.ReportMetric(float64(vigie.Nanoseconds())/float64(b.N), "vigie-ns/op")
	b.ReportMetric(float64(peer.Nanoseconds())/float64(b.N), "xurls-ns/op")
}
