package uts39

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/internal/shared"
)

// dataLines reads one data file, checks its provenance against what
// gen.go recorded, and returns the data fields of each non-comment line.
func dataLines(t *testing.T, name string) [][]string {
	t.Helper()
	// The UTS #39 files are not committed to the repository.
	raw := shared.Read(t, "unicode/"+name)

	var want *sourceFile
	for i := range sourceFiles {
		if sourceFiles[i].name == name {
			want = &sourceFiles[i]
		}
	}
	require.NotNil(t, want, "tables.go records no provenance for %s", name)
	sum := sha256.Sum256(raw)
	assert.Equal(t, want.sha256, hex.EncodeToString(sum[:]), "%s changed since tables.go was generated: run go generate", name)

	var rows [][]string
	sc := bufio.NewScanner(strings.NewReader(strings.TrimPrefix(string(raw), "\uFEFF")))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "# Version: "):
			assert.Equal(t, Version, strings.TrimPrefix(line, "# Version: "), name)
		case strings.HasPrefix(line, "# Date: "):
			assert.Equal(t, want.date, strings.TrimPrefix(line, "# Date: "), name)
		}
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, ";")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		rows = append(rows, f)
	}
	require.NoError(t, sc.Err())
	require.NotEmpty(t, rows)
	return rows
}

func hexRune(t *testing.T, s string) rune {
	t.Helper()
	v, err := strconv.ParseUint(s, 16, 32)
	require.NoError(t, err, s)
	return rune(v)
}

func hexRange(t *testing.T, s string) (lo, hi rune) {
	t.Helper()
	a, b, ok := strings.Cut(s, "..")
	lo = hexRune(t, a)
	hi = lo
	if ok {
		hi = hexRune(t, b)
	}
	return lo, hi
}

func TestConfusablesMatchData(t *testing.T) {
	rows := dataLines(t, "confusables.txt")
	want := make(map[rune]string, len(rows))
	for _, f := range rows {
		require.Len(t, f, 3)
		var p strings.Builder
		for _, h := range strings.Fields(f[1]) {
			p.WriteRune(hexRune(t, h))
		}
		want[hexRune(t, f[0])] = p.String()
	}
	require.Len(t, confusableKeys, len(want))
	for r := rune(0); r <= maxRune; r++ {
		got, ok := prototype(r)
		w, wok := want[r]
		if ok != wok || got != w {
			require.Equal(t, w, got, "prototype of %U", r)
			require.Equal(t, wok, ok, "%U has a prototype", r)
		}
	}
}

func TestIdentifierTypeMatchesData(t *testing.T) {
	rows := dataLines(t, "IdentifierType.txt")
	bit := make(map[string]Type)
	for i, n := range typeNames {
		bit[n] = 1 << i
	}
	want := make([]Type, maxRune+1)
	for _, f := range rows {
		require.Len(t, f, 2)
		lo, hi := hexRange(t, f[0])
		var v Type
		for _, n := range strings.Fields(f[1]) {
			b, ok := bit[n]
			require.True(t, ok, "unknown Identifier_Type %q", n)
			v |= b
		}
		for r := lo; r <= hi; r++ {
			want[r] = v
		}
	}
	for r := rune(0); r <= maxRune; r++ {
		if got := TypeOf(r); got != want[r] {
			require.Equal(t, want[r], got, "Identifier_Type of %U", r)
		}
	}
}

func TestIdentifierStatusMatchesData(t *testing.T) {
	rows := dataLines(t, "IdentifierStatus.txt")
	want := make([]bool, maxRune+1)
	n := 0
	for _, f := range rows {
		require.Len(t, f, 2)
		require.Equal(t, "Allowed", f[1])
		lo, hi := hexRange(t, f[0])
		for r := lo; r <= hi; r++ {
			want[r] = true
			n++
		}
	}
	got := 0
	for r := rune(0); r <= maxRune; r++ {
		if IsAllowed(r) {
			got++
		}
		if IsAllowed(r) != want[r] {
			require.Equal(t, want[r], IsAllowed(r), "Identifier_Status of %U", r)
		}
	}
	assert.Equal(t, n, got)
}

func TestSourceFilesRecorded(t *testing.T) {
	names := make([]string, 0, len(sourceFiles))
	for _, f := range sourceFiles {
		names = append(names, f.name)
		assert.Len(t, f.sha256, 64, f.name)
		assert.NotEmpty(t, f.date, f.name)
	}
	assert.Equal(t, []string{"confusables.txt", "IdentifierStatus.txt", "IdentifierType.txt"}, names)
	assert.Equal(t, "17.0.0", Version)
}
