package domains

import (
	"fmt"
	"slices"
)

// A Change is one difference between two registries.
type Change struct {
	// Org is the organisation's ID.
	Org string
	// Field is the JSON field that changed, or "" when the whole
	// organisation was added or removed.
	Field string
	// Op is "added", "removed" or "changed".
	Op string
	// Value is the value added or removed, or the new value for
	// "changed"; Old is the former value for "changed".
	Value, Old string
}

func (c Change) String() string {
	switch {
	case c.Field == "":
		return fmt.Sprintf("%s organization %s", c.Op, c.Org)
	case c.Op == "changed":
		return fmt.Sprintf("changed %s %s: %q -> %q", c.Org, c.Field, c.Old, c.Value)
	default:
		return fmt.Sprintf("%s %s %s %q", c.Op, c.Org, c.Field, c.Value)
	}
}

// Diff lists what changes from old to new: organisations added and
// removed, and, for those in both, each list entry added or removed and
// each single value changed. Changes come in new's order, then removals in
// old's. What matters most to review comes first within an organisation:
// domains, then login, mail and link hosts.
func Diff(old, new *Registry) []Change {
	var out []Change
	for _, n := range new.orgs {
		o := old.byID[n.ID]
		if o == nil {
			out = append(out, Change{Org: n.ID, Op: "added", Value: n.Name})
			continue
		}
		out = append(out, diffOrg(o, n)...)
	}
	for _, o := range old.orgs {
		if new.byID[o.ID] == nil {
			out = append(out, Change{Org: o.ID, Op: "removed", Value: o.Name})
		}
	}
	return out
}

func diffOrg(o, n *Organization) []Change {
	var out []Change
	lists := []struct {
		field    string
		old, new []string
	}{
		{"domains", o.Domains, n.Domains},
		{"login_hosts", o.LoginHosts, n.LoginHosts},
		{"mail_domains", o.MailDomains, n.MailDomains},
		{"link_domains", o.LinkDomains, n.LinkDomains},
		{"known_lookalikes", o.KnownLookalikes, n.KnownLookalikes},
		{"sms_senders", o.SMSSenders, n.SMSSenders},
		{"aliases", o.Aliases, n.Aliases},
		{"weak_aliases", o.WeakAliases, n.WeakAliases},
		{"sources", o.Sources, n.Sources},
	}
	for _, l := range lists {
		for _, v := range l.new {
			if !slices.Contains(l.old, v) {
				out = append(out, Change{Org: n.ID, Field: l.field, Op: "added", Value: v})
			}
		}
		for _, v := range l.old {
			if !slices.Contains(l.new, v) {
				out = append(out, Change{Org: n.ID, Field: l.field, Op: "removed", Value: v})
			}
		}
	}
	values := []struct {
		field    string
		old, new string
	}{
		{"name", o.Name, n.Name},
		{"kind", string(o.Kind), string(n.Kind)},
		{"group", o.Group, n.Group},
		{"confidence", string(o.Confidence), string(n.Confidence)},
		{"member_login", fmt.Sprint(o.MemberLogin), fmt.Sprint(n.MemberLogin)},
		{"notes", o.Notes, n.Notes},
	}
	for _, v := range values {
		if v.old != v.new {
			out = append(out, Change{Org: n.ID, Field: v.field, Op: "changed", Old: v.old, Value: v.new})
		}
	}
	return out
}
