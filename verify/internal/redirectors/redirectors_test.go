package redirectors

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDestinations(t *testing.T) {
	for _, tc := range []struct {
		host, path, query string
		want              []string
	}{
		{"www.bing.com", "/ck/a", "!&&p=abc&u=a1aHR0cHM6Ly9saW5rbGlmdC5zcGFjZS8&ntb=1", []string{"https://linklift.space/"}},
		{"www.bing.com", "/ck/a", "u=a1%%%", nil},
		{"www.bing.com", "/ck/a", "p=abc", nil},
		{"www.google.com", "/url", "q=https://evil.example/x&sa=D", []string{"https://evil.example/x"}},
		{"www.google.fr", "/url", "q=https%3A%2F%2Fevil.example%2F&url=https://www.ameli.fr/", []string{"https://evil.example/", "https://www.ameli.fr/"}},
		{"www.google.com", "/url", "q=javascript:alert(1)", nil},
		{"l.facebook.com", "/l.php", "u=https%3A%2F%2Fevil.example%2F&h=AT0", []string{"https://evil.example/"}},
		{"k97t77cm.r.eu-west-3.awstrack.me", "/L0/https:%2F%2Fevil.example%2Flogin/1/0102/abc=44", "", []string{"https://evil.example/login"}},
		{"awstrack.me", "/L0/not-a-url/1/", "", nil},
		{"urldefense.proofpoint.com", "/v2/url", "u=https-3A__evil.example_login-3Fa-3Db&d=DwMF", []string{"https://evil.example/login?a=b"}},
		{"eur01.safelinks.protection.outlook.com", "/", "url=https%3A%2F%2Fevil.example%2F&data=05", []string{"https://evil.example/"}},
	} {
		r, ok := Match(tc.host, tc.path)
		require.True(t, ok, tc.host+tc.path)
		assert.Equal(t, tc.want, r.Destinations(tc.path, tc.query), tc.host+tc.path+"?"+tc.query)
	}
	for _, h := range [][2]string{{"bing.com.evil.example", "/ck/a"}, {"www.bing.com", "/search"}, {"notgoogle.com", "/url"}} {
		_, ok := Match(h[0], h[1])
		assert.False(t, ok, h)
	}
}

func TestList(t *testing.T) {
	for _, r := range List() {
		assert.NotEmpty(t, r.Sources, r.Name())
	}
	_, err := parse("bing.com /ck/a query:u rot13 https://x")
	assert.Error(t, err)
	_, err = parse("bing.com /ck/a query:u plain")
	assert.Error(t, err)
}
