package domains

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/vigie-sante/vigie/internal/suffixset"
	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// The problems validation reports, wrapped in a [FieldError]. Test for them
// with errors.Is.
var (
	ErrMissing           = errors.New("missing")
	ErrNotLowercase      = errors.New("not lowercase")
	ErrInvalidHostname   = errors.New("not a valid hostname")
	ErrUnknownTLD        = errors.New("top-level domain is not in the public suffix list")
	ErrPublicSuffix      = errors.New("is a public suffix, which no organisation can own")
	ErrNotRegistrable    = errors.New("is not a registrable domain")
	ErrClaimedTwice      = errors.New("claimed by two organisations")
	ErrOutsideDomains    = errors.New("not under any of the organisation's domains")
	ErrInvalidValue      = errors.New("invalid value")
	ErrDuplicate         = errors.New("listed twice")
	ErrOfficialLookalike = errors.New("is under a registered domain, so it cannot be a lookalike")
	ErrNotAGroup         = errors.New("does not name an organisation of kind group")
	ErrOfficialLink      = errors.New("is under a registered domain, so it is official already and cannot be a link domain")
)

// A FieldError is one problem in one field of one organisation.
type FieldError struct {
	// Org is the organisation's ID, or "#N" (its position, from 1) when the
	// ID itself is unusable; empty for file-level fields.
	Org string
	// Field is the JSON field, with an index for lists: "domains[1]".
	Field string
	// Value is the offending value, when there is one.
	Value string
	Err   error
}

func (e *FieldError) Error() string {
	var b strings.Builder
	if e.Org != "" {
		fmt.Fprintf(&b, "organization %q: ", e.Org)
	}
	b.WriteString(e.Field)
	if e.Value != "" {
		fmt.Fprintf(&b, " %q", e.Value)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *FieldError) Unwrap() error { return e.Err }

// A ValidationError lists every problem found in a registry.
type ValidationError struct {
	Problems []*FieldError
}

func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.Error()
	}
	return "domains: invalid registry:\n\t" + strings.Join(lines, "\n\t")
}

// Unwrap lets errors.Is and errors.As see each problem.
func (e *ValidationError) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}

var (
	idPattern   = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	datePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	// An SMS sender is an alphanumeric ID of up to 11 characters, a short
	// code, or a phone number.
	smsSenderPattern = regexp.MustCompile(`^(?:[A-Za-z0-9][A-Za-z0-9 .&-]{0,10}|\+?[0-9]{3,15})$`)
)

// registration converts U-labels the way registries do: strictly, with no
// mapping, so that "AMÉLI.fr" is reported instead of silently lowercased.
var registration = idna.New(
	idna.ValidateForRegistration(),
	idna.BidiRule(),
)

type validator struct {
	problems []*FieldError
	org      string
}

func (v *validator) fail(field, value string, err error) {
	v.problems = append(v.problems, &FieldError{Org: v.org, Field: field, Value: value, Err: err})
}

