package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/examples/internal/dispatch"
)

// result is the JSON of a dispatch.Result as a client reads it.
type result struct {
	Input        string   `json:"input"`
	Sender       *string  `json:"sender"`
	Kind         string   `json:"kind"`
	Verdict      string   `json:"verdict"`
	Host         string   `json:"host"`
	Organization string   `json:"organization"`
	Target       string   `json:"target"`
	Reasons      []reason `json:"reasons"`
	Links        *[]link  `json:"links"`
}

type reason struct {
	Code   string `json:"code"`
	Detail string `json:"detail"`
}

type link struct {
	URL          string   `json:"url"`
	Verdict      string   `json:"verdict"`
	Host         string   `json:"host"`
	Organization string   `json:"organization"`
	Target       string   `json:"target"`
	Reasons      []reason `json:"reasons"`
}

func codes(rs []reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Code
	}
	return out
}

// phishingMessage is a small phishing mail: a display name borrowed from
// Assurance Maladie, a combo-squatted domain in From and in the link.
const phishingMessage = "From: \"Assurance Maladie\" <remboursement@ameli-remboursement.com>\r\n" +
	"To: camille.martin@vigie.example\r\n" +
	"Subject: Votre remboursement est en attente\r\n" +
	"Date: Tue, 11 Mar 2025 09:14:02 +0100\r\n" +
	"MIME-Version: 1.0\r\n" +
	"Content-Type: text/plain; charset=UTF-8\r\n" +
	"\r\n" +
	"Bonjour,\r\n" +
	"Un remboursement de 48,70 EUR vous attend. Connectez-vous sur\r\n" +
	"https://ameli-remboursement.com/assure/connexion pour le recevoir.\r\n" +
	"L'Assurance Maladie\r\n"

