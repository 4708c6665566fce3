package verify

import (
	"errors"
	"strings"

	"golang.org/x/net/idna"

	"github.com/vigie-sante/vigie/verify/internal/lookalike"
	"github.com/vigie-sante/vigie/verify/internal/namespaces"
	"github.com/vigie-sante/vigie/verify/internal/whatwg"
)

// Host checks a host name as it would appear in a URL between "//" and the
// port: it is read by the URL Standard's host parser (percent-decoding, UTS
// #46 mapping, IPv4 in all its forms, IPv6 in brackets), then judged. A port,
// path or userinfo makes it Invalid: check such input with [Checker.URL].
//
// A host already in canonical form (lowercase ASCII) that is official or
// unknown is checked without allocating.
func (c *Checker) Host(host string) Verdict {
	c = c.orDefault()
	h, kind, err := whatwg.ParseHost(host)
	if err != nil {
		return invalidHost(host, err)
	}
	// Field by field from the one judgeHostInto wrote: returned whole,
	// it would be copied with wide loads that stall on its narrow stores.
	var v Verdict
	c.judgeHostInto(&v, h, kind, true)
	return Verdict{Status: v.Status, Host: v.Host, Organization: v.Organization, Target: v.Target, Reasons: v.Reasons}
}

// senderHost checks the domain of an email address as Host does, except
// that a restricted namespace gives it no pass: a From header can name a
// gouv.fr domain that does not exist ("info@impôt.gouv.fr"), which no
// browser visits and no State service owns.
func (c *Checker) senderHost(host string) Verdict {
	if strings.ContainsRune(host, '%') {
		// Percent-encoding is URL syntax: no mail system decodes
		// "ameli%2efr" to ameli.fr, which the host parser would.
		return Verdict{Status: Invalid, Reasons: []Reason{{CodeInvalidHost,
			quoteInput(host) + " holds '%': percent-encoding has no place in a mail domain"}}}
	}
	h, kind, err := whatwg.ParseHost(host)
	if err != nil {
		return invalidHost(host, err)
	}
	var v Verdict
	c.judgeHostInto(&v, h, kind, false)
	if v.Status == Official && mappedMailDomain(host, h) {
		// Browsers map full-width letters, invisible characters and
		// look-alike dots (UTS #46); mail systems do not all do so, and
		// an official sender writes its domain as it is registered.
		v = Verdict{Status: Lookalike, Host: h, Organization: v.Organization, Target: v.Target, Reasons: []Reason{{CodeHomoglyph,
			quoteInput(host) + " is written with characters that read as " + h + " but are not it (full-width letters, invisible characters, a look-alike dot)"}}}
	}
	return v
}

// mappedMailDomain reports whether a mail domain, as written, is not the
// host it was parsed to (h) in ASCII or Unicode form but for ASCII case:
// "ａｍｅｌｉ.fr", "ame\u00adli.fr" and "ameli。fr" are all read as ameli.fr.
func mappedMailDomain(written, h string) bool {
	if isASCIIString(written) {
		return false
	}
	u, err := idna.ToUnicode(h)
	return err != nil || asciiLower(written) != u
}

// asciiLower lowercases the ASCII letters of s, and only them.
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// judgeHostInto writes in *v the verdict on a parsed host; visited says
// whether it is a host a browser connects to, where only the State
// registers names under gouv.fr, rather than a mail domain anyone can
// write. The verdict goes through a pointer: a Verdict returned from call
// to call is stored, copied and loaded again at each, a stall that costs
// an unknown host, the common case, as much as a hash probe.
func (c *Checker) judgeHostInto(v *Verdict, h string, kind whatwg.Kind, visited bool) {
	if kind == whatwg.IPv4 || kind == whatwg.IPv6 {
		*v = Verdict{Status: Suspicious, Host: h, Reasons: []Reason{{CodeIPAddress,
			h + " is an IP address; official sites are reached by name"}}}
		return
	}
	if p := dnsProblem(h); p != "" {
		*v = Verdict{Status: Invalid, Host: h, Reasons: []Reason{{CodeInvalidHost, p}}}
		return
	}
	if !c.listed.MayHoldSuffix(strings.TrimSuffix(h, ".")) {
		// Under no registered domain, known lookalike or restricted
		// namespace: only the heuristics are left to ask.
		c.heuristicInto(v, h)
		return
	}
	if org, domain, ok := c.reg.Lookup(h); ok {
		rs, exact := c.official[strings.TrimSuffix(h, ".")]
		if !exact {
			rs = c.official[domain]
		}
		*v = Verdict{Status: Official, Host: h, Organization: org, Target: domain, Reasons: rs}
		return
	}
	if visited {
		if suffix, source, ok := namespaces.Restricted(h); ok {
			if _, _, listed := c.reg.KnownLookalike(h); !listed {
				// Joined, not formatted: State hosts are common in French
				// mail, and Sprintf boxes each argument besides building
				// the string.
				*v = Verdict{Status: Unknown, Host: h, Reasons: []Reason{{CodeStateDomain, h + " is under " + suffix +
					", where only the State registers names (" + sourceName(source) + "); it is not in the registry"}}}
				return
			}
		}
	}
	if lv, ok := c.lookalikeVerdict(h); ok {
		*v = lv
		return
	}
	c.heuristicInto(v, h)
}

// heuristicInto judges a host the registry says nothing about: a
// lookalike the index finds, a suspicious IDN, or unknown.
func (c *Checker) heuristicInto(v *Verdict, h string) {
	if m, ok := c.index.Match(h); ok {
		*v = c.indexVerdict(h, m)
		return
	}
	if whatwg.HasACELabel(h) {
		if why := lookalike.UnsafeIDN(h); why != "" {
			*v = Verdict{Status: Suspicious, Host: h, Reasons: []Reason{{CodeIDNSpoof, why}}}
			return
		}
	}
	*v = Verdict{Status: Unknown, Host: h}
}

// dnsProblem says why a host the URL Standard accepts cannot be a DNS name
// a browser resolves: empty labels ("a..b"), labels over 63 bytes, names
// over 253. It returns "" for a good name.
func dnsProblem(h string) string {
	name := strings.TrimSuffix(h, ".")
	if name == "" {
		return "the host is empty"
	}
	if len(name) > 253 {
		return "the host is longer than the 253 bytes DNS allows"
	}
	// Most names are shorter than a label may be: then only an empty
	// label can be wrong, and a search for ".." finds one inside.
	if len(name) <= 63 && name[0] != '.' && name[len(name)-1] != '.' && !strings.Contains(name, "..") {
		return ""
	}
	start := 0
	for i := 0; i <= len(name); i++ {
		if i < len(name) && name[i] != '.' {
			continue
		}
		switch {
		case i == start:
			return "the host has an empty label, which DNS cannot resolve"
		case i-start > 63:
			return "a label of the host is longer than the 63 bytes DNS allows"
		}
		start = i + 1
	}
	return ""
}

func invalidHost(input string, err error) Verdict {
	detail := errText(err)
	if errors.Is(err, whatwg.ErrForbidden) && strings.ContainsAny(input, ":/@?#") {
		detail += " (a host has no port, path or userinfo: check it as a URL)"
	}
	code := CodeInvalidHost
	if errors.Is(err, whatwg.ErrTooLong) {
		code = CodeTooLong
	}
	return Verdict{Status: Invalid, Reasons: []Reason{{code, detail}}}
}

// sourceName shortens a namespace's source to its first clause, for a
// reason's detail.
func sourceName(source string) string {
	if i := strings.IndexAny(source, ":("); i > 0 {
		return strings.TrimSpace(source[:i])
	}
	return source
}
