package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/vigie-sante/vigie/examples/internal/dispatch"
	"github.com/vigie-sante/vigie/verify"
)

// The default output keeps one line per input, whatever the input and
// the reasons hold: control characters escaped, bytes that are not UTF-8
// shown as their value.
func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.ameli.fr/":    "https://www.ameli.fr/",
		"a\tb\nc\rd":               `a\tb\nc\rd`,
		"x\xffy\xfd":               `x\xffy\xfd`,
		"\x00\x1b[31m\x7f":         `\x00\x1b[31m\x7f`,
		"déjà\u2028vu\u0085\ufffd": "déjà\\u2028vu\\u0085\ufffd",
	} {
		assert.Equal(t, want, oneLine(in), "%q", in)
	}
	res := dispatch.Result{Input: "AMELI\tligne 1\nligne 2 \xff", Report: verify.Report{Verdict: verify.Verdict{Status: verify.Suspicious,
		Reasons: []verify.Reason{{Code: verify.CodeBrandMention, Detail: "the text\twith a tab\nand a line \xfe"}}}}}
	line := readable(res)
	assert.NotContains(t, line, "\n")
	assert.Equal(t, 4, strings.Count(line, "\t"), line)
	assert.Contains(t, line, `ligne 2 \xff`)
	assert.Contains(t, line, `and a line \xfe`)
}
