package whatwg

import (
	"errors"
	"strings"
	"unicode/utf8"

	wurl "github.com/nlnwa/whatwg-url/url"
)

// MaxURLLength bounds the input of [ParseURL]. It is Chromium's limit
// (url::kMaxURLChars, 2 MiB); callers usually set a far lower one.
const MaxURLLength = 2 << 20

// A URL is the parts of a parsed URL that matter to where it leads.
type URL struct {
	// Scheme is lowercase, without the colon.
	Scheme   string
	Username string
	Password string
	// Host is the serialised host ("" when the URL has none); for special
	// schemes it is what [ParseHost] returns.
	Host     string
	HostKind Kind
	// Port is "" when absent or the scheme's default.
	Port string
	// Path, Query (without "?") and Fragment (without "#") are in the
	// standard's percent-encoded serialisation.
	Path     string
	Query    string
	Fragment string
}

// Special reports whether the scheme is one of the standard's special
// schemes, whose hosts are domains or IP addresses.
func (u *URL) Special() bool { return SpecialScheme(u.Scheme) }

// Network reports whether following the URL makes the browser connect to
// its host: a special scheme other than file.
func (u *URL) Network() bool { return SpecialScheme(u.Scheme) && u.Scheme != "file" }

// SpecialScheme reports whether a lowercase scheme is one of the standard's
// special schemes.
func SpecialScheme(scheme string) bool {
	switch scheme {
	case "http", "https", "ws", "wss", "ftp", "file":
		return true
	}
	return false
}

// ParseURL parses an absolute URL the way a browser does (no base URL).
// For special schemes the host is the one [ParseHost] reads from the text the
// URL parser hands to its host parser ("" for a file URL's "localhost"), not
// the URL library's own reading, which decodes Punycode labels to ASCII and
// applies STD3 rules the standard does not.
//
// A link of the common shape (see fast.go) is read in one pass without
// allocating, beyond what [ParseHost] needs; any other goes through the
// reference parser.
func ParseURL(raw string) (URL, error) {
	if u, ok := readFast(raw); ok {
		return u, nil
	}
	u, err := parseReference(raw)
	if err != nil {
		return URL{}, &Error{Op: "parse URL", Input: raw, Err: err}
	}
	return u, nil
}

// parseReference is the reference reading of raw: the URL structure from
// nlnwa/whatwg-url, the host from this package's host parser.
func parseReference(raw string) (URL, error) {
	if err := checkInput(raw); err != nil {
		return URL{}, err
	}
	var hook hostHook
	pu, err := hook.parser().Parse(raw)
	if err != nil {
		return URL{}, hook.failure(err)
	}
	rawHost, sawHost := hook.raw, hook.saw
	u := URL{
		Scheme:   pu.Scheme(),
		Username: pu.Username(),
		Password: pu.Password(),
		Host:     pu.Hostname(),
		Port:     pu.Port(),
		Path:     pu.Pathname(),
		Query:    pu.Query(),
		Fragment: pu.Fragment(),
	}
	switch {
	case u.Host == "":
	case pu.IsIPv4():
		u.HostKind = IPv4
	case pu.IsIPv6():
		u.HostKind = IPv6
	case SpecialScheme(u.Scheme):
		u.HostKind = Domain
	default:
		u.HostKind = Opaque
	}
	if u.Network() && !sawHost {
		return URL{}, ErrEmptyHost
	}
	h, k, ours, err := specialHost(u.Scheme, rawHost, sawHost)
	if err != nil {
		return URL{}, err
	}
	if ours {
		u.Host, u.HostKind = h, k
	}
	return u, nil
}

// hostHook takes the host parser's place in the URL library: it records
// the text the library hands its host parser, before percent-decoding, and
// hands back, for a special URL, a placeholder the library accepts as it
// is. The host of a special URL is read by this package's host parser
// alone (specialHost): the library's would fail URLs that browsers follow
// (its UTS #46 profile applies STD3 rules: "xn--a_-", "⑴" mapped to "(1)"),
// decodes Punycode labels with no non-ASCII code point ("xn--ameli-" read
// as "ameli") and sees "xn--0-" decoded as the IPv4 address "0".
type hostHook struct {
	raw, scheme string // the last host handed over, and its URL's scheme
	saw         bool
}

func (hk *hostHook) parser() wurl.Parser {
	return wurl.NewParser(wurl.WithPreParseHostFunc(func(u *wurl.Url, h string) string {
		hk.raw, hk.scheme, hk.saw = h, u.Scheme(), true
		if h != "" && SpecialScheme(u.Scheme()) {
			return placeholderHost
		}
		return h
	}))
}

// failure is the error of a parse that failed: when the host is what
// failed, said in this package's terms.
func (hk *hostHook) failure(err error) error {
	if hk.saw && SpecialScheme(hk.scheme) {
		if _, _, herr := parseHost(hk.raw); herr != nil {
			return herr
		}
	}
	return wrapInvalid(err)
}

// specialHost reads, with this package's host parser, the host handed over
// for a URL of scheme (raw, when saw). ours is false when the URL keeps the
// library's reading: a scheme that is not special, or a file URL with no
// host ("file:///x"); any other special URL's host is never empty.
func specialHost(scheme, raw string, saw bool) (h string, k Kind, ours bool, err error) {
	if !SpecialScheme(scheme) || scheme == "file" && (!saw || raw == "") {
		return "", 0, false, nil
	}
	if h, k, err = parseHost(raw); err != nil {
		return "", 0, false, err
	}
	if scheme == "file" && h == "localhost" {
		// The standard's file host state.
		h, k = "", 0
	}
	return h, k, true, nil
}

