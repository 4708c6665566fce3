package verify

import (
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type want struct {
	status Status
	host   string
	org    string
	target string
	codes  []Code
}

func assertVerdict(t *testing.T, w want, v Verdict, msg ...any) {
	t.Helper()
	assert.Equal(t, w.status, v.Status, msg...)
	assert.Equal(t, w.host, v.Host, msg...)
	org := ""
	if v.Organization != nil {
		org = v.Organization.ID
	}
	assert.Equal(t, w.org, org, msg...)
	assert.Equal(t, w.target, v.Target, msg...)
	if w.codes != nil {
		assert.Equal(t, w.codes, v.Codes(), msg...)
	}
}

func TestHost(t *testing.T) {
	tests := []struct {
		in string
		want
	}{
		{"assure.ameli.fr", want{Official, "assure.ameli.fr", "assurance-maladie", "ameli.fr", []Code{CodeRegisteredDomain, CodeLoginHost}}},
		{"ameli.fr", want{Official, "ameli.fr", "assurance-maladie", "ameli.fr", []Code{CodeRegisteredDomain}}},
		{"deep.sub.ameli.fr", want{Official, "deep.sub.ameli.fr", "assurance-maladie", "ameli.fr", []Code{CodeRegisteredDomain}}},
		{"AMELI.FR.", want{Official, "ameli.fr.", "assurance-maladie", "ameli.fr", []Code{CodeRegisteredDomain}}},
		{"ＡＭＥＬＩ。ｆｒ", want{Official, "ameli.fr", "assurance-maladie", "ameli.fr", nil}},
		{"ame\u00adli.fr", want{Official, "ameli.fr", "assurance-maladie", "ameli.fr", nil}},
		{"ame%6Ci.fr", want{Official, "ameli.fr", "assurance-maladie", "ameli.fr", nil}},
		{"assure.hcrbienetre.fr", want{Official, "assure.hcrbienetre.fr", "hcr-bien-etre", "hcrbienetre.fr", []Code{CodeRegisteredDomain, CodeLoginHost}}},
		{"www.harmonie-et-moi.fr", want{Official, "www.harmonie-et-moi.fr", "harmonie-mutuelle", "harmonie-et-moi.fr", nil}},
		{"dgfip.finances.gouv.fr", want{Official, "dgfip.finances.gouv.fr", "dgfip-impots", "finances.gouv.fr", nil}},
		{"example.com", want{Unknown, "example.com", "", "", []Code{}}},
		// Decoding "xn--ameli-" to "ameli" would make this official; the
		// browser connects to xn--ameli-.fr.
		{"xn--ameli-.fr", want{Lookalike, "xn--ameli-.fr", "assurance-maladie", "ameli.fr", []Code{CodeHomoglyph}}},
		{"xameli.fr", want{Unknown, "xameli.fr", "", "", nil}},
		{"ameli.fr.evil.com", want{Lookalike, "ameli.fr.evil.com", "assurance-maladie", "ameli.fr", []Code{CodeTargetEmbed}}},
		{"127.0.0.1", want{Suspicious, "127.0.0.1", "", "", []Code{CodeIPAddress}}},
		{"0x7f.1", want{Suspicious, "127.0.0.1", "", "", []Code{CodeIPAddress}}},
		{"3232235777", want{Suspicious, "192.168.1.1", "", "", []Code{CodeIPAddress}}},
		{"[::1]", want{Suspicious, "[::1]", "", "", []Code{CodeIPAddress}}},
		{"ameli.fr:443", want{Invalid, "", "", "", []Code{CodeInvalidHost}}},
		{"a..ameli.fr", want{Invalid, "a..ameli.fr", "", "", []Code{CodeInvalidHost}}},
		{strings.Repeat("a", 64) + ".ameli.fr", want{Invalid, strings.Repeat("a", 64) + ".ameli.fr", "", "", []Code{CodeInvalidHost}}},
		{"", want{Invalid, "", "", "", []Code{CodeInvalidHost}}},
		{"ameli\x00.fr", want{Invalid, "", "", "", []Code{CodeInvalidHost}}},
		{"\xff\xfe", want{Invalid, "", "", "", []Code{CodeInvalidHost}}},
		{strings.Repeat("a.", 5000), want{Invalid, "", "", "", []Code{CodeTooLong}}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assertVerdict(t, tt.want, Host(tt.in))
		})
	}
}

