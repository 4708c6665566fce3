package testdns

import (
	"testing"

	"github.com/miekg/dns"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServer(t *testing.T) {
	s := Start(t, `_dmarc.ameli.fr. 300 IN TXT "v=DMARC1; p=reject"`, `ameli.fr. 300 IN A 192.0.2.1`)
	for _, net := range []string{"udp", "tcp"} {
		c := &dns.Client{Net: net}
		m := new(dns.Msg)
		m.SetQuestion("_DMARC.ameli.fr.", dns.TypeTXT)
		r, _, err := c.Exchange(m, s.Addr)
		require.NoError(t, err, net)
		require.Len(t, r.Answer, 1, net)
		assert.Equal(t, []string{"v=DMARC1; p=reject"}, r.Answer[0].(*dns.TXT).Txt)

		m.SetQuestion("ameli.fr.", dns.TypeTXT)
		r, _, err = c.Exchange(m, s.Addr)
		require.NoError(t, err, net)
		assert.Equal(t, dns.RcodeSuccess, r.Rcode, "a known name without the type is NODATA")
		assert.Empty(t, r.Answer)

		m.SetQuestion("unknown.example.", dns.TypeA)
		r, _, err = c.Exchange(m, s.Addr)
		require.NoError(t, err, net)
		assert.Equal(t, dns.RcodeNameError, r.Rcode)
	}
	assert.Contains(t, s.Queries(), "TXT _dmarc.ameli.fr.")
}
