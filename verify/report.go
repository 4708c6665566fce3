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

// linkJSON is the JSON shape of a link: "url", "text" (omitted when
// empty), then the fields of a verdict.
type linkJSON struct {
	URL  string `json:"url"`
	Text string `json:"text,omitempty"`
	verdictJSON
}

// MarshalJSON writes a link: "url", "text" when it has one, and the fields
// of its verdict (see [Verdict.MarshalJSON]).
func (l Link) MarshalJSON() ([]byte, error) {
	return json.Marshal(linkJSON{l.URL, l.Text, l.Verdict.toJSON()})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (l *Link) UnmarshalJSON(b []byte) error {
	j := linkJSON{verdictJSON: newVerdictJSON()}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	v, err := j.verdict()
	if err == nil {
		*l = Link{URL: j.URL, Text: j.Text, Verdict: v}
	}
	return err
}

// reportJSON is the JSON shape of a report: the fields of a verdict, then
// "links" (never null).
type reportJSON struct {
	verdictJSON
	Links []Link `json:"links"`
}

// MarshalJSON writes the report: the fields of its verdict (see
// [Verdict.MarshalJSON]) and "links", each link as [Link.MarshalJSON]
// writes it.
func (r Report) MarshalJSON() ([]byte, error) {
	links := r.Links
	if links == nil {
		links = []Link{}
	}
	return json.Marshal(reportJSON{r.Verdict.toJSON(), links})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (r *Report) UnmarshalJSON(b []byte) error {
	j := reportJSON{verdictJSON: newVerdictJSON()}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	v, err := j.verdict()
	if err == nil {
		*r = Report{Verdict: v, Links: j.Links}
	}
	return err
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
