package verify

import "encoding/json"

// A Link is one link found in a message or a text message, with its
// verdict.
type Link struct {
	// URL is the link as found: an href, or the text of a link in plain
	// text ("ameli-carte-vitale.com").
	URL string
	// Text is the visible text of an HTML anchor, if the link had one.
	Text string
	Verdict
}

// A Report is the verdict on a whole message or text message, with one
// verdict per link. Its Verdict is the worst of the sender's, the links'
// and the text's own findings, and its Reasons gather them.
type Report struct {
	Verdict
	Links []Link
}

// linkJSON is the JSON shape of a link in a result's "links".
type linkJSON struct {
	URL          string   `json:"url"`
	Text         string   `json:"text,omitempty"`
	Verdict      Status   `json:"verdict"`
	Host         string   `json:"host"`
	Organization string   `json:"organization"`
	Target       string   `json:"target"`
	Reasons      []Reason `json:"reasons"`
}

// MarshalJSON writes a link with the fields of a verdict.
func (l Link) MarshalJSON() ([]byte, error) {
	v := Result{Verdict: l.Verdict}.toJSON()
	return json.Marshal(linkJSON{URL: l.URL, Text: l.Text, Verdict: v.Verdict, Host: v.Host,
		Organization: v.Organization, Target: v.Target, Reasons: v.Reasons})
}

// worsen makes r's verdict the worse of itself and v, taking v's
// organisation and target with its status, and adds v's reasons.
func (r *Verdict) worsen(v Verdict, reasons ...Reason) {
	if v.Status.Worse(r.Status) {
		r.Status = v.Status
		if v.Organization != nil {
			r.Organization, r.Target = v.Organization, v.Target
		}
	}
	r.Reasons = append(r.Reasons, reasons...)
}
