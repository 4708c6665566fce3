package verify

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/verify/internal/mention"
	"github.com/vigie-sante/vigie/verify/internal/textlinks"
)

// SMS checks a text message: its sender (an alphanumeric sender ID such as
// "AMELI", a phone number or a short code) and its text.
//
// Every link of the text is found and judged as in [Checker.Message] and
// [Checker.Links], each distinct link once: with or without a scheme
// ("ameli-carte-vitale.com" is a link), invisible characters removed as a
// browser removes them, a word glued to a host read as a reader reads it
// ("ameli-remboursement.com.Merci"), a disguised link
// ("ameli-remboursement[.]com", "hxxps://") judged and at least Suspicious
// (disguised-link), a link through a browser scheme or a redirector that
// writes its destination in the link judged by that destination; an email
// address is a mailto: link (judged by its recipients), and a phone number
// inside a link leaves the link whole. Then:
//
//   - a link through a URL shortener (bit.ly, tinyurl.com...) is at least
//     Suspicious (shortener): its destination cannot be verified offline.
//     With [WithResolver] the short link is followed (all the short links
//     of one text within 5 seconds; the resolver must honour its context)
//     and its destination judged instead, the shortener noted;
//   - a text that names a registered organisation ("Assurance Maladie",
//     "ameli", "carte Vitale") outside its official links, or comes from a
//     sender ID that does, with a link that is not official for it is at
//     least Suspicious (brand-mention);
//   - a sender ID that names or imitates an organisation is noted
//     (sender-id) but never decides anything: anyone can set one;
//   - a French mobile number (06, 07, +336, +337) sending a text that names
//     an organisation is at least Suspicious (mobile-sender).
//
// The report's verdict is the worst of its links and of these findings;
// its host, organisation and target are the worst one's. A text longer
// than the limit ([WithMaxTextLength]) or not valid UTF-8 is Invalid
// (invalid-text) unless what can be read of it, the beginning up to the
// limit with each invalid byte replaced, is worse; beyond [WithMaxLinks]
// distinct links, the rest are not checked and the text is at least
// Suspicious (too-many-links).
func (c *Checker) SMS(sender, text string) Report {
	return c.sms(context.Background(), sender, text)
}

func (c *Checker) sms(ctx context.Context, sender, text string) Report {
	c = c.orDefault()
	v, bad := c.invalidSMS(sender, text)
	if !bad {
		return c.readSMS(ctx, sender, text)
	}
	// What can be read is judged all the same, and the text is Invalid
	// unless that is worse: a byte that is not UTF-8, or padding past
	// the limit, must not hide the lookalike beside it.
	limit := c.opts.maxTextLength
	rep := c.readSMS(ctx, readablePart(sender, limit), readablePart(text, limit))
	if v.Status.Worse(rep.Status) {
		rep.Status = v.Status
	}
	rep.Reasons = append(v.Reasons, rep.Reasons...)
	if len(text) > limit {
		// What lies past the limit was not read, and is not assumed
		// harmless: as a message's text cut by its budget, at least
		// Suspicious.
		rep.worsen(Verdict{Status: Suspicious}, Reason{CodeTruncated,
			fmt.Sprintf("only the first %d bytes of the text were checked", limit)})
	}
	return rep
}

