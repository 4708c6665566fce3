// Package shared gives tests the project's read-only data: conformance
// suites, real-world corpora, the researched registry, Unicode files. They
// live in a directory named shared beside the repository (../shared from
// its root), are not committed, and are reached through the symbolic link
// internal/shared/data.
//
// Reading them through that link, inside the module, is what lets the go
// command's test cache see them: it rechecks the files a test opened only
// when their path is inside the module, so a test that read ../shared
// directly would stay "(cached)", skipped, after the data was added.
//
// Where the data is absent, a test that needs it is skipped with a clear
// message, unless VIGIE_REQUIRE_SHARED=1 (set by CI), which makes it a
// failure.
package shared

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// RequireEnv is the environment variable that makes absent data a failure.
const RequireEnv = "VIGIE_REQUIRE_SHARED"

// Path returns the path of rel (slash-separated, such as
// "conformance/urltestdata.json") in the shared data, through the link
// inside the module.
func Path(rel string) string {
	return filepath.Join(dataDir(), filepath.FromSlash(rel))
}

// dataDir is the link's path: beside this file when the test binary knows
// where its sources are, else found from the working directory (a test
// runs in its package's directory) by going up to go.mod.
func dataDir() string {
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		return filepath.Join(filepath.Dir(file), "data")
	}
	dir, err := os.Getwd()
	if err != nil {
		return "data"
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "internal", "shared", "data")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "data"
		}
		dir = parent
	}
}

// Read returns the contents of rel in the shared data. Where it is absent,
// the test is skipped, or fails under VIGIE_REQUIRE_SHARED=1.
func Read(t testing.TB, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(Path(rel))
	if errors.Is(err, fs.ErrNotExist) {
		Absent(t, rel)
	}
	if err != nil {
		t.Fatalf("reading shared data %s: %v", rel, err)
	}
	return data
}

// Absent skips the test for want of rel, or fails it under
// VIGIE_REQUIRE_SHARED=1.
func Absent(t testing.TB, rel string) {
	t.Helper()
	msg := "shared data " + rel + " is absent (../shared is not beside the repository)"
	if os.Getenv(RequireEnv) == "1" {
		t.Fatal(msg + " and " + RequireEnv + "=1")
	}
	t.Skip(msg + "; skipping (" + RequireEnv + "=1 makes this a failure)")
}
