package verify

import (
	"bufio"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"strings"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // ISO-8859-1, windows-1252 and the other charsets of real mail
	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-msgauth/authres"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/verify/internal/textlinks"
)

// Limits on the structure of a message, beyond the size options.
const (
	maxMIMEDepth = 16
	maxMIMEParts = 500
	// maxPartText bounds the decoded text of one part that is searched for
	// links; a real mail body is a few hundred kilobytes at most.
	maxPartText = 1 << 20
	// maxMentionText bounds the text searched for organisation names.
	maxMentionText = 256 << 10
	// maxMessageText bounds the decoded text of all parts searched for
	// links, so that a message of many large parts costs no more than one
	// of a few megabytes.
	maxMessageText = 4 << 20
)

// Message checks a whole RFC 5322 message: its sender (From, with the
// display-name checks of [Checker.Sender]), its Reply-To and Return-Path,
// the Authentication-Results of trusted servers ([WithTrustedAuthServIDs]),
// and every link of its text and HTML parts, through MIME multiparts,
// base64 and quoted-printable, in any common charset. The Report's verdict
// is the worst of all of them.
//
// A message is Official only when its From address is on an official domain
// and a trusted server reports DMARC passing for that domain: anyone can
// write an official address in a From header. Without such a result it is
// Unknown (unauthenticated), with the organisation it claims; with a DMARC
// failure it is Suspicious (dmarc-fail).
//
// Bad input never panics and is read in bounded memory. A message without
// From, a header that does not parse or broken MIME is Invalid, unless
// what could be read still shows something worse (a lookalike, a
// suspicious link); a message larger than [WithMaxMessageSize] is Invalid
// unless its beginning holds a lookalike. The error is non-nil only when
// reading r fails.
func (c *Checker) Message(r io.Reader) (Report, error) {
	src := &readErrors{r: r}
	lr := &io.LimitedReader{R: src, N: c.opts.maxMessageSize + 1}
	br := bufio.NewReader(lr)
	rep := c.message(br)
	// Read to the limit, so that an oversized message is known as such
	// even when its links were all in its first part.
	io.Copy(io.Discard, br)
	if src.err != nil {
		return Report{}, fmt.Errorf("verify: reading message: %w", src.err)
	}
	if lr.N <= 0 {
		// A message that cannot be read whole is Invalid, whatever its
		// beginning suggested (text cut, links unchecked), unless that
		// beginning already holds a lookalike.
		rep.Reasons = append(rep.Reasons, Reason{CodeTooLong,
			fmt.Sprintf("the message is larger than the %d bytes allowed; only the beginning was checked", c.opts.maxMessageSize)})
		if rep.Status != Lookalike {
			rep.Status = Invalid
		}
	}
	return rep, nil
}

// readErrors remembers the first error of the underlying reader other than
// EOF, to tell an I/O failure from a message that does not parse.
type readErrors struct {
	r   io.Reader
	err error
}

func (e *readErrors) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF && e.err == nil {
		e.err = err
	}
	return n, err
}

func (c *Checker) message(r io.Reader) Report {
	ent, err := message.ReadWithOptions(r, &message.ReadOptions{MaxHeaderBytes: int64(c.opts.maxHeaderSize)})
	if ent == nil {
		return Report{Verdict: Verdict{Status: Invalid, Reasons: []Reason{{CodeInvalidHeader, "the header section does not parse: " + errText(err)}}}}
	}
	h := mail.Header{Header: ent.Header}
	var rep Report
	from := h.Values("From")
	var sender *mail.Address
	switch {
	case len(from) == 0:
		rep.Verdict = Verdict{Status: Invalid, Reasons: []Reason{{CodeMissingFrom, "the message has no From header"}}}
	default:
		rep.Verdict, sender = c.sender(from[0])
		if rep.Status == Invalid && len(rep.Reasons) > 0 && rep.Reasons[0].Code == CodeInvalidAddress {
			rep.Reasons[0].Code = CodeInvalidHeader
		}
		if len(from) > 1 {
			rep.worsen(Verdict{Status: Invalid}, Reason{CodeInvalidHeader, fmt.Sprintf("the message has %d From headers", len(from))})
		}
	}
	rep.Reasons = append([]Reason(nil), rep.Reasons...)
	if err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err) {
		rep.worsen(Verdict{Status: Invalid}, Reason{CodeInvalidMIME, errText(err)})
	}
	if sender != nil {
		// Replies and bounces are judged against the organisation the
		// From claims, whether or not authentication upholds the claim.
		claimed := rep.Status == Official
		c.authentication(&rep, h, sender)
		c.replyPaths(&rep, h, claimed)
	}

	body := &bodyText{}
	c.walk(ent, body, 0, &rep)
	subject := decodeHeader(h.Get("Subject"))
	named := c.mentioned(truncate(fromName(sender)+"\n"+subject+"\n"+body.text.String(), maxMentionText))
	c.checkLinks(&rep, body, named)
	return rep
}

