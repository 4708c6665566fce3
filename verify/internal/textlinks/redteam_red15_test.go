package textlinks

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestRed15OverrideBreakQuadratic (finding 2, robustness). scanOverridden
// emits every link of a right-to-left override run with the Start and End
// of the whole run; emit then rescans the run up to its first break (a
// zero-width space) once per link. A run of k links and one break costs
// k times the run: quadratic. The binary search added in cc338e6 finds the
// break fast but does not stop the rescans. Measured at cc338e6: 20 KB read
// 176 million bytes (2.3 s), 40 KB 704 million (8.7 s); a 58 KB SMS
// ("\u202e" + "rf.ilema " repeated, then "\u200bx", all the same link so
// the link limit never stops the scan) took 15.6 s in Checker.SMS and a
// plain-text mail of the same text 18 s. DefaultMaxTextLength is 64 KiB.
func TestRed15OverrideBreakQuadratic(t *testing.T) {
	for _, text := range []string{
		"\u202e" + strings.Repeat("rf.a ", 1000) + "\u200bx",
		"\u202e" + strings.Repeat("rf.a@x ", 1000) + "\u200bx",
	} {
		s := scan(text, func(Link) bool { return true })
		// Linear: the run is read as shown, as written, and once up
		// to its break, each about twice (host runs are read again
		// by label); it was read once per link. A text with a break is
		// read once more, parted there (scanParted, red33).
		assert.LessOrEqual(t, s.read, 12*len(text), "%q...", text[:20])
	}
}
