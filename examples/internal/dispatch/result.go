package dispatch

import (
	"bytes"
	"encoding/json"

	"github.com/vigie-sante/vigie/verify"
)

// A Result is the answer on one input: the input, the kind it was checked
// as, and the verdict. Its JSON is the line the CLI prints and the body the
// HTTP service returns: "input", "sender" (for kind sms only), "kind", then
// the verdict as [verify.Verdict] writes it ("verdict", "host",
// "organization", "target", "reasons") and, for kinds message and sms, the
// links as [verify.Report] writes them ("links").
type Result struct {
	// Input is what was checked: the URL, host, address or message (or
	// the name of the file it came from), or the text of a text message.
	Input string
	// Sender is the sender of a text message.
	Sender string
	Kind   Kind
	// Report is the verdict; its Links are only for kinds message and
	// sms.
	verify.Report
}

// head is the part of a Result's JSON that is not the verdict's.
type head struct {
	Input  string  `json:"input"`
	Sender *string `json:"sender,omitempty"`
	Kind   Kind    `json:"kind"`
}

func (r Result) hasLinks() bool { return r.Kind == Message || r.Kind == SMS }

// MarshalJSON writes the result: its own fields, then the verdict's (and
// the report's links for kinds message and sms), each written once by the
// verify package.
func (r Result) MarshalJSON() ([]byte, error) {
	h := head{Input: r.Input, Kind: r.Kind}
	if r.Kind == SMS {
		h.Sender = &r.Sender
	}
	hb, err := json.Marshal(h)
	if err != nil {
		return nil, err
	}
	var vb []byte
	if r.hasLinks() {
		vb, err = json.Marshal(r.Report)
	} else {
		vb, err = json.Marshal(r.Verdict)
	}
	if err != nil {
		return nil, err
	}
	// Two JSON objects, neither empty, joined into one: {head, verdict}.
	hb = bytes.TrimSuffix(hb, []byte("}"))
	return append(append(hb, ','), vb[1:]...), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (r *Result) UnmarshalJSON(b []byte) error {
	var h head
	if err := json.Unmarshal(b, &h); err != nil {
		return err
	}
	var rep verify.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		return err
	}
	*r = Result{Input: h.Input, Kind: h.Kind, Report: rep}
	if h.Sender != nil {
		r.Sender = *h.Sender
	}
	return nil
}