func build(f *file) (*Registry, error) {
	v := &validator{}
	r := &Registry{
		version:     f.Version,
		date:        f.Date,
		source:      f.Source,
		byID:        make(map[string]*Organization, len(f.Organizations)),
		byDomain:    make(map[string]*Organization),
		loginHosts:  make(map[string]*Organization),
		mailDomains: make(map[string]*Organization),
		lookalikes:  make(map[string]*Organization),
		linkDomains: make(map[string]*Organization),
	}
	if f.Date != "" {
		if _, err := time.Parse("2006-01-02", f.Date); err != nil || !datePattern.MatchString(f.Date) {
			v.fail("date", f.Date, fmt.Errorf("%w: want YYYY-MM-DD", ErrInvalidValue))
		}
	}
	if !validText(f.Version) {
		v.fail("version", f.Version, fmt.Errorf("%w: control characters or invalid UTF-8", ErrInvalidValue))
	}
	if len(f.Organizations) > MaxOrganizations {
		v.fail("organizations", "", fmt.Errorf("%w: %d organisations, more than the %d allowed", ErrInvalidValue, len(f.Organizations), MaxOrganizations))
		return nil, &ValidationError{Problems: v.problems}
	}
	for i := range f.Organizations {
		if o := v.organization(i, &f.Organizations[i], r); o != nil {
			r.orgs = append(r.orgs, o)
		}
	}
	// Groups, link domains and lookalikes are checked once every
	// organisation and domain is known, so that neither the file's order nor
	// a listed name can shadow another organisation's real domain.
	for _, o := range r.orgs {
		v.org = o.ID
		v.group(o, r)
		v.linkDomains(o, r)
	}
	for _, o := range r.orgs {
		v.org = o.ID
		for i, h := range o.KnownLookalikes {
			field := fmt.Sprintf("known_lookalikes[%d]", i)
			if owner, _, ok := r.Lookup(h); ok {
				v.fail(field, h, fmt.Errorf("%w (%s)", ErrOfficialLookalike, owner.ID))
			} else if owner, _, ok := r.LinkDomain(h); ok {
				v.fail(field, h, fmt.Errorf("%w: a link domain of %s", ErrClaimedTwice, owner.ID))
			}
		}
		for i, h := range o.LinkDomains {
			if owner, listed, ok := r.KnownLookalike(h); ok {
				v.fail(fmt.Sprintf("link_domains[%d]", i), h, fmt.Errorf("%w: %s is a known lookalike of %s", ErrClaimedTwice, listed, owner.ID))
			}
		}
	}
	if len(v.problems) > 0 {
		return nil, &ValidationError{Problems: v.problems}
	}
	r.domainSet = suffixset.New(slices.Collect(maps.Keys(r.byDomain)))
	r.lookalikeSet = suffixset.New(slices.Collect(maps.Keys(r.lookalikes)))
	r.filtered = true
	return r, nil
}

func (v *validator) organization(index int, of *orgFile, r *Registry) *Organization {
	v.org = of.ID
	if !idPattern.MatchString(of.ID) {
		v.org = fmt.Sprintf("#%d", index+1)
		if of.ID == "" {
			v.fail("id", "", ErrMissing)
		} else {
			v.fail("id", of.ID, fmt.Errorf("%w: want lowercase letters, digits and single hyphens", ErrInvalidValue))
		}
	} else if r.byID[of.ID] != nil {
		v.fail("id", of.ID, ErrDuplicate)
	}
	o := &Organization{
		ID: of.ID, Name: of.Name, Kind: of.Kind, Group: of.Group,
		Aliases: of.Aliases, WeakAliases: of.WeakAliases,
		Confidence: of.Confidence, Sources: of.Sources, Notes: of.Notes,
		MemberLogin: of.MemberLogin == nil || *of.MemberLogin,
	}
	if strings.TrimSpace(of.Name) == "" {
		v.fail("name", of.Name, ErrMissing)
	}
	v.text("name", of.Name)
	v.text("notes", of.Notes)
	if !of.Kind.valid() {
		v.fail("kind", string(of.Kind), fmt.Errorf("%w: want insurer, tiers-payant-operator, gestionnaire, public-body or group", ErrInvalidValue))
	}
	if !of.Confidence.valid() {
		v.fail("confidence", string(of.Confidence), fmt.Errorf("%w: want high, medium or low", ErrInvalidValue))
	}
	if len(of.Sources) == 0 {
		v.fail("sources", "", fmt.Errorf("%w: every entry keeps the sources it was compiled from", ErrMissing))
	}
	v.names("sources", of.Sources)
	v.names("aliases", of.Aliases)
	v.names("weak_aliases", of.WeakAliases)
	for i, a := range of.Aliases {
		if ordinaryAlias(a) {
			v.fail(fmt.Sprintf("aliases[%d]", i), a, ErrOrdinaryAlias)
		}
	}

	for i, s := range of.SMSSenders {
		if !smsSenderPattern.MatchString(s) {
			v.fail(fmt.Sprintf("sms_senders[%d]", i), s, fmt.Errorf("%w: want an alphanumeric ID of up to 11 characters, a short code or a phone number", ErrInvalidValue))
		}
	}
	o.SMSSenders = of.SMSSenders

	o.Domains = v.hosts("domains", of.Domains, func(field, d string) bool {
		if !v.registrable(field, d) {
			return false
		}
		if other := r.byDomain[d]; other != nil {
			v.fail(field, d, fmt.Errorf("%w (also %s)", ErrClaimedTwice, other.ID))
			return false
		}
		return true
	})
	// A domain is only entered once the whole organisation is read, so that
	// an organisation listing a domain twice is reported as a duplicate,
	// not as claimed by itself.
	under := func(field, h string) bool {
		for _, d := range o.Domains {
			if h == d || strings.HasSuffix(h, "."+d) {
				return true
			}
		}
		v.fail(field, h, ErrOutsideDomains)
		return false
	}
	o.LoginHosts = v.hosts("login_hosts", of.LoginHosts, under)
	o.MailDomains = v.hosts("mail_domains", of.MailDomains, under)
	o.KnownLookalikes = v.hosts("known_lookalikes", of.KnownLookalikes, func(string, string) bool { return true })
	// Link domains are entered here and checked against every
	// organisation's domains once all are known (see linkDomains).
	o.LinkDomains = v.hosts("link_domains", of.LinkDomains, v.notPublicSuffix)

	if v.org != of.ID || r.byID[of.ID] != nil {
		return nil
	}
	r.byID[o.ID] = o
	for _, d := range o.Domains {
		r.byDomain[d] = o
	}
	for _, h := range o.LoginHosts {
		r.loginHosts[h] = o
	}
	for _, h := range o.MailDomains {
		r.mailDomains[h] = o
	}
	for _, h := range o.KnownLookalikes {
		r.lookalikes[h] = o
	}
	return o
}

