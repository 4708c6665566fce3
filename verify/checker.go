// Package verify answers, for a host, a URL, an email sender, a whole message
// or a text message, whether it really comes from an official French
// health-insurance body of the [domains] registry, or imitates one.
//
// A [Checker] is built once from a registry and is safe for concurrent use.
// Every check returns a [Verdict]: a [Status] (official, lookalike,
// suspicious, unknown, invalid), the ASCII host a browser would connect to,
// the organisation and official domain concerned, and [Reason]s with stable
// codes.
//
// Hosts and URLs are read exactly as the WHATWG URL Standard reads them,
// because the worst bug a verifier can have is to judge one host while the
// browser opens another. Official means the host provably belongs to a
// registered domain; anything that cannot be read is Invalid, never
// Official.
package verify

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/internal/suffixset"
	"github.com/vigie-sante/vigie/verify/internal/lookalike"
	"github.com/vigie-sante/vigie/verify/internal/mention"
)

// A Checker checks hosts, URLs, senders and messages against one registry.
// Build it with [New]; it is immutable and safe for concurrent use. A zero
// Checker (or a nil *Checker) works as [Default].
type Checker struct {
	reg  *domains.Registry
	opts options
	// official holds, for each registered domain and login host, the
	// reasons an official verdict gives, built once so that checking an
	// official host does not allocate.
	official map[string][]Reason
	// brands maps the name part of each registered domain ("ameli" for
	// ameli.fr) to its organisation and domain.
	brands map[string]brand
	// index finds the registered domain a host imitates; targets maps its
	// answers back to the registry.
	index   *lookalike.Index
	targets []target
	// mentions finds organisations named in free text; orgs maps its
	// owners back to the registry.
	mentions *mention.Index
	orgs     []*domains.Organization
	// senderIndex maps the normalised names an SMS sender ID may equal
	// to their organisation.
	senderIndex map[string]smsSenderEntry
	// names finds organisations' names in disguise (look-alike letters,
	// glued or spaced-out words); see namedOrganizations.
	names *nameIndex
	// listed holds every name a host is looked up under before the
	// lookalike index: registered domains, known lookalikes, restricted
	// namespaces. A host none of whose suffixes may be in it, most
	// hosts, skips those lookups.
	listed suffixset.Set
}

type brand struct {
	org    *domains.Organization
	domain string
}

type options struct {
	maxURLLength   int
	maxMessageSize int64
	maxHeaderSize  int
	maxLinks       int
	maxTextLength  int
	trustedAuthIDs map[string]bool
	resolver       Resolver
	resolveTimeout time.Duration
	lookalike      lookalike.Options
}

// Default limits on input, each changed by an option.
const (
	// DefaultMaxMessageSize bounds a message read by Message: mail
	// gateways commonly refuse more than 25 MB, and the links of a
	// phishing mail sit in its first kilobytes.
	DefaultMaxMessageSize = 25 << 20
	// DefaultMaxHeaderSize bounds a message's header section.
	DefaultMaxHeaderSize = 256 << 10
	// DefaultMaxLinks bounds the links checked in one message or text.
	DefaultMaxLinks = 200
	// DefaultMaxTextLength bounds the text of an SMS (the longest
	// concatenated SMS is about 1,600 characters).
	DefaultMaxTextLength = 64 << 10
)

// WithMaxMessageSize sets the largest message, in bytes, that Message reads;
// a larger one is Invalid (too-long), read no further than the limit.
func WithMaxMessageSize(n int64) Option {
	return func(o *options) error {
		if n < 1024 {
			return fmt.Errorf("verify: max message size %d is too small", n)
		}
		o.maxMessageSize = n
		return nil
	}
}

// WithMaxHeaderSize sets the largest header section, in bytes, of a
// message.
func WithMaxHeaderSize(n int) Option {
	return func(o *options) error {
		if n < 1024 {
			return fmt.Errorf("verify: max header size %d is too small", n)
		}
		o.maxHeaderSize = n
		return nil
	}
}

// WithMaxLinks sets how many links of one message or text are checked;
// the rest are counted in a too-many-links reason.
func WithMaxLinks(n int) Option {
	return func(o *options) error {
		if n < 1 {
			return fmt.Errorf("verify: max links %d is too small", n)
		}
		o.maxLinks = n
		return nil
	}
}

// WithMaxTextLength sets the longest SMS text, in bytes, that is checked.
func WithMaxTextLength(n int) Option {
	return func(o *options) error {
		if n < 160 {
			return fmt.Errorf("verify: max text length %d is too small", n)
		}
		o.maxTextLength = n
		return nil
	}
}

