package verify

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/unicode/runenames"
)

// smallCapitals holds every Latin small capital of one letter, or AE or
// OE, as Unicode names them, and reads each as its letters.
func TestSmallCapitals(t *testing.T) {
	for r := rune(0x80); r < 0x20000; r++ {
		letter, ok := strings.CutPrefix(runenames.Name(r), "LATIN LETTER SMALL CAPITAL ")
		if !ok || len(letter) > 2 || len(letter) == 2 && letter != "AE" && letter != "OE" {
			continue
		}
		assert.Equal(t, strings.ToLower(letter), smallCapitals.Replace(string(r)), "%U", r)
	}
	assert.Equal(t, visualKey("envoyez"), visualKey("ᴇɴᴠᴏʏᴇᴢ"))
}
