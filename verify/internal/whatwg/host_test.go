package whatwg

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseHost(t *testing.T) {
	tests := []struct {
		in   string
		want string
		kind Kind
		err  error
	}{
		{"assure.ameli.fr", "assure.ameli.fr", Domain, nil},
		{"ASSURE.Ameli.FR", "assure.ameli.fr", Domain, nil},
		{"ameli.fr.", "ameli.fr.", Domain, nil},
		{"a..b", "a..b", Domain, nil},
		{"a_b.example", "a_b.example", Domain, nil},
		// UTS #46 mapping: fullwidth letters, ideographic full stop,
		// ignored code points.
		{"ＡＭＥＬＩ。ｆｒ", "ameli.fr", Domain, nil},
		{"ame\u00adli.fr", "ameli.fr", Domain, nil},
		{"ame\u200bli.fr", "ameli.fr", Domain, nil},
		{"ameli\uff0efr", "ameli.fr", Domain, nil},
		{"ameli\uff61fr", "ameli.fr", Domain, nil},
		{"am%C3%A9li.fr", "xn--amli-cpa.fr", Domain, nil},
		{"%41meli.fr", "ameli.fr", Domain, nil},
		{"ame%C2%ADli.fr", "ameli.fr", Domain, nil},
		{"amel\u0456.fr", "xn--amel-o9d.fr", Domain, nil},
		{"faß.de", "xn--fa-hia.de", Domain, nil},
		// Punycode labels stay as written, even when they decode to
		// ASCII: the browser connects to "xn--ameli-.fr", not "ameli.fr".
		{"xn--ameli-.fr", "xn--ameli-.fr", Domain, nil},
		{"XN--AMELI-.FR", "xn--ameli-.fr", Domain, nil},
		{"ｘｎ--ameli-.fr", "xn--ameli-.fr", Domain, nil},
		{"x\u00adn--ameli-.fr", "xn--ameli-.fr", Domain, nil},
		{"xn--xn--a--gua.pt", "xn--xn--a--gua.pt", Domain, nil},
		{"xn--.com", "", 0, ErrIDNA},
		// ẞ reads as "ss" or "ß" depending on the Unicode version.
		{"interimaireẞante.fr", "", 0, ErrIDNA},
		{"interimaire%E1%BA%9Eante.fr", "", 0, ErrIDNA},
		{"xn--a", "", 0, ErrIDNA},
		{"xn--tešla.com", "", 0, ErrIDNA},
		// UseSTD3ASCIIRules is false: ASCII such as "!" or "(" may come
		// out of a Punycode label or a mapping (U+2474 ⑴ is "(1)").
		{"xn--ameli!-.fr", "xn--ameli!-.fr", Domain, nil},
		{"connect.\u2474axa.fr", "connect.(1)axa.fr", Domain, nil},
		{"a_b.\u00e9.fr", "a_b.xn--9ca.fr", Domain, nil},
		// CheckBidi: in a domain with a right-to-left label, every label
		// must pass RFC 5893's rule (IdnaTestV2 [B5, B6] and [B1]).
		// Node 20 accepts both; browsers and the standard do not.
		{"a\u05d0.fr", "", 0, ErrIDNA},
		{"0a.\u05d0", "", 0, ErrIDNA},
		{"ameli.\u05d0\u05d1", "ameli.xn--4dbc", Domain, nil},
		// IPv4 in every form the standard accepts.
		{"127.0.0.1", "127.0.0.1", IPv4, nil},
		{"0x7f.1", "127.0.0.1", IPv4, nil},
		{"2130706433", "127.0.0.1", IPv4, nil},
		{"0177.0.0.01", "127.0.0.1", IPv4, nil},
		{"0x7F000001", "127.0.0.1", IPv4, nil},
		{"1.2.3.4.", "1.2.3.4", IPv4, nil},
		{"１２７.０.０.１", "127.0.0.1", IPv4, nil},
		{"1.2.3.4.5", "", 0, ErrIPv4},
		{"ameli.fr.0x1", "", 0, ErrIPv4},
		{"256.0.0.1", "", 0, ErrIPv4},
		{"4294967296", "", 0, ErrIPv4},
		{"99999999999999999999999", "", 0, ErrIPv4},
		{"ameli.09", "", 0, ErrIPv4},
		// IPv6.
		{"[::1]", "[::1]", IPv6, nil},
		{"[1:0:0:2::3:0]", "[1::2:0:0:3:0]", IPv6, nil},
		{"[::ffff:1.2.3.4]", "[::ffff:102:304]", IPv6, nil},
		{"[0:0:0:0:0:0:0:0]", "[::]", IPv6, nil},
		{"[1:2:3:4:5:6:7:8]", "[1:2:3:4:5:6:7:8]", IPv6, nil},
		{"[::1", "", 0, ErrIPv6},
		{"[fe80::1%eth0]", "", 0, ErrIPv6},
		{"[1::2::3]", "", 0, ErrIPv6},
		{"[::1.2.3.04]", "", 0, ErrIPv6},
		// Forbidden code points, bad encodings, empty.
		{"", "", 0, ErrEmptyHost},
		{"a b", "", 0, ErrForbidden},
		{"ameli.fr%2F", "", 0, ErrForbidden},
		{"ameli.fr%00", "", 0, ErrForbidden},
		{"evil.com@ameli.fr", "", 0, ErrForbidden},
		{"%ff.fr", "", 0, ErrInvalidUTF8},
		{"\u00ad", "", 0, ErrEmptyHost},
		{strings.Repeat("a", MaxHostLength+1), "", 0, ErrTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, kind, err := ParseHost(tt.in)
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err)
				var e *Error
				require.True(t, errors.As(err, &e))
				assert.Equal(t, "parse host", e.Op)
				assert.Equal(t, tt.in, e.Input)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.kind, kind)
		})
	}
}