func TestURL(t *testing.T) {
	tests := []struct {
		in string
		want
	}{
		{"https://assure.ameli.fr/PortailAS/appmanager/PortailAS/assure", want{Official, "assure.ameli.fr", "assurance-maladie", "ameli.fr", []Code{CodeRegisteredDomain, CodeLoginHost}}},
		{"https://assure.hcrbienetre.fr/connexion.html", want{Official, "assure.hcrbienetre.fr", "hcr-bien-etre", "hcrbienetre.fr", nil}},
		{"  https://ameli.fr/\n", want{Official, "ameli.fr", "assurance-maladie", "ameli.fr", nil}},
		{"https://ame\tli.fr/", want{Official, "ameli.fr", "assurance-maladie", "ameli.fr", nil}},
		{"https:ameli.fr", want{Official, "ameli.fr", "assurance-maladie", "ameli.fr", nil}},
		{"https:\\\\ameli.fr\\x", want{Official, "ameli.fr", "assurance-maladie", "ameli.fr", nil}},
		{"HTTPS://WWW.AMELI.FR:443/", want{Official, "www.ameli.fr", "assurance-maladie", "ameli.fr", nil}},
		{"https://www.ameli.fr:8443/", want{Official, "www.ameli.fr", "assurance-maladie", "ameli.fr", nil}},
		{"wss://ameli.fr/socket", want{Official, "ameli.fr", "assurance-maladie", "ameli.fr", nil}},
		// Userinfo is never official, and an official name there is an
		// imitation.
		{"https://assure.ameli.fr@evil.example/", want{Lookalike, "evil.example", "assurance-maladie", "ameli.fr", []Code{CodeBrandInUserinfo, CodeUserinfo}}},
		{"https://assure.ameli.fr:motdepasse@evil.example/", want{Lookalike, "evil.example", "assurance-maladie", "ameli.fr", []Code{CodeBrandInUserinfo, CodeUserinfo}}},
		{"https://harmonie-mutuelle@evil.example/", want{Lookalike, "evil.example", "harmonie-mutuelle", "harmonie-mutuelle.fr", []Code{CodeBrandInUserinfo, CodeUserinfo}}},
		{"https://alan@evil.example/", want{Suspicious, "evil.example", "", "", []Code{CodeUserinfo}}},
		{"https://user:pass@assure.ameli.fr/", want{Suspicious, "assure.ameli.fr", "assurance-maladie", "ameli.fr", []Code{CodeUserinfo, CodeRegisteredDomain, CodeLoginHost}}},
		{"https://evil.example\\@ameli.fr/", want{Suspicious, "evil.example", "assurance-maladie", "ameli.fr", []Code{CodeBrandInPath}}},
		{"https://evil.example/assure.ameli.fr/connexion", want{Suspicious, "evil.example", "assurance-maladie", "ameli.fr", []Code{CodeBrandInPath}}},
		{"https://www.google.com/search?q=ameli.fr", want{Unknown, "www.google.com", "", "", []Code{CodeBrandInPath}}},
		{"https://assure.ameli.fr/x?next=https://www.ameli.fr/", want{Official, "assure.ameli.fr", "assurance-maladie", "ameli.fr", nil}},
		{"https://xn--ameli-.fr/", want{Lookalike, "xn--ameli-.fr", "assurance-maladie", "ameli.fr", []Code{CodeHomoglyph}}},
		{"http://0x7f.0.0.1/ameli", want{Suspicious, "127.0.0.1", "", "", []Code{CodeIPAddress}}},
		{"http://[::ffff:127.0.0.1]/", want{Suspicious, "[::ffff:7f00:1]", "", "", []Code{CodeIPAddress}}},
		// Non-network schemes are never official.
		{"javascript:location='https://ameli.fr'", want{Suspicious, "", "", "", []Code{CodeDangerousScheme}}},
		{"data:text/html,<a href=https://ameli.fr>", want{Suspicious, "", "", "", []Code{CodeDangerousScheme}}},
		{"blob:https://ameli.fr/0b3e", want{Suspicious, "", "", "", []Code{CodeDangerousScheme}}},
		{"file://ameli.fr/etc/passwd", want{Suspicious, "ameli.fr", "", "", []Code{CodeDangerousScheme}}},
		{"mailto:assurance-maladie@info.ameli.fr", want{Unknown, "", "", "", []Code{CodeUnsupportedScheme}}},
		{"foo://ameli.fr/", want{Unknown, "", "", "", []Code{CodeUnsupportedScheme}}},
		// Links without a scheme are read as an address bar reads them.
		{"ameli.fr/compte", want{Official, "ameli.fr", "assurance-maladie", "ameli.fr", []Code{CodeRegisteredDomain, CodeNoScheme}}},
		{"ameli.fr:443", want{Official, "ameli.fr", "assurance-maladie", "ameli.fr", []Code{CodeRegisteredDomain, CodeNoScheme}}},
		{"1.2.3.4:80/x", want{Suspicious, "1.2.3.4", "", "", []Code{CodeIPAddress, CodeNoScheme}}},
		// Invalid.
		{"https://", want{Invalid, "", "", "", []Code{CodeInvalidURL}}},
		{"https://a b.fr/", want{Invalid, "", "", "", nil}},
		{"https://xn--.fr/", want{Invalid, "", "", "", []Code{CodeInvalidHost}}},
		{"https://ameli.fr.0x1/", want{Invalid, "", "", "", []Code{CodeInvalidHost}}},
		{"https://a..ameli.fr/", want{Invalid, "a..ameli.fr", "", "", []Code{CodeInvalidHost}}},
		{"https://ameli.fr/\xff", want{Invalid, "", "", "", []Code{CodeInvalidURL}}},
		{"https://ameli.fr/" + strings.Repeat("a", DefaultMaxURLLength), want{Invalid, "", "", "", []Code{CodeTooLong}}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assertVerdict(t, tt.want, URL(tt.in))
		})
	}
}

