package verify

import (
	"context"
	"fmt"
	"io"
)

// The checks of a host, a URL or a sender take no context: they read no
// stream, make no network call and end within microseconds. The checks that
// can take longer have a variant with one.

// MessageContext is [Checker.Message] under ctx. When ctx is done, reading
// the message fails at its next read of r (between MIME parts and inside
// long ones) and short links are no longer followed (a [Resolver]'s context
// is derived from ctx); MessageContext then returns an error wrapping
// ctx.Err() and no verdict: a check cut short has no answer, and the
// caller decides what that means (a mail filter defers the message).
func (c *Checker) MessageContext(ctx context.Context, r io.Reader) (Report, error) {
	return underContext(ctx, func() (Report, error) { return c.readMessage(ctx, r, Envelope{}) })
}

// SMSContext is [Checker.SMS] under ctx: once ctx is done, short links are
// no longer followed, and an error wrapping ctx.Err() is returned instead
// of a verdict.
func (c *Checker) SMSContext(ctx context.Context, sender, text string) (Report, error) {
	return underContext(ctx, func() (Report, error) { return c.sms(ctx, sender, text), nil })
}

// LinksContext is [Checker.Links] under ctx: once ctx is done, short links
// are no longer followed, and an error wrapping ctx.Err() is returned
// instead of the links.
func (c *Checker) LinksContext(ctx context.Context, text string) ([]Link, error) {
	return underContext(ctx, func() ([]Link, error) { return c.links(ctx, text), nil })
}

// underContext runs check unless ctx is already done, and discards its
// answer if ctx is done when it ends: what was judged after that point was
// judged without its short links followed or its text read.
func underContext[T any](ctx context.Context, check func() (T, error)) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, fmt.Errorf("verify: check stopped: %w", err)
	}
	v, err := check()
	if cerr := ctx.Err(); cerr != nil {
		return zero, fmt.Errorf("verify: check stopped: %w", cerr)
	}
	return v, err
}
