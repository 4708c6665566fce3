package whatwg

import (
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
func (u *URL) Special() bool { return isSpecial(u.Scheme) }

// Network reports whether following the URL makes the browser connect to
// its host: a special scheme other than file.
func (u *URL) Network() bool { return isSpecial(u.Scheme) && u.Scheme != "file" }

func isSpecial(scheme string) bool {
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
func ParseURL(raw string) (*URL, error) {
	u, err := parseURL(raw)
	if err != nil {
		return nil, &Error{Op: "parse URL", Input: raw, Err: err}
	}
	return u, nil
}

func parseURL(raw string) (*URL, error) {
	if len(raw) > MaxURLLength {
		return nil, ErrTooLong
	}
	if !utf8.ValidString(raw) {
		return nil, ErrNotUTF8
	}
	if err := checkShape(raw); err != nil {
		return nil, err
	}
	// The last host the URL parser handed to its host parser: the
	// standard's input to the host parser, before percent-decoding.
	var rawHost, hostScheme string
	var sawHost bool
	p := wurl.NewParser(wurl.WithPreParseHostFunc(func(u *wurl.Url, h string) string {
		rawHost, hostScheme, sawHost = h, u.Scheme(), true
		if h != "" && isSpecial(u.Scheme()) {
			// The host of a special URL is read and judged below by
			// this package's host parser alone. The library's would
			// fail URLs that browsers follow: its UTS #46 profile
			// applies STD3 rules ("xn--a_-", "⑴" mapped to "(1)") and
			// its IPv4 check sees "xn--0-" decoded as "0".
			return placeholderHost
		}
		return h
	}))
	pu, err := p.Parse(raw)
	if err != nil {
		// When the host is what failed, say so in this package's terms.
		if sawHost && isSpecial(hostScheme) {
			if _, _, herr := parseHost(rawHost); herr != nil {
				return nil, herr
			}
		}
		return nil, wrapInvalid(err)
	}
	u := &URL{
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
	case isSpecial(u.Scheme):
		u.HostKind = Domain
	default:
		u.HostKind = Opaque
	}
	if u.Network() && !sawHost {
		return nil, ErrEmptyHost
	}
	// A file URL's host may be empty ("file:///x"), and is then not
	// parsed; any other special URL's host is never empty here.
	if isSpecial(u.Scheme) && (u.Scheme != "file" || sawHost && rawHost != "") {
		h, k, err := parseHost(rawHost)
		if err != nil {
			return nil, err
		}
		if u.Scheme == "file" && h == "localhost" {
			// The standard's file host state.
			h, k = "", 0
		}
		u.Host, u.HostKind = h, k
	}
	return u, nil
}

// Bounds on the shape of a URL, beyond its length. The URL library's cost
// grows with the square of a long userinfo (each '@' reprocesses what came
// before) and of many path segments: a 32 KB URL of '@' took 1.7 s and 5 GB.
// No link a person follows comes near these bounds.
const (
	MaxAuthority = 2048
	MaxAt        = 64
	MaxSegments  = 2048
)

// checkShape refuses URLs beyond the bounds above. The authority is
// measured from the end of the scheme to the first '/', '\', '?' or '#',
// which is never shorter than what the standard takes as the authority, so
// the bound errs on the side of refusing.
func checkShape(raw string) error {
	if strings.Count(raw, "@") > MaxAt {
		return ErrTooLong
	}
	if strings.Count(raw, "/")+strings.Count(raw, "\\") > MaxSegments {
		return ErrTooLong
	}
	if i := strings.IndexByte(raw, ':'); i >= 0 {
		rest := strings.TrimLeft(raw[i+1:], "/\\\t\n\r")
		end := strings.IndexAny(rest, "/\\?#")
		if end < 0 {
			end = len(rest)
		}
		if end > MaxAuthority {
			return ErrTooLong
		}
	}
	return nil
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
