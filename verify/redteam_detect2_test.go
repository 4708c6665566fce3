package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRedTeamDetection2 holds the hosts a second red-team pass, over the
// rules added after the first (spread words, weak hyphenated labels, token
// explained whole, Punycode boundaries), found misjudged, each with the
// organisation it imitates, or "" for a host that must stay unknown.
func TestRedTeamDetection2(t *testing.T) {
	tests := []struct {
		name, host, org string
	}{
		// A keyword that is also another organisation's name ("amendes"
		// for ANTAI, "vitale" for the Assurance Maladie) is a signal
		// beside a weak name: once service-public became weak,
		// "servicepublic-amendes" lost its only signal.
		{"weak label beside another body's keyword name", "servicepublic-amendes.com", "service-public"},
		{"weak label beside vitale", "servicepublic-vitale.com", "service-public"},
		{"weak name beside vitale on another suffix", "vitale-servicepublic.info", "service-public"},
		// A typo'd name alone in the registrable label is alone
		// whatever words the labels before it hold: "www" says
		// nothing, and any other label is the attacker's free choice.
		{"typo behind www", "www.genierali.com", "generali"},
		{"typo with a separator behind www", "www.intur-iale.com", "interiale"},
		{"typo behind a one-letter label", "x.genierali.com", "generali"},
		{"typo behind an ordinary word", "mail.genierali.com", "generali"},
		{"typo behind a digit", "9.genierali.com", "generali"},
		// www before a weak name beside a function word adds nothing.
		{"www before a weak name and moi", "www.harmonie-moi.fr", ""},
		// A name is still no signal for itself, nor for its own
		// organisation's other names.
		{"a keyword name alone", "amendes.com", ""},
		{"vitale alone", "vitale.fr", ""},
	}
	c := Default()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := c.Host(tt.host)
			if tt.org == "" {
				assert.NotEqual(t, Lookalike, v.Status, "%s: %v", tt.host, v.Reasons)
				assert.NotEqual(t, Official, v.Status, "%s: %v", tt.host, v.Reasons)
				return
			}
			require.Equal(t, Lookalike, v.Status, "%s: %v", tt.host, v.Reasons)
			require.NotNil(t, v.Organization)
			assert.Equal(t, tt.org, v.Organization.ID, tt.host)
		})
	}
}

// TestRedTeamNameApostrophes: the modifier letters written as an
// apostrophe (U+02BC, U+02BB) are letters to Unicode; read as such they
// glued the article to the name it elides, and "Caisse primaire
// dʼassurance maladie" named nobody in a display name or an SMS.
func TestRedTeamNameApostrophes(t *testing.T) {
	for _, tt := range []struct {
		name, org string
	}{
		{"L\u02bcassurance maladie", "assurance-maladie"},
		{"Caisse primaire d\u02bcassurance maladie", "assurance-maladie"},
		{"Caisse primaire d\u02bbassurance maladie", "assurance-maladie"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := Sender(`"` + tt.name + `" <service@mail.example.org>`)
			assert.Equal(t, Suspicious, v.Status, "%v", v.Reasons)
			require.NotNil(t, v.Organization)
			assert.Equal(t, tt.org, v.Organization.ID)
			assert.True(t, v.Has(CodeDisplayNameBrand), "%v", v.Codes())

			sms := Default().SMS("38600", tt.name+" : remboursement en attente https://rembours-info.example.com")
			assert.Equal(t, Suspicious, sms.Status, "%v", sms.Reasons)
			require.NotNil(t, sms.Organization)
			assert.Equal(t, tt.org, sms.Organization.ID)
		})
	}
}
