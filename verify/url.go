package verify

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/internal/inputkind"
	"github.com/vigie-sante/vigie/verify/internal/whatwg"
	"golang.org/x/text/unicode/norm"
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
		why := Reason{CodeTooLong, fmt.Sprintf("the URL is %d bytes, more than the %d allowed", len(rawURL), c.opts.maxURLLength)}
		rawURL, noScheme := withScheme(rawURL)
		return c.refusedURL(rawURL, why, noScheme...)
	}
	return c.readURL(rawURL, true)
}

// withScheme reads a link without a scheme ("ameli.fr/login",
// "ameli.fr:443") as http://, as a browser's address bar does, and says so
// in a reason.
func withScheme(rawURL string) (string, []Reason) {
	if hasScheme(rawURL) {
		return rawURL, nil
	}
	rawURL = "http://" + inputkind.TrimLeftC0OrSpace(rawURL)
	return rawURL, []Reason{{CodeNoScheme, "the link has no scheme; read as " + truncate(rawURL, 100)}}
}

// readURL reads and judges a URL whose length has been checked. A URL the
// parser refuses for its shape is passed to refusedURL only if mayRefuse:
// refusedURL judges the host alone through readURL, and must not come back.
func (c *Checker) readURL(rawURL string, mayRefuse bool) Verdict {
	if !utf8.ValidString(rawURL) {
		why := Reason{CodeInvalidURL, "the URL is not valid UTF-8"}
		// A browser decodes a page before reading its links, each
		// invalid byte becoming U+FFFD: after the host, such a byte does
		// not change where the link goes. What is worse than invalid
		// read that way stays so, as for a refused URL.
		v := c.readURL(strings.ToValidUTF8(rawURL, "\uFFFD"), mayRefuse)
		if v.Status != Lookalike && v.Status != Suspicious {
			return Verdict{Status: Invalid, Reasons: []Reason{why}}
		}
		v.Reasons = append(append([]Reason(nil), v.Reasons...), why)
		return v
	}
	rawURL, noScheme := withScheme(rawURL)
	u, err := whatwg.ParseURL(rawURL)
	if err != nil {
		code := CodeInvalidURL
		switch {
		case errors.Is(err, whatwg.ErrTooLong):
			if mayRefuse {
				return c.refusedURL(rawURL, Reason{CodeTooLong, errText(err)}, noScheme...)
			}
			code = CodeTooLong
		case isHostError(err):
			code = CodeInvalidHost
		}
		return Verdict{Status: Invalid, Reasons: append([]Reason{{code, errText(err)}}, noScheme...)}
	}
	if !u.Network() {
		v := schemeVerdict(&u, noScheme)
		if u.Scheme == "mailto" {
			c.judgeRecipients(&v, rawURL)
		}
		return v
	}
	// Judged in place (judgeHostInto): a verdict returned and copied here
	// would be read back with wide loads that stall on its narrow stores.
	var v Verdict
	c.judgeHostInto(&v, u.Host, u.HostKind, true)
	if v.Status == Invalid {
		v.Reasons = append(append([]Reason(nil), v.Reasons...), noScheme...)
		return v
	}
	v, extra := c.judgeAroundHost(v, u.Username != "" || u.Password != "", u.Username+":"+u.Password, u.Path, u.Query, u.Fragment)
	if len(extra) > 0 || len(noScheme) > 0 {
		v.Reasons = append(append(append([]Reason(nil), extra...), v.Reasons...), noScheme...)
	}
	return v
}

