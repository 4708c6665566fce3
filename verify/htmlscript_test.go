package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestRefreshURL holds refreshURL to the HTML standard's shared declarative
// refresh steps: the time is required (or a '.'), then ';', ',' or
// whitespace, then an optional "url=" and quotes.
func TestRefreshURL(t *testing.T) {
	for _, tt := range []struct {
		content, url string
		ok           bool
	}{
		{"0; url=https://a.example/", "https://a.example/", true},
		{"0;URL='https://a.example/'", "https://a.example/", true},
		{"0, https://a.example/", "https://a.example/", true},
		// Whitespace alone separates the time from the URL (red team
		// red12: content="0 https://ameli-aide.com/" redirected unseen).
		{"0 https://a.example/", "https://a.example/", true},
		{"0 url=https://a.example/", "https://a.example/", true},
		{"0\turl = \"https://a.example/\"", "https://a.example/", true},
		{"1.5 'https://a.example/'", "https://a.example/", true},
		{"  3 ; url='https://a.example/", "https://a.example/", true},
		{".5; url=https://a.example/", "https://a.example/", true},
		{"0; urlhttps://a.example/", "urlhttps://a.example/", true},
		// No URL: the page refreshes itself.
		{"5", "", false},
		{"5;", "", false},
		{"5 ", "", false},
		// No time, or a time glued to something else: no refresh.
		{"url=https://a.example/", "", false},
		{"https://a.example/", "", false},
		{"0x; url=https://a.example/", "", false},
		{"", "", false},
	} {
		url, ok := refreshURL(tt.content)
		assert.Equal(t, tt.ok, ok, "%q", tt.content)
		assert.Equal(t, tt.url, url, "%q", tt.content)
	}
}