func TestCheckKinds(t *testing.T) {
	ts := startServer(t, testChecker(), HandlerOptions{}, nil)
	tests := []struct {
		name    string
		request map[string]string
		want    result // Input defaults to request["input"]; Reasons and Links are compared by code
		codes   []string
		links   []string // verdict of each link; nil for kinds without links
	}{
		{
			name:    "official login URL",
			request: map[string]string{"kind": "url", "input": "https://assure.ameli.fr/PortailAS/appmanager/PortailAS/assure?_somtc=true"},
			want:    result{Kind: "url", Verdict: "official", Host: "assure.ameli.fr", Organization: "assurance-maladie", Target: "ameli.fr"},
			codes:   []string{"registered-domain", "login-host"},
		},
		{
			name:    "lookalike printed in an insurer's letter, kind defaults to auto",
			request: map[string]string{"input": "https://salarie.interimairesante.fr/connexion.html"},
			want:    result{Kind: "url", Verdict: "lookalike", Host: "salarie.interimairesante.fr", Organization: "interimaires-sante", Target: "interimairessante.fr"},
			codes:   []string{"known-lookalike", "edit-distance"},
		},
		{
			name:    "credentials before another host",
			request: map[string]string{"kind": "auto", "input": "https://assure.ameli.fr@evil.example/"},
			want:    result{Kind: "url", Verdict: "lookalike", Host: "evil.example", Organization: "assurance-maladie", Target: "ameli.fr"},
			codes:   []string{"brand-in-userinfo", "userinfo"},
		},
		{
			name:    "host with a Cyrillic i",
			request: map[string]string{"kind": "host", "input": "xn--amel-o9d.fr"},
			want:    result{Kind: "host", Verdict: "lookalike", Host: "xn--amel-o9d.fr", Organization: "assurance-maladie", Target: "ameli.fr"},
			codes:   []string{"homoglyph", "mixed-script"},
		},
		{
			name:    "auto reads a bare name as a host",
			request: map[string]string{"input": "ameli.fr"},
			want:    result{Kind: "host", Verdict: "official", Host: "ameli.fr", Organization: "assurance-maladie", Target: "ameli.fr"},
			codes:   []string{"registered-domain"},
		},
		{
			name:    "From value with a borrowed display name",
			request: map[string]string{"kind": "email", "input": `"Assurance Maladie" <service.ameli@gmail.com>`},
			want:    result{Kind: "email", Verdict: "suspicious", Host: "gmail.com", Organization: "assurance-maladie", Target: "ameli.fr"},
			codes:   []string{"display-name-brand", "free-mail"},
		},
		{
			name:    "auto reads an address as email",
			request: map[string]string{"input": "assurance-maladie@info.ameli.fr"},
			want:    result{Kind: "email", Verdict: "official", Host: "info.ameli.fr", Organization: "assurance-maladie", Target: "ameli.fr"},
			codes:   []string{"registered-domain", "mail-domain"},
		},
		{
			name:    "SMS with a sender ID",
			request: map[string]string{"kind": "sms", "sender": "AMELI", "text": "Votre carte Vitale expire, renouvelez sur ameli-carte-vitale.com"},
			want:    result{Kind: "sms", Verdict: "lookalike", Host: "ameli-carte-vitale.com", Organization: "assurance-maladie", Target: "ameli.fr"},
			codes:   []string{"combo-squat", "no-scheme", "brand-mention", "sender-id"},
			links:   []string{"lookalike"},
		},
		{
			name: "SMS as sender and text fields, from a mobile, through a shortener",
			request: map[string]string{"kind": "sms", "sender": "+33612345678",
				"text": "Assurance Maladie : votre remboursement de 48,70 EUR est en attente, confirmez sur https://bit.ly/3xAmeli"},
			want:  result{Kind: "sms", Verdict: "suspicious", Host: "bit.ly", Organization: "assurance-maladie", Target: "ameli.fr"},
			codes: []string{"shortener", "brand-mention", "mobile-sender"},
			links: []string{"suspicious"},
		},
		{
			name:    "official SMS, sender and text with kind left to auto",
			request: map[string]string{"sender": "AMELI", "text": "Votre attestation est disponible sur https://www.ameli.fr/assure"},
			want:    result{Kind: "sms", Verdict: "official", Host: "www.ameli.fr", Organization: "assurance-maladie", Target: "ameli.fr"},
			codes:   []string{"registered-domain", "login-host", "sender-id"},
			links:   []string{"official"},
		},
		{
			name:    "phishing message",
			request: map[string]string{"kind": "message", "input": phishingMessage},
			want:    result{Kind: "message", Verdict: "lookalike", Host: "ameli-remboursement.com", Organization: "assurance-maladie", Target: "ameli.fr"},
			codes:   []string{"combo-squat", "display-name-brand", "combo-squat"},
			links:   []string{"lookalike"},
		},
		{
			name:    "message without From",
			request: map[string]string{"kind": "message", "input": "Subject: bonjour\r\n\r\nrien\r\n"},
			want:    result{Kind: "message", Verdict: "invalid"},
			codes:   []string{"missing-from"},
			links:   []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.postJSON(t, "/v1/check", tt.request)
			require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
			assert.Equal(t, "application/json", r.header.Get("Content-Type"))
			var got result
			require.NoError(t, json.Unmarshal(r.body, &got))
			want := tt.want
			if want.Input == "" {
				want.Input = tt.request["input"] + tt.request["text"]
			}
			assert.Equal(t, want.Input, got.Input)
			if sender, sms := tt.request["sender"]; sms {
				require.NotNil(t, got.Sender, "an SMS's answer has its sender")
				assert.Equal(t, sender, *got.Sender)
			} else {
				assert.Nil(t, got.Sender)
			}
			assert.Equal(t, want.Kind, got.Kind)
			assert.Equal(t, want.Verdict, got.Verdict)
			assert.Equal(t, want.Host, got.Host)
			assert.Equal(t, want.Organization, got.Organization)
			assert.Equal(t, want.Target, got.Target)
			assert.Equal(t, tt.codes, codes(got.Reasons))
			for _, rs := range got.Reasons {
				assert.NotEmpty(t, rs.Detail)
			}
			if tt.links == nil {
				assert.Nil(t, got.Links, "links only come with messages and text messages")
				assert.NotContains(t, string(r.body), `"links"`)
			} else {
				require.NotNil(t, got.Links)
				var verdicts []string
				for _, l := range *got.Links {
					verdicts = append(verdicts, l.Verdict)
				}
				if len(tt.links) == 0 {
					assert.Empty(t, verdicts)
				} else {
					assert.Equal(t, tt.links, verdicts)
				}
			}
		})
	}
}

