package verify

import (
	"bytes"
	"io"
	"strings"

	"github.com/emersion/go-message"
)

// How mail clients show text parts that are not written as they are
// shown: flowed lines, folded content lines, enriched text. Each is read
// as well as the raw text, for the links a reader sees.

// unflow joins the lines of a format=flowed text as RFC 3676 displays
// them: a line ending in a space is continued by the next one (without
// that space when delSp is set, section 4.2), a space stuffed at the start
// of a line is removed (4.4), and the signature separator "-- " stays a
// line of its own (4.3).
func unflow(text string, delSp bool) string {
	var b strings.Builder
	b.Grow(len(text))
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\r\n")
		line = strings.TrimPrefix(line, " ")
		if strings.HasSuffix(line, " ") && line != "-- " {
			if delSp {
				line = line[:len(line)-1]
			}
			b.WriteString(line)
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// unfoldContentLines reads the content lines of an iCalendar (RFC 5545,
// section 3.1) or vCard (RFC 6350, section 3.2) as calendar apps and
// address books show them: unfolded (unfoldLines), then the escapes of
// text values (3.3.11) decoded (unescapeValue).
func unfoldContentLines(text string) string { return unescapeValue(unfoldLines(text)) }

// unfoldLines removes the folding of content lines: a line break followed
// by one space or tab is removed with that character.
func unfoldLines(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	for i := 0; i < len(text); i++ {
		ch := text[i]
		switch {
		case ch == '\r' && i+1 < len(text) && text[i+1] == '\n' && i+2 < len(text) && (text[i+2] == ' ' || text[i+2] == '\t'):
			i += 2
		case ch == '\n' && i+1 < len(text) && (text[i+1] == ' ' || text[i+1] == '\t'):
			i++
		default:
			b.WriteByte(ch)
		}
	}
	return b.String()
}

// unescapeValue decodes the escapes of a text value (RFC 5545, 3.3.11):
// "\n" is a new line, "\," "\;" "\\" the character.
func unescapeValue(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	for i := 0; i < len(text); i++ {
		ch := text[i]
		if ch == '\\' && i+1 < len(text) && strings.IndexByte("nN,;\\", text[i+1]) >= 0 {
			i++
			if ch = text[i]; ch == 'n' || ch == 'N' {
				ch = '\n'
			}
		}
		b.WriteByte(ch)
	}
	return b.String()
}

// readCalendarText records the links of a calendar's or a contact's text
// as calendar apps and address books show it: its content lines unfolded
// and unescaped, and what they show otherwise than written
// (readContentLines). shown adds the unfolded text to the text read for
// names, where it is the reading shown.
func readCalendarText(text string, body *bodyText, maxLinks int, shown bool) {
	lines := unfoldLines(text)
	unfolded := unescapeValue(lines)
	if shown {
		body.addText(unfolded)
	}
	body.addTextLinks(unfolded, maxLinks)
	readContentLines(lines, body, maxLinks)
}

// readContentLines records the links of content lines (unfolded) that
// calendar apps and address books show otherwise than written: an
// X-ALT-DESC rendered as HTML, a quoted-printable value decoded.
func readContentLines(lines string, body *bodyText, maxLinks int) {
	for _, desc := range htmlDescriptions(lines) {
		htmlLinks(desc, body, maxLinks)
	}
	for _, v := range quotedPrintableValues(lines) {
		body.addText(v)
		body.addTextLinks(v, maxLinks)
	}
}

// quotedPrintableValues returns the values of vCard 2.1 and vCalendar 1.0
// properties written in quoted-printable (ENCODING=QUOTED-PRINTABLE, or
// the bare QUOTED-PRINTABLE parameter), decoded: a value ending in "="
// is continued on the next line (a soft line break), in the charset its
// CHARSET parameter names when go-message knows it. The value is decoded
// whole, however long (qpLenient).
func quotedPrintableValues(unfolded string) []string {
	var values []string
	lines := strings.Split(unfolded, "\n")
	for i := 0; i < len(lines); i++ {
		head, value, ok := cutContentLine(strings.TrimRight(lines[i], "\r"))
		params := strings.ToUpper(head)
		if !ok || !strings.Contains(params, "QUOTED-PRINTABLE") {
			continue
		}
		if strings.HasSuffix(value, "=") && i+1 < len(lines) {
			// Joined in one buffer: a copy of the value per line
			// continued grew with the square of its length.
			var joined strings.Builder
			for strings.HasSuffix(value, "=") && i+1 < len(lines) {
				joined.WriteString(value[:len(value)-1])
				i++
				value = strings.TrimRight(lines[i], "\r")
			}
			joined.WriteString(value)
			value = joined.String()
		}
		decoded := decodeQuotedPrintable(value)
		text := string(decoded)
		if _, cs, ok := strings.Cut(params, "CHARSET="); ok {
			cs, _, _ = strings.Cut(cs, ";")
			if r, err := message.CharsetReader(strings.ToLower(cs), bytes.NewReader(decoded)); err == nil {
				if d, err := io.ReadAll(r); err == nil {
					text = string(d)
				}
			}
		}
		values = append(values, unescapeValue(text))
	}
	return values
}

// htmlDescriptions returns the values, unescaped, of a calendar's
// X-ALT-DESC properties whose FMTTYPE is text/html: Outlook shows one
// as the event's description, rendered, its links live.
func htmlDescriptions(unfolded string) []string {
	var values []string
	for line := range strings.Lines(unfolded) {
		head, value, ok := cutContentLine(strings.TrimRight(line, "\r\n"))
		name, params, _ := strings.Cut(head, ";")
		if ok && strings.EqualFold(strings.TrimSpace(name), "X-ALT-DESC") && strings.Contains(strings.ToLower(strings.ReplaceAll(params, `"`, "")), "fmttype=text/html") {
			values = append(values, unescapeValue(value))
		}
	}
	return values
}

// cutContentLine parts a content line at the colon that ends its name
// and parameters: the first one outside a quoted parameter value.
func cutContentLine(line string) (head, value string, ok bool) {
	quoted := false
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '"':
			quoted = !quoted
		case ':':
			if !quoted {
				return line[:i], line[i+1:], true
			}
		}
	}
	return line, "", false
}

