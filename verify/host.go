package verify

import (
	"errors"
	"strings"

	"github.com/vigie-sante/vigie/verify/internal/lookalike"
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
	return c.judgeHost(h, kind)
}

// judgeHost gives the verdict on a parsed host.
func (c *Checker) judgeHost(h string, kind whatwg.Kind) Verdict {
	if kind == whatwg.IPv4 || kind == whatwg.IPv6 {
		return Verdict{Status: Suspicious, Host: h, Reasons: []Reason{{CodeIPAddress,
			h + " is an IP address; official sites are reached by name"}}}
	}
	if p := dnsProblem(h); p != "" {
		return Verdict{Status: Invalid, Host: h, Reasons: []Reason{{CodeInvalidHost, p}}}
	}
	if org, domain, ok := c.reg.Lookup(h); ok {
		rs, exact := c.official[strings.TrimSuffix(h, ".")]
		if !exact {
			rs = c.official[domain]
		}
		return Verdict{Status: Official, Host: h, Organization: org, Target: domain, Reasons: rs}
	}
	if v, ok := c.lookalikeVerdict(h); ok {
		return v
	}
	if strings.Contains(h, "xn--") {
		if why := lookalike.UnsafeIDN(h); why != "" {
			return Verdict{Status: Suspicious, Host: h, Reasons: []Reason{{CodeIDNSpoof, why}}}
		}
	}
	return Verdict{Status: Unknown, Host: h}
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
	for rest := name; ; {
		label, after, more := strings.Cut(rest, ".")
		if label == "" {
			return "the host has an empty label, which DNS cannot resolve"
		}
		if len(label) > 63 {
			return "a label of the host is longer than the 63 bytes DNS allows"
		}
		if !more {
			return ""
		}
		rest = after
	}
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
