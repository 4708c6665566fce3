package verify

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/vigie-sante/vigie/verify/internal/textlinks"

	"github.com/emersion/go-message/mail"
	"golang.org/x/net/publicsuffix"

	"github.com/vigie-sante/vigie/domains"
)

//go:embed freemail.txt
var freemailFile string

var freemail = hostList(freemailFile)

// hostList reads an embedded list of hosts, one a line, '#' starting a
// comment line.
func hostList(file string) map[string]bool {
	m := make(map[string]bool)
	for _, l := range strings.Split(file, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			m[l] = true
		}
	}
	return m
}

// isFreeMail reports whether host is, or is under, a free mail provider.
func isFreeMail(host string) bool {
	d, err := publicsuffix.EffectiveTLDPlusOne(strings.TrimSuffix(host, "."))
	return err == nil && freemail[d]
}

// Sender checks an email sender: a From header value ("Assurance Maladie
// <assurance-maladie@info.ameli.fr>", RFC 2047 encoded words decoded) or a
// bare address. The address's domain is judged as a host; the display name
// is then read for an organisation's name or an address on another domain.
// A From with several addresses gets the worst of them.
//
// Sender sees only the header value: it cannot tell a spoofed official
// address from a real one. [Checker.Message] can, with the trusted
// Authentication-Results of the receiving server.
func (c *Checker) Sender(from string) Verdict {
	c = c.orDefault()
	v, _ := c.sender(from)
	return v
}

// sender returns the verdict and the first address of a From value.
func (c *Checker) sender(from string) (Verdict, *mail.Address) {
	if len(from) > c.opts.maxHeaderSize {
		return Verdict{Status: Invalid, Reasons: []Reason{{CodeTooLong,
			fmt.Sprintf("the sender is %d bytes, more than the %d allowed", len(from), c.opts.maxHeaderSize)}}}, nil
	}
	if !utf8.ValidString(from) {
		// Invalid, unless what can be read of it is worse: a stray
		// byte must not hide a display name or a domain that imitates
		// an organisation. It is read as a decoder may show it, each
		// bad byte as U+FFFD or dropped ("arneli.fr\xff" reads
		// "arneli.fr"), and the worse reading wins. No address is
		// returned: none of it is proven.
		bad := Reason{CodeInvalidAddress, "the sender is not valid UTF-8"}
		v, _ := c.sender(strings.ToValidUTF8(from, "\uFFFD"))
		if dropped, _ := c.sender(strings.ToValidUTF8(from, "")); dropped.Status.Worse(v.Status) {
			v = dropped
		}
		if !v.Status.Worse(Invalid) {
			return Verdict{Status: Invalid, Reasons: []Reason{bad}}, nil
		}
		v.Reasons = append([]Reason{bad}, v.Reasons...)
		return v, nil
	}
	addrs, err := mail.ParseAddressList(strings.TrimSpace(from))
	if err != nil || len(addrs) == 0 {
		detail := "no address"
		if err != nil {
			detail = errText(err)
		}
		v := Verdict{Status: Invalid, Reasons: []Reason{{CodeInvalidAddress,
			fmt.Sprintf("%s is not an email address: %s", quoteInput(from), detail)}}}
		// The name before '<' is read all the same: an address that
		// does not parse ("contact@evil..example") must not hide a
		// name imitating an organisation.
		if i := strings.IndexByte(from, '<'); i > 0 {
			if name := strings.Trim(strings.TrimSpace(from[:i]), `"`); name != "" {
				addr := strings.TrimSuffix(strings.TrimSpace(from[i+1:]), ">")
				c.displayName(&v, &mail.Address{Name: decodeHeader(name), Address: addr}, map[*domains.Organization]bool{})
			}
		}
		return v, nil
	}
	var v Verdict
	for i, a := range addrs {
		av := c.address(a)
		if i == 0 {
			v = av
			continue
		}
		v.worsen(av, av.Reasons...)
	}
	return v, addrs[0]
}

