package verify

import (
	"context"
	"io"
	"strings"
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

// readerAddress is the one address the message is delivered to, or "" when
// the envelope names none or several.
func (env Envelope) readerAddress() string {
	if len(env.Recipients) != 1 {
		return ""
	}
	a := strings.TrimSpace(env.Recipients[0])
	if strings.HasPrefix(a, "<") && strings.HasSuffix(a, ">") {
		a = a[1 : len(a)-1]
	}
	if local, domain, ok := strings.Cut(a, "@"); !ok || local == "" || domain == "" || strings.ContainsAny(a, " \t\r\n<>,;") {
		return ""
	}
	return a
}

// writesToReader reports whether a mailto: link writes to someone, and
// only to reader (compared without case: no mail system delivers
// Jean.Dupont and jean.dupont to different people a phisher could own),
// its encoding read to the end.
func writesToReader(link, reader string) bool {
	if reader == "" {
		return false
	}
	m := mailtoRecipients(link)
	if m.undecoded || m.encodedWords || len(m.addrs) == 0 {
		return false
	}
	for _, a := range m.addrs {
		if !strings.EqualFold(a, reader) {
			return false
		}
	}
	return true
}
