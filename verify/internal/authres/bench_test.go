package authres

import (
	"testing"
	"time"

	msgauth "github.com/emersion/go-msgauth/authres"
)

// benchFields are fields as rspamd, OpenDMARC and Microsoft 365 write them.
var benchFields = []string{
	"mx.example.org; dkim=pass header.d=info.ameli.fr header.s=s1 header.b=AbCdEf12; spf=pass (mx.example.org: domain of bounce@info.ameli.fr designates 192.0.2.1 as permitted sender) smtp.mailfrom=bounce@info.ameli.fr; dmarc=pass (policy=reject) header.from=info.ameli.fr",
	"mx.example.org; dmarc=pass (p=reject dis=none) header.from=info.ameli.fr",
	"spf.protection.outlook.com; spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=info.ameli.fr; dkim=pass (signature was verified) header.d=info.ameli.fr;dmarc=pass action=none header.from=info.ameli.fr;compauth=pass reason=100",
}

// BenchmarkParse times go-msgauth's parser, which a caller would otherwise
// use, then this one, on the same fields in the same run: ns/op and
// allocations are this parser's, and vigie/go-msgauth the ratio of their
// times.
func BenchmarkParse(b *testing.B) {
	start := time.Now()
	for i := range b.N {
		msgauth.Parse(benchFields[i%len(benchFields)])
	}
	peer := time.Since(start)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		Parse(benchFields[i%len(benchFields)])
	}
	b.StopTimer()
	if peer > 0 {
		b.ReportMetric(float64(b.Elapsed())/float64(peer), "vigie/go-msgauth")
	}
}