// group checks that an organisation's group names an existing organisation
// of kind group, and that a group belongs to no other group.
func (v *validator) group(o *Organization, r *Registry) {
	if o.Group == "" {
		return
	}
	g := r.byID[o.Group]
	switch {
	case g == nil || g.Kind != Group:
		v.fail("group", o.Group, ErrNotAGroup)
	case o.Kind == Group:
		v.fail("group", o.Group, fmt.Errorf("%w: a group belongs to no other group", ErrInvalidValue))
	}
}

// linkDomains checks an organisation's link domains against every
// registered domain and every other organisation's link domains, then
// indexes them. A link domain under a registered domain would be official
// already, and one shared by two organisations could not say whose link it
// is.
func (v *validator) linkDomains(o *Organization, r *Registry) {
	kept := o.LinkDomains[:0:0]
	for i, h := range o.LinkDomains {
		field := fmt.Sprintf("link_domains[%d]", i)
		if owner, _, ok := r.Lookup(h); ok {
			v.fail(field, h, fmt.Errorf("%w (%s)", ErrOfficialLink, owner.ID))
			continue
		}
		if owner, listed, ok := r.LinkDomain(h); ok {
			v.fail(field, h, fmt.Errorf("%w (%s lists %s)", ErrClaimedTwice, owner.ID, listed))
			continue
		}
		if owner, ok := linkUnder(r, h); ok {
			v.fail(field, h, fmt.Errorf("%w (%s lists a host under it)", ErrClaimedTwice, owner.ID))
			continue
		}
		kept = append(kept, h)
	}
	// Entered only once the whole list is checked, so that an
	// organisation listing a host and its parent is reported once, below.
	for i, h := range kept {
		for _, other := range kept[:i] {
			if strings.HasSuffix(h, "."+other) || strings.HasSuffix(other, "."+h) {
				v.fail("link_domains", h, fmt.Errorf("%w: %s and %s overlap", ErrDuplicate, h, other))
			}
		}
	}
	for _, h := range kept {
		r.linkDomains[h] = o
	}
	o.LinkDomains = kept
}

// linkUnder finds an organisation with a link domain under h.
func linkUnder(r *Registry, h string) (*Organization, bool) {
	for d, o := range r.linkDomains {
		if strings.HasSuffix(d, "."+h) {
			return o, true
		}
	}
	return nil, false
}

