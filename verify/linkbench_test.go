package verify

import (
	"context"
	"testing"
	"time"

	"mvdan.cc/xurls/v2"

	"github.com/vigie-sante/vigie/verify/internal/textlinks"
)

// BenchmarkSMSDenseLinks times, on the same 60 KiB text dense with links
// and in one run: the link pipeline of an SMS (the linear scan, then the
// checks of its links, at most DefaultMaxLinks), the whole Checker.SMS
// (with name detection in the text), and xurls' relaxed pattern, the peer
// a user would otherwise call just to find the links. "links-xurls-ratio"
// is the pipeline's time over xurls' (issue 13's target: 0.05 at most),
// "sms-xurls-ratio" the whole check's.
func BenchmarkSMSDenseLinks(b *testing.B) {
	text := textlinks.DenseText(60 << 10)
	c := Default()
	if rep := c.SMS("AMELI", text); len(rep.Links) != DefaultMaxLinks || !rep.Has(CodeTooManyLinks) {
		b.Fatalf("%d links, %v", len(rep.Links), rep.Codes())
	}
	var links, sms, peer time.Duration
	b.ReportAllocs()
	for range b.N {
		start := time.Now()
		body := &bodyText{}
		body.addTextLinks(text, c.opts.maxLinks)
		c.judgeLinks(context.Background(), body)
		links += time.Since(start)
		start = time.Now()
		c.SMS("AMELI", text)
		sms += time.Since(start)
		start = time.Now()
		xurls.Relaxed().FindAllString(text, -1)
		peer += time.Since(start)
	}
	b.ReportMetric(float64(links)/float64(peer), "links-xurls-ratio")
	b.ReportMetric(float64(sms)/float64(peer), "sms-xurls-ratio")
	b.ReportMetric(float64(links.Nanoseconds())/float64(b.N), "links-ns/op")
	b.ReportMetric(float64(sms.Nanoseconds())/float64(b.N), "sms-ns/op")
	b.ReportMetric(float64(peer.Nanoseconds())/float64(b.N), "xurls-ns/op")
}
