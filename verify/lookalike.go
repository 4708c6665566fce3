package verify

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/net/idna"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/verify/internal/lookalike"
)

// target is one registered domain as the lookalike index knows it.
type target struct {
	org    *domains.Organization
	domain string
}

// lookalikeTargets lists every registered domain, with its login hosts, for
// the lookalike index. A domain's label is weak when it spells one of the
// organisation's weak aliases ("generation" for Génération, "april").
func lookalikeTargets(reg *domains.Registry) ([]lookalike.Target, []target) {
	var lts []lookalike.Target
	var ts []target
	for _, o := range reg.Organizations() {
		weak := make(map[string]bool)
		for _, a := range o.WeakAliases {
			weak[asciiFold(a)] = true
		}
		for _, d := range o.Domains {
			lt := lookalike.Target{Domain: d}
			for _, h := range o.LoginHosts {
				if h == d || strings.HasSuffix(h, "."+d) {
					lt.Hosts = append(lt.Hosts, h)
				}
			}
			label, _, _ := strings.Cut(d, ".")
			lt.Weak = weak[label]
			if len(lts) == 0 || ts[len(ts)-1].org != o {
				lt.Names = labelNames(o.Aliases)
			}
			lts = append(lts, lt)
			ts = append(ts, target{o, d})
		}
	}
	return lts, ts
}

// labelNames writes the names of two words or more as a domain label would:
// "Caisse primaire d'assurance maladie" → "caisse-primaire-d-assurance-maladie".
func labelNames(aliases []string) []string {
	var names []string
	for _, a := range aliases {
		words := strings.FieldsFunc(a, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if len(words) < 2 {
			continue
		}
		for i, w := range words {
			words[i] = asciiFold(w)
		}
		names = append(names, strings.Join(words, "-"))
	}
	return names
}

// asciiFold lowercases a name and drops accents, spaces and hyphens, the
// way a name becomes a domain label: "Génération" → "generation".
func asciiFold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if f, ok := accentFold[r]; ok {
			b.WriteString(f)
		} else if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var accentFold = map[rune]string{
	'à': "a", 'â': "a", 'ä': "a", 'á': "a", 'ç': "c", 'é': "e", 'è': "e", 'ê': "e", 'ë': "e",
	'î': "i", 'ï': "i", 'í': "i", 'ô': "o", 'ö': "o", 'ó': "o", 'ù': "u", 'û': "u", 'ü': "u", 'ú': "u",
	'ÿ': "y", 'ñ': "n", 'œ': "oe", 'æ': "ae",
}

// lookalikeVerdict checks a host that belongs to no organisation against
// the registry's known lookalikes, then the lookalike index.
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
	m, ok := c.index.Match(h)
	if !ok {
		return Verdict{}, false
	}
	t := c.targets[m.Target]
	return Verdict{Status: Lookalike, Host: h, Organization: t.org, Target: t.domain, Reasons: c.techniqueReasons(h, m)}, true
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
		add(CodeEditDistance, "%s is %d edit(s) from %s, the name of %s", shown, m.Distance, label, t.domain)
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
	if m.Techniques&lookalike.TLDSwap != 0 {
		if strings.Contains(m.Via, ".") {
			add(CodeTLDSwap, "%s puts %s under another suffix than %s", shown, label, t.domain)
		} else {
			add(CodeTLDSwap, "%s spells %s, a name of %s, as a domain that is not %s", shown, m.Via, t.org.Name, t.domain)
		}
	}
	return rs
}
