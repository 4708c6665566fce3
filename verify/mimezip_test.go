package verify

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStrayDirectoryEndCost checks that an entry holding many
// end-of-directory records, behind many other entries, is looked at once
// per entry: each record was checked against every entry (reading its
// local header again), 1.8 million allocations for 2,000 records behind
// 900 entries, minutes for a 16 MB archive. The search still finds a
// record outside every entry.
func TestStrayDirectoryEndCost(t *testing.T) {
	for _, tc := range []struct {
		name  string
		stray bool
	}{
		{"records inside the last entry", false},
		{"a record outside the entries", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			w := zip.NewWriter(&buf)
			for i := range 900 {
				f, err := w.CreateHeader(&zip.FileHeader{Name: "page" + strings.Repeat("x", i%7) + ".txt", Method: zip.Store})
				require.NoError(t, err)
				_, err = f.Write([]byte("x"))
				require.NoError(t, err)
			}
			f, err := w.CreateHeader(&zip.FileHeader{Name: "big.bin", Method: zip.Store})
			require.NoError(t, err)
			_, err = f.Write([]byte(strings.Repeat(zipDirectoryEnd, 2000)))
			require.NoError(t, err)
			require.NoError(t, w.Close())
			data := buf.Bytes()
			if tc.stray {
				// An archive's end written before this one's: the
				// readers disagree on what the file holds.
				data = append([]byte(zipDirectoryEnd+strings.Repeat("\x00", 18)), data...)
			}
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			require.NoError(t, err)
			assert.Equal(t, tc.stray, strayDirectoryEnd(data, zr.File))
			allocs := testing.AllocsPerRun(1, func() { strayDirectoryEnd(data, zr.File) })
			assert.Less(t, allocs, float64(10*len(zr.File)), "allocations grow with the records, not the entries")
		})
	}
}
