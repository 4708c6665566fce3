package verify

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"golang.org/x/net/publicsuffix"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/internal/names"
	"github.com/vigie-sante/vigie/internal/suffixset"
	"github.com/vigie-sante/vigie/verify/internal/lookalike"
	"github.com/vigie-sante/vigie/verify/internal/mention"
	"github.com/vigie-sante/vigie/verify/internal/namespaces"
)

// Everything a Checker derives from its registry is built here, once, in
// New: the official reasons, the name part of each domain, the lookalike
// index with its names and aliases, the index of names in free text, and
// the SMS sender IDs. Every name goes through one normaliser,
// [names.Label] and [names.Words], so that the registry's "Œuvre", a
// host's "oeuvre" and a text's "ŒUVRE" are one word.

// derive builds the checker's tables from reg.
func (c *Checker) derive(reg *domains.Registry) error {
	c.official = officialReasons(reg)
	c.listed = listedNames(reg)
	c.brands = brandLabels(reg)
	var lts []lookalike.Target
	lts, c.targets = lookalikeTargets(reg)
	index, err := lookalike.New(lts, c.opts.lookalike)
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	c.index = index
	c.orgs, c.mentions = mentionIndex(reg)
	c.senderIndex = buildSMSSenderIndex(c.orgs)
	c.names = buildNameIndex(c.orgs)
	return nil
}

// officialReasons precomputes the reasons of official verdicts: for each
// domain the registered-domain reason, and for each login host that reason
// followed by login-host. Slices are capped at their length so that a caller
// appending to Verdict.Reasons copies instead of writing into them.
func officialReasons(reg *domains.Registry) map[string][]Reason {
	hosts := 0
	for _, o := range reg.Organizations() {
		hosts += len(o.Domains) + len(o.LoginHosts)
	}
	m := make(map[string][]Reason, hosts)
	for _, o := range reg.Organizations() {
		for _, d := range o.Domains {
			r := Reason{CodeRegisteredDomain, fmt.Sprintf("%s is registered for %s", d, o.Name)}
			m[d] = []Reason{r}
		}
		for _, h := range o.LoginHosts {
			_, d, _ := reg.Lookup(h)
			rs := []Reason{
				{CodeRegisteredDomain, fmt.Sprintf("%s is under %s, registered for %s", h, d, o.Name)},
				{CodeLoginHost, fmt.Sprintf("%s is where members of %s log in", h, o.Name)},
			}
			m[h] = rs[:2:2]
		}
	}
	return m
}

// brandLabels maps the name part of every registered domain, the label
// before its public suffix, to its organisation. Two organisations may share
// a name part under different suffixes; the first in registry order keeps
// it.
func brandLabels(reg *domains.Registry) map[string]brand {
	m := make(map[string]brand)
	for _, o := range reg.Organizations() {
		for _, d := range o.Domains {
			suffix, _ := publicsuffix.PublicSuffix(d)
			l := strings.TrimSuffix(strings.TrimSuffix(d, suffix), ".")
			if _, dup := m[l]; !dup && l != "" {
				m[l] = brand{o, d}
			}
		}
	}
	return m
}

// mentionIndex indexes the names of every organisation: the parts of its
// name ("HCR Bien-Être / HCR Prévoyance" gives both, "DGFiP (impots.gouv.fr)"
// gives DGFiP and impots.gouv.fr), its aliases, and its weak aliases, which
// count only in a text about health insurance.
func mentionIndex(reg *domains.Registry) ([]*domains.Organization, *mention.Index) {
	orgs := reg.Organizations()
	var found []mention.Name
	for i, o := range orgs {
		weak := make(map[string]bool)
		for _, a := range o.WeakAliases {
			weak[strings.Join(names.Words(a), " ")] = true
		}
		for _, part := range strings.FieldsFunc(o.Name, func(r rune) bool { return r == '/' || r == '(' || r == ')' }) {
			// A name that is also an ordinary word ("Alan") is as weak
			// as the alias that says so.
			found = append(found, mention.Name{Text: part, Owner: i, Weak: weak[strings.Join(names.Words(part), " ")]})
		}
		for _, a := range o.Aliases {
			found = append(found, mention.Name{Text: a, Owner: i})
		}
		for _, a := range o.WeakAliases {
			found = append(found, mention.Name{Text: a, Owner: i, Weak: true})
		}
	}
	return orgs, mention.New(found)
}

