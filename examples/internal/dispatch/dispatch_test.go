package dispatch

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/verify"
)

func TestParseKind(t *testing.T) {
	for _, k := range []Kind{Auto, URL, Host, Email, SMS, Message} {
		got, err := ParseKind(string(k))
		require.NoError(t, err)
		assert.Equal(t, k, got)
	}
	_, err := ParseKind("URL")
	assert.ErrorIs(t, err, ErrUnsupportedKind)
}

func TestDetectKind(t *testing.T) {
	for in, k := range map[string]Kind{
		"https://ameli.fr":        URL,
		"ameli.fr/login":          URL,
		"ameli.fr":                Host,
		"user@ameli.fr":           Email,
		"Ameli <a@info.ameli.fr>": Email,
		"javascript:alert(1)":     URL,
		"[::1]":                   Host,
	} {
		assert.Equal(t, k, DetectKind(in), in)
	}
}

func TestCheck(t *testing.T) {
	c := verify.Default()
	ctx := context.Background()
	for _, tt := range []struct {
		in     Input
		kind   Kind
		status verify.Status
		links  int
	}{
		{Input{Kind: Auto, Data: "https://assure.ameli.fr/"}, URL, verify.Official, 0},
		{Input{Kind: Auto, Data: "aemli.fr"}, Host, verify.Lookalike, 0},
		{Input{Kind: Email, Data: `"Assurance Maladie" <service.ameli@gmail.com>`}, Email, verify.Suspicious, 0},
		{Input{Kind: SMS, Sender: "AMELI", Data: "AMELI: renouvelez votre carte Vitale sur ameli-carte-vitale.com"}, SMS, verify.Lookalike, 1},
		{Input{Kind: Message, Data: "From: a@example.org\r\n\r\nhttps://ameli-remboursement.com/\r\n"}, Message, verify.Lookalike, 1},
	} {
		t.Run(string(tt.kind), func(t *testing.T) {
			r, err := Check(ctx, c, tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.kind, r.Kind)
			assert.Equal(t, tt.status, r.Status, "%v", r.Reasons)
			assert.Len(t, r.Links, tt.links)
			assert.Equal(t, tt.in.Data, r.Input)
			assert.Equal(t, tt.in.Sender, r.Sender)
		})
	}
	_, err := Check(ctx, c, Input{Kind: "phone", Data: "0612345678"})
	assert.ErrorIs(t, err, ErrUnsupportedKind)
	_, err = Check(ctx, c, Input{Kind: URL, Data: "https://ameli.fr/", Sender: "AMELI"})
	assert.Error(t, err, "a sender is only for a text message")
	done, cancel := context.WithCancel(ctx)
	cancel()
	for _, k := range []Kind{URL, Message, SMS} {
		_, err = Check(done, c, Input{Kind: k, Data: "ameli.fr"})
		assert.ErrorIs(t, err, context.Canceled, k)
	}
}

func TestResultJSON(t *testing.T) {
	c := verify.Default()
	ctx := context.Background()
	for _, tt := range []struct {
		in   Input
		want string // the beginning of the JSON
	}{
		{Input{Kind: URL, Data: "https://assure.ameli.fr/"}, `{"input":"https://assure.ameli.fr/","kind":"url","verdict":"official","host":"assure.ameli.fr","organization":"assurance-maladie","target":"ameli.fr","reasons":[`},
		{Input{Kind: SMS, Data: "Bonjour"}, `{"input":"Bonjour","sender":"","kind":"sms","verdict":"unknown","host":"","organization":"","target":"","reasons":[],"links":[]}`},
		{Input{Kind: Message, Data: "Subject: x\r\n\r\nx\r\n"}, `{"input":"Subject: x\r\n\r\nx\r\n","kind":"message","verdict":"invalid"`},
	} {
		t.Run(string(tt.in.Kind), func(t *testing.T) {
			r, err := Check(ctx, c, tt.in)
			require.NoError(t, err)
			b, err := json.Marshal(r)
			require.NoError(t, err)
			assert.True(t, strings.HasPrefix(string(b), tt.want), "%s", b)
			assert.Equal(t, tt.in.Kind == SMS || tt.in.Kind == Message, strings.Contains(string(b), `"links":`))
			var back Result
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, r.Input, back.Input)
			assert.Equal(t, r.Kind, back.Kind)
			assert.Equal(t, r.Status, back.Status)
			assert.Equal(t, r.Organization, back.Organization)
			again, err := json.Marshal(back)
			require.NoError(t, err)
			assert.Equal(t, string(b), string(again))
		})
	}
	var r Result
	assert.Error(t, json.Unmarshal([]byte(`{"input":"x","kind":"url"}`), &r), "a result without a verdict")
}