// judgeAroundHost adds to v, the verdict on a URL's host, what the rest of
// the URL says: credentials before the host (userinfo, as written or
// percent-encoded) and official names in them or in the path, query and
// fragment. It returns the new verdict and the reasons to put first.
func (c *Checker) judgeAroundHost(v Verdict, hasUserinfo bool, userinfo, path, query, fragment string) (Verdict, []Reason) {
	var extra []Reason
	if hasUserinfo {
		extra = append(extra, Reason{CodeUserinfo, "the URL carries credentials before its host " + v.Host +
			"; a browser opens " + v.Host + ", whatever they say"})
		if Suspicious.Worse(v.Status) {
			v.Status = Suspicious
		}
		// NFKC: "ＡＭＥＬＩ.fr" reads as "ameli.fr" to a person.
		if m, ok := c.officialName(norm.NFKC.String(whatwg.PercentDecode(userinfo)), true); ok && m.org != v.Organization {
			extra = append([]Reason{{CodeBrandInUserinfo, fmt.Sprintf("%q, an official name of %s, is in the userinfo; the browser opens %s", m.name, m.org.Name, v.Host)}}, extra...)
			if v.Status != Lookalike {
				v.Status, v.Organization, v.Target = Lookalike, m.org, m.domain
			}
		}
	}
	if v.Status != Official {
		if m, inPath, ok := c.officialNameInPath(path, query, fragment); ok && m.org != v.Organization {
			extra = append(extra, Reason{CodeBrandInPath, fmt.Sprintf("%s, a domain of %s, is in the URL, whose host is %s", m.name, m.org.Name, v.Host)})
			if inPath && Suspicious.Worse(v.Status) {
				v.Status = Suspicious
				if v.Organization == nil {
					v.Organization, v.Target = m.org, m.domain
				}
			}
		}
	}
	return v, extra
}

// refusedURL answers for a URL too long or too oddly shaped to parse. It is
// Invalid, unless the host its authority names is, alone, a lookalike or
// suspicious: padding a link must never soften its verdict. That host is
// read whatever the length limit: the URL made from it is bounded by
// whatwg.MaxAuthority, and reading it never comes back here.
func (c *Checker) refusedURL(raw string, why Reason, extra ...Reason) Verdict {
	refused := Verdict{Status: Invalid, Reasons: append([]Reason{why}, extra...)}
	scheme, _, ok := strings.Cut(inputkind.TrimLeftC0OrSpace(raw), ":")
	if !ok || len(scheme) > whatwg.MaxURLLength {
		return refused
	}
	if scheme = removeTabNewline(scheme); len(scheme) > 32 {
		return refused
	}
	if v := c.readURL(scheme+":", false); v.Status == Suspicious {
		// javascript:, data:, file: are dangerous however long what
		// follows the scheme.
		v.Reasons = append(append(append([]Reason(nil), v.Reasons...), why), extra...)
		return v
	}
	authority := whatwg.Authority(raw)
	// The browser connects to what follows the last '@'.
	at := strings.LastIndexByte(authority, '@')
	hostPort := authority[at+1:]
	if len(hostPort) > whatwg.MaxURLLength {
		return refused
	}
	// Tabs, newlines and the leading zeros of a port are nothing to a
	// browser ("0000443" is 443), and must not make the host too long
	// to be read.
	host, port := splitPort(removeTabNewline(hostPort))
	if len(port) > 2 && port[1] == '0' {
		digits := strings.TrimLeft(port[1:], "0")
		if digits == "" {
			digits = "0"
		}
		port = ":" + digits
	}
	if len(host)+len(port) > whatwg.MaxAuthority {
		// A host padded with code points browsers drop, or written
		// percent-encoded at length: read alone, in the form a browser
		// connects to, it is short again.
		h, _, err := whatwg.ParseHost(host)
		if err != nil {
			return refused
		}
		host = h
	}
	hostPort = host + port
	if host == "" || len(hostPort) > whatwg.MaxAuthority {
		return refused
	}
	v := c.readURL(scheme+"://"+hostPort+"/", false)
	if v.Status == Invalid {
		return refused
	}
	// What the rest of the URL says counts as it does unpadded: the
	// userinfo, and the path, query and fragment read generously (as
	// written but for tabs and newlines, up to the length a browser
	// opens).
	userinfo := authority[:max(at, 0)]
	if len(userinfo) > whatwg.MaxURLLength {
		userinfo = userinfo[:whatwg.MaxURLLength]
	}
	path, query, fragment := splitAfterAuthority(whatwg.AfterAuthority(raw))
	v, around := c.judgeAroundHost(v, at >= 0, removeTabNewline(userinfo), path, query, fragment)
	if v.Status != Lookalike && v.Status != Suspicious {
		return refused
	}
	v.Reasons = append(append(append(append([]Reason(nil), v.Reasons...), why), extra...), around...)
	return v
}

