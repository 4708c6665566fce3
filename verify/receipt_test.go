package verify

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadReceiptAddresses checks that the address a read receipt goes
// to is judged as a link of the message: outside the registered
// organisations, a proven message is not official; a lookalike one is a
// lookalike; the sender's own leaves it official.
func TestReadReceiptAddresses(t *testing.T) {
	c := mailChecker(t)
	for _, tc := range []struct {
		field string
		want  Status
		code  Code
	}{
		{"Disposition-Notification-To: <suivi@evil.example>", Unknown, CodeUnverifiedLink},
		{"Disposition-Notification-To: Service <suivi@evil.example>, <rdv@info.ameli.fr>", Unknown, CodeUnverifiedLink},
		{"Return-Receipt-To: suivi@evil.example", Unknown, CodeUnverifiedLink},
		{"Disposition-Notification-To: suivi@ameli-aide.com", Lookalike, CodeComboSquat},
		{"Disposition-Notification-To: suivi@evil.example (unclosed", Unknown, CodeUnverifiedLink},
		{"Disposition-Notification-To: <rdv@info.ameli.fr>", Official, CodeDMARCPass},
	} {
		t.Run(tc.field, func(t *testing.T) {
			rep, err := c.Message(strings.NewReader(provenHead + tc.field + "\r\n\r\nVotre espace : https://www.ameli.fr/\r\n"))
			require.NoError(t, err)
			assert.Equal(t, tc.want, rep.Status, "%v", rep.Reasons)
			assert.True(t, rep.Has(tc.code), "want %s: %v", tc.code, rep.Reasons)
		})
	}
}
