package verify

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/domains"
)

// cancellingReader serves an endless message body and cancels the check's
// context after its first read.
type cancellingReader struct {
	cancel context.CancelFunc
	reads  int
}

func (r *cancellingReader) Read(p []byte) (int, error) {
	r.reads++
	if r.reads == 1 {
		r.cancel()
		return copy(p, "From: a@example.org\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nhttps://ameli.fr\r\n--b\r\n"), nil
	}
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

func TestMessageContextStopsReading(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	r := &cancellingReader{cancel: cancel}
	rep, err := Default().MessageContext(ctx, r)
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, Report{}, rep, "a check cut short gives no verdict")
	// Without the context the endless body would be read to the 25 MB
	// limit, thousands of reads.
	assert.Equal(t, 1, r.reads)
}

func TestContextDoneBeforeTheCheck(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c := Default()
	r := &cancellingReader{cancel: cancel}
	_, err := c.MessageContext(ctx, r)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, r.reads)
	_, err = c.SMSContext(ctx, "AMELI", "ameli.fr")
	assert.ErrorIs(t, err, context.Canceled)
	_, err = c.LinksContext(ctx, "ameli.fr")
	assert.ErrorIs(t, err, context.Canceled)
}

// cancellingResolver cancels the caller's context, then waits for its own:
// it returns only if its context derives from the caller's.
type cancellingResolver struct {
	cancel context.CancelFunc
	calls  int
}

func (r *cancellingResolver) Resolve(ctx context.Context, link string) (string, error) {
	r.calls++
	r.cancel()
	<-ctx.Done()
	return "", ctx.Err()
}

func TestContextStopsResolving(t *testing.T) {
	const text = "https://bit.ly/a https://bit.ly/b https://tinyurl.com/c"
	for name, check := range map[string]func(*Checker, context.Context) error{
		"SMS": func(c *Checker, ctx context.Context) error {
			_, err := c.SMSContext(ctx, "", text)
			return err
		},
		"Links": func(c *Checker, ctx context.Context) error {
			_, err := c.LinksContext(ctx, text)
			return err
		},
		"Message": func(c *Checker, ctx context.Context) error {
			_, err := c.MessageContext(ctx, strings.NewReader("From: a@example.org\r\n\r\n"+text+"\r\n"))
			return err
		},
	} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			r := &cancellingResolver{cancel: cancel}
			// A resolve timeout far longer than a test may run: only the
			// caller's cancellation can end the wait.
			c, err := New(domains.Default(), WithResolver(r), WithResolveTimeout(1<<40))
			require.NoError(t, err)
			err = check(c, ctx)
			require.ErrorIs(t, err, context.Canceled)
			assert.False(t, errors.Is(err, context.DeadlineExceeded))
			assert.Equal(t, 1, r.calls, "no short link is followed once the context is done")
		})
	}
}

func TestContextVariantsAgree(t *testing.T) {
	c := Default()
	ctx := context.Background()
	const text = "AMELI: renouvelez votre carte Vitale sur ameli-carte-vitale.com ou https://www.ameli.fr"
	sms, err := c.SMSContext(ctx, "AMELI", text)
	require.NoError(t, err)
	assert.Equal(t, c.SMS("AMELI", text), sms)
	links, err := c.LinksContext(ctx, text)
	require.NoError(t, err)
	assert.Equal(t, c.Links(text), links)
	const msg = "From: Assurance Maladie <ne-pas-repondre@info.ameli.fr>\r\nSubject: x\r\n\r\n" + text + "\r\n"
	rep, err := c.MessageContext(ctx, strings.NewReader(msg))
	require.NoError(t, err)
	want, err := c.Message(strings.NewReader(msg))
	require.NoError(t, err)
	assert.Equal(t, want, rep)
	assert.Equal(t, Lookalike, rep.Status)
}
