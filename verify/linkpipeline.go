package verify

import (
	"context"
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/verify/internal/textlinks"
)

// The link pipeline: Message, SMS and Links find links by the same rules
// (textlinks for text, htmlLinks for HTML), gather them in a bodyText
// that de-duplicates them and stops at the link limit, and judge them
// through judgeLinks, which returns the judged links and whether the list
// was cut. A cut list is never silently accepted: each caller turns it
// into too-many-links (Suspicious), see tooManyLinks.

// bodyText gathers what is found in a message, text or template: its
// links, de-duplicated, and its text for name detection.
type bodyText struct {
	// links are the distinct links found, in order, at most max of
	// them plus the first one beyond (see add).
	links []foundLink
	// byURL indexes links by URL, to fold the text and HTML versions of a
	// multipart/alternative message into one.
	byURL map[string][]int
	text  strings.Builder
	parts int
	// cut: there were more distinct links than max, or a text was not
	// searched to its end.
	cut bool
	// truncated: some decoded text was beyond what is searched.
	truncated bool
	// deep: an HTML document was nested too deep for the parser and
	// read from its tokens (tokenLinksIn); deepDocs, a document in a
	// document (a conditional comment, an <iframe srcdoc>) was nested
	// deeper than vigie reads them (readsNested).
	deep, deepDocs bool
	read           int // decoded text read so far
	zipEntries     int // entries of zip archives looked at (readZip)
	pdfRead        int // bytes of PDF read (readPDF)
	// unread names content mail clients show that vigie could not
	// open (noteUnread), at most maxUnread.
	unread []string
	// max is the link limit ([WithMaxLinks]), set by addTextLinks and
	// htmlLinks; 0 until then.
	max int
	// spans, when keepSpans is set, are where each text link was
	// written in the text given to addTextLinks (an SMS's).
	keepSpans bool
	spans     []linkSpan
	// headerBase is the base a mail client gives the HTML part being
	// read from its MIME headers (see partHeaderBase), "" when none.
	headerBase string
	// shown are the links written in anchors' texts, at most max of
	// them (addAnchorText): only an alarming one counts.
	shown     []foundLink
	shownSeen map[string]bool
	// shownOnly are the links of shown that judgeLinks found neither
	// alarming nor among the links: a proven message must still verify
	// them (officialLinksOnly), since the reader may type or copy what
	// an anchor shows ("Envoyez vos justificatifs a x@gmail.com" over a
	// link to the official site, or to the reader's own address).
	shownOnly []Link
	// alarmOnly are the URLs of shown links that count only when
	// alarming, never as links a proven sender must verify (addShown).
	alarmOnly map[string]bool
}

type foundLink struct {
	url, text string
	// disguise says how the link was written to escape link finders
	// ("[.] written for a dot"), empty when it was written plainly.
	disguise string
}

// A linkSpan is where a text link was written: bytes start to end of the
// text, for links[link].
type linkSpan struct{ start, end, link int }

// add records a link with its anchor text.
func (b *bodyText) add(url, text string) { b.addLink(foundLink{url: url, text: text}) }

// addLink records a link and returns its index, or -1 when it is beyond
// the limit. A URL seen before is recorded again only with a new anchor
// text, since each text is compared with where the link leads; a text
// found for a URL seen without one completes it. Repeating a link does
// not use up the limit; the first new link beyond it is kept, to show
// what was not checked, and marks the body cut.
func (b *bodyText) addLink(fl foundLink) int {
	if b.byURL == nil {
		b.byURL = make(map[string][]int)
	}
	for _, i := range b.byURL[fl.url] {
		l := &b.links[i]
		if l.disguise == "" {
			l.disguise = fl.disguise
		}
		switch l.text {
		case fl.text:
			return i
		case "":
			l.text = fl.text
			return i
		}
	}
	if prev := b.byURL[fl.url]; fl.text == "" && len(prev) > 0 {
		return prev[0]
	}
	if b.max > 0 && len(b.links) >= b.max {
		if len(b.links) == b.max {
			b.links = append(b.links, fl)
		}
		b.cut = true
		return -1
	}
	b.byURL[fl.url] = append(b.byURL[fl.url], len(b.links))
	b.links = append(b.links, fl)
	return len(b.links) - 1
}