func TestParseHostDoesNotAllocateCanonicalInput(t *testing.T) {
	for _, h := range []string{"assure.ameli.fr", "www.example.com", "a-b.c-d.fr."} {
		allocs := testing.AllocsPerRun(100, func() {
			got, _, err := ParseHost(h)
			if err != nil || got != h {
				t.Fatal(got, err)
			}
		})
		assert.Zero(t, allocs, h)
	}
}

func TestIgnoredByIDNA(t *testing.T) {
	for _, r := range []rune{0x00AD, 0x200B, 0x2060, 0xFEFF, 0x034F, 0xFE0F} {
		assert.True(t, IgnoredByIDNA(r), "%U", r)
	}
	for _, r := range []rune{'a', '.', 0x200C, 0x200D, 0x200E, 0x200F, 0x2066, 0x3164, 0xFFA0} {
		assert.False(t, IgnoredByIDNA(r), "%U", r)
	}
}

func TestParseURL(t *testing.T) {
	tests := []struct {
		in                 string
		scheme, user, host string
		kind               Kind
		path               string
	}{
		{"https://assure.ameli.fr/PortailAS", "https", "", "assure.ameli.fr", Domain, "/PortailAS"},
		{"  https://ameli.fr/\t", "https", "", "ameli.fr", Domain, "/"},
		{"https://ame\tli.fr/", "https", "", "ameli.fr", Domain, "/"},
		{"https:ameli.fr/x", "https", "", "ameli.fr", Domain, "/x"},
		{"https:\\\\ameli.fr\\x", "https", "", "ameli.fr", Domain, "/x"},
		{"https://assure.ameli.fr@evil.example/", "https", "assure.ameli.fr", "evil.example", Domain, "/"},
		{"https://evil.example\\@ameli.fr/", "https", "", "evil.example", Domain, "/@ameli.fr/"},
		{"https://xn--ameli-.fr/", "https", "", "xn--ameli-.fr", Domain, "/"},
		{"http://0x7f.1/", "http", "", "127.0.0.1", IPv4, "/"},
		{"https://[::1]:8443/", "https", "", "[::1]", IPv6, "/"},
		{"javascript:alert(1)", "javascript", "", "", 0, "alert(1)"},
		{"foo://ameli.fr/", "foo", "", "ameli.fr", Opaque, "/"},
		// The URL library's own host parser, which applies STD3 rules
		// and decodes "xn--0-" to "0" before its IPv4 check, once
		// failed these URLs that browsers follow.
		{"https://xn--ameli!-.fr/", "https", "", "xn--ameli!-.fr", Domain, "/"},
		{"https://connect.\u2474axa.fr/", "https", "", "connect.(1)axa.fr", Domain, "/"},
		{"https://a_b.\u00e9.fr/", "https", "", "a_b.xn--9ca.fr", Domain, "/"},
		{"https://ameli.xn--0-/", "https", "", "ameli.xn--0-", Domain, "/"},
		{"https://xN--4920539222-/", "https", "", "xn--4920539222-", Domain, "/"},
		{"https://user@[::ffff:1.2.3.4]:443/", "https", "user", "[::ffff:102:304]", IPv6, "/"},
		// File hosts are read by this package's host parser too: the
		// library decoded "xn--ameli-" to "ameli".
		{"file://xn--ameli-.fr/x", "file", "", "xn--ameli-.fr", Domain, "/x"},
		{"file://LOCALHOST/x", "file", "", "", 0, "/x"},
		{"file:///x", "file", "", "", 0, "/x"},
		{"file://0x7f.1/x", "file", "", "127.0.0.1", IPv4, "/x"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			u, err := ParseURL(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.scheme, u.Scheme)
			assert.Equal(t, tt.user, u.Username)
			assert.Equal(t, tt.host, u.Host)
			assert.Equal(t, tt.kind, u.HostKind)
			assert.Equal(t, tt.path, u.Path)
		})
	}
}

