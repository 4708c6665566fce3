package verify

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/vigie-sante/vigie/domains"
)

// Status is the answer to "does this come from an official body?". The zero
// value is Invalid, so a Verdict nobody filled in is never Official.
//
// The constants' numeric order is not an order of severity (Invalid is 0 so
// that the zero value is safe): compare statuses with [Status.Worse] or
// [Status.Severity], never with < or >.
type Status uint8

// The statuses. From the one that needs no action to the worst, they are
// Official, Unknown, Invalid, Suspicious, Lookalike (see [Status.Severity]).
const (
	// Invalid: the input cannot be read as the kind asked for (a malformed
	// URL, a host a browser would refuse, a message without From). Nothing
	// can be official about it.
	Invalid Status = iota
	// Unknown: a well-formed host that belongs to no registered
	// organisation and imitates none.
	Unknown
	// Official: the host is, or is under, a domain registered for an
	// organisation, read exactly as a browser reads it.
	Official
	// Suspicious: not an imitation of a registered domain, but a sign of
	// phishing: an IP address, credentials in a URL, an official name in
	// a display name with another address, a URL shortener.
	Suspicious
	// Lookalike: the host imitates a registered domain (homoglyphs,
	// typos, the official name embedded in another domain).
	Lookalike
)

var statusNames = [...]string{
	Invalid:    "invalid",
	Unknown:    "unknown",
	Official:   "official",
	Suspicious: "suspicious",
	Lookalike:  "lookalike",
}

func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", s)
}

// ParseStatus reads a status name as String writes it.
func ParseStatus(name string) (Status, error) {
	for s, n := range statusNames {
		if n == name {
			return Status(s), nil
		}
	}
	return Invalid, fmt.Errorf("verify: unknown status %q", name)
}

// MarshalText writes the status name, so JSON shows "official".
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a status name.
func (s *Status) UnmarshalText(b []byte) error {
	v, err := ParseStatus(string(b))
	*s = v
	return err
}

// severity orders the statuses: an invalid link in a message is worse than
// an unknown one, and an imitation is the worst of all.
var severity = [...]int{Official: 0, Unknown: 1, Invalid: 2, Suspicious: 3, Lookalike: 4}

// Severity ranks s by the caution it calls for: 0 for Official, then
// Unknown, Invalid, Suspicious, and 4 for Lookalike. A value that is none of
// the constants ranks above them all, so that it is never taken for a
// safer answer.
func (s Status) Severity() int {
	if int(s) < len(severity) {
		return severity[s]
	}
	return len(severity)
}

// Worse reports whether s calls for more caution than t.
func (s Status) Worse(t Status) bool { return s.Severity() > t.Severity() }

// Alarming reports whether the status calls for action: lookalike,
// suspicious or invalid. The CLI exits 1 when one answer is alarming.
func (s Status) Alarming() bool {
	return s == Lookalike || s == Suspicious || s == Invalid
}

// A Reason explains one finding behind a verdict.
type Reason struct {
	// Code is stable across versions; see the README's table.
	Code Code `json:"code"`
	// Detail is for people and may change.
	Detail string `json:"detail"`
}

// A Verdict is the answer for one host, URL, sender or text.
type Verdict struct {
	Status Status
	// Host is the ASCII host a browser connects to (lowercase A-labels,
	// canonical IP address); empty when there is none.
	Host string
	// Organization is the organisation the host belongs to (Official) or
	// imitates (Lookalike, and Suspicious when one is named); nil
	// otherwise. It is shared and must not be modified.
	Organization *domains.Organization
	// Target is the organisation's registrable domain that the host is
	// under or imitates.
	Target string
	// Reasons are every finding, the most telling first. The slice may be
	// shared with other verdicts: copy it before modifying it.
	Reasons []Reason
}

// Has reports whether the verdict gives a reason with the code.
func (v Verdict) Has(code Code) bool {
	for _, r := range v.Reasons {
		if r.Code == code {
			return true
		}
	}
	return false
}

// Codes lists the verdict's reason codes in order.
func (v Verdict) Codes() []Code {
	codes := make([]Code, len(v.Reasons))
	for i, r := range v.Reasons {
		codes[i] = r.Code
	}
	return codes
}

// verdictJSON is the JSON shape of a verdict, written once for [Verdict],
// [Link] and [Report] (and the CLI's and HTTP service's answers, which
// embed a Report): "verdict", "host", "organization" (the organisation's
// ID, "" for none), "target" and "reasons" (never null).
type verdictJSON struct {
	Verdict      Status   `json:"verdict"`
	Host         string   `json:"host"`
	Organization string   `json:"organization"`
	Target       string   `json:"target"`
	Reasons      []Reason `json:"reasons"`
}

func (v Verdict) toJSON() verdictJSON {
	j := verdictJSON{Verdict: v.Status, Host: v.Host, Target: v.Target, Reasons: v.Reasons}
	if v.Organization != nil {
		j.Organization = v.Organization.ID
	}
	if j.Reasons == nil {
		j.Reasons = []Reason{}
	}
	return j
}

// unread marks a verdictJSON whose "verdict" has not been read.
const unread Status = 255

// newVerdictJSON returns a verdictJSON to decode into; see verdict.
func newVerdictJSON() verdictJSON { return verdictJSON{Verdict: unread} }

// verdict reads what toJSON wrote. The organisation, written as its ID, is
// looked up in the embedded registry ([domains.Default]); an ID that is not
// there (the verdict came from a checker with another registry) gives an
// Organization with only its ID set. A missing "verdict" is an error (an
// unknown one already is): a verdict that cannot be read must not become a
// status by default.
func (j verdictJSON) verdict() (Verdict, error) {
	if j.Verdict == unread {
		return Verdict{}, errors.New(`verify: a verdict's JSON has no "verdict"`)
	}
	v := Verdict{Status: j.Verdict, Host: j.Host, Target: j.Target, Reasons: j.Reasons}
	if j.Organization != "" {
		v.Organization = domains.Default().Organization(j.Organization)
		if v.Organization == nil {
			v.Organization = &domains.Organization{ID: j.Organization}
		}
	}
	return v, nil
}

// MarshalJSON writes the verdict's JSON shape: "verdict", "host",
// "organization" (its ID), "target" and "reasons".
func (v Verdict) MarshalJSON() ([]byte, error) { return json.Marshal(v.toJSON()) }

// UnmarshalJSON reads what MarshalJSON writes. The organisation is resolved
// by its ID in the embedded registry ([domains.Default]); an ID not found
// there gives an Organization with only ID set.
func (v *Verdict) UnmarshalJSON(b []byte) error {
	j := newVerdictJSON()
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	r, err := j.verdict()
	if err == nil {
		*v = r
	}
	return err
}
