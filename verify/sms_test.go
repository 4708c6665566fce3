package verify

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/domains"
)

// smsLinkWant is one expected link of a report.
type smsLinkWant struct {
	url    string
	status Status
	codes  []Code
}

func assertLinks(t *testing.T, want []smsLinkWant, got []Link, msg ...any) {
	t.Helper()
	require.Len(t, got, len(want), msg...)
	for i, w := range want {
		assert.Equal(t, w.url, got[i].URL, msg...)
		assert.Equal(t, w.status, got[i].Status, msg...)
		if w.codes != nil {
			assert.Equal(t, w.codes, got[i].Codes(), msg...)
		}
	}
}

func TestSMS(t *testing.T) {
	tests := []struct {
		name, sender, text string
		want
		links []smsLinkWant
	}{
		{
			name:   "carte Vitale renewal on a lookalike",
			sender: "AMELI",
			text:   "AMELI: votre carte Vitale expire le 30/11. Renouvelez-la sur ameli-carte-vitale.com avant suspension de vos droits.",
			want: want{Lookalike, "ameli-carte-vitale.com", "assurance-maladie", "ameli.fr",
				[]Code{CodeComboSquat, CodeNoScheme, CodeBrandMention, CodeSenderID}},
			links: []smsLinkWant{{"ameli-carte-vitale.com", Lookalike, []Code{CodeComboSquat, CodeNoScheme}}},
		},
		{
			name:   "refund pending through a shortener",
			sender: "AMELI-INFO",
			text:   "Assurance Maladie: un remboursement de 47,20 EUR est en attente. Confirmez vos informations: https://bit.ly/3AmeLi",
			want: want{Suspicious, "bit.ly", "assurance-maladie", "ameli.fr",
				[]Code{CodeShortener, CodeBrandMention, CodeSenderID}},
			links: []smsLinkWant{{"https://bit.ly/3AmeLi", Suspicious, []Code{CodeShortener}}},
		},
		{
			name:   "mutuelle refund on an unknown site",
			sender: "HARMONIE",
			text:   "Harmonie Mutuelle: remboursement de 89,50 EUR en attente. Mettez a jour vos coordonnees bancaires sur remboursement-en-ligne.fr",
			want: want{Suspicious, "remboursement-en-ligne.fr", "harmonie-mutuelle", "harmonie-mutuelle.fr",
				[]Code{CodeNoScheme, CodeBrandMention, CodeSenderID}},
			links: []smsLinkWant{{"remboursement-en-ligne.fr", Unknown, []Code{CodeNoScheme}}},
		},
		{
			name:   "mutuelle lookalike from a mobile",
			sender: "+33 7 81 23 45 67",
			text:   "MGEN: votre dossier de remboursement est incomplet. Completez-le ici: https://mgen-remboursement.fr/dossier",
			want: want{Lookalike, "mgen-remboursement.fr", "mgen", "mgen.fr",
				[]Code{CodeComboSquat, CodeBrandMention, CodeMobileSender}},
			links: []smsLinkWant{{"https://mgen-remboursement.fr/dossier", Lookalike, []Code{CodeComboSquat}}},
		},
		{
			// Mon Compte Formation is in the registry (2026.12.1): its
			// acronym beside other words is a combo-squat.
			name:   "CPF scam",
			sender: "INFO-CPF",
			text:   "CPF: il vous reste 1 200 EUR de droits a utiliser avant le 31/12, sinon ils seront perdus. Activez-les sur cpf-droits-formation.fr",
			want: want{Lookalike, "cpf-droits-formation.fr", "mon-compte-formation", "moncompteformation.gouv.fr",
				[]Code{CodeComboSquat, CodeAlias, CodeNoScheme}},
			links: []smsLinkWant{{"cpf-droits-formation.fr", Lookalike, []Code{CodeComboSquat, CodeAlias, CodeNoScheme}}},
		},
		{
			// A brand outside the registry: vigie knows the
			// organisations it lists, nothing more.
			name:   "scam on an unregistered brand",
			sender: "VINTED",
			text:   "Vinted: votre compte est suspendu. Confirmez vos informations sur vinted-verification-compte.fr",
			want:   want{Unknown, "vinted-verification-compte.fr", "", "", []Code{CodeNoScheme}},
			links:  []smsLinkWant{{"vinted-verification-compte.fr", Unknown, []Code{CodeNoScheme}}},
		},
		{
			name:   "Colissimo parcel fee through a shortener",
			sender: "COLISSIMO",
			text:   "Colissimo: votre colis n'a pas pu etre livre. Des frais de 1,99 EUR sont a regler: https://cutt.ly/colis-fr73",
			want:   want{Suspicious, "cutt.ly", "", "", []Code{CodeShortener}},
			links:  []smsLinkWant{{"https://cutt.ly/colis-fr73", Suspicious, []Code{CodeShortener}}},
		},
		{
			name:   "Chronopost delivery from a mobile through a shortener",
			sender: "06.44.12.98.70",
			text:   "Chronopost: livraison echouee. Reprogrammez votre livraison: tinyurl.com/chrono-liv24",
			want:   want{Suspicious, "tinyurl.com", "", "", []Code{CodeShortener, CodeNoScheme}},
			links:  []smsLinkWant{{"tinyurl.com/chrono-liv24", Suspicious, []Code{CodeShortener, CodeNoScheme}}},
		},
		{
			name:   "official Assurance Maladie text",
			sender: "AMELI",
			text:   "Assurance Maladie: votre attestation de droits est disponible dans votre compte ameli: https://www.ameli.fr/assure/compte-ameli",
			want: want{Official, "www.ameli.fr", "assurance-maladie", "ameli.fr",
				[]Code{CodeRegisteredDomain, CodeLoginHost, CodeSenderID}},
			links: []smsLinkWant{{"https://www.ameli.fr/assure/compte-ameli", Official, []Code{CodeRegisteredDomain, CodeLoginHost}}},
		},
		{
			name:   "two organisations, each with its official link",
			sender: "MGEN",
			text:   "MGEN: vos remboursements sont sur https://www.mgen.fr/ et vos droits Assurance Maladie sur https://assure.ameli.fr/",
			want: want{Official, "www.mgen.fr", "mgen", "mgen.fr",
				[]Code{CodeRegisteredDomain, CodeLoginHost, CodeRegisteredDomain, CodeLoginHost, CodeSenderID}},
			links: []smsLinkWant{{"https://www.mgen.fr/", Official, nil}, {"https://assure.ameli.fr/", Official, nil}},
		},
		{
			name:   "official link beside a lookalike",
			sender: "AMELI",
			text:   "ameli: connectez-vous sur https://assure.ameli.fr ou sur https://assure-ameli.fr.verif-compte.com",
			want: want{Lookalike, "assure-ameli.fr.verif-compte.com", "assurance-maladie", "ameli.fr",
				[]Code{CodeRegisteredDomain, CodeLoginHost, CodeTargetEmbed, CodeBrandMention, CodeSenderID}},
			links: []smsLinkWant{{"https://assure.ameli.fr", Official, nil}, {"https://assure-ameli.fr.verif-compte.com", Lookalike, nil}},
		},
		{
			// The official link is the claim: no name is written out.
			name:   "official link lends its trust to another",
			sender: "38100",
			text:   "ameli.fr : votre remboursement de 52,30 EUR est disponible sur rembourse-sante.info",
			want: want{Suspicious, "rembourse-sante.info", "assurance-maladie", "ameli.fr",
				[]Code{CodeRegisteredDomain, CodeNoScheme, CodeNoScheme, CodeBrandMention}},
			links: []smsLinkWant{{"ameli.fr", Official, nil}, {"rembourse-sante.info", Unknown, nil}},
		},
		{
			name:   "one-time code, no link",
			sender: "AMELI",
			text:   "Votre code de connexion a votre compte ameli est 482913. Il expire dans 10 minutes. Ne le communiquez jamais.",
			want:   want{Unknown, "", "", "", []Code{CodeSenderID}},
		},
		{
			name:   "a friend's text from a mobile",
			sender: "06 12 34 56 78",
			text:   "Coucou, je serai en retard de 10 min, garde-moi une place ! Bises",
			want:   want{Unknown, "", "", "", []Code{}},
		},
		{
			name:   "a mobile naming the CPAM, no link",
			sender: "0612345678",
			text:   "Bonjour, ici votre CPAM: votre dossier est incomplet, rappelez-nous au 09 70 12 34 56.",
			want:   want{Suspicious, "", "assurance-maladie", "ameli.fr", []Code{CodeMobileSender}},
		},
		{
			name:   "invisible characters inside a link",
			sender: "AMELI",
			text:   "Votre remboursement de 72,40 EUR vous attend sur ameli\u200b-rembourse\u00adment.com",
			want: want{Lookalike, "ameli-remboursement.com", "assurance-maladie", "ameli.fr",
				[]Code{CodeComboSquat, CodeNoScheme, CodeBrandMention, CodeSenderID}},
			links: []smsLinkWant{{"ameli-remboursement.com", Lookalike, nil}},
		},
		{
			name:   "phone numbers are not links",
			sender: "3646",
			text:   "Pour toute question, appelez le 36 46, le 09.70.12.34.56 ou le +33 1 23 45 67 89.",
			want:   want{Unknown, "", "", "", []Code{}},
		},
		{
			// An address is written to as a link is followed: its
			// domain is judged (red team red12).
			name:   "email address on a lookalike domain",
			sender: "38100",
			text:   "Assurance Maladie: envoyez votre RIB a remboursement@ameli-assure.com avant vendredi.",
			want:   want{Lookalike, "ameli-assure.com", "assurance-maladie", "ameli.fr", []Code{CodeComboSquat, CodeUnsupportedScheme, CodeBrandMention}},
			links:  []smsLinkWant{{"mailto:remboursement@ameli-assure.com", Lookalike, []Code{CodeComboSquat, CodeUnsupportedScheme}}},
		},
		{
			name:   "email address on a free mail service naming the organisation",
			sender: "38100",
			text:   "Assurance Maladie: envoyez votre RIB a ameli.remboursement@gmail.com",
			want:   want{Suspicious, "gmail.com", "assurance-maladie", "ameli.fr", nil},
			links:  []smsLinkWant{{"mailto:ameli.remboursement@gmail.com", Suspicious, nil}},
		},
		{
			name:   "email address on an official domain",
			sender: "",
			text:   "Assurance Maladie: une question ? contact@ameli.fr",
			want:   want{Unknown, "", "", "", []Code{CodeUnsupportedScheme}},
			links:  []smsLinkWant{{"mailto:contact@ameli.fr", Unknown, []Code{CodeUnsupportedScheme}}},
		},
		{
			// mailto: has no site to visit: no brand-mention.
			name:   "mailto link",
			sender: "",
			text:   "Assurance Maladie: une question ? mailto:contact@ameli.fr",
			want:   want{Unknown, "", "", "", []Code{CodeUnsupportedScheme}},
			links:  []smsLinkWant{{"mailto:contact@ameli.fr", Unknown, []Code{CodeUnsupportedScheme}}},
		},
		{
			// The sender ID claims Harmonie Mutuelle; the text does not
			// name it but sends to an unknown site.
			name:   "sender ID claims, link elsewhere",
			sender: "HarmonieMutuelle",
			text:   "Votre dossier est en attente de validation: dossier-sante-en-ligne.com",
			want: want{Suspicious, "dossier-sante-en-ligne.com", "harmonie-mutuelle", "harmonie-mutuelle.fr",
				[]Code{CodeNoScheme, CodeBrandMention, CodeSenderID}},
			links: []smsLinkWant{{"dossier-sante-en-ligne.com", Unknown, nil}},
		},
		{
			name:   "IP address link",
			sender: "CPAM",
			text:   "CPAM: regularisez votre situation sur http://185.12.44.3/ameli",
			want: want{Suspicious, "185.12.44.3", "assurance-maladie", "ameli.fr",
				[]Code{CodeIPAddress, CodeBrandMention, CodeSenderID}},
			links: []smsLinkWant{{"http://185.12.44.3/ameli", Suspicious, []Code{CodeIPAddress}}},
		},
		{
			name:   "Google Maps share link is not a shortener",
			sender: "07 81 23 45 67",
			text:   "On se retrouve ici ce soir: https://maps.app.goo.gl/Xy12AbC",
			want:   want{Unknown, "maps.app.goo.gl", "", "", []Code{}},
			links:  []smsLinkWant{{"https://maps.app.goo.gl/Xy12AbC", Unknown, nil}},
		},
		{
			name: "empty text",
			want: want{Unknown, "", "", "", []Code{}},
		},
	}
	c := Default()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := c.SMS(tc.sender, tc.text)
			assertVerdict(t, tc.want, rep.Verdict, rep.Reasons)
			assertLinks(t, tc.links, rep.Links, rep.Reasons)
		})
	}
}

