package verify

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/domains"
)

// fakeResolver resolves short links from a table and counts its calls.
type fakeResolver struct {
	mu    sync.Mutex
	dests map[string]string
	err   error
	calls []string
}

func (f *fakeResolver) Resolve(ctx context.Context, link string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, link)
	if _, ok := ctx.Deadline(); !ok {
		return "", errors.New("no deadline")
	}
	if f.err != nil {
		return "", f.err
	}
	if d, ok := f.dests[link]; ok {
		return d, nil
	}
	return "", errors.New("404 not found")
}

func TestSMSResolver(t *testing.T) {
	f := &fakeResolver{dests: map[string]string{
		"https://bit.ly/3AmeLi":  "https://assure.ameli.fr/PortailAS/appmanager/PortailAS/assure",
		"http://bit.ly/remb24":   "https://ameli-remboursement.com/login",
		"https://is.gd/x1":       "https://tinyurl.com/abc",
		"https://cutt.ly/broken": "http://a b/",
	}}
	c, err := New(domains.Default(), WithResolver(f))
	require.NoError(t, err)

	tests := []struct {
		name, text string
		want
		link smsLinkWant
	}{
		{
			name: "to the official site",
			text: "Assurance Maladie: votre remboursement est disponible: https://bit.ly/3AmeLi",
			want: want{Official, "assure.ameli.fr", "assurance-maladie", "ameli.fr",
				[]Code{CodeRegisteredDomain, CodeLoginHost, CodeShortener}},
			link: smsLinkWant{"https://bit.ly/3AmeLi", Official, []Code{CodeRegisteredDomain, CodeLoginHost, CodeShortener}},
		},
		{
			name: "to a lookalike",
			text: "Assurance Maladie: remboursement en attente, confirmez sur bit.ly/remb24",
			want: want{Lookalike, "ameli-remboursement.com", "assurance-maladie", "ameli.fr",
				[]Code{CodeComboSquat, CodeShortener, CodeBrandMention}},
			link: smsLinkWant{"bit.ly/remb24", Lookalike, []Code{CodeComboSquat, CodeShortener}},
		},
		{
			name: "resolver error",
			text: "Votre colis: https://bit.ly/unknown",
			want: want{Suspicious, "bit.ly", "", "", []Code{CodeShortener}},
			link: smsLinkWant{"https://bit.ly/unknown", Suspicious, []Code{CodeShortener}},
		},
		{
			name: "to another shortener",
			text: "Votre colis: https://is.gd/x1",
			want: want{Suspicious, "tinyurl.com", "", "", []Code{CodeShortener}},
			link: smsLinkWant{"https://is.gd/x1", Suspicious, []Code{CodeShortener}},
		},
		{
			name: "to garbage",
			text: "Votre colis: https://cutt.ly/broken",
			want: want{Suspicious, "cutt.ly", "", "", []Code{CodeShortener}},
			link: smsLinkWant{"https://cutt.ly/broken", Suspicious, []Code{CodeShortener}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := c.SMS("", tc.text)
			assertVerdict(t, tc.want, rep.Verdict, rep.Reasons)
			assertLinks(t, []smsLinkWant{tc.link}, rep.Links, rep.Reasons)
		})
	}

	rep := c.SMS("", "https://bit.ly/3AmeLi")
	assert.Equal(t, "https://bit.ly/3AmeLi is a bit.ly link to https://assure.ameli.fr/PortailAS/appmanager/PortailAS/assure",
		rep.Links[0].Reasons[2].Detail)
	rep = c.SMS("", "https://bit.ly/unknown")
	assert.Equal(t, "link https://bit.ly/unknown: the destination of bit.ly links cannot be verified: resolving https://bit.ly/unknown: 404 not found",
		rep.Reasons[0].Detail)

	// Only shortened links go to the resolver, each once per text; a
	// link without a scheme is given as the browser reads it.
	f.calls = nil
	c.SMS("", "https://www.ameli.fr/ example.com bit.ly/remb24 et encore bit.ly/remb24")
	assert.Equal(t, []string{"http://bit.ly/remb24"}, f.calls)

	// Without a resolver, nothing is followed.
	f.calls = nil
	Default().SMS("", "https://bit.ly/3AmeLi")
	assert.Empty(t, f.calls)
}

// slowResolver waits for its context.
type slowResolver struct{ calls int }

func (s *slowResolver) Resolve(ctx context.Context, link string) (string, error) {
	s.calls++
	<-ctx.Done()
	return "", ctx.Err()
}

func TestSMSResolverTimeout(t *testing.T) {
	const timeout = 200 * time.Millisecond
	s := &slowResolver{}
	c, err := New(domains.Default(), WithResolver(s), WithResolveTimeout(timeout))
	require.NoError(t, err)
	rep := c.SMS("", "https://bit.ly/a https://bit.ly/b https://bit.ly/c https://bit.ly/d")
	// All the short links of a text share one deadline: once it has
	// passed, no other link is given to the resolver.
	assert.Equal(t, 1, s.calls)
	require.Len(t, rep.Links, 4)
	for _, l := range rep.Links {
		assert.Equal(t, Suspicious, l.Status)
		assert.Contains(t, l.Reasons[0].Detail, "deadline exceeded")
	}
}
