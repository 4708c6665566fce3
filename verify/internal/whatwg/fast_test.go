package whatwg

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vigie-sante/vigie/internal/shared"
)

// checkFast compares the fast reader with the reference on one input: where
// the fast reader accepts it, the reference must parse it and agree on every
// field. It reports whether the fast reader accepted it.
func checkFast(t testing.TB, in string) bool {
	t.Helper()
	got, ok := readFast(in)
	if !ok {
		return false
	}
	want, err := parseReference(in)
	if err != nil {
		t.Fatalf("%+q: the fast reader reads %+v, the reference fails: %v", in, got, err)
	}
	if got != want {
		t.Fatalf("%+q:\n\tfast:      %+v\n\treference: %+v", in, got, want)
	}
	return true
}

// urlTestInputs returns every input and every expected href of
// urltestdata.json, each read as an absolute URL: a case with a base still
// makes a URL the fast reader may be given on its own.
func urlTestInputs(t testing.TB) []string {
	raw := urlTestData(t)
	var inputs []string
	for _, r := range raw {
		var c struct {
			Input string `json:"input"`
			Href  string `json:"href"`
		}
		if json.Unmarshal(r, &c) != nil {
			continue // a comment string
		}
		inputs = append(inputs, c.Input)
		if c.Href != "" {
			inputs = append(inputs, c.Href)
		}
	}
	return inputs
}

// fastAcceptFloor is the number of urltestdata.json strings the fast reader
// accepted when the test was written: most cases are odd shapes it leaves
// to the reference, but a change that makes it decline more is a loss of
// speed worth noticing.
const fastAcceptFloor = 150

func TestFastAgreesOnURLTestData(t *testing.T) {
	inputs := urlTestInputs(t)
	accepted := 0
	for _, in := range inputs {
		if checkFast(t, in) {
			accepted++
		}
	}
	t.Logf("urltestdata.json: the fast reader accepts %d of %d inputs and hrefs, and agrees with the reference on all of them", accepted, len(inputs))
	assert.GreaterOrEqual(t, accepted, fastAcceptFloor)
}

// TestFastMatchesURLTestDataExpectations compares the fast reader with
// the standard's own expected answers, field by field, on every case
// without a base that it accepts: a second reference beside the parser.
func TestFastMatchesURLTestDataExpectations(t *testing.T) {
	raw := urlTestData(t)
	accepted := 0
	for _, r := range raw {
		var c struct {
			Input    string  `json:"input"`
			Href     string  `json:"href"`
			Base     *string `json:"base"`
			Failure  bool    `json:"failure"`
			Protocol string  `json:"protocol"`
			Username string  `json:"username"`
			Password string  `json:"password"`
			Hostname string  `json:"hostname"`
			Port     string  `json:"port"`
			Pathname string  `json:"pathname"`
			Search   string  `json:"search"`
			Hash     string  `json:"hash"`
		}
		if json.Unmarshal(r, &c) != nil {
			continue
		}
		// The input, where it is absolute; and the expected href, which
		// parses back to the same URL.
		var ins []string
		if c.Base == nil {
			ins = append(ins, c.Input)
		}
		if !c.Failure {
			ins = append(ins, c.Href)
		}
		for _, in := range ins {
			u, ok := readFast(in)
			if !ok {
				continue
			}
			accepted++
			require.Falsef(t, c.Failure, "%+q: the standard says it fails, the fast reader reads %+v", in, u)
			assert.Equal(t, []string{c.Protocol, c.Username, c.Password, c.Hostname, c.Port, c.Pathname, c.Search, c.Hash},
				[]string{u.Scheme + ":", u.Username, u.Password, u.Host, u.Port, u.Path, prefixed("?", u.Query), prefixed("#", u.Fragment)},
				"%+q", in)
		}
	}
	t.Logf("urltestdata.json: the fast reader accepts %d inputs and hrefs and reads them as the standard expects", accepted)
	assert.Positive(t, accepted)
}

// prefixed is the URL API's serialisation of a query or fragment: "" when
// empty, else with its delimiter.
func prefixed(delim, s string) string {
	if s == "" {
		return ""
	}
	return delim + s
}

// TestFastAgreesOnGeneratedURLs runs the differential generator's URLs
// (official login URLs mutated in every way the Node differential knows)
// through both readers, without Node.
func TestFastAgreesOnGeneratedURLs(t *testing.T) {
	cases := generateDifferentialCases()
	accepted := 0
	for _, c := range cases {
		if checkFast(t, c.input) {
			accepted++
		}
	}
	t.Logf("differential generator: the fast reader accepts %d of %d URLs, and agrees with the reference on all of them", accepted, len(cases))
	assert.Greater(t, accepted, len(cases)/10)
	r := rand.New(rand.NewPCG(diffSeed1, 2))
	accepted = 0
	for range fastNodeCases {
		if checkFast(t, randomFastURL(r)) {
			accepted++
		}
	}
	t.Logf("random printable URLs: the fast reader accepts %d of %d, and agrees with the reference on all of them", accepted, fastNodeCases)
	assert.GreaterOrEqual(t, accepted, fastNodeMinimum)
}

