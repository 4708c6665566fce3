// Package mailgate holds what the vigie mail filters share: the X-Vigie
// header they write, the action each verdict calls for, the rewriting of a
// message's header section, and a bounded spool for message data. The
// milter (examples/vigie-milter) and the pipe filter (vigie filter) are thin
// adapters around it.
package mailgate

import (
	"flag"
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie/verify"
)

// An Action is what a gateway does with a message.
type Action uint8

const (
	// Accept lets the message through, tagged with the X-Vigie header.
	Accept Action = iota
	// Quarantine accepts and tags the message, then holds it (Postfix's
	// hold queue, Sendmail's quarantine) with the verdict as the reason.
	Quarantine
	// Reject refuses the message with 550 5.7.1 and the verdict: the
	// sender gets a bounce, nothing is lost silently.
	Reject
	// TempFail refuses the message with 451 4.7.1: the sender retries.
	TempFail
)

var actionNames = [...]string{Accept: "accept", Quarantine: "quarantine", Reject: "reject", TempFail: "tempfail"}

func (a Action) String() string {
	if int(a) < len(actionNames) {
		return actionNames[a]
	}
	return fmt.Sprintf("Action(%d)", a)
}

// ParseAction reads an action name: accept (or tag), quarantine, reject,
// tempfail.
func ParseAction(s string) (Action, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "accept", "tag":
		return Accept, nil
	case "quarantine", "hold":
		return Quarantine, nil
	case "reject":
		return Reject, nil
	case "tempfail", "defer":
		return TempFail, nil
	}
	return Accept, fmt.Errorf("unknown action %q (want accept, quarantine, reject or tempfail)", s)
}

// A Policy maps each verdict, and an internal error, to an action.
type Policy struct {
	// Verdicts holds the action for each verdict, indexed by status.
	Verdicts [verify.Lookalike + 1]Action
	// Error is the action when a message could not be checked (it could
	// not be read, the check panicked or timed out): Accept is fail-open
	// (the message goes through tagged "X-Vigie: error"), TempFail is
	// fail-closed (the sender retries). Reject is not allowed: a fault of
	// the filter must never bounce good mail for good.
	Error Action
}

// DefaultPolicy is the cautious policy the filters start with: a lookalike
// is held in quarantine, every other verdict is tagged and delivered, and
// a message that could not be checked is deferred (451), as
// milter_default_action=tempfail does when the milter is unreachable.
//
// Lookalike is vigie's strongest finding, but a new deployment should see
// what it would bounce before it bounces anything: a quarantine loses
// nothing and delivers nothing. Suspicious and invalid cover mail that is
// only odd (a DMARC failure after forwarding, broken MIME from a real
// sender): the tag lets a Sieve rule or the mail client file it.
func DefaultPolicy() Policy {
	var p Policy
	p.Verdicts[verify.Lookalike] = Quarantine
	p.Error = TempFail
	return p
}

// For returns the action for a verdict.
func (p *Policy) For(s verify.Status) Action {
	if int(s) < len(p.Verdicts) {
		return p.Verdicts[s]
	}
	return p.Error
}

// Uses reports whether any verdict or the error maps to a.
func (p *Policy) Uses(a Action) bool {
	if p.Error == a {
		return true
	}
	for _, v := range p.Verdicts {
		if v == a {
			return true
		}
	}
	return false
}

// RegisterFlags adds -on-official, -on-unknown, -on-invalid,
// -on-suspicious, -on-lookalike and -on-error to fs, set from p's current
// values.
func (p *Policy) RegisterFlags(fs *flag.FlagSet) {
	for _, s := range []verify.Status{verify.Official, verify.Unknown, verify.Invalid, verify.Suspicious, verify.Lookalike} {
		fs.Var(&actionFlag{a: &p.Verdicts[s]}, "on-"+s.String(),
			fmt.Sprintf("`action` for a message judged %s: accept, quarantine, reject or tempfail", s))
	}
	fs.Var(&actionFlag{a: &p.Error, noReject: true}, "on-error",
		"`action` when a message cannot be checked: accept (fail-open, tagged \"X-Vigie: error\"), quarantine or tempfail (fail-closed)")
}

type actionFlag struct {
	a        *Action
	noReject bool
}

func (f *actionFlag) String() string {
	if f.a == nil {
		return ""
	}
	return f.a.String()
}

func (f *actionFlag) Set(s string) error {
	a, err := ParseAction(s)
	if err != nil {
		return err
	}
	if f.noReject && a == Reject {
		return fmt.Errorf("reject is not allowed on error: a fault of the filter must not bounce mail (use tempfail)")
	}
	*f.a = a
	return nil
}

// A Decision is what to do with one message.
type Decision struct {
	Action Action
	// Verdict is the status name, or "error" when the message could not
	// be checked.
	Verdict string
	// Header is the value of the X-Vigie header.
	Header string
	// Err is why the message could not be checked, when it could not.
	Err error
}

// Decide applies the policy to a report.
func (p *Policy) Decide(rep verify.Report) Decision {
	return Decision{Action: p.For(rep.Status), Verdict: rep.Status.String(), Header: HeaderValue(rep.Verdict)}
}

// DecideError applies the policy to a message that could not be checked.
func (p *Policy) DecideError(err error) Decision {
	return Decision{Action: p.Error, Verdict: ErrorValue, Header: ErrorValue, Err: err}
}

// Reply is the SMTP reply for a Reject or TempFail decision: the code and
// the text after it, starting with the enhanced status code. The text
// holds the X-Vigie value, verdict and reason codes, so the sender can
// tell why.
func (d Decision) Reply() (code uint16, text string) {
	switch {
	case d.Action == Reject:
		return 550, "5.7.1 vigie: message refused: " + d.Header
	case d.Err != nil:
		return 451, "4.7.1 vigie: the message could not be checked, try again later"
	default:
		return 451, "4.7.1 vigie: message deferred, try again later: " + d.Header
	}
}

// QuarantineReason is the reason given to the MTA for a held message.
func (d Decision) QuarantineReason() string {
	return "vigie: " + d.Header
}
