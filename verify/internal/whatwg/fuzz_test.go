package whatwg

import (
	"strings"
	"testing"
)

// FuzzParseHost checks that the host parser never panics and that its
// output is canonical: parsed again, it is unchanged. A differential
// against a browser is TestDifferentialNode; this finds inputs no generator
// thought of.
func FuzzParseHost(f *testing.F) {
	for _, s := range []string{"assure.ameli.fr", "ＡＭＥＬＩ。ｆｒ", "xn--ameli-.fr", "0x7f.1", "[::ffff:1.2.3.4]",
		"am%C3%A9li.fr", "ame\u00adli.fr", "xn--tešla", "1.2.3.4.5", "a..b", "ß.de", "٢٠٠.eg"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		h, kind, err := ParseHost(in)
		if err != nil {
			return
		}
		if h == "" || strings.ContainsAny(h, " %/:?#@\\") && kind != IPv6 {
			t.Fatalf("%q: output %q is not a host", in, h)
		}
		again, kind2, err := ParseHost(h)
		if err != nil || again != h || kind2 != kind {
			t.Fatalf("%q: output %q parses again as %q, %v, %v", in, h, again, kind2, err)
		}
	})
}

// FuzzParseURL checks that URL parsing never panics and that the host of
// a special URL is what ParseHost makes of it.
func FuzzParseURL(f *testing.F) {
	for _, s := range []string{"https://assure.ameli.fr@evil.example/", "https:\\\\ameli.fr\\x", "  http://0x7f.1/\t",
		"https://xn--ameli-.fr/", "file://localhost/x", "javascript:alert(1)", "https://[::1]:8443/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		u, err := ParseURL(in)
		if err != nil || !u.Network() {
			return
		}
		if h, _, err := ParseHost(u.Host); err != nil || h != u.Host {
			t.Fatalf("%q: host %q is not canonical: %q %v", in, u.Host, h, err)
		}
	})
}

// FuzzPlainDomain checks the host parser's shortcut for hosts already in
// canonical form against its full steps: same host, kind and error.
func FuzzPlainDomain(f *testing.F) {
	for _, s := range []string{"assure.ameli.fr", "a..b", "0x7f.1", "1.2.3.4", "a.b.0x", "xn--ameli-.fr", "a.xn--b", "axn--b.fr",
		"www_1.example.", ".", "a.09", "a.0x1g"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if in == "" || !plainDomain(in) {
			return
		}
		h, kind, err := parseHost(in)
		h2, kind2, err2 := parseHostSteps(in)
		if h != h2 || kind != kind2 || (err == nil) != (err2 == nil) || err != nil && err.Error() != err2.Error() {
			t.Fatalf("%q: shortcut %q %v %v, steps %q %v %v", in, h, kind, err, h2, kind2, err2)
		}
	})
}