func TestFastShapes(t *testing.T) {
	accept := []string{
		"https://assure.ameli.fr/PortailAS/appmanager/PortailAS/assure?_nfpb=true&_pageLabel=as_login_page",
		"https://espaceclient.axa.fr/connexion?retour=%2Fcompte#haut",
		"HTTPS://Assure.Ameli.FR",
		"http://ameli.fr:8080/x",
		"https://ameli.fr:443/",
		"wss://ameli.fr:0/",
		"ftp://user:pass@ameli.fr/",
		"https://@ameli.fr/",
		"https://assure.ameli.fr@evil.example/",
		"http://127.0.0.1/",
		"http://0x7f.1/",
		"https://xn--ameli-.fr/",
		"https://ameli.fr/a/b.c/d?x=1&y=/z?#f/g?h",
		"https://ameli.fr?q",
		"https://ameli.fr#f",
		"https://www.example.com/a|b/[c]?f[]=1&g={x}|y^z`#'top'|[]{}^",
	}
	for _, in := range accept {
		assert.True(t, checkFast(t, in), "the fast reader should read %+q", in)
	}
	decline := []string{
		"",
		" https://ameli.fr/",
		"https://ameli.fr/ ",
		"ht\ttps://ameli.fr/",
		"https://ameli.fr\n/",
		"https:ameli.fr",
		"https:/ameli.fr",
		"https:///ameli.fr",
		"https:\\\\ameli.fr",
		"https://ameli.fr\\x",
		"https://améli.fr/",
		"https://am%65li.fr/",
		"https://[::1]/",
		"https://a@b@ameli.fr/",
		"https://u:p:q@ameli.fr/",
		"https://u;p@ameli.fr/",
		"https://ameli.fr:080/",
		"https://ameli.fr:99999/",
		"https://ameli.fr:x/",
		"https://ameli.fr/a/../b",
		"https://ameli.fr/a/./b",
		"https://ameli.fr/%2e%2E/b",
		"https://ameli.fr/a^b",
		"https://ameli.fr/?a'b",
		"https://ameli.fr/#a`b",
		"https://ameli.fr/#a#b",
		"https://xn--.fr/",
		"https://ameli.fr.0x1/",
		"https://a_b!c.fr/",
		"file:///etc/passwd",
		"mailto:a@ameli.fr",
		"javascript:alert(1)",
		"https://ameli.fr/" + strings.Repeat("a/", MaxSegments),
		"https://" + strings.Repeat("a", MaxAuthority) + "@ameli.fr/",
	}
	for _, in := range decline {
		_, ok := readFast(in)
		assert.False(t, ok, "the fast reader should leave %.60q to the reference", in)
	}
}

func TestFastDoesNotAllocate(t *testing.T) {
	for _, in := range []string{
		"https://assure.ameli.fr/PortailAS/appmanager/PortailAS/assure?_nfpb=true&_pageLabel=as_login_page",
		"https://user:pass@www.example.com:8443/a/b?c=d#e",
	} {
		allocs := testing.AllocsPerRun(100, func() {
			if _, ok := readFast(in); !ok {
				t.Fatalf("%q declined", in)
			}
		})
		assert.Zero(t, allocs, in)
	}
}

// fuzzCorpus returns the inputs of a Go fuzz corpus directory: files of
// "go test fuzz v1" and one string(...) value.
func fuzzCorpus(dir string) []string {
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			line := sc.Text()
			if v, ok := strings.CutPrefix(line, "string("); ok {
				if s, err := strconv.Unquote(strings.TrimSuffix(v, ")")); err == nil {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// FuzzFastVsReference is the differential between the two readers: where
// the fast reader accepts an input, the reference must read it the same,
// field by field. Seeds: urltestdata.json (inputs and hrefs), the
// differential generator's URLs, the other fuzz targets' seeds and the
// corpora of this package and of verify.
func FuzzFastVsReference(f *testing.F) {
	for _, s := range []string{"https://assure.ameli.fr@evil.example/", "https:\\\\ameli.fr\\x", "  http://0x7f.1/\t",
		"https://xn--ameli-.fr/", "file://localhost/x", "javascript:alert(1)", "https://[::1]:8443/",
		"https://ameli.fr:443/a/b?c=d#e", "HTTP://AMELI.FR", "wss://u:p@h:0/%2e/"} {
		f.Add(s)
	}
	if _, err := os.Stat(shared.Path("conformance/urltestdata.json")); err == nil || os.Getenv(shared.RequireEnv) == "1" {
		for _, s := range urlTestInputs(f) {
			f.Add(s)
		}
	}
	for i, c := range generateDifferentialCases() {
		if i%50 == 0 { // a sample: the full set is TestFastAgreesOnGeneratedURLs
			f.Add(c.input)
		}
	}
	for _, dir := range []string{"testdata/fuzz/FuzzParseURL", "testdata/fuzz/FuzzFastVsReference", "../../testdata/fuzz/FuzzURL"} {
		for _, s := range fuzzCorpus(dir) {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkFast(t, in)
	})
}