func fromName(a *mail.Address) string {
	if a == nil {
		return ""
	}
	return a.Name
}

// decodeHeader decodes RFC 2047 encoded words, keeping the raw text when
// they do not decode.
func decodeHeader(s string) string {
	dec := mime.WordDecoder{CharsetReader: message.CharsetReader}
	if d, err := dec.DecodeHeader(s); err == nil {
		return d
	}
	return s
}

// authentication reads the topmost Authentication-Results header of a
// trusted server and applies its DMARC result to an official From domain.
func (c *Checker) authentication(rep *Report, h mail.Header, sender *mail.Address) {
	domain := addressDomain(sender.Address)
	if rep.Status != Official {
		// Authentication only matters to a From that is official: a
		// phisher's own domain passes DMARC as easily as any other.
		return
	}
	trusted, passed := false, false
	for _, raw := range h.Values("Authentication-Results") {
		id, results, err := authres.Parse(stripComments(raw))
		if id == "" || !c.opts.trustedAuthIDs[strings.ToLower(id)] {
			continue
		}
		trusted = true
		if err != nil {
			// What follows the error is lost: it never counts as a pass.
			rep.Reasons = append(rep.Reasons, Reason{CodeInvalidHeader, fmt.Sprintf("the Authentication-Results of %s does not parse: %v", id, err)})
		}
		for _, res := range results {
			d, ok := res.(*authres.DMARCResult)
			if !ok || d.From != "" && !strings.EqualFold(strings.Trim(d.From, `"`), domain) {
				continue
			}
			switch {
			case d.Value == authres.ResultPass && d.From != "":
				if rep.Status == Official {
					passed = true
					rep.Reasons = append(rep.Reasons, Reason{CodeDMARCPass, fmt.Sprintf("%s reports DMARC pass for %s", id, domain)})
				}
			case d.Value == authres.ResultPass:
				// A pass that does not name the From domain proves
				// nothing about it.
			default:
				if rep.Status == Official {
					rep.Status = Suspicious
					rep.Reasons = append(rep.Reasons, Reason{CodeDMARCFail, fmt.Sprintf("%s reports DMARC %s for %s: the official From address is spoofed", id, d.Value, domain)})
				}
			}
		}
		break // the topmost trusted header is the receiving server's own
	}
	if !passed && rep.Status == Official {
		// Anyone can write an official address in a From header: without
		// a trusted DMARC pass the message is not proven official.
		why := "no trusted Authentication-Results"
		if trusted {
			why = "the trusted Authentication-Results has no DMARC result for " + domain
		}
		rep.Status = Unknown
		rep.Reasons = append(rep.Reasons, Reason{CodeUnauthenticated, why + ": " + domain + " is what the From header claims, not proven"})
	}
}

// stripComments removes RFC 5322 comments, "(...)" with nesting and quoted
// pairs, outside quoted strings. go-msgauth/authres v0.7.0 splits the header
// on every ';', so a comment such as "(sender SPF authorized; good)" would
// end its parsing there and drop every result after it, a dmarc=fail
// included.
func stripComments(s string) string {
	var b strings.Builder
	depth, quoted := 0, false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch == '\\' && (quoted || depth > 0) && i+1 < len(s):
			if depth == 0 {
				b.WriteByte(ch)
				b.WriteByte(s[i+1])
			}
			i++
		case quoted:
			b.WriteByte(ch)
			quoted = ch != '"'
		case ch == '(':
			depth++
		case ch == ')' && depth > 0:
			depth--
			if depth == 0 {
				b.WriteByte(' ')
			}
		case depth > 0:
		default:
			b.WriteByte(ch)
			quoted = ch == '"'
		}
	}
	return b.String()
}