// removeTabNewline removes the tabs and newlines the URL Standard removes
// from anywhere in its input, returning s itself when it has none.
func removeTabNewline(s string) string {
	if strings.IndexAny(s, "\t\n\r") < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
}

// splitPort splits host:port into the host and the port with its ':'
// ("" when there is none).
func splitPort(hostPort string) (host, port string) {
	i := strings.LastIndexByte(hostPort, ':')
	if i < 0 || i < strings.LastIndexByte(hostPort, ']') {
		return hostPort, ""
	}
	return hostPort[:i], hostPort[i:]
}

// splitAfterAuthority splits what follows a URL's authority into its path,
// query and fragment, as written but for the tabs and newlines a browser
// removes, after cutting it to the longest URL a browser opens: an
// official name beyond that is in no link a browser follows.
func splitAfterAuthority(rest string) (path, query, fragment string) {
	if len(rest) > whatwg.MaxURLLength {
		rest = rest[:whatwg.MaxURLLength]
	}
	rest, fragment, _ = strings.Cut(removeTabNewline(rest), "#")
	path, query, _ = strings.Cut(rest, "?")
	return path, query, fragment
}

// c0OrSpace are the characters the URL Standard trims from both ends of
// its input.
const c0OrSpace = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\v\f\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "

// hasScheme reports whether s starts with a URL scheme the way a person
// means one: "https:", "mailto:", but not "ameli.fr:443" (a host and port)
// or "1.2.3.4:80".
func hasScheme(s string) bool { return inputkind.HasScheme(s) }

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
//
// Tokens are the runs of [a-z0-9.-] once s is lowercased (by Unicode rules:
// the Kelvin sign becomes "k"); a byte outside ASCII is never part of one,
// so s is cut byte by byte, without allocating when it is lowercase ASCII.
func (c *Checker) officialName(s string, labels bool) (nameMatch, bool) {
	s = strings.ToLower(s)
	for s != "" {
		start := 0
		for start < len(s) && !isHostByte(s[start]) {
			start++
		}
		end := start
		for end < len(s) && isHostByte(s[end]) {
			end++
		}
		tok := trimDotsHyphens(s[start:end])
		s = s[end:]
		if strings.IndexByte(tok, '.') >= 0 {
			if org, d, ok := c.reg.Lookup(tok); ok {
				return nameMatch{org, tok, d}, true
			}
		}
		if !labels {
			continue
		}
		for rest := tok; rest != ""; {
			var l string
			l, rest, _ = strings.Cut(rest, ".")
			if b, ok := c.brands[l]; ok && len(l) >= 5 {
				return nameMatch{b.org, l, b.domain}, true
			}
		}
	}
	return nameMatch{}, false
}

// officialNameInPath looks for a registered domain in the URL after its
// host; inPath says whether it was in the path itself rather than the query
// or fragment. Each part is percent-decoded on its own, so that a stray '%'
// in one cannot keep another from being read.
func (c *Checker) officialNameInPath(path, query, fragment string) (m nameMatch, inPath, ok bool) {
	if m, ok := c.officialName(whatwg.PercentDecode(path), false); ok {
		return m, true, true
	}
	for _, part := range [...]string{query, fragment} {
		if m, ok := c.officialName(whatwg.PercentDecode(part), false); ok {
			return m, false, true
		}
	}
	return nameMatch{}, false, false
}

func isHostByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-'
}

func trimDotsHyphens(s string) string {
	for s != "" && (s[0] == '.' || s[0] == '-') {
		s = s[1:]
	}
	for s != "" && (s[len(s)-1] == '.' || s[len(s)-1] == '-') {
		s = s[:len(s)-1]
	}
	return s
}

// truncate shortens s to at most n bytes for a detail, on a rune boundary.
func truncate(s string, n int) string {
	if !utf8.ValidString(s) {
		// A reason's detail is read by people and JSON encoders: what a
		// link decodes to (mailto:a@b%80) may not be text.
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
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
