// Package redirectors knows the redirectors whose links carry their
// destination written in them (bing.com/ck/a, google.com/url,
// l.facebook.com/l.php, Amazon SES's awstrack.me, Outlook Safe Links),
// listed with their sources in redirectors.txt (embedded), and reads the
// destination out of such a link offline.
package redirectors

import (
	_ "embed"
	"encoding/base64"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/vigie-sante/vigie/verify/internal/whatwg"
)

//go:embed redirectors.txt
var listText string

// A Redirector is one line of the list.
type Redirector struct {
	Host, Path string
	// Params are the query parameters that hold the destination; none
	// when it is the path segment after Path.
	Params   []string
	Encoding string
	Sources  []string
}

var list = mustParse(listText)

// Match returns the redirector a link to host with that path goes
// through, if any. host is lowercase ASCII, as a URL parser gives it.
func Match(host, path string) (*Redirector, bool) {
	host = strings.TrimSuffix(host, ".")
	for i := range list {
		r := &list[i]
		if (host == r.Host || strings.HasSuffix(host, "."+r.Host)) && strings.HasPrefix(path, r.Path) {
			return r, true
		}
	}
	return nil, false
}

// Destinations reads the destinations written in a link through r, whose
// path and query (without '?') are given as a browser sends them. Every
// value of the parameters is returned: a redirector given two may follow
// either. None means the destination cannot be read.
func (r *Redirector) Destinations(path, query string) []string {
	var dests []string
	for _, v := range r.Values(path, query) {
		if d, ok := Destination(v); ok {
			dests = append(dests, d)
		}
	}
	return dests
}

// Values returns every value written where r keeps its destination,
// decoded; those that are no web address a browser would follow
// ([Destination]) are the destinations that cannot be read.
func (r *Redirector) Values(path, query string) []string {
	var raw []string
	if len(r.Params) == 0 {
		seg := strings.TrimPrefix(path, r.Path)
		if i := strings.IndexByte(seg, '/'); i >= 0 {
			seg = seg[:i]
		}
		if s, err := url.PathUnescape(seg); err == nil {
			raw = append(raw, s)
		}
	} else {
		for _, p := range r.Params {
			raw = append(raw, QueryValues(query, p)...)
		}
	}
	var out []string
	for _, s := range raw {
		switch r.Encoding {
		case "a1-base64url":
			s = decodeA1(s)
		case "proofpoint-v2":
			s = decodeProofpointV2(s)
		}
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Destination reads v as a browser reads a redirect to it: spaces and
// controls trimmed, tabs and newlines removed ("h\nttps://..."), a
// scheme-relative "//host" on https. It reports false for what is not an
// http or https URL.
func Destination(v string) (string, bool) {
	d, err := whatwg.Resolve("https://redirector.invalid/", v)
	if err != nil || !absolute(d) || strings.HasPrefix(d, "https://redirector.invalid/") {
		return "", false
	}
	return d, true
}

// QueryValues returns every value of the parameter name in query, read as
// a server may read it: split on '&' (the URL Standard's
// application/x-www-form-urlencoded parser), and also on ';' (as some
// servers do), '+' as a space, invalid escapes kept as written. Go's
// url.ParseQuery drops a pair with a ';' or a bad escape, and with it a
// destination the redirector follows.
func QueryValues(query, name string) []string {
	var out []string
	for _, seps := range []string{"&", "&;"} {
		for _, pair := range strings.FieldsFunc(query, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
			k, v, _ := strings.Cut(pair, "=")
			if v = formDecode(v); formDecode(k) == name && !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
	}
	return out
}

func formDecode(s string) string { return whatwg.PercentDecode(strings.ReplaceAll(s, "+", " ")) }

// decodeA1 decodes "a1" followed by base64url, padded or not.
func decodeA1(s string) string {
	rest, ok := strings.CutPrefix(s, "a1")
	if !ok {
		return ""
	}
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(rest, "="))
	if err != nil {
		return ""
	}
	return string(b)
}

// decodeProofpointV2 decodes Proofpoint URL Defense v2: '_' for '/', and
// '-' for '%' in percent escapes.
func decodeProofpointV2(s string) string {
	d, err := url.PathUnescape(strings.NewReplacer("-", "%", "_", "/").Replace(s))
	if err != nil {
		return ""
	}
	return d
}

// absolute reports a URL with an http or https scheme: the only
// destinations a redirector sends a browser to that can be judged.
func absolute(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "https:") || strings.HasPrefix(l, "http:")
}

// Name is how the redirector is named in reasons: "bing.com/ck/a".
func (r *Redirector) Name() string { return r.Host + strings.TrimSuffix(r.Path, "/") }

// List returns the redirectors, in the list's order.
func List() []Redirector { return append([]Redirector(nil), list...) }

func mustParse(text string) []Redirector {
	l, err := parse(text)
	if err != nil {
		panic("redirectors: " + err.Error())
	}
	return l
}

func parse(text string) ([]Redirector, error) {
	var out []Redirector
	for n, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(f) < 5 {
			return nil, fmt.Errorf("line %d: want host, path, where, encoding and a source", n+1)
		}
		r := Redirector{Host: f[0], Path: f[1], Encoding: f[3], Sources: f[4:]}
		switch {
		case f[2] == "path":
		case strings.HasPrefix(f[2], "query:") && len(f[2]) > len("query:"):
			r.Params = strings.Split(strings.TrimPrefix(f[2], "query:"), ",")
		default:
			return nil, fmt.Errorf("line %d: where %q is neither path nor query:NAME", n+1, f[2])
		}
		if r.Encoding != "plain" && r.Encoding != "a1-base64url" && r.Encoding != "proofpoint-v2" {
			return nil, fmt.Errorf("line %d: unknown encoding %q", n+1, r.Encoding)
		}
		if !strings.HasPrefix(r.Path, "/") || r.Host != strings.ToLower(r.Host) || !strings.Contains(r.Host, ".") {
			return nil, fmt.Errorf("line %d: host %q or path %q malformed", n+1, r.Host, r.Path)
		}
		if !strings.HasPrefix(r.Sources[0], "https://") {
			return nil, fmt.Errorf("line %d: the source must start with an https address", n+1)
		}
		out = append(out, r)
	}
	return out, nil
}