// addTextLinks records the links written in text, up to max distinct ones.
func (b *bodyText) addTextLinks(text string, max int) {
	b.max = max
	textlinks.Scan(text, func(l textlinks.Link) bool {
		i := b.addLink(foundLink{url: textLinkURL(l), disguise: disguiseDetail(l)})
		if i < 0 {
			return false
		}
		if b.keepSpans {
			b.spans = append(b.spans, linkSpan{l.Start, l.End, i})
		}
		return true
	})
}

// addNodeLinks records the links written in one text node of an HTML
// document, before its text is searched glued to its neighbours: a mail
// client's link finder may stop where the node ends (a block, a comment,
// an image between them), and "https://ameli-aide.com" ending one block
// must not be read only as the official "https://ameli-aide.com.ameli.fr"
// with the next.
func (b *bodyText) addNodeLinks(text string) { b.addTextLinks(text, b.max) }

// addAnchorText records the links written in an anchor's text. The
// anchor leads where its href does, but a reader may write to an address
// it shows ("Envoyez votre RIB a remboursement@ameli-aide.com"), or copy a
// link it shows, and a plain-text view makes a link of it: one that is a
// lookalike or suspicious makes the message so (judgeLinks).
func (b *bodyText) addAnchorText(text string) { b.addShown(text, false) }

// addShown records the links written in a text shown to the reader, as
// addAnchorText does; alarmOnly marks them as counting only when alarming
// (see bodyText.alarmOnly).
func (b *bodyText) addShown(text string, alarmOnly bool) {
	textlinks.Scan(text, func(l textlinks.Link) bool {
		url := textLinkURL(l)
		if b.shownSeen[url] {
			return true
		}
		if b.max > 0 && len(b.shown) >= b.max {
			b.cut = true
			return false
		}
		if b.shownSeen == nil {
			b.shownSeen = make(map[string]bool)
		}
		b.shownSeen[url] = true
		b.shown = append(b.shown, foundLink{url: url, disguise: disguiseDetail(l)})
		if alarmOnly {
			if b.alarmOnly == nil {
				b.alarmOnly = make(map[string]bool)
			}
			b.alarmOnly[url] = true
		}
		return true
	})
}

// addInPlaceText records the links of the visible text read in place,
// anchors' texts glued to the words beside them: each is judged as an
// anchor's text is (addAnchorText), and one that no anchor's text nor
// the text around the anchors gave alone, written across an anchor's
// edge ("remboursement@<a>suivi-usagers</a>.net"), is a link the reader
// sees written, judged as a text link is.
func (b *bodyText) addInPlaceText(text string) {
	var across []foundLink
	textlinks.Scan(text, func(l textlinks.Link) bool {
		if url := textLinkURL(l); !b.shownSeen[url] && len(b.byURL[url]) == 0 {
			across = append(across, foundLink{url: url, disguise: disguiseDetail(l)})
		}
		return b.max == 0 || len(across) <= b.max
	})
	b.addAnchorText(text)
	for _, fl := range across {
		if b.addLink(fl) < 0 {
			return
		}
	}
}

// disguiseDetail says how a text link was disguised, or "".
func disguiseDetail(l textlinks.Link) string {
	if l.Disguise == "" {
		return ""
	}
	return fmt.Sprintf("%s is written to escape link finders (%s)", truncate(l.Text, 120), l.Disguise)
}

// readsNested reports whether a document standing in a document nested
// conditional deep is read: up to maxConditional; past it, the body is
// marked, and the message is not vouched for.
func (b *bodyText) readsNested(conditional int) bool {
	if conditional < maxConditional {
		return true
	}
	b.deepDocs = true
	return false
}

// maxUnread bounds the contents noteUnread keeps to name them.
const maxUnread = 3

// noteUnread records content that mail clients show but vigie could not
// open.
func (b *bodyText) noteUnread(what string) {
	if len(b.unread) < maxUnread {
		b.unread = append(b.unread, what)
	}
}

func (b *bodyText) addText(s string) {
	if b.text.Len() < maxMentionText {
		b.text.WriteString(s)
		b.text.WriteByte('\n')
	}
}

