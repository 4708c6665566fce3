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

// Diff lists what changes from old to new: organisations added, with the
// hosts they make official, and removed, and, for those in both, each list
// entry added or removed and each single value changed. Changes come in new's order, then removals in
// old's. What matters most to review comes first within an organisation:
// domains, then login, mail and link hosts.
func Diff(old, new *Registry) []Change {
	var out []Change
	for _, n := range new.orgs {
		o := old.byID[n.ID]
		if o == nil {
			// What a new organisation makes official is what a reviewer
			// must check: its hosts are listed, not only its name.
			out = append(out, Change{Org: n.ID, Op: "added", Value: n.Name})
			for _, l := range hostLists(n) {
				for _, v := range l.values {
					out = append(out, Change{Org: n.ID, Field: l.field, Op: "added", Value: v})
				}
			}
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

// fieldList is one list field of an organisation.
type fieldList struct {
	field  string
	values []string
}

// hostLists are the lists of hosts an organisation makes official or
// trusted, in the order a reviewer checks them.
func hostLists(o *Organization) []fieldList {
	return []fieldList{
		{"domains", o.Domains},
		{"login_hosts", o.LoginHosts},
		{"mail_domains", o.MailDomains},
		{"link_domains", o.LinkDomains},
	}
}

// lists are all the list fields of an organisation, hosts first.
func lists(o *Organization) []fieldList {
	return append(hostLists(o),
		fieldList{"known_lookalikes", o.KnownLookalikes},
		fieldList{"sms_senders", o.SMSSenders},
		fieldList{"aliases", o.Aliases},
		fieldList{"weak_aliases", o.WeakAliases},
		fieldList{"sources", o.Sources},
	)
}

func diffOrg(o, n *Organization) []Change {
	var out []Change
	olds := lists(o)
	for i, l := range lists(n) {
		old := olds[i].values
		for _, v := range l.values {
			if !slices.Contains(old, v) {
				out = append(out, Change{Org: n.ID, Field: l.field, Op: "added", Value: v})
			}
		}
		for _, v := range old {
			if !slices.Contains(l.values, v) {
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