// replyPaths checks where replies and bounces go.
func (c *Checker) replyPaths(rep *Report, h mail.Header, official bool) {
	senderOrg := rep.Organization
	if raw := h.Get("Reply-To"); raw != "" {
		addrs, err := mail.ParseAddressList(raw)
		if err != nil {
			rep.worsen(Verdict{Status: Invalid}, Reason{CodeInvalidHeader, "the Reply-To header does not parse: " + errText(err)})
		}
		for _, a := range addrs {
			v := c.Host(addressDomain(a.Address))
			switch {
			case v.Status == Lookalike:
				rep.worsen(v, append([]Reason{{CodeReplyTo, "replies go to " + a.Address + ", a lookalike"}}, v.Reasons...)...)
			case official && !officialFor(v, senderOrg):
				rep.worsen(Verdict{Status: Suspicious}, Reason{CodeReplyTo, fmt.Sprintf("replies go to %s, outside %s", a.Address, senderOrg.Name)})
			}
		}
	}
	// Return-Path is not parsed as an address; it reaches details as text.
	if raw := strings.ToValidUTF8(strings.Trim(strings.TrimSpace(h.Get("Return-Path")), "<>"), "\uFFFD"); raw != "" {
		v := c.Host(addressDomain(raw))
		switch {
		case v.Status == Lookalike:
			rep.worsen(v, append([]Reason{{CodeReturnPath, "bounces go to " + raw + ", a lookalike"}}, v.Reasons...)...)
		case official && !officialFor(v, senderOrg):
			// Mailing services commonly own the bounce domain of
			// official mail: noted, not held against it.
			rep.Reasons = append(rep.Reasons, Reason{CodeReturnPath, fmt.Sprintf("bounces go to %s, outside %s", raw, senderOrg.Name)})
		}
	}
}

func addressDomain(addr string) string {
	return strings.ToLower(addr[strings.LastIndexByte(addr, '@')+1:])
}

// bodyText gathers what the walk finds: links, HTML anchors, and text for
// name detection.
type bodyText struct {
	links []foundLink
	// byURL indexes links by URL, to fold the text and HTML versions of a
	// multipart/alternative message into one.
	byURL map[string][]int
	text  strings.Builder
	parts int
	cut   bool // a part had more links than were searched for
	// truncated: some decoded text was beyond what is searched.
	truncated bool
	read      int // decoded text read so far
}

type foundLink struct {
	url, text string
}

// add records a link. A URL seen before is recorded again only with a new
// anchor text, since each text is compared with where the link leads; a
// text found for a URL seen without one completes it.
func (b *bodyText) add(url, text string) {
	if b.byURL == nil {
		b.byURL = make(map[string][]int)
	}
	for _, i := range b.byURL[url] {
		switch b.links[i].text {
		case text:
			return
		case "":
			b.links[i].text = text
			return
		}
	}
	if text == "" && len(b.byURL[url]) > 0 {
		return
	}
	b.byURL[url] = append(b.byURL[url], len(b.links))
	b.links = append(b.links, foundLink{url, text})
}

// addTextLinks records the links written in text. Once max distinct links
// are recorded, a new one marks the body cut instead: repeating a link
// does not use up the limit, and the rest is never silently dropped.
func (b *bodyText) addTextLinks(text string, max int) {
	found, _ := textlinks.Find(text, -1)
	for _, l := range found {
		if _, seen := b.byURL[l.Text]; !seen && len(b.links) >= max {
			b.cut = true
			return
		}
		b.add(l.Text, "")
	}
}

func (b *bodyText) addText(s string) {
	if b.text.Len() < maxMentionText {
		b.text.WriteString(s)
		b.text.WriteByte('\n')
	}
}

