package mailgate

import (
	"strings"

	"github.com/vigie-sante/vigie/verify"
)

// HeaderName is the header the filters add to every message they let
// through. Any X-Vigie header already in a message is removed first: only
// the gateway may write it.
const HeaderName = "X-Vigie"

// ErrorValue is the X-Vigie value of a message that could not be checked
// and was accepted anyway (fail-open).
const ErrorValue = "error"

// HeaderValue formats the X-Vigie value of a verdict:
//
//	lookalike; target=ameli.fr; org=assurance-maladie; reasons=display-name-brand,free-mail,combo-squat
//
// The verdict comes first, then the official domain concerned and the
// organisation's ID when there is one, then the reason codes, each once,
// in the order the verdict gives them. Every part is ASCII without spaces,
// so the value never needs folding or encoding (every code at once stays
// under the 998-byte line limit) and a Sieve ":matches" or a procmail
// regex can read it.
func HeaderValue(v verify.Verdict) string {
	var b strings.Builder
	b.WriteString(v.Status.String())
	if v.Target != "" {
		b.WriteString("; target=")
		writeToken(&b, v.Target)
	}
	if v.Organization != nil && v.Organization.ID != "" {
		b.WriteString("; org=")
		writeToken(&b, v.Organization.ID)
	}
	seen := make(map[verify.Code]bool, len(v.Reasons))
	first := true
	for _, r := range v.Reasons {
		if seen[r.Code] || r.Code == "" {
			continue
		}
		seen[r.Code] = true
		if first {
			b.WriteString("; reasons=")
			first = false
		} else {
			b.WriteByte(',')
		}
		writeToken(&b, string(r.Code))
	}
	return b.String()
}

// writeToken writes s keeping only the characters of hosts, IDs and codes;
// anything else (which the registry's validation already refuses) becomes
// '_', so no value can break the header line or its syntax.
func writeToken(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '.', c == '-', c == '_':
			b.WriteByte(c)
		default:
			b.WriteByte('_')
		}
	}
}

// IsHeader reports whether a header field name is X-Vigie, in any case
// and with any blanks around it ("x-vigie", "X-VIGIE ").
func IsHeader(name string) bool {
	return strings.EqualFold(strings.Trim(name, " \t\r\n"), HeaderName)
}