// Bounds on the shape of a URL, beyond its length. The URL library's cost
// grows with the square of a long userinfo (each '@' reprocesses what came
// before): a 32 KB authority of '@' took 1.7 s and 5 GB. The segment bound
// keeps path handling linear whatever the library does. No link a person
// follows comes near these bounds. They are measured where the cost is, in
// the authority and the path, so that padding the query or fragment of a
// link never turns its verdict into a refusal.
const (
	MaxAuthority = 2048
	MaxAt        = 64
	MaxSegments  = 2048
)

// checkShape refuses URLs beyond the bounds above.
func checkShape(raw string) error {
	start, end := authoritySpan(raw)
	a := raw[start:end]
	if len(a) > MaxAuthority || strings.Count(a, "@") > MaxAt {
		return ErrTooLong
	}
	path := raw[end:]
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	if strings.Count(path, "/")+strings.Count(path, "\\") > MaxSegments {
		return ErrTooLong
	}
	return nil
}

// Authority returns the authority of raw (userinfo, host and port), read
// generously: from the end of the scheme and the slashes after it to the
// first '/', '\', '?' or '#'. It is never shorter than what the standard
// takes as the authority, so bounds on it err on the side of refusing, and
// it holds the host a browser connects to.
func Authority(raw string) string {
	start, end := authoritySpan(raw)
	return raw[start:end]
}

// AfterAuthority returns what follows [Authority] in raw: its path, query
// and fragment, as written.
func AfterAuthority(raw string) string {
	_, end := authoritySpan(raw)
	return raw[end:]
}

func authoritySpan(raw string) (start, end int) {
	i := strings.IndexByte(raw, ':')
	if i < 0 {
		return 0, 0
	}
	start = i + 1
	for start < len(raw) && strings.IndexByte("/\\\t\n\r", raw[start]) >= 0 {
		start++
	}
	end = len(raw)
	if j := strings.IndexAny(raw[start:], "/\\?#"); j >= 0 {
		end = start + j
	}
	return start, end
}

// placeholderHost is what the URL library is handed to parse in place of a
// special URL's host: a domain it accepts as it is.
const placeholderHost = "vigie.invalid"

type invalidURL struct{ cause error }

func (e *invalidURL) Error() string { return ErrInvalidURL.Error() + ": " + e.cause.Error() }
func (e *invalidURL) Unwrap() []error {
	return []error{ErrInvalidURL, e.cause}
}

func wrapInvalid(err error) error { return &invalidURL{err} }

// Resolve resolves ref against base as the URL Standard does, the way a
// browser resolves an <a href> under a <base href>, and returns the
// absolute URL.
func Resolve(base, ref string) (string, error) {
	b, err := ParseBase(base)
	if err != nil {
		return "", err
	}
	return b.Resolve(ref)
}

// A Base is a parsed base URL, for resolving many references against it.
// It is safe for concurrent use.
type Base struct{ raw string }

// ParseBase parses a base URL, bounded and read as [ParseURL]'s input is.
func ParseBase(base string) (*Base, error) {
	if _, err := parseReference(base); err != nil {
		return nil, err
	}
	return &Base{base}, nil
}

// Resolve resolves ref against b and returns the absolute URL, its host
// serialised as [ParseURL] reads it: the host the reference gives, or the
// base's when it gives none.
func (b *Base) Resolve(ref string) (string, error) {
	if err := checkInput(ref); err != nil {
		return "", err
	}
	var hook hostHook
	base, err := hook.parser().Parse(b.raw)
	if err != nil {
		return "", hook.failure(err)
	}
	baseHost, baseSaw := hook.raw, hook.saw
	// base.Parse runs the parser that read the base, hook and all: a
	// host the reference hands over is recorded afresh.
	hook.saw = false
	u, err := base.Parse(ref)
	if err != nil {
		return "", hook.failure(err)
	}
	href := u.Href(false)
	if u.Hostname() != placeholderHost {
		// No host was handed over (a file URL's empty host), or the
		// URL is not special: the library's reading is the standard's.
		return href, nil
	}
	if !hook.saw {
		// The reference named no host: the URL has the base's.
		hook.raw, hook.saw = baseHost, baseSaw
	}
	h, _, ours, err := specialHost(u.Scheme(), hook.raw, hook.saw)
	if err != nil {
		return "", err
	}
	if !ours {
		return href, nil
	}
	// The library serialised its placeholder where the host stands,
	// after the scheme, "//" and any userinfo (Url.Href).
	at := len(u.Scheme()) + len("://")
	if u.Username() != "" || u.Password() != "" {
		at += len(u.Username()) + len("@")
		if u.Password() != "" {
			at += len(":") + len(u.Password())
		}
	}
	if !strings.HasPrefix(href[at:], placeholderHost) {
		return "", wrapInvalid(errors.New("the host could not be read"))
	}
	return href[:at] + h + href[at+len(placeholderHost):], nil
}

func checkInput(s string) error {
	if len(s) > MaxURLLength {
		return ErrTooLong
	}
	if !utf8.ValidString(s) {
		return ErrNotUTF8
	}
	return checkShape(s)
}
