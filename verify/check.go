package verify

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Kind names what an input to [Checker.Check] is.
type Kind string

// The kinds of input.
const (
	// KindAuto guesses: a URL when the input has a scheme or a path, an
	// email address when it has an '@', a host otherwise.
	KindAuto    Kind = "auto"
	KindURL     Kind = "url"
	KindHost    Kind = "host"
	KindEmail   Kind = "email"
	KindSMS     Kind = "sms"
	KindMessage Kind = "message"
)

// ErrUnsupportedKind is returned by [Checker.Check] for a kind it does not
// know or does not handle yet.
var ErrUnsupportedKind = errors.New("unsupported kind")

// ParseKind reads a kind name.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(s); k {
	case KindAuto, KindURL, KindHost, KindEmail, KindSMS, KindMessage:
		return k, nil
	}
	return "", fmt.Errorf("verify: %w %q (want auto, url, host, email, sms or message)", ErrUnsupportedKind, s)
}

// DetectKind is the guess KindAuto makes for one line of input.
func DetectKind(input string) Kind {
	s := strings.TrimSpace(input)
	switch {
	case hasScheme(s):
		return KindURL
	case strings.ContainsAny(s, "/\\?#"):
		return KindURL
	case strings.Contains(s, "@"):
		return KindEmail
	}
	return KindHost
}

// A Result is the verdict on one input, with the input and the kind it was
// checked as. Its JSON is the line the CLI prints and the body the HTTP
// service returns: "input", "kind", "verdict", "host", "organization",
// "target", "reasons".
type Result struct {
	Input string
	Kind  Kind
	Verdict
	// Links are the links of a message or a text message, each with its
	// verdict; JSON adds them as "links" for those kinds.
	Links []Link
}

// Check checks input as the given kind; KindAuto picks one with
// [DetectKind]. The error is non-nil only for a kind the checker cannot
// handle: bad input is an Invalid verdict, not an error.
func (c *Checker) Check(kind Kind, input string) (Result, error) {
	if kind == KindAuto {
		kind = DetectKind(input)
	}
	r := Result{Input: input, Kind: kind}
	switch kind {
	case KindURL:
		r.Verdict = c.URL(input)
	case KindHost:
		r.Verdict = c.Host(input)
	case KindEmail:
		r.Verdict = c.Sender(input)
	case KindMessage:
		rep, err := c.Message(strings.NewReader(input))
		if err != nil {
			return r, err
		}
		r.Verdict, r.Links = rep.Verdict, rep.Links
	case KindSMS:
		// One line of the CLI's input: the sender, a tab, the text.
		sender, text, ok := strings.Cut(input, "\t")
		if !ok {
			sender, text = "", input
		}
		rep := c.SMS(sender, text)
		r.Verdict, r.Links = rep.Verdict, rep.Links
	default:
		return r, fmt.Errorf("verify: %w %q: not built yet", ErrUnsupportedKind, kind)
	}
	return r, nil
}

// resultJSON fixes the field names and order of the JSON shape.
type resultJSON struct {
	Input        string   `json:"input"`
	Kind         Kind     `json:"kind"`
	Verdict      Status   `json:"verdict"`
	Host         string   `json:"host"`
	Organization string   `json:"organization"`
	Target       string   `json:"target"`
	Reasons      []Reason `json:"reasons"`
	Links        *[]Link  `json:"links,omitempty"`
}

func (r Result) toJSON() resultJSON {
	j := resultJSON{Input: r.Input, Kind: r.Kind, Verdict: r.Status, Host: r.Host, Target: r.Target, Reasons: r.Reasons}
	if r.Organization != nil {
		j.Organization = r.Organization.ID
	}
	if j.Reasons == nil {
		j.Reasons = []Reason{}
	}
	if r.Kind == KindMessage || r.Kind == KindSMS {
		links := r.Links
		if links == nil {
			links = []Link{}
		}
		j.Links = &links
	}
	return j
}

// MarshalJSON writes the result's JSON shape.
func (r Result) MarshalJSON() ([]byte, error) { return json.Marshal(r.toJSON()) }
