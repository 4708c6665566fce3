package verify

import (
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie/internal/inputkind"
	"github.com/vigie-sante/vigie/verify/internal/redirectors"
	"github.com/vigie-sante/vigie/verify/internal/whatwg"
)

// maxUnwrap bounds the browser schemes and redirectors undone on one link
// ("microsoft-edge:" around a google.com/url around a bing.com/ck/a...),
// and maxDests the pages one of them may open (an intent's page and its
// fallback; a redirector given two destinations): deeper nesting or more
// destinations are themselves Suspicious, and a link costs at most
// maxDests^maxUnwrap checks.
const (
	maxUnwrap = 4
	maxDests  = 2
	// maxFlatDests bounds the destinations of one over-full wrapping read
	// as plain URLs (not unwrapped further); past it the rest are only
	// counted, and the link stays Suspicious at least.
	maxFlatDests = 16
)

// A wrapping is a link that opens another: through an application's
// scheme that hands a web page to a browser, or through a redirector that
// writes its destination in the link.
type wrapping struct {
	code Code   // CodeBrowserScheme or CodeRedirector
	via  string // "microsoft-edge:", "bing.com/ck/a"
	// dests are the web pages it may open; none when they cannot be read.
	dests []string
	// unread: some other destination is written that cannot be read as
	// a web page; the redirector may follow it, so the link is not
	// Official.
	unread bool
}

// unwrap reads what link opens, when it wraps another link.
func unwrap(link string) (wrapping, bool) {
	s := inputkind.TrimLeftC0OrSpace(link)
	if w, ok := browserScheme(s); ok {
		return w, true
	}
	if !strings.HasPrefix(strings.ToLower(s), "http") {
		return wrapping{}, false
	}
	u, err := whatwg.ParseURL(s)
	if err != nil || !u.Special() {
		return wrapping{}, false
	}
	r, ok := redirectors.Match(u.Host, u.Path)
	if !ok {
		return wrapping{}, false
	}
	values := r.Values(u.Path, u.Query)
	w := wrapping{code: CodeRedirector, via: r.Name(), dests: r.Destinations(u.Path, u.Query)}
	w.unread = len(w.dests) < len(values)
	return w, true
}

// browserSchemes are the schemes of browsers and of Android that open a web
// page: what follows the prefix is the page, with the scheme given.
var browserSchemes = []struct{ prefix, scheme string }{
	{"x-safari-https://", "https://"},
	{"x-safari-http://", "http://"},
	{"googlechromes://", "https://"},
	{"googlechrome://", "http://"},
	{"microsoft-edge-https://", "https://"},
	{"microsoft-edge-http://", "http://"},
	{"microsoft-edge:", ""},
	{"view-source:", ""},
}

// browserScheme reads the page an application's scheme opens in a
// browser: "microsoft-edge:https://...", "x-safari-https://...",
// "firefox://open-url?url=...", and Android's
// "intent://host/path#Intent;scheme=https;end", with its
// browser_fallback_url, which opens when the app named is missing.
func browserScheme(s string) (wrapping, bool) {
	lower := strings.ToLower(s)
	for _, b := range browserSchemes {
		if strings.HasPrefix(lower, b.prefix) {
			rest := s[len(b.prefix):]
			if b.scheme == "" && !hasScheme(rest) {
				rest = "https://" + strings.TrimLeft(rest, "/")
			}
			return wrapping{code: CodeBrowserScheme, via: b.prefix, dests: webOnly(b.scheme + rest)}, true
		}
	}
	switch {
	case openURL(lower):
		query := s[strings.IndexByte(s, '?')+1:]
		return wrapping{code: CodeBrowserScheme, via: s[:strings.Index(s, "://")+3], dests: webOnly(redirectors.QueryValues(query, "url")...)}, true
	case strings.HasPrefix(lower, "intent:"):
		return intent(s)
	}
	return wrapping{}, false
}

// openURL reports an iOS browser's "SCHEME://open-url?url=..." link, the
// convention of Firefox, Firefox Focus, Brave and Opera: any scheme with
// that shape opens its url parameter in a browser.
func openURL(lower string) bool {
	i := strings.Index(lower, "://open-url?")
	return i > 0 && !strings.ContainsAny(lower[:i], "/?#")
}

