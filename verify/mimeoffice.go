package verify

import (
	"encoding/xml"
	"strings"
)

// How Office (OOXML) and OpenDocument files are read: the XML parts of
// their zip packages hold the hyperlinks their applications follow and
// the text they show.

// odfText is the namespace of OpenDocument's text elements.
const odfText = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

// officeChart is the namespace of DrawingML charts (c:).
const officeChart = "http://schemas.openxmlformats.org/drawingml/2006/chart"

// officeLinks records the links of an Office or OpenDocument XML part: a
// Relationship's Target when its TargetMode is External (not a file on
// the writer's disk that a template or other resource names), the URL
// of a HYPERLINK field (its instruction joined from every run of the
// field, or a w:fldSimple's instr), an Excel HYPERLINK formula's, and an
// xlink:href that leaves the document. The text the document shows (runs,
// cells, slides, paragraphs) is judged as an anchor's text is: a
// lookalike host or address written there is one the reader types.
func officeLinks(doc string, body *bodyText) {
	d := xml.NewDecoder(strings.NewReader(doc))
	d.Strict = false
	var (
		text strings.Builder
		// fields are the instructions of the complex fields open
		// (w:fldChar begin ... separate ... end), innermost last; done
		// once its instruction is read.
		fields     []fieldInstr
		inInstr    bool
		inFormula  bool
		inRun, odf int // in a run's text (w:t, a:t, t); in an OpenDocument paragraph
		// trimming: the text of the Word run being read goes to run,
		// to be written trimmed at its end.
		trimming bool
		run      strings.Builder
		// strCell: in an Excel cell holding a string formula's result
		// (t="str"), shown from its <v> (red33); inValue: in that <v>
		// or a chart's.
		strCell, inValue bool
	)
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "instrText":
				inInstr = true
			case "f":
				inFormula = true
			case "c":
				strCell = attrLocal(t, "t") == "str"
			case "v":
				// An Office chart's cached values (its titles and
				// labels) are drawn as text too.
				inValue = strCell || t.Name.Space == officeChart || t.Name.Space == "c"
			case "t":
				inRun++
				if wordText(t.Name.Space) && attrLocal(t, "space") != "preserve" {
					// Word removes the white space at the ends of
					// a run's text not marked significant (ECMA-376
					// 17.3.3.31).
					trimming = true
				}
			case "noBreakHyphen":
				text.WriteByte('-')
			case "fldChar":
				fields = fieldChar(fields, attrLocal(t, "fldCharType"), body)
			case "tab", "s":
				text.WriteByte(' ')
			case "br", "cr", "line-break":
				text.WriteByte('\n')
			case "p", "h":
				if t.Name.Space == odfText || t.Name.Space == "text" {
					odf++
				}
			}
			relationship(t, body)
			for _, a := range t.Attr {
				switch {
				case a.Name.Local == "href" && (a.Name.Space == "http://www.w3.org/1999/xlink" || a.Name.Space == "xlink"):
					if leavesDocument(a.Value, t.Name.Local == "a") {
						body.add(a.Value, "")
					}
				case a.Name.Local == "instr":
					fieldLink(a.Value, body)
				case a.Name.Local == "dest" && t.Name.Local == "hlink":
					// Word 2003 XML's hyperlink (red33).
					body.add(a.Value, "")
				case a.Name.Local == "formula":
					// LibreOffice Calc's cell formula,
					// "of:=HYPERLINK("url";"label")" (red33).
					formulaLinks(a.Value, body)
				}
			}
		case xml.CharData:
			switch {
			case inInstr && len(fields) > 0:
				top := &fields[len(fields)-1]
				top.instr = append(top.instr, t...)
			case inInstr:
				fieldLink(string(t), body)
			case inFormula:
				formulaLinks(string(t), body)
			case inValue:
				text.Write(t)
			case trimming:
				run.Write(t)
			case inRun > 0 || odf > 0:
				text.Write(t)
				nestedResult(fields, t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "instrText":
				inInstr = false
			case "f":
				inFormula = false
			case "v":
				if inValue {
					text.WriteByte('\n') // a chart's labels stand apart
				}
				inValue = false
			case "t":
				inRun = max(0, inRun-1)
				if trimming {
					shown := strings.TrimSpace(run.String())
					text.WriteString(shown)
					nestedResult(fields, []byte(shown))
					run.Reset()
					trimming = false
				}
			case "p", "h", "si", "tc", "c":
				if (t.Name.Space == odfText || t.Name.Space == "text") && odf > 0 {
					odf--
				}
				text.WriteByte('\n')
			}
		}
	}
	for _, f := range fields {
		if !f.done {
			fieldLink(string(f.instr), body)
		}
	}
	body.addAnchorText(text.String())
}

