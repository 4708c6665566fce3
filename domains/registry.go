// Package domains is vigie's registry of official French health-insurance
// bodies: insurers, tiers-payant operators, gestionnaires and the public
// bodies whose names phishing borrows, with the registrable domains, login
// hosts and mail domains each one really uses.
//
// Every entry keeps the sources it was compiled from and a confidence level,
// because a wrong domain in this list would let phishing through: a missing
// domain fails safe (a real site reads as unknown), a wrong one does not.
//
// [Default] returns the registry embedded in the package. [Load] and
// [LoadFile] read a registry file in the same JSON format, and
// [Registry.Overlay] lets an organisation add or replace its own entries on
// top of the default. Every load is validated strictly; errors name the
// organisation and the field at fault (see [FieldError]).
package domains

import (
	"strings"

	"github.com/vigie-sante/vigie/internal/suffixset"
)

// Kind says what role an organisation plays for an insured person.
type Kind string

// The kinds of organisation the registry knows.
const (
	Insurer             Kind = "insurer"
	TiersPayantOperator Kind = "tiers-payant-operator"
	Gestionnaire        Kind = "gestionnaire"
	PublicBody          Kind = "public-body"
	// Group is an international group behind French entities (Allianz SE,
	// AXA): its own domains are official and name the group, while each
	// French entity keeps its own domains and login hosts and names the
	// group in its Group field.
	Group Kind = "group"
)

func (k Kind) valid() bool {
	switch k {
	case Insurer, TiersPayantOperator, Gestionnaire, PublicBody, Group:
		return true
	}
	return false
}

// Confidence grades the evidence behind an organisation's registrable
// domains: high means an official page or two independent sources, medium a
// single source, low nothing conclusive.
type Confidence string

// The confidence levels.
const (
	High   Confidence = "high"
	Medium Confidence = "medium"
	Low    Confidence = "low"
)

func (c Confidence) valid() bool {
	return c == High || c == Medium || c == Low
}

// An Organization is one registry entry. Values returned by a [Registry] are
// shared by every caller and must not be modified.
type Organization struct {
	// ID is a stable lowercase identifier such as "assurance-maladie".
	ID   string
	Name string
	Kind Kind
	// Domains are registrable domains (eTLD+1) in ASCII (A-label) form. A
	// host equal to one of them or under one of them belongs to the
	// organisation. An organisation without domains is documented but takes
	// no part in matching.
	Domains []string
	// Group is the ID of the organisation of kind [Group] this one belongs
	// to ("allianz-group" for Allianz France), or "" when it has none or is
	// a group itself.
	Group string
	// LoginHosts are the hosts where members type their password, all
	// under Domains.
	LoginHosts []string
	// MailDomains are the domains the organisation sends mail from, all
	// under Domains.
	MailDomains []string
	// LinkDomains are hosts or domains outside Domains that the
	// organisation's mail links legitimately pass through, such as the
	// click-tracking host of its mailing service. They make a link
	// acceptable in the organisation's proven mail; they never make a host
	// official on its own (see [Registry.LinkDomain]).
	LinkDomains []string
	// SMSSenders are the alphanumeric sender IDs or short codes seen on the
	// organisation's text messages. A sender ID proves nothing on its own:
	// anyone can set one.
	SMSSenders []string
	// Aliases are names people write for the organisation ("ameli",
	// "Assurance Maladie"), distinctive enough to count as a mention
	// wherever they appear as whole words.
	Aliases []string
	// WeakAliases are names that are also ordinary words or surnames
	// ("Alan", "Génération"): they count as a mention only next to a word
	// about health insurance.
	WeakAliases []string
	// KnownLookalikes are hosts or domains known to imitate the
	// organisation, reported as lookalikes whatever the heuristics say.
	KnownLookalikes []string
	// MemberLogin is false for organisations where insured people never log
	// in (tiers-payant operators serve health professionals), so that a
	// message inviting a member to log in there is suspicious by design.
	MemberLogin bool
	Confidence  Confidence
	Sources     []string
	Notes       string
}

