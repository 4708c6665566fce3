package verify

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/vigie-sante/vigie/verify/internal/shorteners"
)

// A Resolver follows a shortened link to where it leads, for callers that
// may go on the network: vigie itself never does. Resolve returns the final
// URL of link (after its redirects), or an error.
type Resolver interface {
	Resolve(ctx context.Context, link string) (string, error)
}

// WithResolver lets the checks of messages, texts and templates follow links
// through URL shorteners with r, so that the destination is judged instead
// of the shortener. Without it a shortened link is Suspicious (shortener):
// its destination cannot be verified offline.
func WithResolver(r Resolver) Option {
	return func(o *options) error {
		o.resolver = r
		return nil
	}
}

// DefaultResolveTimeout bounds the time a resolver may take on the short
// links of one message or text, all of them together, so that one full of
// short links costs no more.
const DefaultResolveTimeout = 5 * time.Second

// WithResolveTimeout sets the time a resolver may take on one message or
// text.
func WithResolveTimeout(d time.Duration) Option {
	return func(o *options) error {
		if d <= 0 {
			return fmt.Errorf("verify: resolve timeout %v: want more than 0", d)
		}
		o.resolveTimeout = d
		return nil
	}
}

// judgeLink judges one link of a message or a text. A link through an
// application's browser scheme or a redirector that writes its destination
// in the link is judged by that destination (see unwrap). A link through a
// URL shortener is at least Suspicious, unless a resolver is set, which
// follows it to a destination judged instead.
func (c *Checker) judgeLink(rs *resolution, link string) Verdict {
	return c.judgeLinkDepth(rs, link, 0)
}

func (c *Checker) judgeLinkDepth(rs *resolution, link string, depth int) Verdict {
	if w, ok := unwrap(link); ok {
		return c.judgeWrapped(rs, link, w, depth)
	}
	v := c.URL(link)
	if v.Status == Official || v.Host == "" || !shorteners.Is(v.Host) {
		return v
	}
	short := strings.TrimSuffix(v.Host, ".")
	if rs.resolver == nil {
		return shortenedLink(v, fmt.Sprintf("the destination of %s links cannot be verified offline", short))
	}
	abs := link
	if !hasScheme(abs) {
		abs = "http://" + strings.TrimSpace(abs)
	}
	dest, err := rs.resolve(abs)
	if err != nil {
		return shortenedLink(v, fmt.Sprintf("the destination of %s links cannot be verified: resolving %s: %v",
			short, truncate(link, 100), err))
	}
	d := c.URL(dest)
	if w, ok := unwrap(dest); ok {
		// A short link to a redirector or a browser scheme: judged by
		// where that leads.
		d = c.judgeWrapped(rs, dest, w, depth+1)
	}
	switch {
	case d.Status == Invalid:
		return shortenedLink(v, fmt.Sprintf("%s leads to %s, which cannot be read as a URL (%s)",
			truncate(link, 100), truncate(dest, 200), joinDetails(d.Reasons)))
	case d.Status != Official && d.Host != "" && shorteners.Is(d.Host):
		return shortenedLink(d, fmt.Sprintf("%s leads to %s, another shortener, whose destination was not followed",
			truncate(link, 100), truncate(dest, 200)))
	}
	d.Reasons = append(append([]Reason(nil), d.Reasons...), Reason{CodeShortener,
		fmt.Sprintf("%s is a %s link to %s", truncate(link, 100), short, truncate(dest, 200))})
	return d
}

// shortenedLink makes v, a link through a shortener, at least Suspicious, the
// shortener reason first.
func shortenedLink(v Verdict, detail string) Verdict {
	if Suspicious.Worse(v.Status) {
		v.Status = Suspicious
	}
	v.Reasons = append([]Reason{{CodeShortener, detail}}, v.Reasons...)
	return v
}

func joinDetails(rs []Reason) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.Detail
	}
	return strings.Join(parts, "; ")
}

// A resolution follows the short links of one message or text, each once,
// all within timeout and while the caller's context (parent) lasts.
type resolution struct {
	resolver Resolver
	timeout  time.Duration
	parent   context.Context
	ctx      context.Context
	cancel   context.CancelFunc
	done     map[string]resolved
}

type resolved struct {
	dest string
	err  error
}

func (rs *resolution) resolve(link string) (string, error) {
	if r, ok := rs.done[link]; ok {
		return r.dest, r.err
	}
	if rs.ctx == nil {
		rs.ctx, rs.cancel = context.WithTimeout(rs.parent, rs.timeout)
		rs.done = make(map[string]resolved)
	}
	var r resolved
	if err := rs.ctx.Err(); err != nil {
		r.err = err
	} else {
		r.dest, r.err = rs.resolver.Resolve(rs.ctx, link)
	}
	rs.done[link] = r
	return r.dest, r.err
}

// newResolution returns the resolution of one check made under ctx.
func (c *Checker) newResolution(ctx context.Context) *resolution {
	return &resolution{resolver: c.opts.resolver, timeout: c.opts.resolveTimeout, parent: ctx}
}

func (rs *resolution) close() {
	if rs.cancel != nil {
		rs.cancel()
	}
}
