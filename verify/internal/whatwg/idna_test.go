package whatwg

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestHasACELabel(t *testing.T) {
	for _, tc := range []struct {
		host string
		want bool
	}{
		{"xn--amli-bpa.fr", true},
		{"www.XN--amli-bpa.fr", true},
		{"a.Xn--", true},
		{"axn--b.fr", false},
		{"a.xn-", false},
		{"x.n--b", false},
		{"xn-.-b", false},
		{"", false},
		{"ameli.fr", false},
	} {
		assert.Equal(t, tc.want, HasACELabel(tc.host), tc.host)
	}
}
