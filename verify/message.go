package verify

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"mime"
	"strings"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // ISO-8859-1, windows-1252 and the other charsets of real mail
	"github.com/emersion/go-message/mail"

	"github.com/vigie-sante/vigie/domains"
)

// Limits on the structure of a message, beyond the size options.
const (
	maxMIMEDepth = 16
	// maxMIMEReadDepth bounds the levels parsed; each level's boundary
	// scan reads the bytes below it again.
	maxMIMEReadDepth = 32
	maxMIMEParts     = 500
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
// display-name checks of [Checker.Sender]), where replies go (Reply-To,
// and Mail-Reply-To and Mail-Followup-To, which some clients prefer) and
// its Return-Path, the Authentication-Results of trusted servers
// ([WithTrustedAuthServIDs]),
// and every link of its text and HTML parts, through MIME multiparts,
// base64 and quoted-printable, in any common charset, and of its List-*
// fields (the "Unsubscribe" link mail clients show). The Report's verdict
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
// unless its beginning is worse (a lookalike, a suspicious link, text cut).
// The error is non-nil only when reading r fails.
func (c *Checker) Message(r io.Reader) (Report, error) {
	return c.readMessage(context.Background(), r, Envelope{})
}

func (c *Checker) readMessage(ctx context.Context, r io.Reader, env Envelope) (Report, error) {
	c = c.orDefault()
	src := &readErrors{r: r, ctx: ctx}
	lr := &io.LimitedReader{R: src, N: c.opts.maxMessageSize + 1}
	br := bufio.NewReader(lr)
	rep := c.message(ctx, br, env)
	// Read to the limit, so that an oversized message is known as such
	// even when its links were all in its first part.
	io.Copy(io.Discard, br)
	if src.err != nil {
		return Report{}, fmt.Errorf("verify: reading message: %w", src.err)
	}
	if lr.N <= 0 {
		// A message that cannot be read whole is Invalid, whatever its
		// beginning suggested (text cut, links unchecked), unless that
		// beginning is worse already (suspicious or a lookalike).
		rep.Reasons = append(rep.Reasons, Reason{CodeTooLong,
			fmt.Sprintf("the message is larger than the %d bytes allowed; only the beginning was checked", c.opts.maxMessageSize)})
		if Invalid.Worse(rep.Status) {
			rep.Status = Invalid
		}
		// The limit may cut the last link short ("https://ameli.fr" of
		// "https://ameli.fr.evil.com"), and which one is not known here:
		// no link of a cut message is listed as official.
		for i := range rep.Links {
			if l := &rep.Links[i]; l.Status == Official {
				l.Status = Unknown
				l.Reasons = append(append([]Reason(nil), l.Reasons...), Reason{CodeTooLong,
					"the message was cut by its size limit: this link may be the beginning of a longer one"})
			}
		}
	}
	return rep, nil
}

// readErrors remembers the first error of the underlying reader other than
// EOF, to tell an I/O failure from a message that does not parse. Once ctx
// is done, reading fails with its error, which stops the check between
// MIME parts.
type readErrors struct {
	r   io.Reader
	ctx context.Context
	err error
}

func (e *readErrors) Read(p []byte) (int, error) {
	if err := e.ctx.Err(); err != nil {
		if e.err == nil {
			e.err = err
		}
		return 0, err
	}
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF && e.err == nil {
		e.err = err
	}
	return n, err
}

func (c *Checker) message(ctx context.Context, r *bufio.Reader, env Envelope) Report {
	hdr, damage, herr := readHeaderLeniently(r, c.opts.maxHeaderSize)
	var bd bodyDamage
	ent, err := lenientEntity(hdr, r, &bd)
	h := mail.Header{Header: ent.Header}
	var rep Report
	from := h.Values("From")
	var sender *mail.Address
	var proven *domains.Organization // the organisation the sender is proven to be
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
	if sender != nil {
		// Replies and bounces are judged against the organisation the
		// From claims, whether or not authentication upholds the claim.
		claimed := rep.Status == Official
		c.authentication(&rep, h, sender)
		if rep.Status == Official {
			proven = rep.Organization
		}
		c.replyPaths(&rep, h, claimed)
	}
	// Damage makes the message Invalid whatever its sender, once the
	// sender's findings are made: a spoof found stays the worse answer.
	if herr != nil {
		rep.worsen(Verdict{Status: Invalid}, Reason{CodeInvalidHeader, "the header section does not parse: " + errText(herr)})
	}
	if rs := damage.reasons(c.opts.maxHeaderSize); len(rs) > 0 {
		rep.worsen(Verdict{Status: Invalid}, rs...)
	}
	if err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err) {
		rep.worsen(Verdict{Status: Invalid}, Reason{CodeInvalidMIME, errText(err)})
	}

	body := &bodyText{}
	c.walk(ent, body, 0, &rep, &bd)
	listLinks(h, body, c.opts.maxLinks)
	if rs := bd.reasons(); len(rs) > 0 {
		rep.worsen(Verdict{Status: Invalid}, rs...)
	}
	if len(body.unread) > 0 {
		// What cannot be read cannot be vouched for.
		rep.worsen(Verdict{Status: Unknown}, Reason{CodeUnreadContent, "mail clients open and show " +
			strings.Join(body.unread, ", ") + ", which vigie cannot open: the links in it were not checked"})
	}
	subject := decodeHeader(h.Get("Subject"))
	// Every client shows the sender's name and the subject above the
	// body, Outlook and Thunderbird a Sender that differs from From ("X
	// on behalf of Y"): a host or address written there ("Connectez-vous
	// sur ameli-aide.com") is one the reader may type, as an anchor's
	// text is.
	// Every copy of a field written twice: readers do not agree on which
	// they show. The Sender's address is a mailing service's as often as
	// not (bounces@...), and nobody is asked to write to it: it counts
	// only when alarming, not as a link a proven sender must verify.
	shown := []string{decodeHeader(fromName(sender))}
	for _, v := range h.Values("Subject") {
		shown = append(shown, decodeHeader(v))
	}
	body.addAnchorText(strings.Join(shown, "\n"))
	var senders []string
	for _, v := range h.Values("Sender") {
		senders = append(senders, decodeHeader(v))
	}
	body.addShown(strings.Join(senders, "\n"), true)
	text := truncate(fromName(sender)+"\n"+subject+"\n"+body.text.String(), maxMentionText)
	c.checkLinks(ctx, &rep, body, orgsOf(c.namedOrganizations(text)))
	c.loginBrandMention(&rep, text, proven)
	c.officialLinksOnly(&rep, body.shownOnly, env.readerAddress())
	return rep
}

