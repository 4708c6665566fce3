package whatwg

import (
	"math/rand/v2"
	"testing"
)

// oldHasACELabel is HasACELabel before e58825d.
func oldHasACELabel(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if (i == 0 || s[i-1] == '.') && s[i]|0x20 == 'x' && s[i+1]|0x20 == 'n' && s[i+2] == '-' && s[i+3] == '-' {
			return true
		}
	}
	return false
}

func TestRedTeamHasACELabelExhaustiveShort(t *testing.T) {
	alpha := []byte{'x', 'X', 'n', 'N', '-', '.', 'a', 0xd8, 0xce, 0x78 | 0x80, 0}
	var rec func(b []byte)
	count := 0
	rec = func(b []byte) {
		s := string(b)
		if HasACELabel(s) != oldHasACELabel(s) {
			t.Fatalf("%q: new %v old %v", s, HasACELabel(s), oldHasACELabel(s))
		}
		count++
		if len(b) == 7 {
			return
		}
		for _, c := range alpha {
			rec(append(b, c))
		}
	}
	rec(nil)
	rng := rand.New(rand.NewPCG(8, 8))
	for range 1000000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = alpha[rng.IntN(len(alpha))]
		}
		s := string(b)
		if HasACELabel(s) != oldHasACELabel(s) {
			t.Fatalf("%q: new %v old %v", s, HasACELabel(s), oldHasACELabel(s))
		}
	}
	t.Logf("%d exhaustive strings", count)
}

func FuzzRedTeamHasACELabel(f *testing.F) {
	for _, s := range []string{"xn--", "a.XN--b", "x--", "xn-.-", "---", ".xn--", "axn--", "xn---", "a..xn--"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if HasACELabel(s) != oldHasACELabel(s) {
			t.Fatalf("%q: new %v old %v", s, HasACELabel(s), oldHasACELabel(s))
		}
	})
}
