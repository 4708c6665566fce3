package verify

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Red-team regressions for Checker.URL: inputs where padding a link past a
// limit made its verdict better than the same link unpadded. Each case
// pairs a short link with its padded form; the padded one must be at least
// as bad, and must say why it could not be read in full.

// redteamPads are the ways a link is made too long or too oddly shaped to
// parse: past the length limit, too many path segments.
var redteamPads = map[string]string{
	"long query":    "?" + strings.Repeat("a", DefaultMaxURLLength),
	"path segments": strings.Repeat("/a", 2049),
}

func TestRedteamPaddingKeepsUserinfoAndPathVerdicts(t *testing.T) {
	for _, tt := range []struct {
		name, url string
		status    Status
		code      Code
	}{
		{"brand in the userinfo", "https://ameli.fr@evil.example/x", Lookalike, CodeBrandInUserinfo},
		{"brand in the userinfo, official host of another body", "https://ameli.fr@www.mgen.fr/x", Lookalike, CodeBrandInUserinfo},
		{"credentials before an official host", "https://user:pw@www.ameli.fr/x", Suspicious, CodeUserinfo},
		{"credentials before an unknown host", "https://user@evil.example/x", Suspicious, CodeUserinfo},
		{"brand in the path", "https://evil.example/ameli.fr/connexion", Suspicious, CodeBrandInPath},
		{"percent-encoded brand in the path", "https://evil.example/ameli%2Efr/connexion", Suspicious, CodeBrandInPath},
	} {
		short := URL(tt.url)
		assert.Equal(t, tt.status, short.Status, "%s: %v", tt.name, short.Reasons)
		assert.True(t, short.Has(tt.code), "%s: %v", tt.name, short.Reasons)
		for pad, p := range redteamPads {
			v := URL(tt.url + p)
			assert.Equal(t, tt.status, v.Status, "%s, %s: %v", tt.name, pad, v.Codes())
			assert.True(t, v.Has(tt.code), "%s, %s: %v", tt.name, pad, v.Codes())
			assert.True(t, v.Has(CodeTooLong), "%s, %s: %v", tt.name, pad, v.Codes())
		}
	}
	// Too many '@' in the userinfo: refused by the URL reader's bounds.
	v := URL("https://" + strings.Repeat("@", 65) + "ameli.fr@evil.example/")
	assert.Equal(t, Lookalike, v.Status, "%v", v.Codes())
	assert.True(t, v.Has(CodeBrandInUserinfo), "%v", v.Codes())
}

// TestRedteamPaddedAuthority pads the scheme and the authority of a
// lookalike link with what a browser drops or reads as nothing: tabs and
// newlines (removed anywhere) and leading zeros in the port.
func TestRedteamPaddedAuthority(t *testing.T) {
	const target = "ameli-remboursement.com"
	long := "?" + strings.Repeat("a", DefaultMaxURLLength)
	for _, tt := range []struct{ name, url string }{
		{"tabs in the scheme", "h" + strings.Repeat("\t", 40) + "ttps://" + target + "/" + long},
		{"newlines in the scheme", "ht" + strings.Repeat("\r\n", 20) + "tps://" + target + "/" + long},
		{"tabs in the host", "https://ameli-rem" + strings.Repeat("\t", 3000) + "boursement.com/"},
		{"newlines in the host, long", "https://ameli-rem" + strings.Repeat("\n", 3000) + "boursement.com/" + long},
		{"zeros in the port", "https://" + target + ":" + strings.Repeat("0", 3000) + "443/"},
		{"zeros in another port", "https://" + target + ":" + strings.Repeat("0", 3000) + "8443/x" + long},
	} {
		v := URL(tt.url)
		assert.Equal(t, Lookalike, v.Status, "%s: %v", tt.name, v.Reasons)
		assert.Equal(t, target, v.Host, tt.name)
		assert.True(t, v.Has(CodeTooLong), "%s: %v", tt.name, v.Codes())
	}
}
