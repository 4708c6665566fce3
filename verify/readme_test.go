package verify

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestREADMEListsEveryCode keeps the README's table of reason codes equal to
// the codes the package documents, row for row.
func TestREADMEListsEveryCode(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	section := string(readme)
	start := strings.Index(section, "### Reason codes")
	require.GreaterOrEqual(t, start, 0, "the README has a section of reason codes")
	section = section[start:]
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	rows := regexp.MustCompile("(?m)^\\| `([a-z0-9-]+)` \\| *([a-z]*) *\\| (.+) \\|$").FindAllStringSubmatch(section, -1)
	var inREADME []CodeInfo
	for _, r := range rows {
		inREADME = append(inREADME, CodeInfo{Code(r[1]), r[2], r[3]})
	}
	assert.Equal(t, AllCodes(), inREADME)
}