func TestSMSDetails(t *testing.T) {
	c := Default()
	rep := c.SMS("AMELI", "AMELI: votre carte Vitale expire, renouvelez-la sur ameli-carte-vitale.com")
	require.Len(t, rep.Reasons, 4)
	// Findings of an alarming link say which link.
	assert.Equal(t, "link ameli-carte-vitale.com: ameli-carte-vitale.com combines ameli, the name of ameli.fr, with other words", rep.Reasons[0].Detail)
	assert.Equal(t, "the text names Assurance Maladie but links to ameli-carte-vitale.com, which is not an official site of Assurance Maladie", rep.Reasons[2].Detail)
	assert.Contains(t, rep.Reasons[3].Detail, "anyone can set")

	rep = c.SMS("", "Assurance Maladie: remboursement en attente https://bit.ly/3AmeLi")
	require.True(t, rep.Has(CodeShortener))
	assert.Equal(t, "link https://bit.ly/3AmeLi: the destination of bit.ly links cannot be verified offline", rep.Reasons[0].Detail)

	rep = c.SMS("07 81 23 45 67", "Harmonie Mutuelle: votre remboursement est disponible")
	require.Equal(t, []Code{CodeMobileSender}, rep.Codes())
	assert.Contains(t, rep.Reasons[0].Detail, "Harmonie Mutuelle")
	assert.Contains(t, rep.Reasons[0].Detail, "07 81 23 45 67")

	// Official links keep their reasons, unprefixed.
	rep = c.SMS("", "https://www.ameli.fr/")
	assert.Equal(t, "registered-domain", string(rep.Reasons[0].Code))
	assert.False(t, strings.HasPrefix(rep.Reasons[0].Detail, "link "))

	// Several links off the named organisation: one reason counts them.
	rep = c.SMS("", "Assurance Maladie: https://www.ameli.fr/ a-remb.com b-remb.com c-remb.com")
	require.True(t, rep.Has(CodeBrandMention))
	assert.Equal(t, "a-remb.com", rep.Host)
	assert.Contains(t, rep.Reasons[len(rep.Reasons)-1].Detail, "links to a-remb.com, which is not an official site of Assurance Maladie, nor are 2 other links")
}

