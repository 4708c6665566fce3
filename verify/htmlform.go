package verify

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"

	"github.com/vigie-sante/vigie/internal/inputkind"
)

// maxFormFields bounds the bytes of form data a mail form's link is
// given (mailForm); past it, the form writes to an address vigie did not
// read.
const maxFormFields = 64 << 10

// unreadFormFields stands for the form data past maxFormFields: no
// address, so that no mailto: link holding it is excused.
const unreadFormFields = "to=form-fields-not-read"

// addMailForm records what a form whose action (or a button's
// formaction) is a mailto: link writes to when submitted. The HTML
// standard's "mail with headers" (method GET, the default) replaces the
// link's query with the form data: <form action="mailto:x@ameli.fr">
// holding <input type=hidden name=bcc value=y@gmail.com> writes to
// y@gmail.com, which the action alone does not say. The link is also
// recorded with the form data as its query (h.addLink already recorded
// it as written, which "mail as body", method POST, keeps). The controls
// of the whole document count, wherever they stand: a form= attribute
// ties one written outside the form to it.
func (h *htmlWalk) addMailForm(n *html.Node, href string) {
	switch n.Data {
	case "form", "button", "input":
	default:
		return
	}
	scheme, _, ok := strings.Cut(inputkind.TrimLeftC0OrSpace(href), ":")
	if !ok || !strings.EqualFold(removeTabNewline(scheme), "mailto") {
		return
	}
	root := n
	for root.Parent != nil {
		root = root.Parent
	}
	if h.formData == nil {
		h.formData = make(map[*html.Node]string)
	}
	data, seen := h.formData[root]
	if !seen {
		data = formData(root)
		h.formData[root] = data
	}
	to, _, _ := strings.Cut(href, "?")
	h.addLink(to+"?"+data, "")
}

// formData serializes the named controls under root as a form submits
// them (application/x-www-form-urlencoded), every option of a select and
// every control whatever its type or state: a control vigie reads that
// the form would not send makes the link worse, never better.
func formData(root *html.Node) string {
	var b strings.Builder
	field := func(name, value string) bool {
		if b.Len() > maxFormFields {
			return false
		}
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(name) + "=" + url.QueryEscape(value))
		return true
	}
	complete := true
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && complete; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			name, named := attr(c, "", "name")
			switch {
			case !named:
			case c.Data == "input" || c.Data == "button":
				value, _ := attr(c, "", "value")
				complete = field(name, value)
			case c.Data == "textarea":
				complete = field(name, textContent(c))
			case c.Data == "select":
				for _, o := range optionValues(c) {
					if complete = field(name, o); !complete {
						break
					}
				}
			}
			walk(c)
		}
	}
	walk(root)
	if !complete {
		b.WriteString("&" + unreadFormFields)
	}
	return b.String()
}

// optionValues are the values the options of a select may submit: an
// option's value attribute, or its text when it has none.
func optionValues(sel *html.Node) []string {
	var values []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Data == "option" {
				v, ok := attr(c, "", "value")
				if !ok {
					v = strings.TrimSpace(textContent(c))
				}
				values = append(values, v)
			}
			walk(c)
		}
	}
	walk(sel)
	return values
}
