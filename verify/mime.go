package verify

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
)

// walk visits the MIME tree depth-first, reading text/plain and text/html
// parts. Past maxMIMEDepth levels the message is Invalid but still read,
// as mail clients read it, down to maxMIMEReadDepth; a part deeper still
// is searched as raw text, so that nesting never hides a link.
func (c *Checker) walk(ent *message.Entity, body *bodyText, depth int, rep *Report, damage *bodyDamage) {
	body.parts++
	if body.parts > maxMIMEParts {
		if body.parts == maxMIMEParts+1 {
			rep.worsen(Verdict{Status: Invalid}, Reason{CodeInvalidMIME, fmt.Sprintf("the message has more than %d MIME parts; the rest were not read", maxMIMEParts)})
		}
		return
	}
	if depth == maxMIMEDepth+1 {
		rep.worsen(Verdict{Status: Invalid}, Reason{CodeInvalidMIME, fmt.Sprintf("the MIME structure is more than %d levels deep", maxMIMEDepth)})
	}
	if depth > maxMIMEReadDepth {
		c.readRaw(ent.Body, body)
		return
	}
	if b := partHeaderBase(ent.Header); b != "" {
		// A part's own base, or else its multipart's, as Thunderbird
		// applies them.
		outer := body.headerBase
		body.headerBase = b
		defer func() { body.headerBase = outer }()
	}
	for _, key := range []string{"Content-Type", "Content-Transfer-Encoding"} {
		// RFC 2045 allows one of each, and mail readers do not agree
		// on which copy wins: the sender would pick the reading a
		// gateway makes, the first here.
		if n := len(ent.Header.Values(key)); n > 1 {
			rep.worsen(Verdict{Status: Invalid}, Reason{CodeInvalidMIME, fmt.Sprintf("a part has %d %s headers; it was read with the first", n, key)})
		}
	}
	if name := paramInTwoForms(ent.Header.Get("Content-Type")); name != "" {
		rep.worsen(Verdict{Status: Invalid}, Reason{CodeInvalidMIME, fmt.Sprintf("a part's Content-Type gives its %q parameter in two forms (RFC 2231); it was read with one", truncate(name, 40))})
	}
	mediaType, params, typeErr := ent.Header.ContentType()
	if typeErr != nil {
		var twice string
		if mediaType, params, twice = lenientMediaType(ent.Header.Get("Content-Type")); twice != "" {
			rep.worsen(Verdict{Status: Invalid}, Reason{CodeInvalidMIME, fmt.Sprintf("a part's Content-Type gives its %q parameter twice; it was read with the first", truncate(twice, 40))})
		}
	}
	if !strings.Contains(mediaType, "/") {
		// "text", with no subtype, is no media type: the part is
		// text/plain (RFC 2045, section 5.2), which Thunderbird shows
		// as its untyped text; Go's parser accepted it as is.
		mediaType = ""
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		if mediaType == "multipart/encrypted" {
			body.noteUnread("encrypted content (" + mediaType + ", PGP/MIME)")
		}
		boundary := params["boundary"]
		mr := textproto.NewMultipartReader(&partHeaderFilter{r: bufio.NewReader(ent.Body), boundary: boundary, dropped: &damage.partHeaderLines}, boundary)
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				return
			}
			if err != nil {
				rep.worsen(Verdict{Status: Invalid}, Reason{CodeInvalidMIME, "a multipart body is broken: " + errText(err)})
				return
			}
			pe, _ := lenientEntity(part.Header, part, damage)
			c.walk(pe, body, depth+1, rep, damage)
		}
	}
	// Thunderbird's untyped text (uuencodedFile): no type, or "text".
	untyped := !strings.Contains(ent.Header.Get("Content-Type"), "/")
	if mediaType == "" {
		mediaType = "text/plain"
	}
	names := partNames(params, ent.Header)
	what := sealedPart(mediaType, names)
	if what == "" {
		what = unopenedArchive(mediaType, names)
	}
	if what != "" {
		body.noteUnread(what)
		return
	}
	asMessage := mediaType == "message/rfc822" || mediaType == "message/global" || mediaType == "message/news" || messageFile(names)
	if !asMessage && officeDocument(mediaType, names) {
		// Word opens a web archive (MHT) named .doc as the page it
		// holds (red33): read as the attached message it is written as.
		br := bufio.NewReader(ent.Body)
		head, _ := br.Peek(64)
		asMessage, ent.Body = mimeHeaderStart(head), br
	}
	if asMessage {
		// A forwarded or attached message: mail clients show it inline,
		// links and all.
		br := bufio.NewReader(ent.Body)
		h, hdamage, err := readHeaderLeniently(br, c.opts.maxHeaderSize)
		if err != nil {
			rep.worsen(Verdict{Status: Invalid}, Reason{CodeInvalidMIME, "an attached message does not parse: " + errText(err)})
		}
		if rs := hdamage.reasons(c.opts.maxHeaderSize); len(rs) > 0 {
			rep.worsen(Verdict{Status: Invalid}, rs...)
		}
		inner, _ := lenientEntity(h, br, damage)
		ih := mail.Header{Header: inner.Header}
		shownHeader := decodeHeader(ih.Get("From")) + "\n" + decodeHeader(ih.Get("Subject"))
		body.addText(shownHeader)
		body.addAnchorText(shownHeader)
		c.walk(inner, body, depth+1, rep, damage)
		return
	}
	if mediaType == "message/external-body" && strings.EqualFold(params["access-type"], "url") {
		// Thunderbird shows the body's URL as a link (RFC 2017: white
		// space in it is folding, not part of it).
		if u := strings.Join(strings.Fields(params["url"]), ""); u != "" {
			body.add(u, "")
		}
		return
	}
	if zipPart(mediaType, names) {
		c.readZip(ent.Body, body, false)
		return
	}
	kind := partKind(mediaType, names)
	enc := strings.ToLower(strings.TrimSpace(ent.Header.Get("Content-Transfer-Encoding")))
	if pdfPart(mediaType, names) {
		// A PDF in a Content-Transfer-Encoding go-message leaves
		// undone ("x-base64") is decoded as lenient clients decode it,
		// and makes the message invalid as any part so written; it was
		// read undecoded, and official (red team red35).
		decoded := func(r io.Reader) io.Reader {
			if knownEncoding(enc) {
				return r
			}
			return guessEncoding(enc, r, "")
		}
		if kind == partSkipped {
			if !knownEncoding(enc) {
				rep.worsen(Verdict{Status: Invalid}, unknownEncoding(mediaType, enc))
			}
			c.readPDF(decoded(ent.Body), body)
			return
		}
		// Typed as a PDF and named as a page ("releve.pdf" sent as
		// text/html, a PDF named "releve.html"): the reader's client
		// goes by one or the other; both are read.
		data, _ := io.ReadAll(io.LimitReader(ent.Body, maxPDFSize+1))
		c.readPDF(decoded(bytes.NewReader(data)), body)
		ent.Body = io.MultiReader(bytes.NewReader(data), ent.Body)
	}
	if kind == partSkipped {
		return
	}
	if cs := params["charset"]; cs != "" && !knownCharset(cs) {
		// go-message hands the part over undecoded: a link written in
		// UTF-7 or UTF-32, which Windows mail clients decode, is no
		// link in its raw bytes. Never proof of anything.
		rep.worsen(Verdict{Status: Unknown}, Reason{CodeUnknownCharset, fmt.Sprintf("a %s part is in the charset %q, which vigie cannot decode: its links were searched in its undecoded bytes", mediaType, truncate(cs, 40))})
	}
	// What a reader sees is the inline text and HTML; text attachments
	// (a CSV export, a calendar) are searched as far as the budget goes,
	// but one longer than that is no sign of anything.
	// An HTML attachment (or one that may be, sniffed) is rendered
	// whole, every link live, by the browser that opens it: what the
	// budget leaves of it unread counts as for a part shown inline.
	disposition, _, _ := ent.Header.ContentDisposition()
	shown := (mediaType == "text/plain" || htmlType(mediaType)) && disposition != "attachment" || kind&(partHTML|partSniffed) != 0
	if body.read >= maxMessageText {
		body.truncated = body.truncated || shown
		return
	}
	r := ent.Body
	if cs := params["charset"]; typeErr != nil && cs != "" && knownCharset(cs) {
		// go-message applies no charset to a type it cannot parse.
		r, _ = message.CharsetReader(cs, r)
	}
	if !knownEncoding(enc) {
		r = guessEncoding(enc, r, params["charset"])
		rep.worsen(Verdict{Status: Invalid}, unknownEncoding(mediaType, enc))
	}
	if kind == partSniffed {
		var pdf bool
		if r, pdf = sniffPDF(r); pdf {
			c.readPDF(r, body)
			return
		}
		if r, kind = sniffHTML(r); r == nil {
			if kind == partOLE && officeDocument(mediaType, names) {
				body.noteUnread("an Office file in the binary format")
			}
			return
		}
	}
	data, err := readBudget(r, body, shown)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		rep.worsen(Verdict{Status: Invalid}, Reason{CodeInvalidMIME, fmt.Sprintf("a %s part does not decode: %v", mediaType, err)})
	}
	text := string(data)
	if kind&partHTML != 0 {
		htmlLinks(text, body, c.opts.maxLinks)
	}
	if kind&partXML != 0 {
		officeLinks(text, body)
	}
	if kind&partText != 0 {
		if strings.Contains(text, "-----BEGIN PGP MESSAGE-----") {
			body.noteUnread("inline PGP encrypted text")
		}
		if name := uuencodedFile(text); untyped && name != "" {
			body.noteUnread(fmt.Sprintf("the encoded file %q in a text without Content-Type", truncate(name, 60)))
		}
		// A calendar or contact is shown only unfolded (an invitation, a
		// contact card), unless its type is other text, which a client
		// shows as it is (text/plain named .ics).
		shownRaw := !contentLines(mediaType, names) || !contentType(mediaType) && (strings.HasPrefix(mediaType, "text/") || textTypes[mediaType])
		if shownRaw {
			body.addText(text)
			body.addTextLinks(text, c.opts.maxLinks)
		}
		if mediaType == "text/enriched" || mediaType == "text/richtext" {
			// Thunderbird shows them without their commands.
			body.addTextLinks(enrichedText(text, mediaType == "text/richtext"), c.opts.maxLinks)
		}
		if contentLines(mediaType, names) {
			// Calendar apps and address books show the values
			// unfolded and unescaped.
			readCalendarText(text, body, c.opts.maxLinks, !shownRaw)
		}
		if strings.EqualFold(params["format"], "flowed") {
			// Clients that honour format=flowed show soft-broken lines
			// joined, and find links in what they show.
			body.addTextLinks(unflow(text, strings.EqualFold(params["delsp"], "yes")), c.opts.maxLinks)
		}
	}
}