// wordText reports the namespace of WordprocessingML (its w:t), or the
// undeclared prefix "w".
func wordText(space string) bool {
	return space == "http://schemas.openxmlformats.org/wordprocessingml/2006/main" || space == "w"
}

// fieldInstr is a complex field's instruction, read from its runs. Its
// bytes are appended to: joined as strings, an instruction cut into many
// pieces (comments between them split the text) cost a copy of all of it
// per piece.
type fieldInstr struct {
	instr []byte
	done  bool
}

// nestedResult writes text shown as a field's result into the
// instruction of the field it is nested in, when that one's is being
// read: Word evaluates the inner field ({ HYPERLINK "{ MERGEFIELD Lien }" })
// and writes its result there (red33), so "https://www.ameli.fr" then
// { QUOTE ".evil.example" } leads to www.ameli.fr.evil.example.
func nestedResult(fields []fieldInstr, text []byte) {
	if n := len(fields); n >= 2 && fields[n-1].done && !fields[n-2].done {
		fields[n-2].instr = append(fields[n-2].instr, text...)
	}
}

// fieldChar applies a w:fldChar mark to the fields open: "begin" opens
// one, "separate" ends its instruction (read then), "end" closes it.
func fieldChar(fields []fieldInstr, kind string, body *bodyText) []fieldInstr {
	if kind == "begin" {
		if len(fields) == maxMIMEDepth {
			return fields // nested deeper than any document writes them
		}
		return append(fields, fieldInstr{})
	}
	if len(fields) == 0 {
		return fields
	}
	top := &fields[len(fields)-1]
	if !top.done && (kind == "separate" || kind == "end") {
		top.done = true
		fieldLink(string(top.instr), body)
	}
	if kind == "end" {
		fields = fields[:len(fields)-1]
	}
	return fields
}

// relationship records an OOXML Relationship's external target. A
// resource other than a hyperlink (an attached template, a linked
// picture or object) that names a file on the writer's disk is looked
// for there, no site; one on a server is fetched (remote template
// injection) and read.
func relationship(t xml.StartElement, body *bodyText) {
	target, mode, typ := attrLocal(t, "Target"), attrLocal(t, "TargetMode"), attrLocal(t, "Type")
	if !strings.EqualFold(mode, "External") || target == "" {
		return
	}
	if !strings.HasSuffix(typ, "/hyperlink") && localFile(target) {
		return
	}
	body.add(target, "")
}

// localFile reports a path on the local disk: "C:\...", or a file URL
// with no host ("file:///C:/...").
func localFile(target string) bool {
	p := target
	if rest, ok := strings.CutPrefix(strings.ToLower(p), "file:///"); ok {
		p = rest
	}
	return len(p) >= 3 && ('a' <= p[0]|0x20 && p[0]|0x20 <= 'z') && p[1] == ':' && (p[2] == '\\' || p[2] == '/')
}

// leavesDocument reports an xlink:href that leads out of the document:
// not a bookmark in it ("#Annexe"), nor, on an element other than a
// link (a picture, an embedded object), a part of its package
// ("Pictures/1000.png").
func leavesDocument(href string, link bool) bool {
	h := strings.TrimSpace(href)
	if h == "" || strings.HasPrefix(h, "#") {
		return false
	}
	return link || hasScheme(h) || strings.HasPrefix(h, "//") || strings.HasPrefix(h, `\\`)
}