// judgeLinks judges every link found, through link, at most
// [WithMaxLinks] of them, in the order found, then the links anchors'
// texts show, of which it keeps the lookalike and suspicious ones; cut
// reports links left unchecked, which the caller must turn into
// too-many-links.
func (c *Checker) judgeLinks(ctx context.Context, body *bodyText) (links []Link, cut bool) {
	found := body.links
	if len(found) > c.opts.maxLinks {
		found, cut = found[:c.opts.maxLinks], true
	}
	rs := c.newResolution(ctx)
	defer rs.close()
	links = make([]Link, len(found))
	for i, fl := range found {
		links[i] = c.link(rs, fl)
	}
	for _, fl := range body.shown {
		if _, judged := body.byURL[fl.url]; judged {
			continue
		}
		if l := c.link(rs, fl); l.Status == Lookalike || l.Status == Suspicious {
			links = append(links, l)
		} else if !body.alarmOnly[fl.url] {
			body.shownOnly = append(body.shownOnly, l)
		}
	}
	return links, cut || body.cut
}

// tooManyLinks is the reason of a list cut at the limit: padding a message
// with harmless links must not hide the one that matters.
func (c *Checker) tooManyLinks() Reason {
	return Reason{CodeTooManyLinks, fmt.Sprintf("more than %d links: the first %d were checked, the rest were not", c.opts.maxLinks, c.opts.maxLinks)}
}

// link judges one link: where it leads (judgeLink), how it was written
// (a disguise makes it at least Suspicious) and what its visible text
// says (textMismatch).
func (c *Checker) link(rs *resolution, fl foundLink) Link {
	l := Link{URL: fl.url, Text: fl.text, Verdict: c.judgeLink(rs, fl.url)}
	if fl.disguise != "" {
		l.Reasons = append(append([]Reason(nil), l.Reasons...), Reason{CodeDisguisedLink, fl.disguise})
		if Suspicious.Worse(l.Status) {
			l.Status = Suspicious
		}
	}
	c.textMismatch(&l)
	return l
}

// checkLinks judges every link of a message, then the findings that need
// them all.
func (c *Checker) checkLinks(ctx context.Context, rep *Report, body *bodyText, named []*domains.Organization) {
	links, cut := c.judgeLinks(ctx, body)
	if cut {
		rep.worsen(Verdict{Status: Suspicious}, c.tooManyLinks())
	}
	if body.deep {
		rep.worsen(Verdict{Status: Suspicious}, Reason{CodeDeepHTML, "an HTML part is nested deeper than the HTML parser builds a tree (512 elements): it was read from its tokens, and what it shows may differ from what a mail client shows"})
	}
	if body.deepDocs {
		rep.worsen(Verdict{Status: Suspicious}, Reason{CodeDeepHTML, fmt.Sprintf("an HTML part nests documents (conditional comments, <iframe srcdoc>) deeper than vigie reads them (%d levels): what the deeper ones show was not checked", maxConditional)})
	}
	if body.truncated {
		rep.worsen(Verdict{Status: Suspicious}, Reason{CodeTruncated, fmt.Sprintf("the text is longer than vigie searches (%d bytes a part, %d a message): the rest was not checked", maxPartText, maxMessageText)})
	}
	for _, l := range links {
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
// while its href leads elsewhere, as rspamd's phishing module does: a
// site of no or another organisation, or, for an email address shown, a
// mailto: link writing to another address.
func (c *Checker) textMismatch(l *Link) {
	if l.Text == "" {
		return
	}
	shown, _ := textlinks.Find(l.Text, 1)
	if len(shown) == 0 {
		return
	}
	var sv Verdict
	what := "official for"
	if shown[0].Address {
		sv, what = c.Sender(shown[0].Text), "an address of"
	} else {
		sv = c.URL(shown[0].Text)
	}
	if sv.Status != Official || officialFor(l.Verdict, sv.Organization) ||
		shown[0].Address && c.recipientsOfficialFor(l.URL, sv.Organization) {
		return
	}
	leads := l.Host
	if leads == "" {
		leads = truncate(l.URL, 120) // mailto:, javascript:
	}
	l.Reasons = append(append([]Reason(nil), l.Reasons...), Reason{CodeLinkTextMismatch,
		fmt.Sprintf("the link shows %s, %s %s, but leads to %s", shown[0].Text, what, sv.Organization.Name, leads)})
	if Suspicious.Worse(l.Status) {
		l.Status = Suspicious
	}
	if l.Organization == nil {
		l.Organization, l.Target = sv.Organization, sv.Target
	}
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