func TestSMSInvalid(t *testing.T) {
	c, err := New(domains.Default(), WithMaxTextLength(200))
	require.NoError(t, err)
	// A text too long or not UTF-8 is Invalid, unless what can be read of
	// it (its beginning, invalid bytes replaced) is worse: neither an
	// invalid byte nor padding may hide a lookalike or a claimed name. A
	// text cut by the limit is at least Suspicious (truncated).
	for _, tc := range []struct {
		name, sender, text, detail string
		want                       Status
		links                      int
	}{
		{"too long", "AMELI", strings.Repeat("ameli-carte-vitale.com ", 10), "the text is 230 bytes, more than the 200 allowed", Lookalike, 1},
		{"invalid UTF-8 text", "AMELI", "Votre carte Vitale \xff\xfe expire: ameli-carte-vitale.com", "the text is not valid UTF-8 (byte 19)", Lookalike, 1},
		{"invalid UTF-8 sender", "AM\xc3LI", "Bonjour", "the sender is not valid UTF-8 (byte 2)", Invalid, 0},
		{"sender too long", strings.Repeat("A", 201), "Bonjour", "the sender is 201 bytes, more than the 200 allowed", Invalid, 0},
		{"an invalid byte before a lookalike", "36000", "Votre remboursement\xf2: https://arneli.fr/x", "the text is not valid UTF-8 (byte 19)", Lookalike, 1},
		{"an invalid byte before a disguised name", "36000", "\xf2ＡＭＥＬＩ : votre remboursement sur https://rembourse-moi.com/x", "the text is not valid UTF-8 (byte 0)", Suspicious, 1},
		{"padding after an official link", "AMELI", "https://www.ameli.fr/ " + strings.Repeat("x", 200), "the text is 222 bytes, more than the 200 allowed", Suspicious, 1},
		{"a lookalike cut by the limit", "AMELI", strings.Repeat(" ", 185) + "arneli-remboursement.com", "the text is 209 bytes, more than the 200 allowed", Suspicious, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := c.SMS(tc.sender, tc.text)
			assert.Equal(t, tc.want, rep.Status)
			require.NotEmpty(t, rep.Reasons)
			assert.Equal(t, Reason{CodeInvalidText, tc.detail}, rep.Reasons[0])
			assert.Len(t, rep.Links, tc.links)
		})
	}
	// Exactly at the limit is fine.
	rep := c.SMS("", strings.Repeat("a", 200))
	assert.Equal(t, Unknown, rep.Status)
}

