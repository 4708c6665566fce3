package verify

import (
	"context"
	"io"
	"strings"
	"unicode"
)

// An Envelope is what the receiving mail server knows of a message that
// its header cannot prove: the addresses it delivers the message to
// (SMTP RCPT TO). A mail filter has it; a header's To and Cc are written
// by the sender and are not it.
type Envelope struct {
	// Recipients are the envelope recipients, as RCPT TO gave them
	// ("<jean.dupont@example.fr>" or without brackets).
	Recipients []string
}

// MessageEnvelope is [Checker.MessageContext] for a message whose envelope
// is known. One thing changes: a message delivered to a single recipient
// may write that recipient's own address ("this mail was sent to
// jean.dupont@example.fr", an invitation's ATTENDEE line, a mailto: to
// it) and stay Official, where any other address off the registered
// organisations makes a proven message Unknown (unverified-link). Writing
// to oneself leads nowhere else. With several recipients nothing is
// excused: one transaction may deliver to the phisher's own mailbox as
// well as the reader's, and the reader could not tell his address from the
// phisher's.
func (c *Checker) MessageEnvelope(ctx context.Context, env Envelope, r io.Reader) (Report, error) {
	return underContext(ctx, func() (Report, error) { return c.readMessage(ctx, r, env) })
}

// readerAddress is the one address the message is delivered to, its
// ASCII letters lowercased (see writesToReader), or "" when the envelope
// names none or several, or one that is no plain address.
func (env Envelope) readerAddress() string {
	if len(env.Recipients) != 1 {
		return ""
	}
	a := strings.TrimSpace(env.Recipients[0])
	if strings.HasPrefix(a, "<") && strings.HasSuffix(a, ">") {
		a = a[1 : len(a)-1]
	}
	if local, domain, ok := strings.Cut(a, "@"); !ok || local == "" || domain == "" || !plainAddress(a) {
		return ""
	}
	return asciiLower(a)
}

// notPlain are the characters that make an address one that mail
// software reads each its own way: white space, separators and brackets,
// quotes, comments and address literals ("\"x@evil.example\"@example.org"
// is example.org's to a parser, evil.example's to one that drops the
// quotes), source routes (':'), the routing operators '%' and '!'
// (Postfix's allow_percent_hack and swap_bangpath, on by default, send
// "x%evil.example@example.org" and "evil.example!x@example.org" to
// evil.example when it is the reader's own submission server that reads
// them), and what a mailto: link parts ('?', '&', and '#', where a
// browser handing the link to a webmail cuts it).
const notPlain = " \t\r\n<>,;\"()[]\\:%!?&#"

// plainAddress reports an address of one '@', none of notPlain and no
// control character: the only kind excused as the reader's.
func plainAddress(a string) bool {
	return strings.Count(a, "@") == 1 && !strings.ContainsAny(a, notPlain) &&
		!strings.ContainsFunc(a, unicode.IsControl)
}

// writesToReader reports whether a mailto: link writes to someone, and
// only to reader (as readerAddress gives it, lowercased), read alike by
// every mail client (mailtoReading.readAlike).
// Addresses are compared without ASCII case (no mail system delivers
// Jean.Dupont and jean.dupont to different people a phisher could own),
// and only ASCII: strings.EqualFold folds the Kelvin sign (U+212A) to
// 'k' and the long s (U+017F) to 's', code points a mail client sends
// as written, to another mailbox.
func writesToReader(link, reader string) bool {
	if reader == "" {
		return false
	}
	m := mailtoRecipients(link)
	if !m.readAlike() || len(m.addrs) == 0 {
		return false
	}
	for _, a := range m.addrs {
		if asciiLower(a) != reader {
			return false
		}
	}
	return true
}
