package verify

import (
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestREADMEListsEveryCode keeps the README's table of reason codes equal to
// the codes the package documents, row for row.
func TestREADMEListsEveryCode(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	rows := regexp.MustCompile("(?m)^\\| `([a-z0-9-]+)` \\| *([a-z]*) *\\| (.+) \\|$").FindAllStringSubmatch(string(readme), -1)
	var inREADME []CodeInfo
	for _, r := range rows {
		inREADME = append(inREADME, CodeInfo{Code(r[1]), r[2], r[3]})
	}
	assert.Equal(t, AllCodes(), inREADME)
}
