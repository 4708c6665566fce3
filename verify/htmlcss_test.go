package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/net/html"
)

// cssDisplay reads a style attribute's display as a browser's cascade
// does (red19, red20).
func TestCSSDisplay(t *testing.T) {
	for style, want := range map[string]string{
		"display:block":                          "block",
		"DISPLAY : Inline":                       "inline",
		"display:block;display:inline":           "inline",
		"display:inline!important;display:block": "inline",
		"display:/**/inline":                     "inline",
		"displ\\61y:inline":                      "inline",
		"display:block foo":                      "",
		"font-family:'x;display:block;'":         "",
		"/*;display:block;*/":                    "",
		"color:red":                              "",
		"x-display:block":                        "",
	} {
		assert.Equal(t, want, cssDisplay([]html.Attribute{{Key: "style", Val: style}}), style)
	}
}
