// Package shorteners knows the public URL shorteners and redirectors whose
// links hide their destination: bit.ly, tinyurl.com, t.co, is.gd and some
// sixty more, listed in shorteners.txt (embedded).
//
// A link through one of them cannot be judged offline: the reader sees
// bit.ly, the browser ends up wherever the link's creator chose.
package shorteners

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
)

//go:embed shorteners.txt
var listText string

var (
	// hosts are the listed shorteners; except are the hosts under them
	// that are not ("!maps.app.goo.gl").
	hosts, except = mustParse(listText)
)

// Is reports whether host is a listed shortener or under one
// ("bit.ly", "www.bit.ly", "bit.ly."). host is an ASCII host in lowercase,
// as a URL parser gives it; a trailing dot is ignored.
func Is(host string) bool {
	h := strings.TrimSuffix(host, ".")
	for h != "" {
		if except[h] {
			return false
		}
		if hosts[h] {
			return true
		}
		i := strings.IndexByte(h, '.')
		if i < 0 {
			return false
		}
		h = h[i+1:]
	}
	return false
}

// List returns the listed shorteners, sorted.
func List() []string {
	out := make([]string, 0, len(hosts))
	for h := range hosts {
		out = append(out, h)
	}
	slices.Sort(out)
	return out
}

func mustParse(text string) (map[string]bool, map[string]bool) {
	hosts, except, err := parse(text)
	if err != nil {
		panic("shorteners: " + err.Error())
	}
	return hosts, except
}

// parse reads the list: one host a line, "#" comments, "!" exceptions.
func parse(text string) (hosts, except map[string]bool, err error) {
	hosts, except = make(map[string]bool), make(map[string]bool)
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		set := hosts
		if name, ok := strings.CutPrefix(line, "!"); ok {
			line, set = name, except
		}
		if !validHost(line) {
			return nil, nil, fmt.Errorf("line %d: %q is not a lowercase ASCII host name", n+1, line)
		}
		if hosts[line] || except[line] {
			return nil, nil, fmt.Errorf("line %d: %q is listed twice", n+1, line)
		}
		set[line] = true
	}
	for e := range except {
		if !underListed(e, hosts) {
			return nil, nil, fmt.Errorf("exception %q is under no listed shortener", e)
		}
	}
	return hosts, except, nil
}

func underListed(h string, hosts map[string]bool) bool {
	for {
		i := strings.IndexByte(h, '.')
		if i < 0 {
			return false
		}
		if h = h[i+1:]; hosts[h] {
			return true
		}
	}
}

func validHost(h string) bool {
	if !strings.Contains(h, ".") || len(h) > 253 {
		return false
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}