// readablePart is what an SMS check reads of s: its first limit bytes, cut
// back to the last space so that no word or link is read in part, each
// byte that is not UTF-8 replaced by U+FFFD (the scanner reads a link
// both ended and joined at one).
func readablePart(s string, limit int) string {
	if len(s) > limit {
		s = s[:limit]
		if i := strings.LastIndexAny(s, " \t\n\r"); i >= 0 {
			s = s[:i]
		} else {
			s = ""
		}
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// readSMS checks a text and its sender, both valid UTF-8 within the limit.
func (c *Checker) readSMS(ctx context.Context, sender, text string) Report {
	sender = strings.TrimSpace(textlinks.Clean(sender))
	raw := text
	text = textlinks.Clean(text)

	// Links, found and judged as in a message (see judgeLinks), in the
	// text as written (the scanner cleans it, and knows where it was
	// cleaned); their spans are in the cleaned text.
	body := &bodyText{keepSpans: true}
	body.addTextLinks(raw, c.opts.maxLinks)
	links, cut := c.judgeLinks(ctx, body)

	// The organisations the text names, outside its official links
	// ("ameli.fr" is an address, not a claim), and the one the sender ID
	// names.
	named := orgsOf(c.namedOrganizations(maskOfficial(text, body.spans, links)))
	var senderName *smsSenderMatch
	if isAlphanumericSender(sender) {
		senderName = c.smsSenderName(sender, text)
	}
	claims := make([]claim, 0, len(named)+1)
	for _, o := range named {
		claims = append(claims, claim{o, "the text"})
	}
	if senderName != nil && claimed(claims, senderName.org) < 0 {
		claims = append(claims, claim{senderName.org, fmt.Sprintf("the sender ID %q", truncate(sender, 60))})
	}
	// An official link claims its organisation as surely as its name
	// does: "ameli.fr : votre remboursement sur rembourse-sante.info"
	// borrows ameli.fr's trust for the other link.
	for _, l := range links {
		if l.Status == Official && claimed(claims, l.Organization) < 0 {
			claims = append(claims, claim{l.Organization, fmt.Sprintf("the text, with its link %s,", truncate(l.URL, 60))})
		}
	}

	var rep Report
	rep.Links = links
	// elements are the verdicts the report's status can come from: the
	// links, then the text's own findings.
	elements := make([]Verdict, 0, len(links)+2)
	for _, l := range links {
		elements = append(elements, l.Verdict)
		for _, r := range l.Reasons {
			if l.Status.Alarming() {
				r.Detail = "link " + truncate(l.URL, 120) + ": " + r.Detail
			}
			rep.Reasons = append(rep.Reasons, r)
		}
	}
	asked := func(l int) bool { return askedToWrite(text, body.spans, l) }
	if v, r, ok := c.smsBrandMention(claims, links, asked); ok {
		elements = append(elements, v)
		rep.Reasons = append(rep.Reasons, r)
	}
	if len(named) > 0 && isFrenchMobile(sender) {
		org := named[0]
		elements = append(elements, Verdict{Status: Suspicious, Organization: org, Target: firstDomain(org)})
		rep.Reasons = append(rep.Reasons, Reason{CodeMobileSender, fmt.Sprintf(
			"the text names %s but comes from the mobile number %s; insurers and public bodies do not text from personal mobiles",
			org.Name, sender)})
	}
	if senderName != nil {
		rep.Reasons = append(rep.Reasons, senderName.reason(sender))
	}
	if cut {
		elements = append(elements, Verdict{Status: Suspicious})
		rep.Reasons = append(rep.Reasons, c.tooManyLinks())
	}

	worst := Verdict{Status: Unknown}
	for i, v := range elements {
		if i == 0 || v.Status.Worse(worst.Status) ||
			v.Status == worst.Status && worst.Organization == nil && v.Organization != nil {
			worst = v
		}
	}
	rep.Status, rep.Host, rep.Organization, rep.Target = worst.Status, worst.Host, worst.Organization, worst.Target
	return rep
}

// maskOfficial blanks out the official links of text, written at spans.
func maskOfficial(text string, spans []linkSpan, links []Link) string {
	var official []linkSpan
	for _, sp := range spans {
		if sp.link < len(links) && links[sp.link].Status == Official {
			official = append(official, sp)
		}
	}
	if len(official) == 0 {
		return text
	}
	slices.SortFunc(official, func(a, b linkSpan) int { return cmp.Compare(a.start, b.start) })
	var b strings.Builder
	b.Grow(len(text))
	at := 0 // text[:at] is written
	for _, sp := range official {
		if sp.start > at {
			b.WriteString(text[at:sp.start])
			at = sp.start
		}
		for ; at < sp.end; at++ {
			b.WriteByte(' ')
		}
	}
	b.WriteString(text[at:])
	return b.String()
}

// invalidSMS refuses a text or sender that is too long or not UTF-8.
func (c *Checker) invalidSMS(sender, text string) (Verdict, bool) {
	var detail string
	switch {
	case len(text) > c.opts.maxTextLength:
		detail = fmt.Sprintf("the text is %d bytes, more than the %d allowed", len(text), c.opts.maxTextLength)
	case len(sender) > c.opts.maxTextLength:
		detail = fmt.Sprintf("the sender is %d bytes, more than the %d allowed", len(sender), c.opts.maxTextLength)
	case !utf8.ValidString(text):
		detail = fmt.Sprintf("the text is not valid UTF-8 (byte %d)", firstInvalidUTF8(text))
	case !utf8.ValidString(sender):
		detail = fmt.Sprintf("the sender is not valid UTF-8 (byte %d)", firstInvalidUTF8(sender))
	default:
		return Verdict{}, false
	}
	return Verdict{Status: Invalid, Reasons: []Reason{{CodeInvalidText, detail}}}, true
}

func firstInvalidUTF8(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return i
			}
		}
	}
	return len(s)
}