// A Registry is an immutable, validated set of organisations. It is safe for
// concurrent use.
type Registry struct {
	version string
	date    string
	source  string
	orgs    []*Organization
	byID    map[string]*Organization
	// byDomain maps each registrable domain to its organisation.
	byDomain map[string]*Organization
	// loginHosts, mailDomains and lookalikes map the hosts listed in those
	// fields to their organisation.
	loginHosts  map[string]*Organization
	mailDomains map[string]*Organization
	lookalikes  map[string]*Organization
	linkDomains map[string]*Organization
	// domainSet and lookalikeSet hold the keys of byDomain and
	// lookalikes, so that a host under none of them, most hosts, costs
	// one pass over its bytes instead of a map lookup per suffix. They
	// are used once filtered is set, when the maps are complete.
	domainSet, lookalikeSet suffixset.Set
	filtered                bool
}

// Version is the registry's data version, such as "2026.11.1".
func (r *Registry) Version() string { return r.version }

// Date is the day the registry's data was compiled, as YYYY-MM-DD.
func (r *Registry) Date() string { return r.date }

// Source says where the registry's data comes from.
func (r *Registry) Source() string { return r.source }

// Len is the number of organisations, including those without domains.
func (r *Registry) Len() int { return len(r.orgs) }

// Organizations returns every organisation in file order. The slice is a
// copy; the organisations are shared.
func (r *Registry) Organizations() []*Organization {
	return append([]*Organization(nil), r.orgs...)
}

// Organization returns the organisation with the given ID, or nil.
func (r *Registry) Organization(id string) *Organization { return r.byID[id] }

// Lookup returns the organisation a host belongs to and the registered
// domain it falls under. host must be an ASCII hostname in lowercase, as a
// URL parser outputs it; one trailing dot is ignored. A host matches a domain
// only on a label boundary: "xameli.fr" is not under "ameli.fr". Lookup does
// not allocate.
func (r *Registry) Lookup(host string) (org *Organization, domain string, ok bool) {
	if r.filtered && !r.domainSet.MayHoldSuffix(strings.TrimSuffix(host, ".")) {
		return nil, "", false
	}
	return lookupSuffix(r.byDomain, host)
}

// IsLoginHost reports whether host (ASCII, lowercase) is one of the login
// hosts listed for an organisation, and which.
func (r *Registry) IsLoginHost(host string) (*Organization, bool) {
	o := r.loginHosts[strings.TrimSuffix(host, ".")]
	return o, o != nil
}

// Affiliated reports whether o and other are the same organisation or one
// is the other's group: mail from allianz.com may name Allianz France.
// Sister entities of one group are not affiliated with each other.
func (o *Organization) Affiliated(other *Organization) bool {
	if o == nil || other == nil {
		return false
	}
	return o == other || o.Group != "" && o.Group == other.ID || other.Group != "" && other.Group == o.ID
}

// MailDomain returns the organisation that lists domain (ASCII, lowercase)
// as one of its mail domains.
func (r *Registry) MailDomain(domain string) (*Organization, bool) {
	o := r.mailDomains[strings.TrimSuffix(domain, ".")]
	return o, o != nil
}

// KnownLookalike returns the organisation a host is a known lookalike of: the
// host itself or a domain it falls under is listed in some organisation's
// KnownLookalikes.
func (r *Registry) KnownLookalike(host string) (org *Organization, listed string, ok bool) {
	if r.filtered && !r.lookalikeSet.MayHoldSuffix(strings.TrimSuffix(host, ".")) {
		return nil, "", false
	}
	return lookupSuffix(r.lookalikes, host)
}

// lookupSuffix finds the longest suffix of host, on a label boundary, that is
// a key of m.
func lookupSuffix(m map[string]*Organization, host string) (*Organization, string, bool) {
	s := strings.TrimSuffix(host, ".")
	for s != "" {
		if o := m[s]; o != nil {
			return o, s, true
		}
		i := strings.IndexByte(s, '.')
		if i < 0 {
			break
		}
		s = s[i+1:]
	}
	return nil, "", false
}
