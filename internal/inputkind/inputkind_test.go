package inputkind

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDetect(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Kind
	}{
		{"https://ameli.fr", URL},
		{"  HTTPS://ameli.fr", URL},
		{"\x01javascript:alert(1)", URL},
		{"ameli.fr/login", URL},
		{`ameli.fr\login`, URL},
		{"ameli.fr?x", URL},
		{"javascript:alert(1)", URL},
		{"ja\tvascript:alert(1)", URL},
		{"ameli.fr", Host},
		{"ameli.fr:443", Host},
		{"[::1]", Host},
		{":x", Host},
		{"", Host},
		{"user@ameli.fr", Email},
		{"Ameli <a@info.ameli.fr>", Email},
		{"mailto:a@ameli.fr", URL},
	} {
		assert.Equal(t, tt.want, Detect(tt.in), "%q", tt.in)
	}
}