func TestSMSTooManyLinks(t *testing.T) {
	c, err := New(domains.Default(), WithMaxLinks(3))
	require.NoError(t, err)
	rep := c.SMS("", "Voir https://www.ameli.fr/ a-remb.com b-remb.com c-remb.com ameli-carte-vitale.com d-remb.com")
	require.Len(t, rep.Links, 3)
	assert.Equal(t, "b-remb.com", rep.Links[2].URL)
	// The lookalike was not checked: the report says so. It still names
	// Assurance Maladie, while links are not official for it.
	assert.Equal(t, Suspicious, rep.Status)
	assert.Equal(t, []Code{CodeRegisteredDomain, CodeLoginHost, CodeNoScheme, CodeNoScheme, CodeBrandMention, CodeTooManyLinks}, rep.Codes())
	last := rep.Reasons[len(rep.Reasons)-1]
	assert.Equal(t, Reason{CodeTooManyLinks, "more than 3 links: the first 3 were checked, the rest were not"}, last)

	rep = c.SMS("", "a-remb.com b-remb.com c-remb.com")
	assert.False(t, rep.Has(CodeTooManyLinks))

	// The default limit holds in a long text full of distinct links: the
	// work is bounded by counting the links judged, not by the clock.
	var text strings.Builder
	for i := 0; text.Len() < DefaultMaxTextLength-40; i++ {
		fmt.Fprintf(&text, "ameli-carte-vitale.com/%d ", i)
	}
	rep = Default().SMS("", text.String())
	assert.Len(t, rep.Links, DefaultMaxLinks)
	assert.Equal(t, Lookalike, rep.Status)
	assert.True(t, rep.Has(CodeTooManyLinks))
}