func TestParseURLErrors(t *testing.T) {
	tests := []struct {
		in  string
		err error
	}{
		{"https://", ErrInvalidURL},
		{"ameli.fr", ErrInvalidURL},
		{"https://xn--.com/", ErrIDNA},
		{"file://xn--/x", ErrIDNA},
		{"file://user@ameli.fr/x", ErrForbidden},
		{"https://a\u05d0.fr/", ErrIDNA},
		{"https://[::1/", ErrIPv6},
		{"https://a b/", ErrForbidden},
		{"https://ameli.fr\xff/", ErrNotUTF8},
		{"https://" + strings.Repeat("a", MaxURLLength), ErrTooLong},
		// Shapes whose parsing cost grows with their square.
		{"https://" + strings.Repeat("@", MaxAt+1) + "evil.example/", ErrTooLong},
		{"https://" + strings.Repeat("a", MaxAuthority+1) + "@evil.example/", ErrTooLong},
		{"https://evil.example/" + strings.Repeat("a/", MaxSegments), ErrTooLong},
		{"https:\\\\" + strings.Repeat("@", MaxAt+1) + "evil.example/", ErrTooLong},
	}
	for _, tt := range tests {
		_, err := ParseURL(tt.in)
		require.ErrorIs(t, err, tt.err, "%q", tt.in)
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, "parse URL", e.Op)
	}
}

func BenchmarkParseHost(b *testing.B) {
	for _, h := range []string{"assure.ameli.fr", "ASSURE.AMELI.FR", "amel\u0456.fr", "xn--amel-o9d.fr"} {
		b.Run(h, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				_, _, _ = ParseHost(h)
			}
		})
	}
}

// TestShapeOnlyWhereItCosts checks that padding the query or fragment of a
// link, or its path with '@', does not get it refused: a refusal would turn
// a lookalike's verdict into a milder one.
func TestShapeOnlyWhereItCosts(t *testing.T) {
	for _, in := range []string{
		"https://ameli-remboursement.com/connexion#" + strings.Repeat("@", MaxAt+1),
		"https://ameli-remboursement.com/connexion?" + strings.Repeat("/", MaxSegments+1),
		"https://ameli-remboursement.com/connexion#" + strings.Repeat("a/", MaxSegments+1),
		"https://ameli-remboursement.com/" + strings.Repeat("@", MaxAt+1),
	} {
		u, err := ParseURL(in)
		require.NoError(t, err, "%.60q", in)
		assert.Equal(t, "ameli-remboursement.com", u.Host)
	}
	for raw, want := range map[string]string{
		"https://u:p@evil.example:8443/x?y#z": "u:p@evil.example:8443",
		"https:\\\\evil.example\\x":           "evil.example",
		"https:evil.example":                  "evil.example",
		"mailto:a@b.example":                  "a@b.example",
		"no scheme":                           "",
	} {
		assert.Equal(t, want, Authority(raw), raw)
	}
}

func TestResolve(t *testing.T) {
	const base = "https://ameli-remboursement.com/dir/page"
	for _, tt := range []struct{ base, ref, want string }{
		{base, "www.ameli.fr/connexion", "https://ameli-remboursement.com/dir/www.ameli.fr/connexion"},
		{base, "\u00a0https://www.ameli.fr/connexion", "https://ameli-remboursement.com/dir/%C2%A0https://www.ameli.fr/connexion"},
		{base, "https:www.ameli.fr/connexion", "https://ameli-remboursement.com/dir/www.ameli.fr/connexion"},
		{"https://www.ameli.fr/", "\x01//ameli-remboursement.com/connexion", "https://ameli-remboursement.com/connexion"},
		{"https://www.ameli.fr/", "\\\\ameli-remboursement.com/x", "https://ameli-remboursement.com/x"},
		{"https://www.ameli.fr/", "http:evil.example/", "http://evil.example/"},
		{base, "/root", "https://ameli-remboursement.com/root"},
		{base, "#top", "https://ameli-remboursement.com/dir/page#top"},
	} {
		got, err := Resolve(tt.base, tt.ref)
		require.NoError(t, err, "%q", tt.ref)
		assert.Equal(t, tt.want, got, "%q", tt.ref)
	}
	_, err := Resolve("https://evil.example/"+strings.Repeat("@", MaxAt+1)+"#", "x")
	require.NoError(t, err)
	_, err = Resolve("https://"+strings.Repeat("@", MaxAt+1)+"evil.example/", "x")
	require.ErrorIs(t, err, ErrTooLong)
}
