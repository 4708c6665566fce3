package verify

// A Code names one kind of finding. Codes are stable: tools match on them.
type Code string

// Codes for hosts and URLs.
const (
	// CodeRegisteredDomain: the host is, or is under, a registered domain.
	CodeRegisteredDomain Code = "registered-domain"
	// CodeLoginHost: the host is one the organisation's members log in at.
	CodeLoginHost Code = "login-host"
	// CodeInvalidHost: no host a browser would connect to.
	CodeInvalidHost Code = "invalid-host"
	// CodeInvalidURL: the URL does not parse as browsers parse it.
	CodeInvalidURL Code = "invalid-url"
	// CodeTooLong: the input is longer than the configured limit.
	CodeTooLong Code = "too-long"
	// CodeIPAddress: the host is an IP address, which no organisation
	// sends its members to.
	CodeIPAddress Code = "ip-address"
	// CodeUserinfo: the URL carries a user name or password before its
	// host, the oldest trick for showing one name and opening another.
	CodeUserinfo Code = "userinfo"
	// CodeBrandInUserinfo: an official name sits in the userinfo of a URL
	// whose host is elsewhere.
	CodeBrandInUserinfo Code = "brand-in-userinfo"
	// CodeBrandInPath: an official domain appears in the path, query or
	// fragment of a URL whose host is elsewhere.
	CodeBrandInPath Code = "brand-in-path"
	// CodeDangerousScheme: javascript:, data:, vbscript:, blob: or file:,
	// schemes that run or open content instead of visiting a site.
	CodeDangerousScheme Code = "dangerous-scheme"
	// CodeUnsupportedScheme: a scheme with no host a browser visits
	// (mailto:, tel:, an application's scheme).
	CodeUnsupportedScheme Code = "unsupported-scheme"
	// CodeNoScheme: the link has no scheme and was read as http://, as a
	// browser's address bar does.
	CodeNoScheme Code = "no-scheme"
)

// CodeInfo documents one code: the README's table is checked against it.
type CodeInfo struct {
	Code Code
	// Status is the status the finding leads to on its own ("" when it
	// only adds to another finding).
	Status  string
	Meaning string
}

// AllCodes documents every code vigie emits, in the README's order.
func AllCodes() []CodeInfo {
	return append([]CodeInfo(nil), codeInfo...)
}

var codeInfo = []CodeInfo{
	{CodeRegisteredDomain, "official", "the host is, or is under, a domain registered for the organisation"},
	{CodeLoginHost, "", "the host is one where the organisation's members log in"},
	{CodeInvalidHost, "invalid", "no host a browser would connect to (forbidden characters, failed IDNA, a bad IP address, a name DNS cannot hold)"},
	{CodeInvalidURL, "invalid", "the URL does not parse as browsers parse it"},
	{CodeTooLong, "invalid", "the input is longer than the configured limit"},
	{CodeIPAddress, "suspicious", "the host is an IPv4 or IPv6 address"},
	{CodeUserinfo, "suspicious", "the URL carries a user name or password before its host (never official)"},
	{CodeBrandInUserinfo, "lookalike", "an official name is written in the userinfo of a URL that goes elsewhere"},
	{CodeBrandInPath, "suspicious", "an official domain is written in the path of a URL that goes elsewhere (in the query or fragment it is only noted)"},
	{CodeDangerousScheme, "suspicious", "javascript:, data:, vbscript:, blob: or file: URL"},
	{CodeUnsupportedScheme, "unknown", "a scheme with no host to visit (mailto:, tel:, an application's scheme)"},
	{CodeNoScheme, "", "the link had no scheme and was read as http://, as an address bar does"},
}