// address judges one mailbox: its domain, then its display name.
func (c *Checker) address(a *mail.Address) Verdict {
	at := strings.LastIndexByte(a.Address, '@')
	if at < 0 {
		return Verdict{Status: Invalid, Reasons: []Reason{{CodeInvalidAddress, quoteInput(a.Address) + " has no domain"}}}
	}
	if strings.Contains(a.Name, "=?") {
		// An encoded word inside quotes, which RFC 2047 says is not
		// decoded: Thunderbird, Gmail and Outlook show it decoded.
		if d := decodeHeader(a.Name); d != a.Name {
			a = &mail.Address{Name: d, Address: a.Address}
		}
	}
	// The name as a reader sees it: bytes that are not UTF-8, U+FFFD,
	// hidden controls and the characters IDNA ignores are not seen
	// ("A\uFFFDssurance Maladie"); Clean removes them all.
	if name := textlinks.Clean(a.Name); name != a.Name {
		a = &mail.Address{Name: name, Address: a.Address}
	}
	named := make(map[*domains.Organization]bool)
	v := c.senderHost(mailDomainHost(a.Address[at+1:]))
	if v.Status == Invalid {
		v.Reasons = append([]Reason{{CodeInvalidAddress, "the domain of " + quoteInput(a.Address) + " is not a valid host"}}, v.Reasons...)
		// The display name is read all the same: a domain one stray
		// byte broke must not hide a name imitating an organisation.
		if a.Name != "" {
			c.displayName(&v, a, named)
		}
		return v
	}
	v.Reasons = append([]Reason(nil), v.Reasons...)
	if org, ok := c.reg.MailDomain(v.Host); ok && officialFor(v, org) {
		v.Reasons = append(v.Reasons, Reason{CodeMailDomain, fmt.Sprintf("%s is a domain %s sends its mail from", v.Host, org.Name)})
	}
	if v.Status == Unknown {
		if iv, ok := c.domainImitation(v.Host); ok {
			v = iv
		}
	}
	if a.Name != "" {
		c.displayName(&v, a, named)
	}
	for _, h := range c.namedOrganizations(a.Address[:at]) {
		// On an official domain the local part is the organisation's
		// own choice ("relations-cpam@mgen.fr").
		if v.Status == Official || named[h.org] {
			continue
		}
		v.worsen(Verdict{Status: Suspicious, Organization: h.org, Target: firstDomain(h.org)}, Reason{CodeLocalPartBrand,
			fmt.Sprintf("the address %s names %s%s before its @, but is not on its domains", a.Address, h.name, disguise(h))})
	}
	return v
}

// displayName reads a display name for an address written in it and for
// the organisations it names, adding those to named.
func (c *Checker) displayName(v *Verdict, a *mail.Address, named map[*domains.Organization]bool) {
	if m := embeddedAddress.FindStringSubmatch(a.Name); m != nil {
		shown := strings.ToLower(m[2])
		if ev := c.Host(shown); ev.Host != v.Host {
			f := Verdict{Status: Suspicious}
			if ev.Status == Official {
				f.Organization, f.Target = ev.Organization, ev.Target
			}
			v.worsen(f, Reason{CodeDisplayNameAddress, fmt.Sprintf("the display name shows %s, but the address is %s", m[0], a.Address)})
		}
	}
	for _, h := range c.namedOrganizations(a.Name) {
		named[h.org] = true
		if officialFor(*v, h.org) {
			continue
		}
		f := Verdict{Status: Suspicious, Organization: h.org, Target: firstDomain(h.org)}
		detail := fmt.Sprintf("the display name %q names %s%s, but the address %s is not on its domains", a.Name, h.org.Name, disguise(h), a.Address)
		v.worsen(f, Reason{CodeDisplayNameBrand, detail})
		if isFreeMail(v.Host) {
			v.Reasons = append(v.Reasons, Reason{CodeFreeMail, fmt.Sprintf("%s is a free mail provider: anyone can open an address there", v.Host)})
		}
	}
}

// disguise says how a name was written when that was not its plain
// spelling.
func disguise(h nameHit) string {
	if h.shown == "" {
		return ""
	}
	return fmt.Sprintf(" (written %q, read as %q)", h.shown, h.name)
}

// mailDomainHost turns the domain of an address into a host: an address
// literal "[192.0.2.1]" is the IPv4 address, "[IPv6:2001:db8::1]" the IPv6
// one (RFC 5321, section 4.1.3).
func mailDomainHost(d string) string {
	if strings.HasPrefix(d, "[") && strings.HasSuffix(d, "]") {
		inner := d[1 : len(d)-1]
		if len(inner) > 5 && strings.EqualFold(inner[:5], "ipv6:") {
			return "[" + inner[5:] + "]"
		}
		return inner
	}
	return d
}

// embeddedAddress finds an address written inside a display name.
var embeddedAddress = regexp.MustCompile(`([^\s<>"'@(),;:]+)@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)`)

// officialFor reports whether a verdict is official for org or for an
// organisation affiliated with it (its group, or an entity of the group it
// is): mail from allianz.com may name Allianz France.
func officialFor(v Verdict, org *domains.Organization) bool {
	return v.Status == Official && v.Organization.Affiliated(org)
}

func quoteInput(s string) string { return fmt.Sprintf("%q", truncate(s, 200)) }