// A claim is an organisation the text or its sender ID names.
type claim struct {
	org *domains.Organization
	by  string // "the text", "the sender ID \"AMELI\""
}

// smsBrandMention finds the first link that is not official for any of the
// organisations claimed. Links with no site to visit (tel:, an
// application's scheme) are left out, and so are mailto: links, and the
// addresses written in the text, that write only to addresses of an
// organisation claimed or on free mail services (writesOutside):
// "envoyez votre RIB a dossiers@gestion-dossiers.fr" is a brand mention,
// as a link there would be.
func (c *Checker) smsBrandMention(claims []claim, list []Link, asked func(link int) bool) (Verdict, Reason, bool) {
	if len(claims) == 0 {
		return Verdict{}, Reason{}, false
	}
	first, others := -1, 0
	for i, l := range list {
		if l.Status == Official && claimed(claims, l.Organization) >= 0 ||
			l.Has(CodeUnsupportedScheme) && !c.writesOutside(l.URL, claims, func() bool { return asked(i) }) {
			continue
		}
		if first < 0 {
			first = i
		} else {
			others++
		}
	}
	if first < 0 {
		return Verdict{}, Reason{}, false
	}
	l := list[first]
	cl := claims[0]
	if i := claimed(claims, l.Organization); i >= 0 {
		cl = claims[i]
	}
	links := "links"
	if !strings.HasPrefix(cl.by, "the text") {
		links = "the text links"
	}
	detail := fmt.Sprintf("%s names %s but %s to %s, which is not an official site of %s",
		cl.by, cl.org.Name, links, truncate(l.URL, 120), cl.org.Name)
	switch others {
	case 0:
	case 1:
		detail += ", nor is 1 other link"
	default:
		detail += fmt.Sprintf(", nor are %d other links", others)
	}
	return Verdict{Status: Suspicious, Host: l.Host, Organization: cl.org, Target: firstDomain(cl.org)},
		Reason{CodeBrandMention, detail}, true
}

// claimed returns the index of o's claim, or -1.
func claimed(claims []claim, o *domains.Organization) int {
	for i, c := range claims {
		if o != nil && c.org == o {
			return i
		}
	}
	return -1
}

// isAlphanumericSender reports a sender ID made of letters ("AMELI",
// "Info-CPAM"), as opposed to a number or a short code.
func isAlphanumericSender(s string) bool {
	return strings.ContainsFunc(s, unicode.IsLetter)
}

var frenchMobile = regexp.MustCompile(`^(?:0|\+33|0033)[67][0-9]{8}$`)

// isFrenchMobile reports a French mobile number: 06 or 07 and eight
// digits, or +336, +337, 00336, 00337 and eight digits, with or without
// spaces, dots or hyphens, "+33 (0)6..." included.
func isFrenchMobile(s string) bool {
	if len(s) > 40 {
		return false
	}
	s = strings.ReplaceAll(s, "(0)", "")
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '.', '-', '\u00a0', '\u202f':
			return -1
		}
		return r
	}, s)
	return frenchMobile.MatchString(s)
}

// An smsSenderMatch is an organisation a sender ID names.
type smsSenderMatch struct {
	org *domains.Organization
	// name is the organisation's name, alias, domain or sender ID the
	// sender equals or contains.
	name string
	// registered is set when the sender is one of the organisation's
	// registered SMS sender IDs.
	registered bool
}

