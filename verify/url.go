package verify

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/verify/internal/whatwg"
)

// URL checks a link. It is parsed exactly as a browser parses an absolute
// URL (WHATWG URL Standard): leading and trailing spaces and controls
// trimmed, tabs and newlines removed, backslashes read as slashes, userinfo
// split off, the host percent-decoded and mapped by UTS #46. The verdict is
// about the host the browser would connect to, then:
//
//   - a URL with a user name or password is at best Suspicious, never
//     Official, and an official name in that userinfo makes it a Lookalike
//     (brand-in-userinfo);
//   - an official domain in the path of a URL that goes elsewhere makes it
//     Suspicious, in the query or fragment it only adds a reason
//     (brand-in-path), since search and archive links carry them honestly;
//   - javascript:, data:, vbscript:, blob: and file: URLs are Suspicious,
//     other schemes without a host to visit (mailto:, tel:) Unknown;
//   - a link without a scheme ("ameli.fr/login", "ameli.fr:443") is read
//     as http://, as a browser's address bar does (no-scheme).
func (c *Checker) URL(rawURL string) Verdict {
	c = c.orDefault()
	if len(rawURL) > c.opts.maxURLLength {
		return c.refusedURL(rawURL, Reason{CodeTooLong,
			fmt.Sprintf("the URL is %d bytes, more than the %d allowed", len(rawURL), c.opts.maxURLLength)})
	}
	if !utf8.ValidString(rawURL) {
		return Verdict{Status: Invalid, Reasons: []Reason{{CodeInvalidURL, "the URL is not valid UTF-8"}}}
	}
	var noScheme []Reason
	if !hasScheme(rawURL) {
		rawURL = "http://" + strings.TrimLeft(rawURL, c0OrSpace)
		noScheme = []Reason{{CodeNoScheme, "the link has no scheme; read as " + truncate(rawURL, 100)}}
	}
	u, err := whatwg.ParseURL(rawURL)
	if err != nil {
		code := CodeInvalidURL
		switch {
		case errors.Is(err, whatwg.ErrTooLong):
			return c.refusedURL(rawURL, Reason{CodeTooLong, errText(err)}, noScheme...)
		case isHostError(err):
			code = CodeInvalidHost
		}
		return Verdict{Status: Invalid, Reasons: append([]Reason{{code, errText(err)}}, noScheme...)}
	}
	if !u.Network() {
		return schemeVerdict(u, noScheme)
	}
	v := c.judgeHost(u.Host, u.HostKind)
	if v.Status == Invalid {
		v.Reasons = append(append([]Reason(nil), v.Reasons...), noScheme...)
		return v
	}
	var extra []Reason
	if u.Username != "" || u.Password != "" {
		extra = append(extra, Reason{CodeUserinfo, "the URL carries credentials before its host " + v.Host +
			"; a browser opens " + v.Host + ", whatever they say"})
		if Suspicious.Worse(v.Status) {
			v.Status = Suspicious
		}
		if m, ok := c.officialName(unescape(u.Username+":"+u.Password), true); ok && m.org != v.Organization {
			extra = append([]Reason{{CodeBrandInUserinfo, fmt.Sprintf("%q, an official name of %s, is in the userinfo; the browser opens %s", m.name, m.org.Name, v.Host)}}, extra...)
			if v.Status != Lookalike {
				v.Status, v.Organization, v.Target = Lookalike, m.org, m.domain
			}
		}
	}
	if v.Status != Official {
		if m, inPath, ok := c.officialNameInPath(u); ok && m.org != v.Organization {
			extra = append(extra, Reason{CodeBrandInPath, fmt.Sprintf("%s, a domain of %s, is in the URL, whose host is %s", m.name, m.org.Name, v.Host)})
			if inPath && Suspicious.Worse(v.Status) {
				v.Status = Suspicious
				if v.Organization == nil {
					v.Organization, v.Target = m.org, m.domain
				}
			}
		}
	}
	if len(extra) > 0 || len(noScheme) > 0 {
		v.Reasons = append(append(append([]Reason(nil), extra...), v.Reasons...), noScheme...)
	}
	return v
}