// TestCheckSameBytesAsLibrary compares answers byte for byte with
// json.Marshal of dispatch.Check's result, the line `vigie check -json`
// prints.
func TestCheckSameBytesAsLibrary(t *testing.T) {
	ts := startServer(t, testChecker(), HandlerOptions{}, nil)
	for _, in := range []struct {
		in      dispatch.Input
		request map[string]string
	}{
		{dispatch.Input{Kind: dispatch.URL, Data: "https://salarie.interimairesante.fr/connexion.html"}, nil},
		{dispatch.Input{Kind: dispatch.Auto, Data: "https://assure.ameli.fr/PortailAS"}, nil},
		{dispatch.Input{Kind: dispatch.Email, Data: `"Assurance Maladie" <service.ameli@gmail.com>`}, nil},
		{dispatch.Input{Kind: dispatch.SMS, Sender: "AMELI", Data: "Votre carte Vitale expire, renouvelez sur ameli-carte-vitale.com"},
			map[string]string{"sender": "AMELI", "text": "Votre carte Vitale expire, renouvelez sur ameli-carte-vitale.com"}},
		{dispatch.Input{Kind: dispatch.Message, Data: phishingMessage}, nil},
		{dispatch.Input{Kind: dispatch.URL, Data: "javascript:alert('<ameli.fr> & co')"}, nil},
	} {
		t.Run(string(in.in.Kind)+" "+strings.SplitN(in.in.Data, "\r", 2)[0], func(t *testing.T) {
			res, err := dispatch.Check(context.Background(), testChecker(), in.in)
			require.NoError(t, err)
			want, err := json.Marshal(res)
			require.NoError(t, err)
			request := in.request
			if request == nil {
				request = map[string]string{"kind": string(in.in.Kind), "input": in.in.Data}
			}
			r := ts.postJSON(t, "/v1/check", request)
			require.Equal(t, http.StatusOK, r.status)
			assert.Equal(t, string(want)+"\n", string(r.body))
			// And the answer decodes back into the same result.
			var back dispatch.Result
			require.NoError(t, json.Unmarshal(r.body, &back))
			again, err := json.Marshal(back)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(again))
		})
	}
}

// latin1Message is a message in 8-bit ISO-8859-1: its bytes are not UTF-8,
// and no JSON string can carry them.
var latin1Message = "From: \"Securite sociale\" <remboursement@securite-sociale-remboursement.example>\r\n" +
	"To: camille.martin@vigie.example\r\n" +
	"Subject: Remboursement\r\n" +
	"MIME-Version: 1.0\r\n" +
	"Content-Type: text/plain; charset=ISO-8859-1\r\n" +
	"Content-Transfer-Encoding: 8bit\r\n" +
	"\r\n" +
	"Votre remboursement de la S\xe9curit\xe9 sociale vous attend sur https://ameli-remboursement.com/connexion\r\n"

func TestCheckInputBase64(t *testing.T) {
	ts := startServer(t, testChecker(), HandlerOptions{}, nil)
	res, err := dispatch.Check(context.Background(), testChecker(), dispatch.Input{Kind: dispatch.Message, Data: latin1Message})
	require.NoError(t, err)
	want, err := json.Marshal(res)
	require.NoError(t, err)
	b64 := base64.StdEncoding.EncodeToString([]byte(latin1Message))
	r := ts.postJSON(t, "/v1/check", map[string]string{"kind": "message", "input_base64": b64})
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	assert.Equal(t, string(want)+"\n", string(r.body))
	var got result
	require.NoError(t, json.Unmarshal(r.body, &got))
	assert.Equal(t, "lookalike", got.Verdict)

	// Folded at 76 characters, as MIME writes base64.
	var folded strings.Builder
	for i := 0; i < len(b64); i += 76 {
		folded.WriteString(b64[i:min(i+76, len(b64))] + "\r\n")
	}
	r = ts.postJSON(t, "/v1/check", map[string]string{"kind": "message", "input_base64": folded.String()})
	assert.Equal(t, string(want)+"\n", string(r.body))

	// Any kind may use it.
	r = ts.postJSON(t, "/v1/check", map[string]string{"input_base64": base64.StdEncoding.EncodeToString([]byte("aemli.fr"))})
	require.NoError(t, json.Unmarshal(r.body, &got))
	assert.Equal(t, "aemli.fr", got.Input)
	assert.Equal(t, "lookalike", got.Verdict)
}