// listFields are the RFC 2369 fields whose URLs mail clients show as
// links: Gmail, Outlook and Apple Mail put an "Unsubscribe" link beside
// the sender from List-Unsubscribe and open its https URL in the browser.
var listFields = []string{"List-Unsubscribe", "List-Help", "List-Subscribe", "List-Post", "List-Owner", "List-Archive"}

// listLinks records the URLs of the List-* fields, each written "<url>"
// (RFC 2369, section 2), as links of the message.
func listLinks(h mail.Header, body *bodyText, maxLinks int) {
	body.max = maxLinks
	for _, key := range listFields {
		for _, v := range h.Values(key) {
			for rest := v; ; {
				start := strings.IndexByte(rest, '<')
				if start < 0 {
					break
				}
				end := strings.IndexByte(rest[start:], '>')
				if end < 0 {
					break
				}
				if u := strings.Join(strings.Fields(rest[start+1:start+end]), ""); hasScheme(u) {
					body.add(u, "")
				}
				rest = rest[start+end+1:]
			}
		}
	}
	receiptLinks(h, body)
}

// receiptFields ask the reader's client for a read receipt, sent to their
// addresses: Disposition-Notification-To (RFC 8098), which Outlook and
// Thunderbird honour with a prompt or without (by setting), and the older
// Return-Receipt-To. A receipt tells its addressee that the address is
// read, and when: each address is a mailto: link of the message, which a
// proven sender's must be verified for it to stay official.
var receiptFields = []string{"Disposition-Notification-To", "Return-Receipt-To"}

func receiptLinks(h mail.Header, body *bodyText) {
	for _, key := range receiptFields {
		for _, raw := range h.Values(key) {
			addrs, err := mail.ParseAddressList(raw)
			if err != nil {
				// Unparsed, it is still an address a client may
				// write to: read as a mailto: link, which judges it.
				if raw = strings.TrimSpace(raw); raw != "" {
					body.add("mailto:"+raw, "")
				}
				continue
			}
			for _, a := range addrs {
				body.add("mailto:"+a.Address, "")
			}
		}
	}
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