// lenientMediaType reads a Content-Type that mime.ParseMediaType refuses
// as mail clients still read it: comments removed (RFC 2045 allows them),
// the type and subtype before the first ';', then each "name=value"
// parameter that can be read, the first of a name winning; an empty or
// unterminated value is skipped. A type that is not "type/subtype" is "".
// twice names a parameter given twice ("boundary=x; boundary=y"), which
// mail readers do not all read the same way.
func lenientMediaType(v string) (mediaType string, params map[string]string, twice string) {
	pieces := strings.Split(stripComments(v), ";")
	mediaType = strings.ToLower(strings.TrimSpace(pieces[0]))
	if t, sub, ok := strings.Cut(mediaType, "/"); !ok || t == "" || sub == "" || strings.ContainsAny(sub, "/ \t\"") {
		mediaType = ""
	}
	params = make(map[string]string)
	for _, p := range pieces[1:] {
		name, value, ok := strings.Cut(p, "=")
		name = strings.ToLower(strings.TrimSpace(name))
		value = strings.TrimSpace(value)
		if len(value) >= 2 && value[0] == '"' && value[len(value)-1] == '"' {
			value = value[1 : len(value)-1]
		}
		if !ok || name == "" || value == "" || strings.Contains(value, `"`) {
			continue
		}
		if first, seen := params[name]; seen {
			if first != value && twice == "" {
				twice = name
			}
			continue
		}
		params[name] = value
	}
	return mediaType, params, twice
}

