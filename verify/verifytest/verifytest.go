// Package verifytest asserts domain rules in tests: that a link is
// official, that it is not, that every link of a mail or SMS template leads
// to an official domain, so that an insurer's own CI keeps members from
// ever being trained to click a lookalike.
//
// The assertions work with the standard *testing.T and with anything that
// has testify's TestingT method set (Errorf). Each returns whether it held,
// and on failure says what was found and why: the verdict, the official
// domain matched or imitated, and the reasons.
package verifytest

import (
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie/internal/inputkind"
	"github.com/vigie-sante/vigie/verify"
)

// TestingT is the part of *testing.T the assertions use; testify's
// assert.TestingT is the same.
type TestingT interface {
	Errorf(format string, args ...any)
}

// helper is the part of *testing.T that marks a function as a helper, so
// that a failure is reported at the caller's line. Each assertion calls
// Helper itself: testing marks the function that calls it, so a shared
// wrapper would mark only the wrapper.
type helper interface{ Helper() }

func checker(c *verify.Checker) *verify.Checker {
	if c == nil {
		return verify.Default()
	}
	return c
}

// AssertOfficial asserts that url leads to an official domain of the
// checker's registry (nil means the embedded registry).
func AssertOfficial(t TestingT, c *verify.Checker, url string, msgAndArgs ...any) bool {
	if h, ok := t.(helper); ok {
		h.Helper()
	}
	v := checker(c).URL(url)
	if v.Status == verify.Official {
		return true
	}
	t.Errorf("%s%s is %s, not official%s", prefix(msgAndArgs), url, v.Status, explain(v))
	return false
}

// AssertNotOfficial asserts that url does not lead to an official domain:
// for tests of a filter that must not let an imitation through.
func AssertNotOfficial(t TestingT, c *verify.Checker, url string, msgAndArgs ...any) bool {
	if h, ok := t.(helper); ok {
		h.Helper()
	}
	v := checker(c).URL(url)
	if v.Status != verify.Official {
		return true
	}
	t.Errorf("%s%s is official%s", prefix(msgAndArgs), url, explain(v))
	return false
}

// AssertVerdict asserts the status of input, checked as the vigie CLI's
// "-kind auto" guesses: as a URL ([verify.Checker.URL]) when it has a
// scheme or a path, query or fragment, as an email sender
// ([verify.Checker.Sender]) when it has an '@', as a host
// ([verify.Checker.Host]) otherwise.
func AssertVerdict(t TestingT, c *verify.Checker, input string, want verify.Status, msgAndArgs ...any) bool {
	if h, ok := t.(helper); ok {
		h.Helper()
	}
	c = checker(c)
	var v verify.Verdict
	switch inputkind.Detect(input) {
	case inputkind.URL:
		v = c.URL(input)
	case inputkind.Email:
		v = c.Sender(input)
	default:
		v = c.Host(input)
	}
	if v.Status == want {
		return true
	}
	t.Errorf("%s%s is %s, want %s%s", prefix(msgAndArgs), input, v.Status, want, explain(v))
	return false
}

// AssertAllLinksOfficial asserts that every link of a template is official:
// an HTML mail template (every href, and an anchor whose text shows an
// address must lead there) or a plain-text one such as an SMS (links with
// or without a scheme). A mailto: link must be to an address on an official
// domain; tel: and sms: links are not checked. A template without any link
// passes; one with more links than the checker checks ([verify.WithMaxLinks])
// fails. The failure lists every link that is not official.
func AssertAllLinksOfficial(t TestingT, c *verify.Checker, text string, msgAndArgs ...any) bool {
	if h, ok := t.(helper); ok {
		h.Helper()
	}
	c = checker(c)
	var bad []string
	for _, l := range c.Links(text) {
		scheme, rest, _ := strings.Cut(strings.ToLower(strings.TrimSpace(l.URL)), ":")
		switch {
		case l.Has(verify.CodeTooManyLinks):
			// The links from here on were not checked.
			bad = append(bad, fmt.Sprintf("%s and the links after it were not checked%s", l.URL, explain(l.Verdict)))
			continue
		case scheme == "tel" || scheme == "sms":
			continue
		case scheme == "mailto":
			addr, _, _ := strings.Cut(rest, "?")
			if v := c.Sender(addr); v.Status != verify.Official || l.Has(verify.CodeLinkTextMismatch) {
				l.Verdict = v
			} else {
				continue
			}
		}
		if l.Status != verify.Official {
			shown := l.URL
			if l.Text != "" {
				shown = fmt.Sprintf("%s (shown as %q)", l.URL, l.Text)
			}
			bad = append(bad, fmt.Sprintf("%s is %s%s", shown, l.Status, explain(l.Verdict)))
		}
	}
	if len(bad) == 0 {
		return true
	}
	t.Errorf("%s%d link(s) not official:\n\t%s", prefix(msgAndArgs), len(bad), strings.Join(bad, "\n\t"))
	return false
}

// explain says what a verdict found: the official domain and the reasons.
func explain(v verify.Verdict) string {
	var b strings.Builder
	if v.Target != "" {
		org := ""
		if v.Organization != nil {
			org = " (" + v.Organization.Name + ")"
		}
		verb := "imitates"
		if v.Status == verify.Official || v.Status == verify.Unknown {
			verb = "concerns"
		}
		fmt.Fprintf(&b, "; %s %s%s", verb, v.Target, org)
	}
	for _, r := range v.Reasons {
		fmt.Fprintf(&b, "; %s: %s", r.Code, r.Detail)
	}
	return b.String()
}

func prefix(msgAndArgs []any) string {
	if len(msgAndArgs) == 0 {
		return ""
	}
	if format, ok := msgAndArgs[0].(string); ok {
		return fmt.Sprintf(format, msgAndArgs[1:]...) + ": "
	}
	return fmt.Sprint(msgAndArgs...) + ": "
}