func TestSMSSenderID(t *testing.T) {
	c := Default()
	for _, tc := range []struct {
		sender, text, org string
	}{
		{"AMELI", "Bonjour", "assurance-maladie"},
		{"ameli", "Bonjour", "assurance-maladie"},
		{"Amé li", "Bonjour", "assurance-maladie"},
		{"INFO CPAM", "Bonjour", "assurance-maladie"},
		{"AMELI-FR", "Bonjour", "assurance-maladie"},
		{"HarmonieMutuelle", "Bonjour", "harmonie-mutuelle"},
		{"Harmonie-Mut", "Bonjour", ""},
		{"HCRBIENETRE", "Bonjour", "hcr-bien-etre"},
		{"MGEN", "Bonjour", "mgen"},
		{"DGFiP", "Bonjour", "dgfip-impots"},
		{"AG2RLaMondiale", "Bonjour", "ag2r-la-mondiale"},
		// Weak names need a text about health insurance.
		{"HARMONIE", "Votre remboursement est disponible", "harmonie-mutuelle"},
		{"HARMONIE", "Concert ce soir a 20h", ""},
		{"ALAN", "Rendez-vous confirme demain 14h", ""},
		{"ALAN", "Vos soins ont ete rembourses", "alan"},
		// Names that merely contain a brand, and unrelated senders.
		{"CAMELIA", "Bonjour", ""},
		{"COLISSIMO", "Bonjour", ""},
		{"INFO", "Bonjour", ""},
	} {
		rep := c.SMS(tc.sender, tc.text)
		if tc.org == "" {
			assert.False(t, rep.Has(CodeSenderID), "%s %v", tc.sender, rep.Reasons)
			continue
		}
		if assert.True(t, rep.Has(CodeSenderID), tc.sender) {
			assert.Contains(t, rep.Reasons[len(rep.Reasons)-1].Detail, c.Registry().Organization(tc.org).Name, tc.sender)
		}
		// A sender ID decides nothing on its own.
		assert.Equal(t, Unknown, rep.Status, tc.sender)
	}
}