// target is one registered domain as the lookalike index knows it.
type target struct {
	org    *domains.Organization
	domain string
}

// lookalikeTargets lists every registered domain, with its login hosts, for
// the lookalike index. A domain's label is weak when it spells one of the
// organisation's weak aliases ("generation" for Génération, "april").
func lookalikeTargets(reg *domains.Registry) ([]lookalike.Target, []target) {
	domainCount := 0
	for _, o := range reg.Organizations() {
		domainCount += len(o.Domains)
	}
	lts := make([]lookalike.Target, 0, domainCount)
	ts := make([]target, 0, domainCount)
	entities := make(map[string][]*domains.Organization) // group ID → its French entities
	groupLabels := make(map[string]bool)                 // the names of groups' domains
	for _, o := range reg.Organizations() {
		if o.Group != "" {
			entities[o.Group] = append(entities[o.Group], o)
		}
		if o.Kind == domains.Group {
			for _, d := range o.Domains {
				l, _, _ := strings.Cut(d, ".")
				groupLabels[l] = true
			}
		}
	}
	for oi, o := range reg.Organizations() {
		var weak map[string]bool
		if len(o.WeakAliases) > 0 {
			weak = make(map[string]bool, len(o.WeakAliases))
		}
		for _, a := range o.WeakAliases {
			// A domain label keeps its hyphens ("service-public",
			// "mieux-etre"): the weak alias "Service Public" names
			// it as well as the glued "servicepublic".
			weak[names.Hyphenated(a)] = true
			weak[names.Label(a)] = true
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
			lt.International = groupLabels[label]
			lt.Owner = oi + 1
			if len(lts) == 0 || ts[len(ts)-1].org != o {
				// The organisation's names go with its first domain.
				lt.Names = labelNames(o.Aliases)
				lt.Aliases, lt.WeakAliases = o.Aliases, o.WeakAliases
			}
			lts = append(lts, lt)
			ts = append(ts, entityTarget(o, d, label, entities[o.ID]))
		}
	}
	return lts, ts
}

// entityTarget is what an imitation of domain d of organisation o is
// reported against: a group's domain whose name one of the group's French
// entities also bears (allianz.com, allianz.fr) names that entity and its
// domain, since the members vigie protects know the French one; any other
// domain names its own organisation.
func entityTarget(o *domains.Organization, d, label string, entities []*domains.Organization) target {
	for _, e := range entities {
		for _, ed := range e.Domains {
			if l, _, _ := strings.Cut(ed, "."); l == label {
				return target{e, ed}
			}
		}
	}
	return target{o, d}
}

// labelNames writes the names of two words or more as a domain label would:
// "Caisse primaire d'assurance maladie" → "caisse-primaire-d-assurance-maladie".
func labelNames(aliases []string) []string {
	var out []string
	for _, a := range aliases {
		if words := names.Words(a); len(words) >= 2 {
			out = append(out, strings.Join(words, "-"))
		}
	}
	return out
}

// listedNames gathers the keys of every suffix lookup judgeHostInto makes
// before the lookalike index: the registry keys its domains and known
// lookalikes by the organisations' Domains and KnownLookalikes, and the
// restricted namespaces by their suffixes.
func listedNames(reg *domains.Registry) suffixset.Set {
	_, restricted := namespaces.Sources()
	names := slices.Collect(maps.Keys(restricted))
	for _, o := range reg.Organizations() {
		names = append(names, o.Domains...)
		names = append(names, o.KnownLookalikes...)
	}
	return suffixset.New(names)
}