// paramInTwoForms names a Content-Type parameter written both plainly and
// in RFC 2231's forms, or in two of those: "boundary=y; boundary*0=x",
// "boundary*=x; boundary*0=y", "charset*0=a; charset*0*=b". Go's parser
// reads the extended form, Python's the plain one, so the sender would
// pick the part a gateway reads (red team red13). "" when there is none.
func paramInTwoForms(v string) string {
	// The forms seen of each base name: "" plain, "*" extended whole,
	// "0", "1"... the sections of a continued value.
	forms := make(map[string]map[string]bool)
	for _, p := range strings.Split(stripComments(v), ";")[1:] {
		name, _, ok := strings.Cut(p, "=")
		name = strings.ToLower(strings.TrimSpace(name))
		base, form, extended := strings.Cut(name, "*")
		if !ok || base == "" {
			continue
		}
		// "name*0*" and "name*0" are one section, encoded or not.
		if form = strings.TrimSuffix(form, "*"); extended && form == "" {
			form = "*"
		}
		seen := forms[base]
		if seen == nil {
			seen = make(map[string]bool)
			forms[base] = seen
		}
		plainTwice := form == "" && seen[""] // lenientMediaType's case
		sections := form != "" && form != "*"
		for other := range seen {
			if !plainTwice && (other == form || !sections || other == "" || other == "*") {
				return base
			}
		}
		seen[form] = true
	}
	return ""
}