func TestCheckContentType(t *testing.T) {
	ts := startServer(t, testChecker(), HandlerOptions{}, nil)
	body := `{"input":"ameli.fr"}`
	for _, ct := range []string{"", "application/json", "application/json; charset=utf-8", "Application/JSON; charset=UTF-8"} {
		r := ts.do(t, http.MethodPost, "/v1/check", ct, strings.NewReader(body))
		assert.Equal(t, http.StatusOK, r.status, "Content-Type %q: %s", ct, r.body)
	}
	for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1", "application/jsonx", "not a media type;;"} {
		r := ts.do(t, http.MethodPost, "/v1/check", ct, strings.NewReader(body))
		errorBody(t, r, http.StatusUnsupportedMediaType)
	}
}

func TestCheckErrors(t *testing.T) {
	ts := startServer(t, testChecker(), HandlerOptions{MaxBody: 4096}, nil)
	tests := []struct {
		name   string
		body   string
		status int
		want   string // in the error message
	}{
		{"empty body", "", 400, "empty body"},
		{"not JSON", "ameli.fr", 400, "invalid JSON"},
		{"truncated JSON", `{"input": "ameli.fr"`, 400, "invalid JSON"},
		{"trailing comma", `{"input": "ameli.fr",}`, 400, "invalid JSON"},
		{"an array", `["ameli.fr"]`, 400, "must be an object"},
		{"input not a string", `{"input": 42}`, 400, "input must be a string"},
		{"two objects", `{"input": "ameli.fr"} {"input": "ameli.fr"}`, 400, "data after the object"},
		{"unknown field", `{"input": "ameli.fr", "kinds": "host"}`, 400, `unknown field "kinds"`},
		{"unknown kind", `{"kind": "phone", "input": "0612345678"}`, 400, `unknown kind "phone"`},
		{"kind in capitals", `{"kind": "URL", "input": "https://ameli.fr/"}`, 400, `unknown kind "URL"`},
		{"missing input", `{"kind": "url"}`, 400, `missing "input"`},
		{"blank input", `{"input": " \t\n"}`, 400, `missing "input"`},
		{"null", `null`, 400, `missing "input"`},
		{"input and text", `{"kind": "sms", "input": "AMELI\tx", "text": "x"}`, 400, `give one of "input", "input_base64", or "sender" and "text"`},
		{"input and input_base64", `{"input": "ameli.fr", "input_base64": "YW1lbGkuZnI="}`, 400, "give one of"},
		{"input_base64 not base64", `{"kind": "message", "input_base64": "From: x"}`, 400, `"input_base64" is not base64`},
		{"empty input_base64", `{"kind": "message", "input_base64": ""}`, 400, `missing "input"`},
		{"text for a URL", `{"kind": "url", "text": "https://ameli.fr/"}`, 400, "for kind sms"},
		{"sender without text", `{"kind": "sms", "sender": "AMELI"}`, 400, `missing "text"`},
		{"SMS as input", `{"kind": "sms", "input": "AMELI\tbonjour"}`, 400, `kind sms takes "sender" and "text", not "input"`},
		{"too large", `{"input": "` + strings.Repeat("a", 5000) + `"}`, 413, "larger than the 4096 bytes"},
		{"too large after the object", `{"input": "ameli.fr"}` + strings.Repeat(" ", 5000), 413, "larger than the 4096 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.post(t, "/v1/check", tt.body)
			assert.Contains(t, errorBody(t, r, tt.status), tt.want)
		})
	}

	t.Run("too large without Content-Length", func(t *testing.T) {
		// A chunked body is cut at the limit while it is read.
		body := io.MultiReader(strings.NewReader(`{"input": "`), strings.NewReader(strings.Repeat("a", 5000)), strings.NewReader(`"}`))
		r := ts.do(t, http.MethodPost, "/v1/check", "application/json", struct{ io.Reader }{body})
		assert.Contains(t, errorBody(t, r, 413), "larger than")
	})

	for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete, http.MethodHead} {
		t.Run(m+" /v1/check", func(t *testing.T) {
			r := ts.do(t, m, "/v1/check", "", nil)
			assert.Equal(t, http.StatusMethodNotAllowed, r.status)
			assert.Equal(t, "POST", r.header.Get("Allow"))
			if m != http.MethodHead {
				errorBody(t, r, http.StatusMethodNotAllowed)
			}
		})
	}
	t.Run("GET /v1/check/batch", func(t *testing.T) {
		r := ts.do(t, http.MethodGet, "/v1/check/batch", "", nil)
		errorBody(t, r, http.StatusMethodNotAllowed)
		assert.Equal(t, "POST", r.header.Get("Allow"))
	})
	t.Run("unknown path", func(t *testing.T) {
		errorBody(t, ts.post(t, "/v1/verify", `{"input":"ameli.fr"}`), http.StatusNotFound)
		errorBody(t, ts.do(t, http.MethodGet, "/", "", nil), http.StatusNotFound)
	})
}

