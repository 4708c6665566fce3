package whatwg

import "strings"

// The fast reader: the URL Standard's basic URL parser (no base, no state
// override) specialised to the shape nearly every link has —
//
//	scheme "://" [username [":" password] "@"] host [":" port] [path] ["?" query] ["#" fragment]
//
// with a special network scheme and printable ASCII throughout. On that
// shape the state machine goes scheme → special authority slashes →
// authority → host → port → path start → path → query → fragment, and every
// character it keeps is kept as written: nothing is percent-encoded, no
// dot segment is removed, nothing is trimmed. readFast checks that the input
// has that shape and reads the parts in one pass; for any other input it
// declines, and the caller runs the reference parser (nlnwa/whatwg-url plus
// this package's host parser), which handles every shape.
//
// The two must never disagree. fast_test.go compares every field the fast
// reader fills with the reference's (urltestdata.json, the differential
// generator's URLs, random printable URLs, FuzzFastVsReference) and with the
// standard's expected answers; fast_node_test.go and TestDifferentialNode
// compare them with Node's URL parser.

// Byte classes, as bit flags in the table below.
const (
	// inScheme: letters, which is all a special scheme is made of.
	inScheme = 1 << iota
	// inUserinfo: kept as written in a username or password (outside the
	// userinfo percent-encode set), and not ':' or '@', which split.
	inUserinfo
	// inHost: a host the fast reader accepts is made of these; anything
	// else (percent-encoding, brackets, other punctuation) goes to the
	// reference.
	inHost
	// inPath: kept as written in a path segment (outside the path
	// percent-encode set), and not '?', '#' or '\', which end or split.
	inPath
	// inQuery: kept as written in the query of a special URL (outside
	// the special-query percent-encode set), and not '#'.
	inQuery
	// inFragment: kept as written in the fragment (outside the fragment
	// percent-encode set), and not '#', left to the reference.
	inFragment
)

// byteClass is built from the standard's percent-encode sets, minus '^' in
// paths: the standard added it to the path percent-encode set in March 2025
// (whatwg/url#846) and implementations encode it inconsistently
// (ada-url/ada#970), so the fast reader leaves it to the reference.
var byteClass = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] |= inScheme
		t[c-'a'+'A'] |= inScheme
	}
	const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	set := func(class uint8, chars string) {
		for i := 0; i < len(chars); i++ {
			t[chars[i]] |= class
		}
	}
	set(inUserinfo, alnum+"-._~!$&()*+,%")
	set(inHost, alnum+"-._")
	set(inPath, alnum+"-._~!$&()*+,%;=:@/|[]")
	set(inQuery, alnum+"-._~!$&()*+,%;=:@/?|[]{}^`")
	set(inFragment, alnum+"-._~!$&()*+,%;=:@/?|[]{}^'")
	return t
}()

// defaultPorts are the special network schemes and their default ports.
var defaultPorts = map[string]string{"http": "80", "https": "443", "ws": "80", "wss": "443", "ftp": "21"}

// networkScheme returns the lowercase form of s if it is a special network
// scheme in any case, without allocating, and "" otherwise.
func networkScheme(s string) string {
	var lower [5]byte
	if len(s) > len(lower) {
		return ""
	}
	for i := 0; i < len(s); i++ {
		lower[i] = s[i] | 0x20 // s is letters only
	}
	switch string(lower[:len(s)]) {
	case "http":
		return "http"
	case "https":
		return "https"
	case "ws":
		return "ws"
	case "wss":
		return "wss"
	case "ftp":
		return "ftp"
	}
	return ""
}

