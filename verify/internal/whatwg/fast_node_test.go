package whatwg

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The fast reader against Node on random printable-ASCII URLs: the
// differential generator mutates hosts, this one mutates every part around
// them with every printable character, so that each of the fast reader's
// character classes meets the characters just outside it.

const (
	fastNodeCases   = 20000
	fastNodeMinimum = 4000 // of them, accepted by the fast reader
)

// randomPart returns up to max characters, mostly from common, sometimes
// any printable ASCII character, sometimes a dot segment or a
// percent-escape.
func randomPart(r *rand.Rand, common string, max int) string {
	var b strings.Builder
	for n := r.IntN(max + 1); n > 0; n-- {
		switch r.IntN(20) {
		case 0:
			b.WriteByte(byte(0x21 + r.IntN(0x7e-0x21+1)))
		case 1:
			b.WriteString(pick(r, []string{"/.", "/..", "/./", "/../", "%2e", "%2E", "%41", "%zz", "%", ":", "@", "?", "#", "\\\\"}))
		default:
			b.WriteByte(common[r.IntN(len(common))])
		}
	}
	return b.String()
}

func randomFastURL(r *rand.Rand) string {
	const (
		letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
		host    = letters + "..--_"
		path    = letters + "/////.-_~!$&()*+,;=:@%"
	)
	var b strings.Builder
	b.WriteString(pick(r, []string{"https", "http", "HTTPS", "Http", "wss", "ws", "ftp", "file", "foo", "htps"}))
	b.WriteString(pick(r, []string{"://", "://", "://", "://", ":/", ":///", ":"}))
	if r.IntN(4) == 0 {
		b.WriteString(randomPart(r, letters+"-._~!$&()*+,%:", 8))
		b.WriteByte('@')
	}
	b.WriteString(pick(r, []string{"ameli.fr", "assure.ameli.fr", "evil.example", "127.0.0.1", "0x7f.1", "xn--ameli-.fr"}))
	if r.IntN(3) == 0 {
		b.WriteString(randomPart(r, host, 4))
	}
	if r.IntN(4) == 0 {
		b.WriteString(":" + pick(r, []string{"", "0", "21", "80", "443", "8080", "080", "65535", "65536", "x"}))
	}
	if r.IntN(5) != 0 {
		b.WriteString("/" + randomPart(r, path, 24))
	}
	if r.IntN(2) == 0 {
		b.WriteString("?" + randomPart(r, path+"?", 16))
	}
	if r.IntN(3) == 0 {
		b.WriteString("#" + randomPart(r, path+"?", 12))
	}
	return b.String()
}

func TestDifferentialFastNode(t *testing.T) {
	node := nodeOrSkip(t)
	r := rand.New(rand.NewPCG(diffSeed1, 2))
	seen := map[string]bool{}
	var inputs []string
	for len(inputs) < fastNodeCases {
		if s := randomFastURL(r); !seen[s] {
			seen[s] = true
			inputs = append(inputs, s)
		}
	}
	out := runNode(t, node, inputs)
	accepted, printed := 0, 0
	for i, in := range inputs {
		f, ok := readFast(in)
		if !ok {
			continue
		}
		accepted++
		n := out.Results[i]
		if n.OK && n.Protocol == f.Scheme+":" && n.Username == f.Username && n.Password == f.Password &&
			n.Hostname == f.Host && n.Port == f.Port && n.Pathname == f.Path &&
			n.Search == prefixed("?", f.Query) && n.Hash == prefixed("#", f.Fragment) {
			continue
		}
		if printed++; printed <= diffMaxPrinted {
			t.Errorf("%+q: the fast reader reads %+v, Node %+v", in, f, n)
		}
	}
	t.Logf("node %s: the fast reader accepts %d of %d random URLs and reads each as Node does", out.Node, accepted, len(inputs))
	assert.Zero(t, printed, "disagreements")
	require.GreaterOrEqual(t, accepted, fastNodeMinimum)
}