// TestCheckRecipients checks that a message's envelope recipients reach
// the check: delivered to the one address it writes, a proven message
// stays official.
func TestCheckRecipients(t *testing.T) {
	c, err := verify.New(verify.Default().Registry(), verify.WithTrustedAuthServIDs("mx.example.org"))
	require.NoError(t, err)
	msg := "Authentication-Results: mx.example.org; dmarc=pass header.from=info.ameli.fr\r\n" +
		"From: <info@info.ameli.fr>\r\n\r\nhttps://www.ameli.fr/ envoye a jean.dupont@example.org\r\n"
	for _, tt := range []struct {
		recipients []string
		want       verify.Status
	}{
		{[]string{"jean.dupont@example.org"}, verify.Official},
		{nil, verify.Unknown},
		{[]string{"jean.dupont@example.org", "paul@example.org"}, verify.Unknown},
	} {
		r, err := Check(context.Background(), c, Input{Kind: Message, Data: msg, Recipients: tt.recipients})
		require.NoError(t, err)
		assert.Equal(t, tt.want, r.Status, "%v: %v", tt.recipients, r.Reasons)
	}
	_, err = Check(context.Background(), c, Input{Kind: URL, Data: "https://ameli.fr/", Recipients: []string{"j@example.org"}})
	assert.Error(t, err, "recipients are only for a message")
}

func TestRequestResolve(t *testing.T) {
	str := func(s string) *string { return &s }
	for _, tt := range []struct {
		name string
		req  Request
		want Input
		err  string
	}{
		{"auto", Request{Input: "ameli.fr"}, Input{Kind: Auto, Data: "ameli.fr"}, ""},
		{"sms fields", Request{Sender: str("AMELI"), Text: str("Bonjour")}, Input{Kind: SMS, Sender: "AMELI", Data: "Bonjour"}, ""},
		{"sms with a tab in the sender", Request{Kind: "sms", Sender: str("AM\tELI"), Text: str("Bonjour")}, Input{Kind: SMS, Sender: "AM\tELI", Data: "Bonjour"}, ""},
		{"base64", Request{Kind: "message", InputBase64: str("RnJvbTog\nYUBiLmM=")}, Input{Kind: Message, Data: "From: a@b.c"}, ""},
		{"sms as input", Request{Kind: "sms", Input: "AMELI\tBonjour"}, Input{}, `not "input"`},
		{"unknown kind", Request{Kind: "phone", Input: "x"}, Input{}, `unknown kind "phone"`},
		{"two ways", Request{Input: "x", Text: str("y")}, Input{}, "give one of"},
		{"text for a URL", Request{Kind: "url", Text: str("y")}, Input{}, "for kind sms"},
		{"blank", Request{Input: " "}, Input{}, `missing "input"`},
		{"no text", Request{Sender: str("AMELI")}, Input{}, `missing "text"`},
		{"bad base64", Request{InputBase64: str("!")}, Input{}, "not base64"},
		{"a message's recipients", Request{Kind: "message", Input: "From: a@b.c", Recipients: []string{"<j@example.org>"}},
			Input{Kind: Message, Data: "From: a@b.c", Recipients: []string{"<j@example.org>"}}, ""},
		{"recipients of a URL", Request{Kind: "url", Input: "https://ameli.fr/", Recipients: []string{"j@example.org"}}, Input{}, `"recipients" are for kind message, not url`},
		{"recipients of a text message", Request{Sender: str("AMELI"), Text: str("Bonjour"), Recipients: []string{"j@example.org"}}, Input{}, `"recipients" are for kind message, not auto`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.req.Resolve()
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}
