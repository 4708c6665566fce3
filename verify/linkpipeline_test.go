package verify

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/domains"
)

// pipelines runs one text through the three entry points that find links
// in text: SMS, Message (a plain-text mail from an unknown sender) and
// Links. For Links, the status is the worst of its links.
func pipelines(t *testing.T, c *Checker, text string) map[string]Report {
	t.Helper()
	msg, err := c.Message(strings.NewReader("From: info@expediteur.example\r\nSubject: x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n"))
	require.NoError(t, err)
	links := Report{Links: c.Links(text), Verdict: Verdict{Status: Unknown}}
	for _, l := range links.Links {
		links.worsen(l.Verdict, l.Reasons...)
	}
	return map[string]Report{"SMS": c.SMS("", text), "Message": msg, "Links": links}
}

// Issue 12, rows 1-4, 13, 15 and 17: every pipeline finds the same links
// and reaches at least the same verdict, with the same reasons.
func TestLinkPipelineRows(t *testing.T) {
	bing := "https://www.bing.com/ck/a?!&&p=0c1d&ptn=3&u=a1" + base64.RawURLEncoding.EncodeToString([]byte("https://ameli-remboursement.com/connexion")) + "&ntb=1"
	var distinct strings.Builder
	for i := range DefaultMaxLinks {
		fmt.Fprintf(&distinct, "https://www.ameli.fr/page%d ", i)
	}
	c := Default()
	for _, tc := range []struct {
		row, text string
		want      Status
		codes     []Code
	}{
		{"1", "AMELI: Confirmez sur https://www.ameli.fr puis https://ameli-remboursement.com/0612345678", Lookalike, []Code{CodeComboSquat}},
		{"2 query", "Remboursement: https://ameli-remboursement.com/?ref=0123456789", Lookalike, nil},
		{"2 dotted phone", "Remboursement: https://ameli-remboursement.com/?tel=06.12.34.56.78", Lookalike, nil},
		{"2 host", "Remboursement: https://0612345678.ameli-remboursement.com/", Lookalike, nil},
		{"3 .Merci", "Votre compte https://www.ameli.fr est bloque. Validez sur ameli-remboursement.com.Merci", Lookalike, nil},
		{"3 -Merci", "https://www.ameli.fr : validez sur ameli-remboursement.com-Merci", Lookalike, nil},
		{"3 .Cordialement", "https://www.ameli.fr : validez sur ameli-remboursement.com.Cordialement", Lookalike, nil},
		{"3 .2025", "https://www.ameli.fr : validez sur ameli-remboursement.com.2025", Lookalike, nil},
		{"4 repeated", strings.Repeat("ameli.fr ", 200) + "ameli-remboursement.com", Lookalike, nil},
		{"4 distinct", distinct.String() + "ameli-remboursement.com", Suspicious, []Code{CodeTooManyLinks}},
		{"13 intent", "Ouvrez intent://ameli-remboursement.com/connexion#Intent;scheme=https;end", Lookalike, []Code{CodeBrowserScheme}},
		{"13 intent fallback", "Ouvrez intent://www.ameli.fr/#Intent;scheme=https;package=com.x;S.browser_fallback_url=https%3A%2F%2Fameli-remboursement.com%2F;end", Lookalike, []Code{CodeBrowserScheme}},
		{"13 edge", "Ouvrez microsoft-edge:https://ameli-remboursement.com/connexion", Lookalike, []Code{CodeBrowserScheme}},
		{"13 safari", "Ouvrez x-safari-https://ameli-remboursement.com/connexion", Lookalike, []Code{CodeBrowserScheme}},
		{"13 chrome", "Ouvrez googlechromes://ameli-remboursement.com/connexion", Lookalike, []Code{CodeBrowserScheme}},
		{"13 firefox", "Ouvrez firefox://open-url?url=https%3A%2F%2Fameli-remboursement.com%2Fconnexion", Lookalike, []Code{CodeBrowserScheme}},
		{"13 view-source", "Ouvrez view-source:https://ameli-remboursement.com/connexion", Lookalike, []Code{CodeBrowserScheme}},
		{"15 [.]", "Validez sur ameli-remboursement[.]com", Lookalike, []Code{CodeDisguisedLink}},
		{"15 spaced", "Validez sur ameli-remboursement . com", Lookalike, []Code{CodeDisguisedLink}},
		{"15 (.)", "Validez sur ameli-remboursement(.)com", Lookalike, []Code{CodeDisguisedLink}},
		{"15 fullwidth", "Validez sur ameli-remboursement．com", Lookalike, []Code{CodeDisguisedLink}},
		{"15 one-dot leader", "Validez sur ameli-remboursement\u2024com", Lookalike, []Code{CodeDisguisedLink}},
		{"15 hxxps", "Validez sur hxxps://ameli-remboursement.com/connexion", Lookalike, []Code{CodeDisguisedLink}},
		{"15 official but disguised", "Votre espace: ameli[.]fr", Suspicious, []Code{CodeDisguisedLink}},
		{"17 bing", "Votre remboursement: " + bing, Lookalike, []Code{CodeRedirector}},
		{"17 google", "Votre remboursement: https://www.google.com/url?q=https://ameli-remboursement.com/&sa=D", Lookalike, []Code{CodeRedirector}},
		{"17 ses", "Votre remboursement: https://k97t77cm.r.eu-west-3.awstrack.me/L0/https:%2F%2Fameli-remboursement.com%2Flogin/1/0102/x=44", Lookalike, []Code{CodeRedirector}},
		{"17 facebook", "Votre remboursement: https://l.facebook.com/l.php?u=https%3A%2F%2Fameli-remboursement.com%2F&h=AT0", Lookalike, []Code{CodeRedirector}},
		{"17 unreadable", "Votre remboursement: https://www.google.com/url?sa=D&usg=x", Suspicious, []Code{CodeRedirector}},
	} {
		for name, rep := range pipelines(t, c, tc.text) {
			assert.False(t, tc.want.Worse(rep.Status), "row %s, %s: %s, want %s at least; %v", tc.row, name, rep.Status, tc.want, rep.Reasons)
			for _, code := range tc.codes {
				assert.True(t, rep.Has(code), "row %s, %s: no %s in %v", tc.row, name, code, rep.Codes())
			}
		}
	}
}

