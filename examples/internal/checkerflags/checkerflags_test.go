package checkerflags

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/verify"
)

const overlay = `{"version": "t", "organizations": [{"id": "acme", "name": "ACME", "kind": "insurer",
 "domains": ["example.org"], "confidence": "high", "sources": ["test"]}]}`

func parse(t *testing.T, args ...string) (*Flags, error) {
	t.Helper()
	var f Flags
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f.RegisterRegistry(fs, "")
	f.RegisterAuthServ(fs)
	return &f, fs.Parse(args)
}

func TestFlags(t *testing.T) {
	file := filepath.Join(t.TempDir(), "acme.json")
	require.NoError(t, os.WriteFile(file, []byte(overlay), 0o600))

	f, err := parse(t)
	require.NoError(t, err)
	reg, err := f.LoadRegistry()
	require.NoError(t, err)
	assert.Equal(t, domains.Default().Len(), reg.Len())

	f, err = parse(t, "-registry", file)
	require.NoError(t, err)
	reg, err = f.LoadRegistry()
	require.NoError(t, err)
	assert.Equal(t, domains.Default().Len()+1, reg.Len(), "the overlay adds one organisation")

	f, err = parse(t, "-registry", file, "-registry-only", "-authserv-id", "mx.example.org", "-authserv-id", "dmarc.example.org")
	require.NoError(t, err)
	assert.Equal(t, []string{"mx.example.org", "dmarc.example.org"}, f.AuthServIDs)
	c, err := f.Checker()
	require.NoError(t, err)
	assert.Equal(t, 1, c.Registry().Len())
	assert.Equal(t, verify.Official, c.Host("example.org").Status)

	f, err = parse(t, "-registry-only")
	require.NoError(t, err)
	_, err = f.LoadRegistry()
	assert.ErrorContains(t, err, "-registry-only needs -registry FILE")

	_, err = parse(t, "-authserv-id", " ")
	assert.ErrorContains(t, err, "empty authserv-id")

	f, err = parse(t, "-registry", filepath.Join(t.TempDir(), "missing.json"))
	require.NoError(t, err)
	_, err = f.Checker()
	assert.ErrorIs(t, err, os.ErrNotExist)
}