// WithTrustedAuthServIDs sets the authserv-ids whose Authentication-Results
// headers (RFC 8601) Message believes: those your own MTA, OpenDMARC or
// rspamd write. Any other such header is ignored, since anyone can add one
// to a message. With none, DMARC results are never used.
func WithTrustedAuthServIDs(ids ...string) Option {
	return func(o *options) error {
		o.trustedAuthIDs = make(map[string]bool, len(ids))
		for _, id := range ids {
			if id = strings.ToLower(strings.TrimSpace(id)); id == "" {
				return fmt.Errorf("verify: empty authserv-id")
			}
			o.trustedAuthIDs[id] = true
		}
		return nil
	}
}

// An Option configures a Checker.
type Option func(*options) error

// DefaultMaxURLLength is the default limit on a URL's length, in bytes:
// far above any real link (tracking links run to a few kilobytes), far below
// the point where parsing becomes a cost.
const DefaultMaxURLLength = 32 << 10

// WithMaxURLLength sets the longest URL, in bytes, that is parsed; longer
// ones are Invalid with the code too-long.
func WithMaxURLLength(n int) Option {
	return func(o *options) error {
		if n < 16 {
			return fmt.Errorf("verify: max URL length %d is too small", n)
		}
		o.maxURLLength = n
		return nil
	}
}

// WithEditDistance sets from which length (in characters) of an official
// label a typo of one edit, and of two edits, makes a lookalike. The default
// is 5 and 9: "amelie" is a lookalike of ameli.fr, "mgen" has no typos.
func WithEditDistance(oneFrom, twoFrom int) Option {
	return func(o *options) error {
		if oneFrom < 1 || twoFrom < oneFrom {
			return fmt.Errorf("verify: edit distance thresholds %d, %d: want 1 ≤ one ≤ two", oneFrom, twoFrom)
		}
		o.lookalike.MinLength1, o.lookalike.MinLength2 = oneFrom, twoFrom
		return nil
	}
}

// WithKeywords replaces the sensitive keywords that, beside an official
// name, make a combo-squat ("compte", "remboursement", ...). The default
// list is verify/internal/lookalike/keywords.txt. Each keyword is one ASCII
// word: New refuses one holding a space, '.', '-' or '_', which split a
// host's words.
func WithKeywords(words []string) Option {
	return func(o *options) error {
		o.lookalike.Keywords = append([]string(nil), words...)
		return nil
	}
}

// New builds a Checker over reg with opts; a nil option is skipped.
func New(reg *domains.Registry, opts ...Option) (*Checker, error) {
	if reg == nil {
		return nil, fmt.Errorf("verify: nil registry")
	}
	c := &Checker{reg: reg, opts: options{
		maxURLLength:   DefaultMaxURLLength,
		maxMessageSize: DefaultMaxMessageSize,
		maxHeaderSize:  DefaultMaxHeaderSize,
		maxLinks:       DefaultMaxLinks,
		maxTextLength:  DefaultMaxTextLength,
		resolveTimeout: DefaultResolveTimeout,
		lookalike:      lookalike.DefaultOptions(),
	}}
	for _, opt := range opts {
		if opt == nil {
			continue // an option left out, as in New(reg, nil)
		}
		if err := opt(&c.opts); err != nil {
			return nil, err
		}
	}
	if err := c.derive(reg); err != nil {
		return nil, err
	}
	return c, nil
}

// Registry returns the registry the checker was built from.
func (c *Checker) Registry() *domains.Registry { return c.orDefault().reg }

// orDefault returns c, or [Default] for a Checker not built by [New] (a
// nil pointer or a zero value), so that one works as the default checker
// instead of crashing on a nil registry.
func (c *Checker) orDefault() *Checker {
	if c == nil || c.reg == nil {
		return Default()
	}
	return c
}

var defaultChecker = sync.OnceValue(func() *Checker {
	c, err := New(domains.Default())
	if err != nil {
		panic("verify: " + err.Error())
	}
	return c
})

// Default returns a Checker over [domains.Default] with default options.
func Default() *Checker { return defaultChecker() }

// Host checks a host on the default registry; see [Checker.Host].
func Host(host string) Verdict { return Default().Host(host) }

// URL checks a URL on the default registry; see [Checker.URL].
func URL(rawURL string) Verdict { return Default().URL(rawURL) }

// Sender checks an email sender on the default registry; see
// [Checker.Sender].
func Sender(from string) Verdict { return Default().Sender(from) }

// Message checks a whole message on the default registry, trusting no
// Authentication-Results; see [Checker.Message].
func Message(r io.Reader) (Report, error) { return Default().Message(r) }

// SMS checks a text message on the default registry; see [Checker.SMS].
func SMS(sender, text string) Report { return Default().SMS(sender, text) }