func TestOfficialAndUnknownHostsDoNotAllocate(t *testing.T) {
	c := Default()
	for _, h := range []string{"assure.ameli.fr", "www.ameli.fr", "example.com"} {
		allocs := testing.AllocsPerRun(200, func() { c.Host(h) })
		assert.Zero(t, allocs, h)
	}
}

func TestSharedReasonsAreNotOverwritten(t *testing.T) {
	a := Host("assure.ameli.fr")
	a.Reasons = append(a.Reasons, Reason{Code: "mine"})
	b := Host("assure.ameli.fr")
	assert.Len(t, b.Reasons, 2, "appending to one verdict's reasons must not change another's")
}

func TestConcurrentUse(t *testing.T) {
	c, err := New(Default().Registry())
	require.NoError(t, err)
	inputs := []string{"https://assure.ameli.fr/", "https://assure.ameli.fr@evil.example/", "http://0x7f.1/", "https://xn--ameli-.fr/"}
	want := make([]Verdict, len(inputs))
	for i, in := range inputs {
		want[i] = c.URL(in)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 200; n++ {
				i := n % len(inputs)
				assert.Equal(t, want[i], c.URL(inputs[i]))
			}
		}()
	}
	wg.Wait()
}

func TestStatus(t *testing.T) {
	var zero Verdict
	assert.Equal(t, Invalid, zero.Status, "a verdict nobody filled in is not official")
	assert.True(t, Lookalike.Worse(Suspicious))
	assert.True(t, Suspicious.Worse(Invalid))
	assert.True(t, Invalid.Worse(Unknown))
	assert.True(t, Unknown.Worse(Official))
	for _, s := range []Status{Invalid, Unknown, Official, Suspicious, Lookalike} {
		got, err := ParseStatus(s.String())
		require.NoError(t, err)
		assert.Equal(t, s, got)
	}
	_, err := ParseStatus("fine")
	assert.Error(t, err)
	assert.False(t, Official.Alarming())
	assert.False(t, Unknown.Alarming())
	assert.True(t, Invalid.Alarming())
}

// TestPaddedLinks checks that padding a link, to make it too long or too
// oddly shaped to parse, never softens its verdict.
func TestPaddedLinks(t *testing.T) {
	const evil = "https://ameli-remboursement.com/connexion"
	for _, tt := range []struct {
		name, url string
		status    Status
		codes     []Code
	}{
		{"@ in the fragment", evil + "#" + strings.Repeat("@", 65), Lookalike, []Code{CodeComboSquat}},
		{"/ in the query", evil + "?" + strings.Repeat("/", 2049), Lookalike, []Code{CodeComboSquat}},
		{"path segments", evil + strings.Repeat("/a", 2049), Lookalike, []Code{CodeComboSquat, CodeTooLong}},
		{"longer than the limit", evil + "?" + strings.Repeat("a", DefaultMaxURLLength), Lookalike, []Code{CodeComboSquat, CodeTooLong}},
		{"@ in the userinfo", "https://" + strings.Repeat("@", 65) + "ameli-remboursement.com/", Lookalike, []Code{CodeComboSquat, CodeTooLong, CodeUserinfo}},
		{"official, padded", "https://www.ameli.fr" + strings.Repeat("/a", 2049), Invalid, []Code{CodeTooLong}},
		{"unknown, padded", "https://example.org/?" + strings.Repeat("a", DefaultMaxURLLength), Invalid, []Code{CodeTooLong}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := URL(tt.url)
			assert.Equal(t, tt.status, v.Status, "%v", v.Reasons)
			assert.Equal(t, tt.codes, v.Codes())
		})
	}
}