func TestBatch(t *testing.T) {
	ts := startServer(t, testChecker(), HandlerOptions{MaxBatch: 5}, nil)
	items := []map[string]string{
		{"input": "https://salarie.interimairesante.fr/connexion.html"},
		{"kind": "host", "input": "ameli.fr"},
		{"kind": "email", "input": `"Assurance Maladie" <service.ameli@gmail.com>`},
		{"kind": "sms", "sender": "AMELI", "text": "Votre carte Vitale expire, renouvelez sur ameli-carte-vitale.com"},
		{"kind": "message", "input": phishingMessage},
	}
	r := ts.postJSON(t, "/v1/check/batch", map[string]any{"items": items})
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)

	// Each result is the bytes of the single check.
	var got struct {
		Results []json.RawMessage `json:"results"`
	}
	require.NoError(t, json.Unmarshal(r.body, &got))
	require.Len(t, got.Results, len(items))
	var want []string
	for i, it := range items {
		single := ts.postJSON(t, "/v1/check", it)
		require.Equal(t, http.StatusOK, single.status)
		assert.Equal(t, strings.TrimSuffix(string(single.body), "\n"), string(got.Results[i]), "item %d", i)
		want = append(want, string(single.body[:len(single.body)-1]))
	}
	assert.Equal(t, `{"results":[`+strings.Join(want, ",")+"]}\n", string(r.body))

	t.Run("errors", func(t *testing.T) {
		assert.Contains(t, errorBody(t, ts.post(t, "/v1/check/batch", `{}`), 400), `missing "items"`)
		assert.Contains(t, errorBody(t, ts.post(t, "/v1/check/batch", `{"items": []}`), 400), `missing "items"`)
		assert.Contains(t, errorBody(t, ts.post(t, "/v1/check/batch", `{"items": [{"input": "ameli.fr"}, {"kind": "fax", "input": "x"}]}`), 400),
			`items[1]: unknown kind "fax"`)
		assert.Contains(t, errorBody(t, ts.post(t, "/v1/check/batch", `{"items": [{"input": "ameli.fr"}, {}]}`), 400), `items[1]: missing "input"`)
		assert.Contains(t, errorBody(t, ts.post(t, "/v1/check/batch", `{"items": [{"input": "ameli.fr", "extra": 1}]}`), 400), `unknown field "extra"`)
		assert.Contains(t, errorBody(t, ts.post(t, "/v1/check/batch", `{"items": {"input": "ameli.fr"}}`), 400), "items must be an array")
		six := strings.TrimSuffix(strings.Repeat(`{"input": "ameli.fr"},`, 6), ",")
		assert.Contains(t, errorBody(t, ts.post(t, "/v1/check/batch", `{"items": [`+six+`]}`), 413), "6 items, more than the 5 allowed")
	})
}

func TestHealthz(t *testing.T) {
	ts := startServer(t, testChecker(), HandlerOptions{}, nil)
	r := ts.do(t, http.MethodGet, "/healthz", "", nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "application/json", r.header.Get("Content-Type"))
	reg := testChecker().Registry()
	assert.Equal(t, fmt.Sprintf(`{"status":"ok","registry":%q,"organizations":%d}`+"\n", reg.Version(), reg.Len()), string(r.body))

	r = ts.do(t, http.MethodHead, "/healthz", "", nil)
	assert.Equal(t, http.StatusOK, r.status)
	assert.Empty(t, r.body)

	r = ts.post(t, "/healthz", "{}")
	errorBody(t, r, http.StatusMethodNotAllowed)
	assert.Equal(t, "GET, HEAD", r.header.Get("Allow"))
}
