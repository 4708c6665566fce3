// Package namespaces holds two facts about who controls a name, each a list
// with a source per entry: the hosting platforms whose customers get a
// subdomain of the platform's domain (hosting.txt, beside the Public Suffix
// List's private section), and the restricted namespaces where only one
// authority registers names (restricted.txt: gouv.fr).
package namespaces

import (
	_ "embed"
	"maps"
	"slices"
	"strings"

	"github.com/vigie-sante/vigie/internal/suffixset"
)

var (
	//go:embed hosting.txt
	hostingFile string
	//go:embed restricted.txt
	restrictedFile string
)

var (
	hosting    = parse(hostingFile)
	restricted = parse(restrictedFile)
	// restrictedSet spares most hosts, under no restricted namespace, a
	// map lookup per suffix.
	restrictedSet = suffixset.New(slices.Collect(maps.Keys(restricted)))
)

// parse reads "suffix<TAB>source" lines, skipping comments and blanks.
func parse(file string) map[string]string {
	m := make(map[string]string)
	for _, line := range strings.Split(file, "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		suffix, source, _ := strings.Cut(line, "\t")
		m[strings.ToLower(strings.TrimSpace(suffix))] = strings.TrimSpace(source)
	}
	return m
}

// IsHosting reports whether domain, a registrable domain, is a hosting
// platform, dynamic DNS or free subdomain provider of hosting.txt.
func IsHosting(domain string) bool {
	_, ok := hosting[domain]
	return ok
}

// Restricted returns the restricted namespace host falls under, and the
// source that says so, or ok false.
func Restricted(host string) (suffix, source string, ok bool) {
	host = strings.TrimSuffix(host, ".")
	if !restrictedSet.MayHoldSuffix(host) {
		return "", "", false
	}
	for rest := host; ; {
		if src, ok := restricted[rest]; ok && rest != host {
			return rest, src, true
		}
		_, after, more := strings.Cut(rest, ".")
		if !more {
			return "", "", false
		}
		rest = after
	}
}

// Sources lists every entry of both lists with its source, for
// documentation and tests.
func Sources() (hostingSources, restrictedSources map[string]string) {
	return clone(hosting), clone(restricted)
}

func clone(m map[string]string) map[string]string {
	c := make(map[string]string, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}