// walk visits the MIME tree depth-first, reading text/plain and text/html
// parts.
func (c *Checker) walk(ent *message.Entity, body *bodyText, depth int, rep *Report) {
	body.parts++
	if depth > maxMIMEDepth || body.parts > maxMIMEParts {
		rep.worsen(Verdict{Status: Invalid}, Reason{CodeInvalidMIME, "the MIME structure is too deep or has too many parts"})
		return
	}
	if mr := ent.MultipartReader(); mr != nil {
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				return
			}
			if err != nil && part == nil {
				rep.worsen(Verdict{Status: Invalid}, Reason{CodeInvalidMIME, "a multipart body is broken: " + errText(err)})
				return
			}
			c.walk(part, body, depth+1, rep)
		}
	}
	mediaType, params, _ := ent.Header.ContentType()
	if mediaType == "" {
		mediaType = "text/plain"
	}
	if mediaType == "message/rfc822" || mediaType == "message/global" {
		// A forwarded or attached message: mail clients show it inline,
		// links and all.
		inner, err := message.ReadWithOptions(ent.Body, &message.ReadOptions{MaxHeaderBytes: int64(c.opts.maxHeaderSize)})
		if inner == nil {
			rep.worsen(Verdict{Status: Invalid}, Reason{CodeInvalidMIME, "an attached message does not parse: " + errText(err)})
			return
		}
		ih := mail.Header{Header: inner.Header}
		body.addText(decodeHeader(ih.Get("From")) + "\n" + decodeHeader(ih.Get("Subject")))
		c.walk(inner, body, depth+1, rep)
		return
	}
	if !strings.HasPrefix(mediaType, "text/") {
		return
	}
	// What a reader sees is the inline text and HTML; text attachments
	// (an HTML login page, a CSV export) are searched as far as the budget
	// goes, but an attachment longer than that is no sign of anything.
	disposition, _, _ := ent.Header.ContentDisposition()
	shown := (mediaType == "text/plain" || mediaType == "text/html") && disposition != "attachment"
	if body.read >= maxMessageText {
		body.truncated = body.truncated || shown
		return
	}
	r := ent.Body
	if enc := strings.ToLower(strings.TrimSpace(ent.Header.Get("Content-Transfer-Encoding"))); !knownEncoding(enc) {
		r = guessEncoding(enc, r, params["charset"])
		rep.worsen(Verdict{Status: Invalid}, Reason{CodeInvalidMIME, fmt.Sprintf("a %s part has the unknown Content-Transfer-Encoding %q; it was read as mail clients may read it", mediaType, truncate(enc, 40))})
	}
	limit := min(maxPartText, maxMessageText-body.read)
	data, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if len(data) > limit {
		data, body.truncated = data[:limit], body.truncated || shown
	}
	body.read += len(data)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		rep.worsen(Verdict{Status: Invalid}, Reason{CodeInvalidMIME, fmt.Sprintf("a %s part does not decode: %v", mediaType, err)})
	}
	text := string(data)
	switch mediaType {
	case "text/html":
		htmlLinks(text, body, c.opts.maxLinks)
	default:
		body.addText(text)
		body.addTextLinks(text, c.opts.maxLinks)
	}
}

func knownEncoding(enc string) bool {
	switch enc {
	case "", "7bit", "8bit", "binary", "base64", "quoted-printable":
		return true
	}
	return false
}

// guessEncoding decodes a body whose Content-Transfer-Encoding go-message
// does not know ("x-base64", "base-64", "quoted-printable; x") by the
// encoding its name contains, as lenient mail clients do, so that a phisher
// cannot hide a link from vigie behind a misspelt encoding. go-message has
// already applied the charset to the still-encoded ASCII text; it is
// applied again to the decoded bytes.
func guessEncoding(enc string, r io.Reader, charset string) io.Reader {
	var dec io.Reader
	switch {
	case strings.Contains(enc, "base64") || strings.Contains(enc, "base-64"):
		dec = base64.NewDecoder(base64.StdEncoding, &base64Filter{r: r})
	case strings.Contains(enc, "quoted-printable") || strings.Contains(enc, "quoted_printable"):
		dec = quotedprintable.NewReader(r)
	default:
		return r
	}
	if charset == "" {
		return dec
	}
	if conv, err := message.CharsetReader(charset, dec); err == nil {
		return conv
	}
	return dec
}

// base64Filter drops what is not base64 alphabet or padding (spaces, tabs,
// stray characters), as lenient decoders do.
type base64Filter struct{ r io.Reader }

