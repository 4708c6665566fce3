package domains

// LinkDomain returns the organisation whose mail links legitimately pass
// through host, and the listed link domain host falls under. host must be
// an ASCII hostname in lowercase, as a URL parser outputs it; one trailing
// dot is ignored. Like [Registry.Lookup], a host matches only on a label
// boundary and the longest listed suffix wins.
//
// A link domain is not an official domain: it is typically a mailing
// service's click-tracking host, which redirects wherever the sender asked.
// It only says that a link through host is expected in a message proven to
// come from org; a checker must not call host itself official.
func (r *Registry) LinkDomain(host string) (org *Organization, domain string, ok bool) {
	return lookupSuffix(r.linkDomains, host)
}
