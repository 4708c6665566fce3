package textlinks

import (
	"bufio"
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/vigie-sante/vigie/internal/shared"
)

// realworldHosts reads the first column of a corpus of ../shared/realworld
// (from the repository root), or skips the test when it is absent.
func realworldHosts(t *testing.T, name string) []string {
	t.Helper()
	data := shared.Read(t, "realworld/"+name)
	var hosts []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		host, _, _ := strings.Cut(line, "\t")
		hosts = append(hosts, strings.TrimSpace(host))
	}
	return hosts
}

// Every real phishing host and popular site, written in a sentence, is
// found whole; glued to the next word, the host a reader sees comes first.
func TestRealWorldHostsInText(t *testing.T) {
	for _, corpus := range []string{"phish-dev.tsv", "benign-top-sites.txt", "benign-chromium-top.txt"} {
		missed := 0
		for _, h := range realworldHosts(t, corpus) {
			if !strings.Contains(h, ".") || !isTLD(h[strings.LastIndexByte(h, '.')+1:]) {
				continue // a reserved or private suffix: no link finder knows it
			}
			got, _ := Find("Validez sur "+h+" maintenant.", -1)
			glued, _ := Find("Validez sur "+h+".Merci", -1)
			if len(got) != 1 || got[0].Text != h || len(glued) == 0 || glued[0].Text != h {
				missed++
				if missed <= 5 {
					t.Errorf("%s: %q, glued %q", h, texts(got), texts(glued))
				}
			}
		}
		assert.Zero(t, missed, corpus)
	}
}
