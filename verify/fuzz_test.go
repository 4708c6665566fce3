package verify

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vigie-sante/vigie/internal/shared"
)

// The fuzz targets check properties beyond "no panic": a verdict's host is
// a canonical ASCII host or IP address, official means the host is under a
// registered domain, and checking is deterministic. Seeds come from the
// conformance data in ../shared when it is there, and from the corpora.

// seedHosts adds hosts from the benign list and from the WPT URL tests.
func seedURLs(f *testing.F, asHosts bool) {
	for _, s := range []string{"assure.ameli.fr", "https://assure.ameli.fr@evil.example/", "xn--ameli-.fr",
		"ＡＭＥＬＩ。ｆｒ", "0x7f.1", "[::ffff:1.2.3.4]", "harrnonie-mutuelle.fr", "ameli.fr.secure-login.com",
		"https:\\\\ameli.fr\\x", "javascript:alert(1)", "xn--amel-o9d.fr", "a..b", "%41meli.fr"} {
		f.Add(s)
	}
	if file, err := os.Open("testdata/benign-hosts.txt"); err == nil {
		sc := bufio.NewScanner(file)
		for n := 0; sc.Scan() && n < 200; n++ {
			if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
				f.Add(l)
			}
		}
		file.Close()
	}
	data, err := os.ReadFile(shared.Path("conformance/urltestdata.json"))
	if err != nil {
		return // the shared data is absent: the seeds above suffice
	}
	var cases []json.RawMessage
	if json.Unmarshal(data, &cases) != nil {
		return
	}
	for _, raw := range cases {
		var c struct {
			Input    string `json:"input"`
			Hostname string `json:"hostname"`
		}
		if json.Unmarshal(raw, &c) == nil && c.Input != "" {
			if asHosts {
				f.Add(c.Hostname)
			} else {
				f.Add(c.Input)
			}
		}
	}
}

// checkVerdict asserts the properties every verdict must have.
func checkVerdict(t *testing.T, c *Checker, in string, v Verdict) {
	t.Helper()
	if v.Host != "" && !canonicalHost(v.Host) {
		t.Fatalf("%q: host %q is not a canonical ASCII host", in, v.Host)
	}
	if v.Status == Official {
		if _, _, ok := c.Registry().Lookup(v.Host); !ok {
			t.Fatalf("%q: official, but %q is under no registered domain", in, v.Host)
		}
		if v.Organization == nil || v.Target == "" {
			t.Fatalf("%q: official without organisation or target", in)
		}
	}
	if (v.Status == Lookalike) != (v.Organization != nil && v.Status == Lookalike) {
		t.Fatalf("%q: lookalike without organisation", in)
	}
	for _, r := range v.Reasons {
		if r.Code == "" || !utf8.ValidString(r.Detail) {
			t.Fatalf("%q: bad reason %+v", in, r)
		}
	}
}

// canonicalHost accepts what a URL parser serialises: lowercase ASCII
// without forbidden characters, or a bracketed IPv6 address.
func canonicalHost(h string) bool {
	if strings.HasPrefix(h, "[") {
		return strings.HasSuffix(h, "]") && strings.Trim(h[1:len(h)-1], "0123456789abcdef:") == ""
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if c <= ' ' || c >= 0x7f || 'A' <= c && c <= 'Z' || strings.IndexByte("#%/:<>?@[\\]^|", c) >= 0 {
			return false
		}
	}
	return true
}

func FuzzHost(f *testing.F) {
	seedURLs(f, true)
	c := Default()
	f.Fuzz(func(t *testing.T, in string) {
		v := c.Host(in)
		checkVerdict(t, c, in, v)
		again := c.Host(in)
		if v.Status != again.Status || v.Host != again.Host || v.Target != again.Target {
			t.Fatalf("%q: not deterministic", in)
		}
		if v.Status != Invalid && v.Host != "" {
			// The host a verdict names is canonical: checked again it
			// gives the same answer.
			if w := c.Host(v.Host); w.Status != v.Status || w.Host != v.Host {
				t.Fatalf("%q: host %q checks as %s %q, not %s", in, v.Host, w.Status, w.Host, v.Status)
			}
		}
	})
}

func FuzzURL(f *testing.F) {
	seedURLs(f, false)
	c := Default()
	f.Fuzz(func(t *testing.T, in string) {
		v := c.URL(in)
		checkVerdict(t, c, in, v)
		if again := c.URL(in); v.Status != again.Status || v.Host != again.Host {
			t.Fatalf("%q: not deterministic", in)
		}
		if v.Status == Official && strings.Contains(in, "@") {
			// Userinfo is never official: "@" must then be in the
			// path, query or fragment.
			if u := c.URL(in); u.Has(CodeUserinfo) {
				t.Fatalf("%q: official with userinfo", in)
			}
		}
	})
}

func FuzzSender(f *testing.F) {
	for _, s := range []string{"Assurance Maladie <assurance-maladie@info.ameli.fr>", `"a@b.c" <d@e.f>`,
		"=?ISO-8859-1?Q?S=E9curit=E9?= <x@ameli-remboursement.com>", "<<<@@@>>>", "x@[127.0.0.1]", "a, b, c"} {
		f.Add(s)
	}
	c := Default()
	f.Fuzz(func(t *testing.T, in string) {
		checkVerdict(t, c, in, c.Sender(in))
	})
}

func FuzzMessage(f *testing.F) {
	files, _ := filepath.Glob("testdata/mail/*.eml")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	c, err := New(Default().Registry(), WithTrustedAuthServIDs("mx.vigie.example"), WithMaxMessageSize(1<<20))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := c.Message(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("a bytes.Reader never fails, yet: %v", err)
		}
		checkVerdict(t, c, "message", rep.Verdict)
		for _, l := range rep.Links {
			checkVerdict(t, c, l.URL, l.Verdict)
		}
		if rep.Status == Official && !rep.Has(CodeDMARCPass) {
			t.Fatalf("official message without a trusted DMARC pass: %v", rep.Reasons)
		}
	})
}
