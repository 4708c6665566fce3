package verify

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/domains"

	"github.com/vigie-sante/vigie/internal/shared"
)

// checkerFor builds a checker whose registry protects the given domains,
// one organisation each, with hosts under them as login hosts.
func checkerFor(t *testing.T, domainList []string, hosts []string) *Checker {
	t.Helper()
	var orgs []map[string]any
	for i, d := range domainList {
		var login []string
		for _, h := range hosts {
			if strings.HasSuffix(h, "."+d) {
				login = append(login, h)
			}
		}
		orgs = append(orgs, map[string]any{
			"id": fmt.Sprintf("o%d", i), "name": d, "kind": "insurer", "confidence": "high",
			"domains": []string{d}, "login_hosts": login, "sources": []string{"Chromium test data"},
		})
	}
	b, err := json.Marshal(map[string]any{"version": "test", "organizations": orgs})
	require.NoError(t, err)
	reg, err := domains.Parse(b)
	require.NoError(t, err)
	c, err := New(reg)
	require.NoError(t, err)
	return c
}

// chromiumTestTopDomains is Chromium's unit-test top-domain list
// (components/url_formatter/spoof_checks/top_domains/test_domains.list),
// the protected set its "top-domain-skeleton(test list)" cases assume.
var chromiumTestTopDomains = []string{
	"d4000.com", "digklmo68.com", "digklmo68.co.uk", "islkpx123.com", "isikpx123.com", "os345.com",
	"woder.com", "wmhtb.com", "phktb.com", "pkawx.com", "wmnr.com", "rf.com", "cyxe.com", "ldg.com",
	"idg.com", "ig.com", "ld.com", "1gd.com", "cegjo.com", "wsws.com", "wsu.com", "wsou.com",
	"1234567890.com", "aece.com", "aen.com", "n11.com", "o2.com", "28.com", "39.com", "89.com",
	"43.com", "oo.com", "qq.com", "nn.com", "test.net", "fóó.com", "youtube.com",
}

// idnExclusions are the Chromium IDN cases vigie answers differently, each
// with the reason.
var idnExclusions = map[string]string{
	"xn--example-.com": "Chromium calls it invalid; browsers (Node 20, ICU 78) accept the label as written, so vigie reads a host and flags it as Punycode for plain ASCII",
	"xn--ae-fsa.com":   "Chromium maps œ to 'ce' to match aece.com; vigie follows UTS #39, where œ is 'oe', and œ is an ordinary French letter",
	"xn--j1amdg.com":   "курс: Chromium allows this Cyrillic word by a list of its own; vigie has no such list and reads it as letters that pass for Latin",
	"xn-----8kci4dhsd": "ру--авто: Chromium's display check rejects '--' in positions 3 and 4 (CheckHyphens); the URL Standard turns CheckHyphens off and browsers open it, so vigie reads a host",
}

func TestChromiumIDNSpoofCases(t *testing.T) {
	var file struct {
		Cases []struct {
			Input, Unicode, Expected, Category string
		}
	}
	require.NoError(t, json.Unmarshal(shared.Read(t, "conformance/chromium-idn-spoof-cases.json"), &file))
	c := checkerFor(t, chromiumTestTopDomains, nil)
	var pass, total int
	for _, tc := range file.Cases {
		if why := idnExclusions[tc.Input]; why != "" {
			t.Logf("excluded %s (%s): %s", tc.Input, tc.Category, why)
			continue
		}
		total++
		v := c.Host(tc.Input)
		var ok bool
		switch tc.Expected {
		case "safe":
			ok = assert.Contains(t, []Status{Official, Unknown}, v.Status, "%s %s (%s): %v", tc.Input, tc.Unicode, tc.Category, v.Reasons)
		case "unsafe":
			ok = assert.Contains(t, []Status{Lookalike, Suspicious}, v.Status, "%s %s (%s): %v", tc.Input, tc.Unicode, tc.Category, v.Reasons)
		case "invalid":
			ok = assert.Equal(t, Invalid, v.Status, "%s %s (%s): %v", tc.Input, tc.Unicode, tc.Category, v.Reasons)
		}
		if ok {
			pass++
		}
	}
	t.Logf("chromium-idn-spoof-cases.json: %d of %d pass, %d excluded", pass, total, len(idnExclusions))
	assert.Equal(t, total, pass)
}

