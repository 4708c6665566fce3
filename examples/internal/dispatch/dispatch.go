// Package dispatch checks one input of a named kind — a URL, a host, an
// email sender, a text message or a whole message — with a
// [verify.Checker], and gives the answer in the JSON shape the vigie CLI
// prints and the HTTP and NATS services return. The library itself has one
// method per kind; picking one from a name or a guess is the programs'
// business, and lives here.
package dispatch

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie/internal/inputkind"
	"github.com/vigie-sante/vigie/verify"
)

// Kind names what an input is.
type Kind string

// The kinds of input.
const (
	// Auto guesses: a URL when the input has a scheme or a path, an email
	// address when it has an '@', a host otherwise (see [DetectKind]).
	Auto    Kind = "auto"
	URL     Kind = "url"
	Host    Kind = "host"
	Email   Kind = "email"
	SMS     Kind = "sms"
	Message Kind = "message"
)

// ErrUnsupportedKind is returned for a kind name that is none of the above.
var ErrUnsupportedKind = errors.New("unsupported kind")

// ParseKind reads a kind name.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(s); k {
	case Auto, URL, Host, Email, SMS, Message:
		return k, nil
	}
	return "", fmt.Errorf("%w %q (want auto, url, host, email, sms or message)", ErrUnsupportedKind, s)
}

// DetectKind is the guess [Auto] makes for one line of input: URL, Email
// or Host.
func DetectKind(input string) Kind {
	switch inputkind.Detect(input) {
	case inputkind.URL:
		return URL
	case inputkind.Email:
		return Email
	}
	return Host
}

// An Input is one thing to check.
type Input struct {
	Kind Kind
	// Data is the URL, host, email address (or From value) or whole
	// RFC 5322 message; for SMS, the text of the message.
	Data string
	// Sender is the sender of a text message (SMS only): a sender ID, a
	// phone number or a short code; it may be empty.
	Sender string
	// Recipients are the envelope recipients of a message (SMTP RCPT TO;
	// Message only), for [verify.Checker.MessageEnvelope].
	Recipients []string
}

// Check checks in with c under ctx. [Auto] is replaced by the kind
// [DetectKind] guesses. Bad input is an Invalid verdict, not an error; the
// error is non-nil for a kind Check does not know or when ctx is done
// before the check ends (it then wraps ctx.Err()).
func Check(ctx context.Context, c *verify.Checker, in Input) (Result, error) {
	kind := in.Kind
	if kind == Auto {
		kind = DetectKind(in.Data)
	}
	r := Result{Input: in.Data, Kind: kind}
	if kind != SMS && in.Sender != "" {
		return r, fmt.Errorf("dispatch: a sender is for kind sms, not %s", kind)
	}
	if kind != Message && len(in.Recipients) > 0 {
		return r, fmt.Errorf("dispatch: recipients are for kind message, not %s", kind)
	}
	if err := ctx.Err(); err != nil {
		return r, fmt.Errorf("dispatch: check stopped: %w", err)
	}
	var err error
	switch kind {
	case URL:
		r.Verdict = c.URL(in.Data)
	case Host:
		r.Verdict = c.Host(in.Data)
	case Email:
		r.Verdict = c.Sender(in.Data)
	case Message:
		r.Report, err = c.MessageEnvelope(ctx, verify.Envelope{Recipients: in.Recipients}, strings.NewReader(in.Data))
	case SMS:
		r.Sender = in.Sender
		r.Report, err = c.SMSContext(ctx, in.Sender, in.Data)
	default:
		err = fmt.Errorf("dispatch: %w %q", ErrUnsupportedKind, kind)
	}
	return r, err
}

// A Request is one input as the HTTP API and the NATS worker receive it in
// JSON. The input is given in exactly one way: "input"; or "input_base64",
// its bytes in base64, for a message that is not UTF-8 (8-bit ISO-8859-1,
// which no JSON string can carry); or, for a text message, "sender" and
// "text". A message may come with "recipients", its envelope's.
type Request struct {
	Kind        string   `json:"kind"`
	Input       string   `json:"input"`
	InputBase64 *string  `json:"input_base64"`
	Sender      *string  `json:"sender"`
	Text        *string  `json:"text"`
	Recipients  []string `json:"recipients"`
}

// Resolve validates the request and returns the input to give [Check].
// Its errors are the client's fault and say what to fix.
func (req *Request) Resolve() (Input, error) {
	name := req.Kind
	if name == "" {
		name = string(Auto)
	}
	kind, err := ParseKind(name)
	if err != nil {
		return Input{}, fmt.Errorf("unknown kind %q: want auto, url, host, email, sms or message", req.Kind)
	}
	sms := req.Sender != nil || req.Text != nil
	ways := 0
	for _, given := range []bool{req.Input != "", req.InputBase64 != nil, sms} {
		if given {
			ways++
		}
	}
	if ways > 1 {
		return Input{}, errors.New(`give one of "input", "input_base64", or "sender" and "text"`)
	}
	if len(req.Recipients) > 0 && kind != Message {
		return Input{}, fmt.Errorf(`"recipients" are for kind message, not %s`, kind)
	}
	switch {
	case sms:
		switch {
		case kind != SMS && kind != Auto:
			return Input{}, fmt.Errorf(`"sender" and "text" are for kind sms, not %s`, kind)
		case req.Text == nil || strings.TrimSpace(*req.Text) == "":
			return Input{}, errors.New(`missing "text"`)
		}
		in := Input{Kind: SMS, Data: *req.Text}
		if req.Sender != nil {
			in.Sender = *req.Sender
		}
		return in, nil
	case kind == SMS:
		return Input{}, errors.New(`kind sms takes "sender" and "text", not "input"`)
	}
	in := Input{Kind: kind, Data: req.Input, Recipients: req.Recipients}
	if req.InputBase64 != nil {
		// Line breaks are ignored, as MIME folds base64.
		b, err := base64.StdEncoding.DecodeString(*req.InputBase64)
		if err != nil {
			return Input{}, fmt.Errorf(`"input_base64" is not base64: %v`, err)
		}
		in.Data = string(b)
	}
	if strings.TrimSpace(in.Data) == "" {
		return Input{}, errors.New(`missing "input"`)
	}
	return in, nil
}