// A link through a redirector or a browser scheme to an official page is
// judged as that page, and says how it was reached.
func TestLinkPipelineWrappedOfficial(t *testing.T) {
	c := Default()
	for _, link := range []string{
		"https://www.google.com/url?q=https://www.ameli.fr/assure",
		"microsoft-edge:https://www.ameli.fr/assure",
		"https://www.google.fr/url?q=" + "https%3A%2F%2Fwww.ameli.fr%2F",
	} {
		links := c.Links(link)
		require.Len(t, links, 1, link)
		assert.Equal(t, Official, links[0].Status, "%s: %v", link, links[0].Reasons)
		assert.True(t, links[0].Has(CodeRedirector) || links[0].Has(CodeBrowserScheme), link)
	}
	// Two destinations: the worse one counts.
	links := c.Links("https://www.google.com/url?q=https://www.ameli.fr/&url=https://ameli-remboursement.com/")
	require.Len(t, links, 1)
	assert.Equal(t, Lookalike, links[0].Status)
	// Nested deeper than maxUnwrap: suspicious.
	nested := "https://www.ameli.fr/"
	for range maxUnwrap + 1 {
		nested = "https://www.google.com/url?q=" + strings.NewReplacer("%", "%25", "&", "%26", "?", "%3F", "=", "%3D").Replace(nested)
	}
	links = c.Links(nested)
	require.Len(t, links, 1)
	assert.Equal(t, Suspicious, links[0].Status, "%v", links[0].Reasons)
	// More destinations than one redirector may have: suspicious, and
	// the work stays bounded.
	links = c.Links("https://www.google.com/url?q=https://www.ameli.fr/&q=https://www.ameli.fr/a&q=https://www.ameli.fr/b")
	require.Len(t, links, 1)
	assert.Equal(t, Suspicious, links[0].Status, "%v", links[0].Reasons)
	assert.Contains(t, links[0].Reasons[0].Detail, "any of 3 destinations")
}

// The links found in a text are each judged once, in SMS, Message and
// Links alike.
func TestLinkPipelineDeduplicates(t *testing.T) {
	c := Default()
	text := "ameli.fr https://www.ameli.fr ameli.fr ameli-remboursement.com https://www.ameli.fr ameli-remboursement.com"
	for name, rep := range pipelines(t, c, text) {
		var urls []string
		for _, l := range rep.Links {
			urls = append(urls, l.URL)
		}
		assert.Equal(t, []string{"ameli.fr", "https://www.ameli.fr", "ameli-remboursement.com"}, urls, name)
	}
}

// A short link whose destination is a redirector is judged by where the
// redirector leads.
func TestShortLinkToRedirector(t *testing.T) {
	f := &fakeResolver{dests: map[string]string{
		"https://bit.ly/r": "https://www.google.com/url?q=https://ameli-remboursement.com/login",
	}}
	c, err := New(domains.Default(), WithResolver(f))
	require.NoError(t, err)
	links := c.Links("https://bit.ly/r")
	require.Len(t, links, 1)
	assert.Equal(t, Lookalike, links[0].Status, "%v", links[0].Reasons)
	assert.True(t, links[0].Has(CodeRedirector))
	assert.True(t, links[0].Has(CodeShortener))
}