// intent reads an Android intent URL: "intent://HOST/PATH#Intent;
// scheme=https;package=...;S.browser_fallback_url=...;end". With an http
// or https scheme it opens HOST/PATH in a browser; its fallback URL opens
// when the package named is not installed. Both are pages it may open.
func intent(s string) (wrapping, bool) {
	body, params, _ := strings.Cut(s[len("intent:"):], "#Intent;")
	w := wrapping{code: CodeBrowserScheme, via: "intent:"}
	web := false
	for _, p := range strings.Split(params, ";") {
		// Android decodes keys and values with Uri.decode, which keeps
		// going past an invalid escape (it becomes U+FFFD): an escape
		// Go would refuse must not hide the fallback.
		k, v, _ := strings.Cut(p, "=")
		k, v = whatwg.PercentDecode(k), whatwg.PercentDecode(v)
		switch k {
		case "scheme":
			if v = strings.ToLower(v); v == "http" || v == "https" {
				w.dests = append(w.dests, v+":"+body)
				web = true
			}
		case "S.browser_fallback_url":
			w.dests = append(w.dests, webOnly(v)...)
			web = true
		}
	}
	return w, web
}

// webOnly keeps the http and https URLs, read as a browser reads them
// (controls and spaces trimmed, tabs and newlines removed).
func webOnly(links ...string) []string {
	var out []string
	for _, l := range links {
		if u, err := whatwg.ParseURL(l); err == nil && (u.Scheme == "https" || u.Scheme == "http") {
			out = append(out, l)
		}
	}
	return out
}

// judgeWrapped judges a link that wraps others by the pages it may open,
// the worst of them, with a reason that says how; one whose pages cannot
// be read, or nested too deep, is at least Suspicious.
func (c *Checker) judgeWrapped(rs *resolution, link string, w wrapping, depth int) Verdict {
	if len(w.dests) == 0 || len(w.dests) > maxDests || depth >= maxUnwrap {
		v := c.URL(link)
		why := fmt.Sprintf("%s goes through %s, and where it leads cannot be read from the link", truncate(link, 100), w.via)
		switch {
		case depth >= maxUnwrap:
			why = fmt.Sprintf("%s is wrapped in more than %d redirectors or browser schemes", truncate(link, 100), maxUnwrap)
		case len(w.dests) > maxDests:
			why = fmt.Sprintf("%s goes through %s to any of %d destinations", truncate(link, 100), w.via, len(w.dests))
			// Too many to follow through further wrappings, but each
			// is still read as a plain URL, so that a lookalike among
			// them is not softened to Suspicious by its company.
			for _, d := range w.dests[:min(len(w.dests), maxFlatDests)] {
				if dv := c.URL(d); dv.Status.Worse(v.Status) {
					v = dv
				}
			}
		}
		if Suspicious.Worse(v.Status) {
			v.Status = Suspicious
		}
		v.Reasons = append([]Reason{{w.code, strings.ToValidUTF8(why, "\uFFFD")}}, v.Reasons...)
		return v
	}
	var worst Verdict
	for i, d := range w.dests {
		v := c.judgeLinkDepth(rs, d, depth+1)
		if i == 0 || v.Status.Worse(worst.Status) {
			worst = v
		}
	}
	if w.unread {
		worst.Reasons = append(append([]Reason(nil), worst.Reasons...), Reason{w.code, strings.ToValidUTF8(
			fmt.Sprintf("%s also names a destination that cannot be read as a web address", truncate(link, 100)), "\uFFFD")})
		if Suspicious.Worse(worst.Status) {
			worst.Status = Suspicious
		}
	}
	verb := "opens"
	if w.code == CodeRedirector {
		verb = "redirects to"
	}
	dests := make([]string, len(w.dests))
	for i, d := range w.dests {
		dests[i] = truncate(d, 200)
	}
	// A decoded destination may hold bytes that are not UTF-8.
	worst.Reasons = append(append([]Reason(nil), worst.Reasons...), Reason{w.code, strings.ToValidUTF8(
		fmt.Sprintf("%s %s %s through %s", truncate(link, 100), verb, strings.Join(dests, " or "), w.via), "�")})
	return worst
}