// refusedURL answers for a URL too long or too oddly shaped to parse. It is
// Invalid, unless the host its authority names is, alone, a lookalike or
// suspicious: padding a link must never soften its verdict.
func (c *Checker) refusedURL(raw string, why Reason, extra ...Reason) Verdict {
	refused := Verdict{Status: Invalid, Reasons: append([]Reason{why}, extra...)}
	if !hasScheme(raw) {
		raw = "http://" + strings.TrimLeft(raw, c0OrSpace)
	}
	scheme, _, ok := strings.Cut(strings.TrimLeft(raw, c0OrSpace), ":")
	if !ok || len(scheme) > 32 {
		return refused
	}
	authority := whatwg.Authority(raw)
	// The browser connects to what follows the last '@'.
	hostPort := authority[strings.LastIndexByte(authority, '@')+1:]
	if hostPort == "" || len(hostPort) > whatwg.MaxAuthority {
		return refused
	}
	// The host is judged directly, not through URL: the probe may be
	// longer than a small WithMaxURLLength, and URL would send it back
	// here for ever.
	u, err := whatwg.ParseURL(scheme + "://" + hostPort + "/")
	if err != nil || !u.Network() {
		return refused
	}
	v := c.judgeHost(u.Host, u.HostKind)
	if v.Status != Lookalike && v.Status != Suspicious {
		return refused
	}
	v.Reasons = append(append(append([]Reason(nil), v.Reasons...), why), extra...)
	if strings.Contains(authority, "@") {
		v.Reasons = append(v.Reasons, Reason{CodeUserinfo, "the URL carries credentials before its host " + v.Host})
	}
	return v
}

// c0OrSpace are the characters the URL Standard trims from both ends of
// its input.
const c0OrSpace = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\v\f\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "

// hasScheme reports whether s starts with a URL scheme the way a person
// means one: "https:", "mailto:", but not "ameli.fr:443" (a host and port)
// or "1.2.3.4:80".
func hasScheme(s string) bool {
	s = strings.TrimLeft(s, c0OrSpace)
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		switch {
		case 'a' <= c && c <= 'z':
		case i > 0 && ('0' <= s[i] && s[i] <= '9' || s[i] == '+' || s[i] == '-'):
		case s[i] == '\t' || s[i] == '\n' || s[i] == '\r':
			// The URL parser removes these anywhere.
		case s[i] == ':':
			return i > 0
		default:
			// A '.' makes it a host name, anything else not a scheme.
			return false
		}
	}
	return false
}

var dangerousSchemes = map[string]bool{"javascript": true, "data": true, "vbscript": true, "blob": true, "file": true}

func schemeVerdict(u *whatwg.URL, extra []Reason) Verdict {
	if dangerousSchemes[u.Scheme] {
		return Verdict{Status: Suspicious, Host: u.Host, Reasons: append([]Reason{{CodeDangerousScheme,
			u.Scheme + ": URLs run or open content instead of visiting a site"}}, extra...)}
	}
	return Verdict{Status: Unknown, Reasons: append([]Reason{{CodeUnsupportedScheme,
		u.Scheme + ": URLs have no site to visit"}}, extra...)}
}

func isHostError(err error) bool {
	for _, e := range []error{whatwg.ErrEmptyHost, whatwg.ErrInvalidUTF8, whatwg.ErrForbidden, whatwg.ErrIDNA, whatwg.ErrIPv4, whatwg.ErrIPv6} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// A nameMatch is an official name found in free text.
type nameMatch struct {
	org    *domains.Organization
	name   string // as written
	domain string // the registered domain it names
}

// officialName finds an official name in free text such as a URL's
// userinfo: a registered domain or login host, or, when labels is true, the
// name part of a registered domain ("harmonie-mutuelle") if it is at least
// 5 characters long, so that "alan@" or "axa@" stays a plain user name.
func (c *Checker) officialName(s string, labels bool) (nameMatch, bool) {
	s = strings.ToLower(s)
	for _, tok := range strings.FieldsFunc(s, notHostChar) {
		tok = strings.Trim(tok, ".-")
		if strings.Contains(tok, ".") {
			if org, d, ok := c.reg.Lookup(tok); ok {
				return nameMatch{org, tok, d}, true
			}
		}
		if !labels {
			continue
		}
		for _, l := range strings.Split(tok, ".") {
			if b, ok := c.brands[l]; ok && len(l) >= 5 {
				return nameMatch{b.org, l, b.domain}, true
			}
		}
	}
	return nameMatch{}, false
}

// officialNameInPath looks for a registered domain in the URL after its
// host; inPath says whether it was in the path itself rather than the query
// or fragment.
func (c *Checker) officialNameInPath(u *whatwg.URL) (m nameMatch, inPath, ok bool) {
	if m, ok := c.officialName(unescape(u.Path), false); ok {
		return m, true, true
	}
	if m, ok := c.officialName(unescape(u.Query+" "+u.Fragment), false); ok {
		return m, false, true
	}
	return nameMatch{}, false, false
}

func notHostChar(r rune) bool {
	return !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '.' || r == '-')
}

func unescape(s string) string {
	if d, err := url.PathUnescape(s); err == nil {
		return d
	}
	return s
}

// truncate shortens s to at most n bytes for a detail, on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// errText is an error's message made safe for a reason's detail: parsers
// quote the input they choke on, which may not be valid UTF-8.
func errText(err error) string { return strings.ToValidUTF8(err.Error(), "\uFFFD") }
