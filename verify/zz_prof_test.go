package verify

import (
	"testing"

	"github.com/vigie-sante/vigie/verify/internal/textlinks"
)

func BenchmarkZZSMSOnly(b *testing.B) {
	text := textlinks.DenseText(60 << 10)
	c := Default()
	b.ReportAllocs()
	for range b.N {
		c.SMS("AMELI", text)
	}
}
