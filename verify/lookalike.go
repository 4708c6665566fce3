package verify

import (
	"fmt"
	"strings"

	"golang.org/x/net/idna"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/verify/internal/lookalike"
)

// lookalikeVerdict checks a host that belongs to no organisation against
// the registry's known lookalikes; heuristicInto asks the lookalike index.
func (c *Checker) lookalikeVerdict(h string) (Verdict, bool) {
	if org, listed, ok := c.reg.KnownLookalike(h); ok {
		v := Verdict{Status: Lookalike, Host: h, Organization: org, Target: firstDomain(org)}
		v.Reasons = []Reason{{CodeKnownLookalike, fmt.Sprintf("%s is listed in the registry as an imitation of %s", listed, org.Name)}}
		if m, ok := c.index.Match(h); ok && c.targets[m.Target].org == org {
			v.Target = m.Domain
			v.Reasons = append(v.Reasons, c.techniqueReasons(h, m)...)
		}
		return v, true
	}
	return Verdict{}, false
}

// indexVerdict is the verdict on a host the lookalike index matched.
func (c *Checker) indexVerdict(h string, m lookalike.Match) Verdict {
	t := c.targets[m.Target]
	return Verdict{Status: Lookalike, Host: h, Organization: t.org, Target: t.domain, Reasons: c.techniqueReasons(h, m)}
}

func firstDomain(o *domains.Organization) string {
	if len(o.Domains) > 0 {
		return o.Domains[0]
	}
	return ""
}

// techniqueReasons explains a match, one reason per technique.
func (c *Checker) techniqueReasons(h string, m lookalike.Match) []Reason {
	t := c.targets[m.Target]
	shown := h
	if u, err := idna.ToUnicode(h); err == nil && u != h {
		shown = fmt.Sprintf("%s (%s)", h, u)
	}
	label, _, _ := strings.Cut(t.domain, ".")
	var rs []Reason
	add := func(code Code, format string, args ...any) {
		rs = append(rs, Reason{code, fmt.Sprintf(format, args...)})
	}
	if m.Techniques&lookalike.Homoglyph != 0 {
		add(CodeHomoglyph, "%s looks like %s of %s", shown, m.Via, t.org.Name)
	}
	if m.Techniques&lookalike.MixedScript != 0 {
		add(CodeMixedScript, "%s mixes scripts in one label, as in Latin with Cyrillic letters", shown)
	}
	if m.Techniques&lookalike.Transposition != 0 {
		add(CodeTransposition, "two neighbouring letters of %s are swapped", label)
	}
	if m.Techniques&lookalike.EditDistance != 0 {
		if m.Techniques&lookalike.Compound != 0 {
			add(CodeEditDistance, "%s holds a word %d edit(s) from %s, a name of %s", shown, m.Distance, viaName(m.Via, label), t.domain)
		} else {
			add(CodeEditDistance, "%s is %d edit(s) from %s, the name of %s", shown, m.Distance, label, t.domain)
		}
	}
	if m.Techniques&lookalike.TargetEmbedding != 0 {
		add(CodeTargetEmbed, "%s, official for %s, is embedded in %s, which belongs to someone else", m.Via, t.org.Name, shown)
	}
	if m.Techniques&lookalike.ComboSquat != 0 {
		name := label
		if !strings.Contains(m.Via, ".") {
			name = m.Via // one of the organisation's names of several words
		}
		add(CodeComboSquat, "%s combines %s, the name of %s, with other words", shown, name, t.domain)
	}
	if m.Techniques&lookalike.Alias != 0 {
		add(CodeAlias, "%s is a name of %s, whose domain is %s", m.Via, t.org.Name, t.domain)
	}
	if m.Techniques&lookalike.Compound != 0 {
		add(CodeCompound, "%s glues a name of %s to other words in one label", shown, t.org.Name)
	}
	if m.Techniques&lookalike.HostingPlatform != 0 {
		add(CodeHostingPlatform, "%s is a customer's name on a hosting platform, where anyone gets one in minutes", shown)
	}
	if m.Techniques&lookalike.GovWord != 0 {
		add(CodeGovWord, "%s misspells the government word gouv", shown)
	}
	if m.Techniques&lookalike.TLDSwap != 0 {
		if strings.Contains(m.Via, ".") {
			add(CodeTLDSwap, "%s puts %s under another suffix than %s", shown, label, t.domain)
		} else {
			add(CodeTLDSwap, "%s spells %s, a name of %s, as a domain that is not %s", shown, m.Via, t.org.Name, t.domain)
		}
	}
	return rs
}

// viaName is the name a match went through: an alias, or else the domain's
// label.
func viaName(via, label string) string {
	if strings.Contains(via, ".") {
		return label
	}
	return via
}
