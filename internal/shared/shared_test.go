package shared

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPathIsInsideTheModule(t *testing.T) {
	// The go command rechecks only files inside the module: the path must
	// go through the link, not resolve to ../shared.
	wd, err := os.Getwd()
	require.NoError(t, err)
	root := strings.TrimSuffix(wd, "/internal/shared")
	assert.True(t, strings.HasPrefix(Path("README.md"), root+"/internal/shared/data/"), Path("README.md"))
}

func TestRead(t *testing.T) {
	data := Read(t, "README.md")
	assert.NotEmpty(t, data)
}

// TestAbsentData runs this test binary again on a file that does not exist:
// skipped by default, a failure under VIGIE_REQUIRE_SHARED=1.
func TestAbsentData(t *testing.T) {
	if os.Getenv("VIGIE_SHARED_TEST_ABSENT") == "1" {
		Read(t, "no/such/file.json")
		t.Error("Read returned for an absent file")
		return
	}
	for _, tt := range []struct {
		require string
		fails   bool
		want    string
	}{
		{"", false, "SKIP"},
		{"1", true, "VIGIE_REQUIRE_SHARED=1"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestAbsentData$", "-test.v")
		cmd.Env = append(os.Environ(), "VIGIE_SHARED_TEST_ABSENT=1", RequireEnv+"="+tt.require)
		out, err := cmd.CombinedOutput()
		if tt.fails {
			assert.Error(t, err, "%s", out)
		} else {
			assert.NoError(t, err, "%s", out)
		}
		assert.Contains(t, string(out), tt.want)
		assert.Contains(t, string(out), "no/such/file.json is absent")
	}
}