// attrLocal returns the value of an element's attribute by local name.
func attrLocal(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// fieldLink records the target of a Word HYPERLINK field instruction
// (` HYPERLINK "https://..." \o "tip" `): its first argument that is no
// switch nor a switch's argument. "HYPERLINK \l "_Toc1"" names only a
// bookmark in the document (a table of contents): no link. The file of
// an INCLUDEPICTURE or INCLUDETEXT field is one too when it is on a
// server: Word fetches it and shows it in the document, as it does a
// remote template (red33); a file beside the document or on the
// writer's disk is none.
func fieldLink(instr string, body *bodyText) {
	args := fieldArgs(instr)
	if len(args) < 2 {
		return
	}
	include := strings.EqualFold(args[0], "INCLUDEPICTURE") || strings.EqualFold(args[0], "INCLUDETEXT")
	if !include && !strings.EqualFold(args[0], "HYPERLINK") {
		return
	}
	for i := 1; i < len(args); i++ {
		switch a := args[i]; {
		case len(a) == 2 && a[0] == '\\' && strings.ContainsRune("lotcLOTC*#@", rune(a[1])):
			// A switch followed by its argument: HYPERLINK's \l, \o
			// and \t, INCLUDE*'s converter \c, the general format
			// switches (\* MERGEFORMAT).
			i++
		case strings.HasPrefix(a, `\`) && len(a) == 2:
		default:
			if !include || remoteFile(a) {
				body.add(a, "")
			}
			return
		}
	}
}

// remoteFile reports a file a field names on a server: a URL with a
// scheme (not a drive letter), or a UNC path (\\server\share, written
// with its backslashes doubled or not).
func remoteFile(name string) bool {
	return hasScheme(name) && !localFile(name) || strings.HasPrefix(name, `\\`) || strings.HasPrefix(name, "//")
}

// fieldArgs splits a field instruction into its words, a quoted one
// whole.
func fieldArgs(instr string) []string {
	var args []string
	for rest := strings.TrimSpace(instr); rest != ""; rest = strings.TrimSpace(rest) {
		if rest[0] == '"' {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				return append(args, rest[1:])
			}
			args, rest = append(args, rest[1:1+end]), rest[2+end:]
			continue
		}
		end := strings.IndexAny(rest, " \t\r\n")
		if end < 0 {
			return append(args, rest)
		}
		args, rest = append(args, rest[:end]), rest[end:]
	}
	return args
}

// formulaLinks records the URL of each HYPERLINK function of an Excel
// formula written as a string (=HYPERLINK("https://...","label")):
// Excel shows the label as a link to it. A first argument that is not
// one string literal is a link the formula builds when Excel evaluates
// it ("https://www.ameli.fr"&".evil.example", CONCATENATE(...), a cell):
// vigie does not evaluate formulas, so it is content left unread (red33).
func formulaLinks(formula string, body *bodyText) {
	upper := strings.ToUpper(formula)
	for at := 0; ; {
		i := strings.Index(upper[at:], "HYPERLINK(")
		if i < 0 {
			return
		}
		at += i + len("HYPERLINK(")
		if url, ok := literalArg(formula[at:]); ok {
			body.add(url, "")
		} else {
			body.noteUnread("a link an Excel formula builds (HYPERLINK)")
		}
	}
}

// literalArg returns the value of a formula's argument at the start of
// args when it is one string literal ("" in it a quote), followed by the
// end of the argument (',' or, in OpenFormula, ';').
func literalArg(args string) (string, bool) {
	rest := strings.TrimLeft(args, " \t\r\n")
	if !strings.HasPrefix(rest, `"`) {
		return "", false
	}
	var v strings.Builder
	for i := 1; i < len(rest); i++ {
		if rest[i] != '"' {
			v.WriteByte(rest[i])
			continue
		}
		if i+1 < len(rest) && rest[i+1] == '"' {
			v.WriteByte('"')
			i++
			continue
		}
		after := strings.TrimLeft(rest[i+1:], " \t\r\n")
		return v.String(), after == "" || after[0] == ',' || after[0] == ';' || after[0] == ')'
	}
	return "", false
}