// embeddingExclusions are Chromium target-embedding cases where vigie's
// rule differs on purpose.
var embeddingExclusions = map[string]string{
	"this-is-a-very-long-url-but-it-should-not-affect-the-outcome-of-this-target-embedding-test-google.com-login.com": "a label longer than 63 bytes: DNS cannot resolve it, so vigie answers invalid before any lookalike check",
	"google-com-this-is-a-very-long-url-but-it-should-not-affect-the-outcome-of-this-target-embedding-test-login.com": "a label longer than 63 bytes: DNS cannot resolve it, so vigie answers invalid before any lookalike check",
	"scholar.google.com.foo.com":     "Chromium allowlists scholar.google.com as a target; vigie has no target allowlist",
	"foo.scholar.google.com.foo.com": "Chromium allowlists scholar.google.com as a target; vigie has no target allowlist",
	"hp.com-foo.com":                 "Chromium skips very short targets; vigie counts any official domain embedded with its dot or a hyphen",
	"foo.jobs.com-foo.com":           "Chromium skips targets its top-domain data marks as common words (jobs); vigie counts any official domain embedded with its dot or a hyphen",
	"weathercom-foo.com":             "Chromium needs a top-500 target to count a name merged with its TLD; vigie counts any target of 5 characters or more",
	"example-office.com":             "Chromium 2020 leaves tail embeddings of common words to a later safety tip; vigie flags them",
}

func TestChromiumTargetEmbedding(t *testing.T) {
	var file struct {
		TargetEmbedding struct {
			EngagedSites      []string `json:"engaged_sites"`
			TopDomainsAssumed []string `json:"top_domains_assumed"`
			Cases             []struct {
				Hostname         string `json:"hostname"`
				ExpectedSafeHost string `json:"expected_safe_host"`
				ExpectedType     string `json:"expected_type"`
			}
		} `json:"target_embedding"`
	}
	require.NoError(t, json.Unmarshal(shared.Read(t, "conformance/chromium-lookalike-heuristics-cases.json"), &file))
	te := file.TargetEmbedding
	var registrable []string
	seen := map[string]bool{}
	for _, d := range append(te.TopDomainsAssumed, te.EngagedSites...) {
		if strings.Count(d, ".") > 1 && !strings.HasSuffix(d, ".co.uk") {
			continue // a subdomain: a login host below
		}
		if !seen[d] {
			seen[d] = true
			registrable = append(registrable, d)
		}
	}
	c := checkerFor(t, registrable, te.EngagedSites)
	var pass, total int
	for _, tc := range te.Cases {
		if why := embeddingExclusions[tc.Hostname]; why != "" {
			t.Logf("excluded %s: %s", tc.Hostname, why)
			continue
		}
		total++
		v := c.Host(tc.Hostname)
		var ok bool
		if tc.ExpectedType == "interstitial" {
			want := tc.ExpectedSafeHost
			if org, d, found := c.Registry().Lookup(want); found && org != nil {
				want = d
			}
			ok = assert.Equal(t, Lookalike, v.Status, "%s: %v", tc.Hostname, v.Reasons) &&
				assert.Equal(t, want, v.Target, tc.Hostname) &&
				assert.True(t, v.Has(CodeTargetEmbed), "%s: %v", tc.Hostname, v.Codes())
		} else {
			ok = assert.False(t, v.Has(CodeTargetEmbed), "%s: %v", tc.Hostname, v.Reasons)
		}
		if ok {
			pass++
		}
	}
	t.Logf("chromium-lookalike-heuristics-cases.json target embedding: %d of %d pass, %d excluded", pass, total, len(embeddingExclusions))
	assert.Equal(t, total, pass)
}
