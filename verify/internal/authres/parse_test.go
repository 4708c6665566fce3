package authres

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dmarc returns the DMARC results of h: value and header.from.
func dmarc(h Header) [][2]string {
	var out [][2]string
	for _, r := range h.Results {
		if r.Method == "dmarc" {
			from, _ := r.Property("header", "from")
			out = append(out, [2]string{r.Value, from})
		}
	}
	return out
}

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		name, in    string
		id, version string
		dmarc       [][2]string
		methods     []string
	}{
		{"plain", "mx.example.org; dmarc=pass header.from=ameli.fr", "mx.example.org", "", [][2]string{{"pass", "ameli.fr"}}, []string{"dmarc"}},
		{"row 5: a quoted ';' in smtp.mailfrom is one value",
			`mx.example.org; spf=pass smtp.mailfrom="a;dmarc=pass header.from=info.ameli.fr;b=c"@evil.com`,
			"mx.example.org", "", nil, []string{"spf"}},
		{"row 7: a version token", "mx.example.org 2; dmarc=fail header.from=info.ameli.fr", "mx.example.org", "2", [][2]string{{"fail", "info.ameli.fr"}}, []string{"dmarc"}},
		{"version with a comment", "mx.example.org (x) 1 (y); dmarc=none", "mx.example.org", "1", [][2]string{{"none", ""}}, []string{"dmarc"}},
		{"comments with ';' and nesting", "mx; spf=pass (sender SPF authorized; (nested; yes) ok) smtp.mailfrom=a.fr; dmarc=fail (p=reject) header.from=a.fr",
			"mx", "", [][2]string{{"fail", "a.fr"}}, []string{"spf", "dmarc"}},
		{"quoted pair in a comment", `mx; spf=pass (a \) still a comment; dmarc=pass) smtp.mailfrom=a.fr`, "mx", "", nil, []string{"spf"}},
		{"quoted authserv-id", `"mx.example.org"; dmarc=pass header.from=a.fr`, "mx.example.org", "", [][2]string{{"pass", "a.fr"}}, []string{"dmarc"}},
		{"quoted whole value", `mx; dmarc=pass header.from="a.fr"`, "mx", "", [][2]string{{"pass", "a.fr"}}, []string{"dmarc"}},
		{"no result", "mx.example.org 1; none", "mx.example.org", "1", nil, nil},
		{"trailing ';'", "mx; dkim=pass header.d=a.fr;", "mx", "", nil, []string{"dkim"}},
		{"method version and reason", `mx; dkim/1=pass reason="good; key" header.d=a.fr header.b=Ab/c+D=`, "mx", "", nil, []string{"dkim"}},
		{"Microsoft bare properties", "spf.protection.outlook.com; spf=pass (sender IP is 1.2.3.4) smtp.mailfrom=a.fr; dmarc=pass action=none header.from=a.fr;compauth=pass reason=100",
			"spf.protection.outlook.com", "", [][2]string{{"pass", "a.fr"}}, []string{"spf", "dmarc", "compauth"}},
		{"folded", "mx;\r\n\tdmarc=pass\r\n header.from=a.fr", "mx", "", [][2]string{{"pass", "a.fr"}}, []string{"dmarc"}},
		{"case", "MX; DMARC=PASS Header.From=A.fr", "MX", "", [][2]string{{"pass", "A.fr"}}, []string{"dmarc"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h, err := Parse(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.id, h.AuthServID)
			assert.Equal(t, tt.version, h.Version)
			assert.Equal(t, tt.dmarc, dmarc(h))
			var methods []string
			for _, r := range h.Results {
				methods = append(methods, r.Method)
			}
			assert.Equal(t, tt.methods, methods)
		})
	}
}

func TestParseQuotedMailFrom(t *testing.T) {
	h, err := Parse(`mx; spf=pass smtp.mailfrom="a;dmarc=pass header.from=info.ameli.fr;b=c"@evil.com`)
	require.NoError(t, err)
	require.Len(t, h.Results, 1)
	v, ok := h.Results[0].Property("smtp", "mailfrom")
	require.True(t, ok)
	assert.Equal(t, `"a;dmarc=pass header.from=info.ameli.fr;b=c"@evil.com`, v)
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		// read are the methods read before the error.
		read []string
	}{
		{"row 8: a comment that does not end", "mx; spf=pass (unbalanced ; dmarc=fail header.from=info.ameli.fr", []string{"spf"}},
		{"a quoted string that does not end", `mx; spf=pass smtp.mailfrom="a; dmarc=fail`, []string{"spf"}},
		{"a result without its ';'", "mx; spf=pass dmarc=fail header.from=a.fr", []string{"spf"}},
		{"no result", "mx.example.org", nil},
		{"empty", "", nil},
		{"empty quoted authserv-id (fuzz)", `""; dmarc=pass header.from=a.fr`, nil},
		{"a result without a value", "mx; dmarc", nil},
		{"none then a result", "mx; none; dmarc=pass", nil},
		{"garbage after the id", "mx garbage; dmarc=pass", nil},
		{"a property without a value", "mx; dmarc=pass header.from=", []string{"dmarc"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h, err := Parse(tt.in)
			require.ErrorIs(t, err, ErrSyntax)
			var read []string
			for _, r := range h.Results {
				read = append(read, r.Method)
			}
			assert.Equal(t, tt.read, read)
		})
	}
}

func TestWritten(t *testing.T) {
	for in, want := range map[string][]string{
		"mx; spf=pass (unbalanced ; dmarc=fail header.from=info.ameli.fr": {"fail"},
		"mx; DMARC = None; arc=pass; xdmarc=pass; a.dmarc=pass":           {"none"},
		`mx; spf=pass smtp.mailfrom="dmarc=pass"`:                         {"pass"},
		"mx; arc=pass (i=1 dmarc=fail)":                                   {"fail"},
		"mx; dmarc":                                                       nil,
		"mx; dmarc=":                                                      nil,
		"mx; dmarc/ 1=pass":                                               {"pass"},
		"mx; dmarc / (v) 1 = fail":                                        {"fail"},
	} {
		assert.Equal(t, want, Written(in, "dmarc"), in)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"mx.example.org; dmarc=pass header.from=ameli.fr",
		`mx; spf=pass smtp.mailfrom="a;dmarc=pass header.from=info.ameli.fr;b=c"@evil.com`,
		"mx 2; dmarc=fail (x (y) \\) z) header.from=a.fr; dkim/1=pass reason=\"r\" header.b=a/b+c=",
		"mx; spf=pass (unbalanced ; dmarc=fail",
		"mx; none",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, err := Parse(s)
		for _, r := range h.Results {
			require.NotEmpty(t, r.Method)
			require.NotEmpty(t, r.Value, "%q", s)
		}
		if err == nil && len(h.Results) > 0 {
			require.NotEmpty(t, h.AuthServID)
		}
		// A result Parse reads is written in the field: Written, which
		// reads everything, finds at least as many DMARC results.
		assert.GreaterOrEqual(t, len(Written(s, "dmarc")), len(dmarc(h)), "%q", s)
	})
}

// TestWrittenManyComments: a field of many unterminated comments after a
// method name still finds the result at its end (each comment search is
// bounded, so this is linear).
func TestWrittenManyComments(t *testing.T) {
	s := strings.Repeat("dmarc(", 50000) + "dmarc=fail"
	assert.Equal(t, []string{"fail"}, Written(s, "dmarc"))
}