// enrichedText returns what a text/enriched (RFC 1896) or, when richtext
// is set, text/richtext (RFC 1341, section 7.1.3) part shows: its
// formatting commands ("<bold>", "</bold>", any unknown one, at most 60
// characters as RFC 1896 allows) removed, "<<" (or richtext's "<lt>") a
// '<', richtext's "<nl>" and "<np>" new lines, and the content of
// enriched "<param>" and richtext "<comment>" hidden.
func enrichedText(text string, richtext bool) string {
	hidden := "param"
	if richtext {
		hidden = "comment"
	}
	var b strings.Builder
	b.Grow(len(text))
	depth := 0 // inside the hidden command
	for i := 0; i < len(text); i++ {
		ch := text[i]
		if ch != '<' {
			if depth == 0 {
				b.WriteByte(ch)
			}
			continue
		}
		if !richtext && i+1 < len(text) && text[i+1] == '<' {
			if depth == 0 {
				b.WriteByte('<')
			}
			i++
			continue
		}
		end := strings.IndexByte(text[i+1:min(len(text), i+63)], '>')
		name := ""
		if end >= 0 {
			name = strings.ToLower(text[i+1 : i+1+end])
		}
		if end < 0 || name == "" || strings.Trim(strings.TrimPrefix(name, "/"), "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
			// No command: the '<' is shown.
			if depth == 0 {
				b.WriteByte(ch)
			}
			continue
		}
		i += end + 1
		switch {
		case name == hidden:
			depth++
		case name == "/"+hidden && depth > 0:
			depth--
		case depth > 0:
		case richtext && name == "lt":
			b.WriteByte('<')
		case richtext && (name == "nl" || name == "np"):
			b.WriteByte('\n')
		}
	}
	return b.String()
}