func (f *base64Filter) Read(p []byte) (int, error) {
	for {
		n, err := f.r.Read(p)
		k := 0
		for _, ch := range p[:n] {
			if 'A' <= ch && ch <= 'Z' || 'a' <= ch && ch <= 'z' || '0' <= ch && ch <= '9' || ch == '+' || ch == '/' || ch == '=' {
				p[k] = ch
				k++
			}
		}
		if k > 0 || err != nil || n == 0 {
			return k, err
		}
	}
}

// checkLinks judges every link found, then the findings that need them all.
func (c *Checker) checkLinks(rep *Report, body *bodyText, named []*domains.Organization) {
	links := body.links
	if len(links) > c.opts.maxLinks || body.cut {
		// Links beyond the limit are unchecked: padding a message with
		// harmless links must not hide the one that matters.
		rep.worsen(Verdict{Status: Suspicious}, Reason{CodeTooManyLinks, fmt.Sprintf("more than %d links: the first %d were checked", c.opts.maxLinks, c.opts.maxLinks)})
		links = links[:min(len(links), c.opts.maxLinks)]
	}
	if body.truncated {
		rep.worsen(Verdict{Status: Suspicious}, Reason{CodeTruncated, fmt.Sprintf("the text is longer than vigie searches (%d bytes a part, %d a message): the rest was not checked", maxPartText, maxMessageText)})
	}
	rs := &resolution{resolver: c.opts.resolver, timeout: c.opts.resolveTimeout}
	defer rs.close()
	for _, fl := range links {
		l := c.link(rs, fl)
		rep.Links = append(rep.Links, l)
		if l.Status.Alarming() {
			var rs []Reason
			for _, r := range l.Reasons {
				rs = append(rs, Reason{r.Code, "link " + truncate(l.URL, 120) + ": " + r.Detail})
			}
			rep.worsen(l.Verdict, rs...)
		}
	}
	c.memberLogin(rep, named)
}

// textMismatch flags an anchor whose visible text shows an official address
// while its href leads elsewhere, as rspamd's phishing module does.
func (c *Checker) textMismatch(l *Link) {
	if l.Text == "" {
		return
	}
	shown, _ := textlinks.Find(l.Text, 1)
	if len(shown) == 0 {
		return
	}
	sv := c.URL(shown[0].Text)
	if sv.Status != Official || officialFor(l.Verdict, sv.Organization) {
		return
	}
	l.Reasons = append(append([]Reason(nil), l.Reasons...), Reason{CodeLinkTextMismatch,
		fmt.Sprintf("the link shows %s, official for %s, but leads to %s", shown[0].Text, sv.Organization.Name, orDash(l.Host))})
	if Suspicious.Worse(l.Status) {
		l.Status = Suspicious
	}
	if l.Organization == nil {
		l.Organization, l.Target = sv.Organization, sv.Target
	}
}

func orDash(s string) string {
	if s == "" {
		return "no site"
	}
	return s
}

// loginWords mark a link as a login link, in its URL or its text.
var loginWords = []string{"connexion", "connecter", "connectez", "login", "log-in", "signin", "sign-in",
	"identifi", "authentif", "/auth", "compte", "espace", "password", "mot de passe", "motdepasse",
	"verifi", "vérifi", "valider", "activer"}

func isLoginLink(l Link) bool {
	s := strings.ToLower(l.URL + " " + l.Text)
	for _, w := range loginWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// memberLogin flags a message that names an organisation where insured
// people never log in (Viamedis, Almerys) and carries a login link that does
// not lead to an organisation where they do.
func (c *Checker) memberLogin(rep *Report, named []*domains.Organization) {
	for _, org := range named {
		if org.MemberLogin {
			continue
		}
		for _, l := range rep.Links {
			if !isLoginLink(l) || l.Status == Official && l.Organization.MemberLogin {
				continue
			}
			rep.worsen(Verdict{Status: Suspicious, Organization: org, Target: firstDomain(org)}, Reason{CodeNoMemberLogin,
				fmt.Sprintf("the message names %s, where insured people never log in, and asks to log in at %s", org.Name, truncate(l.URL, 120))})
			return
		}
	}
}
