package verify

import (
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/internal/inputkind"
	"github.com/vigie-sante/vigie/verify/internal/textlinks"
	"github.com/vigie-sante/vigie/verify/internal/whatwg"
)

// maxRecipients bounds the addresses of one mailto: link that are judged:
// a link writing to more is Suspicious (too-many-links), the rest unread.
const maxRecipients = 32

// textLinkURL is the URL a link found in text stands for: an address
// written in the text is a mailto: link, which a reader follows by
// writing to it.
func textLinkURL(l textlinks.Link) string {
	if l.Address {
		return "mailto:" + l.Text
	}
	return l.Text
}

// A mailtoReading is what a mailto: link writes to (RFC 6068), in every
// reading a mail client may make of it.
type mailtoReading struct {
	addrs []string
	// undecoded: a field is still percent-encoded after maxDecodeRounds
	// decodings.
	undecoded bool
	// encodedWords: a field holds RFC 2047 encoded words, which mail
	// clients decode each their own way (Thunderbird does, leniently).
	encodedWords bool
	// extraFields: the query holds a field other than to, cc, bcc,
	// subject and body (Thunderbird also reads reply-to, followup-to and
	// newsgroups, which post in public), a name it misspells (" cc"),
	// or a subject holding a line break, which clients that copy it as
	// written turn into a header of its own ("x%0D%0ABcc:...").
	extraFields bool
}

// readAlike reports whether every mail client reads the link's addresses
// as mailtoRecipients does: its encoding read to the end, no encoded word,
// no field a client may make a header of its own. Only then can its
// addresses vouch for it.
func (m mailtoReading) readAlike() bool {
	return !m.undecoded && !m.encodedWords && !m.extraFields
}

// mailtoRecipients reads the addresses a mailto: link writes to: those
// before '?' and in its to, cc and bcc fields, found in the query as
// written and decoded once (Android's reading). A '#' ends nothing: RFC
// 6068 gives mailto: no fragment and Thunderbird reads past it. Each field,
// and the fields of each kind joined by ", " as Thunderbird joins them
// before decoding (the address before '?' with the to fields), is read
// percent-decoded once, twice (as Thunderbird decodes the address before
// '?') and until nothing changes; each of those as it is and with its RFC
// 2047 words decoded, strictly and leniently (decodeWordsLeniently); and
// only then split at ',' or ';': "x@ameli.fr%2Cy@ameli-aide.com" writes
// to both. Another scheme writes to no one.
func mailtoRecipients(link string) mailtoReading {
	var m mailtoReading
	scheme, rest, _ := strings.Cut(inputkind.TrimLeftC0OrSpace(link), ":")
	if !strings.EqualFold(removeTabNewline(scheme), "mailto") {
		return m
	}
	to, query, _ := strings.Cut(removeTabNewline(rest), "?")
	groups := map[string][]string{"to": {to}}
	// The query as written, and decoded before it is split, as
	// Android's android.net.MailTo reads it ("subject=a%26cc%3Dx@y").
	// Fields are split at '&', and also at ';' as query parsers did for
	// HTML 4's sake (Go's net/url until 1.17, Python's parse_qsl until
	// 3.9.2): "subject=x;cc=y@z" writes to y@z for a client built on one,
	// while "to=x@y;z@w" writes to both.
	for _, q := range []string{query, whatwg.PercentDecode(query)} {
		for _, semicolon := range []bool{false, true} {
			for _, field := range strings.FieldsFunc(q, func(r rune) bool { return r == '&' || semicolon && r == ';' }) {
				name, value, _ := strings.Cut(field, "=")
				name, _ = fullyDecoded(name)
				switch name = strings.ToLower(name); name {
				case "to", "cc", "bcc":
					groups[name] = append(groups[name], value)
				case "subject":
					decoded, _ := fullyDecoded(value)
					m.extraFields = m.extraFields || strings.ContainsAny(decoded, "\r\n")
				case "body":
				default:
					// What a ';' parts off is read for addresses
					// only: "subject=Rappel ; rendez-vous" is one.
					m.extraFields = m.extraFields || !semicolon
				}
			}
		}
	}
	seen := make(map[string]bool)
	for _, name := range []string{"to", "cc", "bcc"} {
		fields := groups[name]
		if len(fields) > 1 {
			fields = append(fields, strings.Join(fields, ", "))
		}
		for _, f := range fields {
			m.read(f, seen)
		}
	}
	return m
}

// read adds the addresses of one field, in every reading, to m.
func (m *mailtoReading) read(field string, seen map[string]bool) {
	full, ok := fullyDecoded(field)
	m.undecoded = m.undecoded || !ok
	once := whatwg.PercentDecode(field)
	for _, decoded := range []string{once, whatwg.PercentDecode(once), full} {
		m.encodedWords = m.encodedWords || strings.Contains(decoded, "=?")
		for _, reading := range []string{decoded, decodeHeader(decoded), decodeWordsLeniently(decoded)} {
			for _, a := range strings.FieldsFunc(reading, func(r rune) bool { return r == ',' || r == ';' }) {
				if a = strings.Trim(a, " <>"); a != "" && !seen[a] {
					seen[a] = true
					m.addrs = append(m.addrs, a)
				}
			}
		}
	}
}