func TestSMSRegisteredSenderID(t *testing.T) {
	top, err := domains.Parse([]byte(`{"version": "t.1", "date": "2026-11-23", "organizations": [{
		"id": "acme-mutuelle", "name": "ACME Mutuelle", "kind": "insurer",
		"domains": ["acme-mutuelle.fr"], "sms_senders": ["ACMEMUT"],
		"confidence": "high", "sources": ["test"]}]}`))
	require.NoError(t, err)
	reg, err := domains.Default().Overlay(top)
	require.NoError(t, err)
	c, err := New(reg)
	require.NoError(t, err)
	rep := c.SMS("AcmeMut", "Votre espace: https://espace.acme-mutuelle.fr/")
	assert.Equal(t, Official, rep.Status)
	assert.Equal(t, []Code{CodeRegisteredDomain, CodeSenderID}, rep.Codes())
	assert.Equal(t, `"AcmeMut" is a sender ID of ACME Mutuelle, but anyone can set a sender ID: it proves nothing`, rep.Reasons[1].Detail)
	// The same sender ID with a link elsewhere.
	rep = c.SMS("ACMEMUT", "Votre espace: https://espace-adherent.example.com/")
	assert.Equal(t, Suspicious, rep.Status)
	assert.Equal(t, "acme-mutuelle", rep.Organization.ID)
	assert.Equal(t, "acme-mutuelle.fr", rep.Target)
	assert.Equal(t, []Code{CodeBrandMention, CodeSenderID}, rep.Codes())
}

func TestIsFrenchMobile(t *testing.T) {
	for _, s := range []string{"0612345678", "06 12 34 56 78", "07.81.23.45.67", "06-12-34-56-78",
		"+33612345678", "+33 6 12 34 56 78", "+33 (0)7 81 23 45 67", "0033612345678", "00337 81 23 45 67"} {
		assert.True(t, isFrenchMobile(s), s)
	}
	for _, s := range []string{"", "0112345678", "09 70 12 34 56", "+33912345678", "061234567", "06123456789",
		"+44 7911 123456", "36 46", "38100", "AMELI", "0612345678 0612345678"} {
		assert.False(t, isFrenchMobile(s), s)
	}
}

func TestSMSConcurrent(t *testing.T) {
	c, err := New(domains.Default())
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				rep := c.SMS("HarmonieMutuelle", "Harmonie Mutuelle: https://remboursement-en-ligne.fr")
				assert.Equal(t, Suspicious, rep.Status)
			}
		}()
	}
	wg.Wait()
}

// FuzzSMS checks every verdict of a report (checkVerdict), that the report
// is never milder than one of its links and that no more links are checked
// than allowed.
func FuzzSMS(f *testing.F) {
	for _, s := range []string{
		"AMELI: votre carte Vitale expire, renouvelez-la sur ameli-carte-vitale.com",
		"https://bit.ly/3AmeLi", "06 12 34 56 78", "ameli\u200b-remboursement.com", "\xff", "http://[::1/",
		"mailto:a@ameli.fr javascript:alert(1) http://0x7f.1/ a..ameli.fr",
	} {
		f.Add("AMELI", s)
	}
	f.Add("0612345678", "CPAM: remboursement en attente https://bit.ly/3xAmeli")
	f.Add("", "")
	c := Default()
	f.Fuzz(func(t *testing.T, sender, text string) {
		rep := c.SMS(sender, text)
		checkVerdict(t, c, text, rep.Verdict)
		for _, l := range rep.Links {
			checkVerdict(t, c, l.URL, l.Verdict)
		}
		if len(rep.Links) > DefaultMaxLinks {
			t.Fatalf("%d links", len(rep.Links))
		}
		if rep.Status == Official && rep.Organization == nil {
			t.Fatal("official without an organisation")
		}
		for _, l := range rep.Links {
			if l.Status.Worse(rep.Status) {
				t.Fatalf("link %q is %s, the report only %s", l.URL, l.Status, rep.Status)
			}
		}
	})
}
