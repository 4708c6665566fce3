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
		"display:n\\6f ne":                       "none",
		"display:none ! important;display:block": "none",
		"display:block flow":                     "block",
		"display:inline flex":                    "inline-block",
		"display:inline flow":                    "inline",
		"display:-webkit-box":                    "block",
		"display:none;display:foo":               "none",
		"display:none;display:initial":           "inline",
		"x:(;display:block;)":                    "",
		"background:url(a;display:block;)":       "",
		"font-family:'a\\';display:block;'":      "",
		"font-family:'x;display:block;'":         "",
		"/*;display:block;*/":                    "",
		"color:red":                              "",
		"x-display:block":                        "",
	} {
		assert.Equal(t, want, cssDisplay(newElement("span", []html.Attribute{{Key: "style", Val: style}})), style)
	}
}

// elementFontSize reads a font size as the browser does: invalid values
// dropped, relative ones relative, <font size> a size of its own.
func TestElementFontSize(t *testing.T) {
	for _, tc := range []struct {
		tag, style string
		size       string
		want       fontSize
	}{
		{"span", "font-size:0", "", fontZero},
		{"span", "font-size:0px !important", "", fontZero},
		{"span", "font-size:14px", "", fontShown},
		{"span", "font-size:medium", "", fontShown},
		{"span", "font-size:100%", "", fontRelative},
		{"span", "font-size:2em", "", fontRelative},
		{"span", "font-size:0x", "", fontUnset},
		{"span", "font-size:0 foo", "", fontUnset},
		{"span", "font-size:0;font-size:0x", "", fontZero},
		{"span", "font-size:12", "", fontUnset},
		{"font", "", "4", fontShown},
		{"font", "", "+1", fontShown},
		{"font", "font-size:0", "4", fontZero},
		{"span", "", "4", fontUnset},
	} {
		attrs := []html.Attribute{{Key: "style", Val: tc.style}}
		if tc.size != "" {
			attrs = append(attrs, html.Attribute{Key: "size", Val: tc.size})
		}
		assert.Equal(t, tc.want, elementFontSize(newElement(tc.tag, attrs)), "%s style=%q size=%q", tc.tag, tc.style, tc.size)
	}
}

// isHidden knows the user agent's style sheet, which a style overrides.
func TestIsHidden(t *testing.T) {
	for _, tc := range []struct {
		tag   string
		attrs []html.Attribute
		want  bool
	}{
		{"span", []html.Attribute{{Key: "hidden"}}, true},
		{"span", []html.Attribute{{Key: "hidden"}, {Key: "style", Val: "display:inline"}}, false},
		{"title", nil, true},
		{"dialog", nil, true},
		{"dialog", []html.Attribute{{Key: "open"}}, false},
		{"td", []html.Attribute{{Key: "style", Val: "display:table-column"}}, true},
		{"div", nil, false},
	} {
		assert.Equal(t, tc.want, isHidden(newElement(tc.tag, tc.attrs)), "%s %v", tc.tag, tc.attrs)
	}
}

// cssDeclarations splits as CSS's tokenizer does; cssWords unescapes as
// it does.
func TestCSSTokens(t *testing.T) {
	for style, want := range map[string][]string{
		"a:b;c:d":                     {"a:b", "c:d"},
		`x:url(a;b);y:z`:              {"x:url(a;b)", "y:z"},
		`x:url(x/*);display:none;/*)`: {"x:url(x/*)", "display:none", " "},
		`x:url(a'b);display:none;y:'`: {"x:url(a'b)", "display:none", "y:'"},
		"f:'a\n;display:none;":        {"f:'a\n", "display:none", ""},
		`f:'a\';b';c:d`:               {`f:'a\';b'`, "c:d"},
		`x:(;y;);z:[;]`:               {"x:(;y;)", "z:[;]"},
		"a:/*;*/b;c:d":                {"a: b", "c:d"},
		`x:url( "a;b" );y:z`:          {`x:url( "a;b" )`, "y:z"},
		`myurl(a;b)`:                  {"myurl(a;b)"},
		`x:myurl(a;b);y`:              {"x:myurl(a;b)", "y"},
	} {
		assert.Equal(t, want, cssDeclarations(style), "%q", style)
	}
	for v, want := range map[string][]string{
		`n\6f ne`:         {"none"},
		"n\\6f\tne":       {"none"},
		`none\9`:          {"none\t"},
		`none\20`:         {"none "},
		`  block   flow `: {"block", "flow"},
		`\"x`:             {`"x`},
		`\0`:              {"\ufffd"},
	} {
		assert.Equal(t, want, cssWords(v), "%q", v)
	}
}