// officialRecipients reports whether every address a mailto: link writes
// to is on an official domain, as a Reply-To must be: a proven sender
// asking for documents at another address is not vouched for. Other
// siteless links (tel:, sms:, cid:) write to no one.
func (c *Checker) officialRecipients(link string) bool {
	ok, _ := c.recipientsOfficial(link, nil)
	return ok
}

// recipientsOfficialFor reports whether a mailto: link writes to someone,
// and only to addresses official for org or an organisation affiliated
// with it.
func (c *Checker) recipientsOfficialFor(link string, org *domains.Organization) bool {
	ok, n := c.recipientsOfficial(link, org)
	return ok && n > 0
}

// recipientsOfficial reports whether every address a mailto: link writes
// to is official (for org, when not nil), its encoding read to the end and
// holding no encoded word nor a field a mail client makes a header of its
// own (mailto:contact@ameli.fr?reply-to=x@gmail.com has the organisation
// answer the phisher), and how many addresses it writes to.
func (c *Checker) recipientsOfficial(link string, org *domains.Organization) (bool, int) {
	m := mailtoRecipients(link)
	if !m.readAlike() {
		return false, len(m.addrs)
	}
	for _, a := range m.addrs {
		if !c.officialAddress(a, org) {
			return false, len(m.addrs)
		}
	}
	return true, len(m.addrs)
}

// officialAddress reports whether a is one address, one '@' in it, on a
// domain official (for org, when not nil) as a sender's domain is judged.
func (c *Checker) officialAddress(a string, org *domains.Organization) bool {
	local, domain, ok := strings.Cut(a, "@")
	if !ok || local == "" || strings.Contains(domain, "@") {
		return false
	}
	v := c.mailDomain(a)
	return v.Status == Official && (org == nil || officialFor(v, org))
}

// notAnAddress judges a recipient that is no address by what a reader
// sees in it: what follows each '@' as a host, or, with no '@', the web
// link it is written as ("mailto:ameli-aide.com/connexion").
func (c *Checker) notAnAddress(a string) Verdict {
	if !strings.Contains(a, "@") {
		if scheme, _, _ := strings.Cut(a, ":"); hasScheme(a) && !isWebScheme(scheme) {
			return Verdict{}
		}
		return c.URL(a)
	}
	var v Verdict
	for _, domain := range strings.Split(a, "@")[1:] {
		if h := c.Host(domain); h.Status.Worse(v.Status) {
			v = h
		}
	}
	return v
}

func isWebScheme(s string) bool { return strings.EqualFold(s, "https") || strings.EqualFold(s, "http") }

// judgeRecipients worsens v, the verdict of a mailto: link, to the worst
// of its recipients as senders ([Checker.Sender]): an address on a
// lookalike domain, or one whose local part names an organisation it is
// not on, is what the link leads to. A recipient that is no address is
// judged by what a reader sees in it (notAnAddress). Official and unknown recipients
// leave v as it is: a mailto: link has no site to visit, and a message
// judges its recipients itself (officialRecipients).
func (c *Checker) judgeRecipients(v *Verdict, link string) {
	m := mailtoRecipients(link)
	addrs := m.addrs
	if m.undecoded {
		v.Status = Invalid
		v.Reasons = append(v.Reasons, Reason{CodeInvalidURL, fmt.Sprintf("the mailto: link is still percent-encoded after %d decodings: where it writes is not certain", maxDecodeRounds)})
	}
	if len(addrs) > maxRecipients {
		v.Status = Suspicious
		v.Reasons = append(v.Reasons, Reason{CodeTooManyLinks, fmt.Sprintf("the mailto: link writes to %d addresses, more than the %d checked: the rest were not", len(addrs), maxRecipients)})
		addrs = addrs[:maxRecipients]
	}
	worst, who := Verdict{Status: Unknown}, ""
	for _, a := range addrs {
		r := c.Sender(a)
		if r.Status == Invalid {
			r = c.notAnAddress(a)
		}
		if (r.Status == Lookalike || r.Status == Suspicious) && r.Status.Worse(worst.Status) {
			worst, who = r, a
		}
	}
	if who == "" || !worst.Status.Worse(v.Status) {
		return
	}
	v.Status, v.Host, v.Organization, v.Target = worst.Status, worst.Host, worst.Organization, worst.Target
	reasons := make([]Reason, 0, len(worst.Reasons)+len(v.Reasons))
	for _, r := range worst.Reasons {
		reasons = append(reasons, Reason{r.Code, "recipient " + truncate(who, 120) + ": " + r.Detail})
	}
	v.Reasons = append(reasons, v.Reasons...)
}