// readFast reads raw if it has the common shape described above, and
// reports whether it did. When ok, u is exactly what the reference parser
// returns for raw; when not, u is meaningless.
func readFast(raw string) (u URL, ok bool) {
	if len(raw) > MaxURLLength {
		return u, false
	}
	// Scheme state: letters up to ':', then "//" (the special authority
	// slashes state) and something other than a third slash (the special
	// authority ignore slashes state would skip it).
	i := 0
	for i < len(raw) && byteClass[raw[i]]&inScheme != 0 {
		i++
	}
	if i+3 >= len(raw) || raw[i] != ':' || raw[i+1] != '/' || raw[i+2] != '/' || raw[i+3] == '/' {
		return u, false
	}
	if u.Scheme = networkScheme(raw[:i]); u.Scheme == "" {
		return u, false
	}
	// Authority state: up to '/', '?', '#' or the end; a '\' (a slash in a
	// special URL), a second '@' (the earlier ones become part of the
	// userinfo, percent-encoded) or anything outside printable ASCII is
	// left to the reference.
	start := i + 3
	end, at := start, -1
	for ; end < len(raw); end++ {
		c := raw[end]
		if c == '/' || c == '?' || c == '#' {
			break
		}
		if c <= ' ' || c >= 0x7f || c == '\\' || c == '@' && at >= 0 {
			return u, false
		}
		if c == '@' {
			at = end
		}
	}
	if end-start > MaxAuthority {
		return u, false
	}
	hostStart := start
	if at >= 0 {
		if !readUserinfo(&u, raw[start:at]) {
			return u, false
		}
		hostStart = at + 1
	}
	// Host state, then port state.
	host, port := raw[hostStart:end], ""
	for j := hostStart; j < end; j++ {
		if raw[j] == ':' {
			host, port = raw[hostStart:j], raw[j+1:end]
			break
		}
	}
	if host == "" || !all(host, inHost) {
		return u, false
	}
	if u.Port, ok = readPort(port, u.Scheme); !ok {
		return u, false
	}
	h, kind, err := parseHost(host)
	if err != nil {
		// The reference reports the error, in its own order of checks.
		return u, false
	}
	u.Host, u.HostKind = h, kind
	// Path start and path states: an empty path is "/".
	rest := raw[end:]
	pathEnd := len(rest)
	for j := 0; j < len(rest); j++ {
		if rest[j] == '?' || rest[j] == '#' {
			pathEnd = j
			break
		}
	}
	if u.Path, ok = readPath(rest[:pathEnd]); !ok {
		return u, false
	}
	rest = rest[pathEnd:]
	// Query and fragment states.
	if rest != "" && rest[0] == '?' {
		q := rest[1:]
		if j := strings.IndexByte(q, '#'); j >= 0 {
			q, rest = q[:j], q[j:]
		} else {
			rest = ""
		}
		if !all(q, inQuery) {
			return u, false
		}
		u.Query = q
	}
	if rest != "" {
		f := rest[1:] // rest[0] is '#'
		if !all(f, inFragment) {
			return u, false
		}
		u.Fragment = f
	}
	return u, true
}

// readUserinfo splits the text before the '@' at its first ':' into the
// username and password, if every character is kept as written.
func readUserinfo(u *URL, userinfo string) bool {
	user, pass := userinfo, ""
	if j := strings.IndexByte(userinfo, ':'); j >= 0 {
		user, pass = userinfo[:j], userinfo[j+1:]
	}
	// A second ':' would be percent-encoded in the password.
	if !all(user, inUserinfo) || !all(pass, inUserinfo) {
		return false
	}
	u.Username, u.Password = user, pass
	return true
}

// readPort reads the digits after the host's ':'. The standard serialises
// the port as a number, so leading zeros are left to the reference, as is a
// port out of range (a failure). The scheme's default port is no port.
func readPort(port, scheme string) (string, bool) {
	if port == "" {
		return "", true
	}
	if len(port) > 5 || port[0] == '0' && len(port) > 1 {
		return "", false
	}
	n := 0
	for i := 0; i < len(port); i++ {
		if port[i] < '0' || port[i] > '9' {
			return "", false
		}
		n = n*10 + int(port[i]-'0')
	}
	if n > 65535 {
		return "", false
	}
	if port == defaultPorts[scheme] {
		return "", true
	}
	return port, true
}

// readPath returns the path as the standard serialises it when that is
// the text itself: no dot segment to remove ("." or "..", also written
// "%2e"), no character to encode, no more segments than checkShape allows.
func readPath(path string) (string, bool) {
	if path == "" {
		return "/", true
	}
	if !all(path, inPath) {
		return "", false
	}
	segments := 0
	for i := 0; i < len(path); i++ {
		switch path[i] {
		case '/':
			segments++
			if next := path[i+1:]; next != "" && next[0] == '.' {
				return "", false
			}
		case '%':
			if i+2 < len(path) && path[i+1] == '2' && (path[i+2]|0x20) == 'e' {
				return "", false
			}
		}
	}
	// A segment that starts with '.' may be a dot segment; both are
	// rare enough in links to leave to the reference without telling
	// them apart.
	return path, segments <= MaxSegments
}

// all reports whether every byte of s is of the class.
func all(s string, class uint8) bool {
	for i := 0; i < len(s); i++ {
		if byteClass[s[i]]&class == 0 {
			return false
		}
	}
	return true
}