func (m *smsSenderMatch) reason(sender string) Reason {
	if m.registered {
		return Reason{CodeSenderID, fmt.Sprintf(
			"%q is a sender ID of %s, but anyone can set a sender ID: it proves nothing", truncate(sender, 60), m.org.Name)}
	}
	name := m.org.Name
	if smsSenderKey(m.name) != smsSenderKey(name) {
		name += " (" + m.name + ")"
	}
	return Reason{CodeSenderID, fmt.Sprintf(
		"the sender ID %q names %s; anyone can set a sender ID: it proves nothing", truncate(sender, 60), name)}
}

// smsSenderName finds the organisation an alphanumeric sender ID names: a name
// in it as in any text ("AMELI", "Info CPAM"), or the whole sender,
// lowercased, accents, spaces and punctuation removed, equal to a domain's
// name part ("harmoniemutuelle"), an alias, a name or a registered sender
// ID. A weak alias ("Harmonie", "Alan") counts only when the text speaks of
// health insurance.
func (c *Checker) smsSenderName(sender, text string) *smsSenderMatch {
	norm := smsSenderKey(sender)
	if norm == "" {
		return nil
	}
	idx := c.senderIndex
	if e, ok := idx[norm]; ok {
		o := c.orgs[e.owner]
		if !e.weak || c.weakMentioned(e.name, e.owner, text) {
			return &smsSenderMatch{org: o, name: e.name, registered: e.registered}
		}
	}
	// A name in it as in any text, plainly or in disguise ("АMELI" with
	// a Cyrillic А, "AMEL1").
	if hits := c.namedOrganizations(sender); len(hits) > 0 {
		return &smsSenderMatch{org: hits[0].org, name: hits[0].name}
	}
	return nil
}

// weakMentioned reports whether the weak name, written before text,
// counts as a mention of its owner: whether the text gives it context.
func (c *Checker) weakMentioned(name string, owner int, text string) bool {
	for _, h := range c.mentions.Find(name + " \n " + text) {
		if h.Owner == owner {
			return true
		}
	}
	return false
}

type smsSenderEntry struct {
	owner      int
	name       string
	weak       bool
	registered bool
}

// buildSMSSenderIndex maps each normalised name of each organisation to it:
// registered sender IDs first, then names and aliases, then the name parts
// of its domains, then weak aliases (a domain whose name part is a weak
// alias, alan.com, is weak too). Across organisations the first in
// registry order keeps a name, except that a strong name replaces a weak
// one.
func buildSMSSenderIndex(orgs []*domains.Organization) map[string]smsSenderEntry {
	m := make(map[string]smsSenderEntry)
	for i, o := range orgs {
		weakNames := make(map[string]string, len(o.WeakAliases))
		for _, a := range o.WeakAliases {
			weakNames[smsSenderKey(a)] = a
		}
		add := func(text, name string, registered bool) {
			k := smsSenderKey(text)
			if k == "" {
				return
			}
			e := smsSenderEntry{owner: i, name: name, registered: registered}
			if w, ok := weakNames[k]; ok && !registered {
				e.name, e.weak = w, true
			}
			if old, ok := m[k]; ok && !(old.weak && !e.weak) {
				return
			}
			m[k] = e
		}
		for _, s := range o.SMSSenders {
			add(s, s, true)
		}
		for _, part := range strings.FieldsFunc(o.Name, func(r rune) bool { return r == '/' || r == '(' || r == ')' }) {
			add(part, strings.TrimSpace(part), false)
		}
		for _, a := range o.Aliases {
			add(a, a, false)
		}
		for _, d := range o.Domains {
			// Domains are registrable: the first label is the name part.
			label, _, _ := strings.Cut(d, ".")
			add(label, d, false)
		}
		for _, a := range o.WeakAliases {
			add(a, a, false)
		}
	}
	return m
}

// smsSenderKey normalises a sender ID or a name: lowercase, accents, spaces
// and punctuation removed ("Harmonie-Mutuelle" gives harmoniemutuelle).
func smsSenderKey(s string) string { return strings.Join(mention.Tokens(s), "") }