// notPublicSuffix checks that a host is under a known top-level domain and
// is not itself a public suffix, ICANN or private: a link domain such as
// "github.io" would accept every site under it.
func (v *validator) notPublicSuffix(field, h string) bool {
	tld := h[strings.LastIndexByte(h, '.')+1:]
	if _, icann := publicsuffix.PublicSuffix(tld); !icann {
		v.fail(field, h, ErrUnknownTLD)
		return false
	}
	if suffix, _ := publicsuffix.PublicSuffix(h); suffix == h {
		v.fail(field, h, ErrPublicSuffix)
		return false
	}
	return true
}

// hosts normalises and checks a list of hostnames, returning the valid ones
// in A-label form. check runs on each normalised host.
func (v *validator) hosts(field string, list []string, check func(field, host string) bool) []string {
	var out []string
	seen := make(map[string]bool, len(list))
	for i, h := range list {
		f := fmt.Sprintf("%s[%d]", field, i)
		a, err := normalizeHostname(h)
		if err != nil {
			v.fail(f, h, err)
			continue
		}
		if seen[a] {
			v.fail(f, h, ErrDuplicate)
			continue
		}
		seen[a] = true
		if check(f, a) {
			out = append(out, a)
		}
	}
	return out
}

func (v *validator) registrable(field, d string) bool {
	if !v.notPublicSuffix(field, d) {
		return false
	}
	if etld1, err := publicsuffix.EffectiveTLDPlusOne(d); err != nil || etld1 != d {
		v.fail(field, d, fmt.Errorf("%w: list %s and put this host in login_hosts or mail_domains", ErrNotRegistrable, etld1))
		return false
	}
	return true
}

func (v *validator) text(field, s string) {
	if !validText(s) {
		v.fail(field, s, fmt.Errorf("%w: control characters or invalid UTF-8", ErrInvalidValue))
	}
}

func (v *validator) names(field string, list []string) {
	for i, s := range list {
		f := fmt.Sprintf("%s[%d]", field, i)
		if strings.TrimSpace(s) == "" {
			v.fail(f, s, ErrMissing)
		} else {
			v.text(f, s)
		}
	}
}

func validText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// normalizeHostname checks a registry hostname and returns it in A-label
// form. Registry data is written by people, so it must already be lowercase
// and free of the mappings (fullwidth letters, ideographic dots) that URL
// parsing would apply: those are reported rather than fixed.
func normalizeHostname(h string) (string, error) {
	if h == "" {
		return "", ErrMissing
	}
	if !utf8.ValidString(h) {
		return "", fmt.Errorf("%w: invalid UTF-8", ErrInvalidHostname)
	}
	if h != strings.ToLower(h) {
		return "", ErrNotLowercase
	}
	a, err := registration.ToASCII(h)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrInvalidHostname, err)
	}
	if err := checkLDH(a); err != nil {
		return "", err
	}
	return a, nil
}

// checkLDH enforces DNS hostname syntax (RFC 1123) on an ASCII name: at
// least two labels of letters, digits and inner hyphens, 63 bytes a label
// and 253 in all, and a top-level label that is not all digits.
func checkLDH(h string) error {
	if len(h) > 253 {
		return fmt.Errorf("%w: longer than 253 bytes", ErrInvalidHostname)
	}
	labels := strings.Split(h, ".")
	if len(labels) < 2 {
		return fmt.Errorf("%w: a single label", ErrInvalidHostname)
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 {
			return fmt.Errorf("%w: label %q is empty or longer than 63 bytes", ErrInvalidHostname, l)
		}
		if l[0] == '-' || l[len(l)-1] == '-' {
			return fmt.Errorf("%w: label %q starts or ends with a hyphen", ErrInvalidHostname, l)
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
				return fmt.Errorf("%w: %q is not allowed in a hostname", ErrInvalidHostname, string(c))
			}
		}
	}
	if strings.Trim(labels[len(labels)-1], "0123456789") == "" {
		return fmt.Errorf("%w: all-numeric top-level label", ErrInvalidHostname)
	}
	return nil
}