// partHeaderBase returns the base URL a part's headers give its relative
// links: Content-Base, or else Content-Location (RFC 2557), when it is an
// http(s) URL.
// Thunderbird writes it as a <BASE> tag before an HTML part (libmime's
// mimethtm.cpp) and gives a multipart/related's to its parts; "" when the
// part has none.
func partHeaderBase(h message.Header) string {
	for _, key := range []string{"Content-Base", "Content-Location"} {
		v := strings.Trim(strings.Join(strings.Fields(h.Get(key)), ""), `"<>`)
		if lower := strings.ToLower(v); strings.HasPrefix(lower, "https:") || strings.HasPrefix(lower, "http:") {
			// Only a web base: a file: or cid: location (MHTML saved
			// from a disk) is no site a relative link leads to.
			return v
		}
	}
	return ""
}

// knownCharset reports whether go-message decodes a charset.
func knownCharset(charset string) bool {
	_, err := message.CharsetReader(charset, strings.NewReader(""))
	return err == nil
}

func knownEncoding(enc string) bool {
	switch enc {
	case "", "7bit", "8bit", "binary", "base64", "quoted-printable":
		return true
	}
	return false
}

// unknownEncoding is the reason a part in a Content-Transfer-Encoding
// go-message does not know gives.
func unknownEncoding(mediaType, enc string) Reason {
	return Reason{CodeInvalidMIME, fmt.Sprintf("a %s part has the unknown Content-Transfer-Encoding %q; it was read as mail clients may read it", mediaType, truncate(enc, 40))}
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
		dec = &base64Lenient{r: bufio.NewReader(r)}
	case strings.Contains(enc, "quoted-printable") || strings.Contains(enc, "quoted_printable"):
		dec = newQPLenient(r)
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

// readBudget reads a part's text within what is left of the text budget;
// text cut off marks the body truncated when it was shown to the reader.
func readBudget(r io.Reader, body *bodyText, shown bool) ([]byte, error) {
	if body.read >= maxMessageText {
		body.truncated = body.truncated || shown
		return nil, nil
	}
	limit := min(maxPartText, maxMessageText-body.read)
	data, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if len(data) > limit {
		data, body.truncated = data[:limit], body.truncated || shown
	}
	body.read += len(data)
	return data, err
}

// readRaw searches the raw text of a part too deep to parse for links,
// within the text budget.
func (c *Checker) readRaw(r io.Reader, body *bodyText) {
	data, _ := readBudget(r, body, true)
	body.addText(string(data))
	body.addTextLinks(string(data), c.opts.maxLinks)
}
