// Copyright 2025 The vigie authors.
//
// The Unicode data files read by this program are © Unicode, Inc. and are
// distributed under the Unicode License v3: https://www.unicode.org/license.txt

//go:build ignore

// gen.go generates tables.go from the UTS #39 data files confusables.txt,
// IdentifierStatus.txt and IdentifierType.txt, plus the script tables of
// Go's unicode package.
//
// Usage (from this directory):
//
//	go run gen.go [-data ../../../../shared/unicode] [-version 17.0.0] [-out tables.go]
//
// The program refuses to write anything when a file's header does not have
// the expected shape, when the three files disagree on the Unicode version,
// when that version is not the one given by -version, or when a data line
// cannot be parsed. Upgrading the data is therefore a deliberate act: drop
// the new files in place and pass (or change the default of) -version.
package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var (
	dataDir = flag.String("data", "../../../../shared/unicode", "directory holding the UTS #39 data files")
	version = flag.String("version", "17.0.0", "Unicode version the data files must declare")
	outFile = flag.String("out", "tables.go", "output file")
)

// typeNames lists the Identifier_Type values in bit order. It must match the
// Type constants of the package; the package tests check it against the data.
var typeNames = []string{
	"Recommended",
	"Inclusion",
	"Uncommon_Use",
	"Technical",
	"Obsolete",
	"Limited_Use",
	"Exclusion",
	"Not_XID",
	"Not_NFKC",
	"Default_Ignorable",
	"Deprecated",
}

func typeBit(name string) uint16 {
	for i, n := range typeNames {
		if n == name {
			return 1 << i
		}
	}
	log.Fatalf("no Identifier_Type %q", name)
	return 0
}

const (
	maxRune   = 0x10FFFF
	typeBits  = 11 // bits of a Type packed under a range start
	keyBits   = 21 // bits of a code point in a packed key
	scriptBit = 8  // bits of a script index packed under a range start
)

// Pseudo-scripts of UTS #39 section 5.1 ("augmented script sets"), appended
// after the real scripts.
var pseudoScripts = []string{"Han_with_Bopomofo", "Japanese", "Korean"}

type source struct {
	name, date, version, sum string
	lines                    []string // data lines, comments stripped, with line numbers kept in lineNos
	lineNos                  []int
	missing                  []string // values of "# @missing:" lines
}

var (
	versionRE = regexp.MustCompile(`^# Version: (\d+\.\d+\.\d+)$`)
	dateRE    = regexp.MustCompile(`^# Date: (\d{4}-\d{2}-\d{2}, \d{2}:\d{2}:\d{2} GMT)$`)
	missingRE = regexp.MustCompile(`^# @missing: 0000\.\.10FFFF; *(\S+)$`)
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	flag.Parse()

	conf := readSource("confusables.txt")
	status := readSource("IdentifierStatus.txt")
	types := readSource("IdentifierType.txt")
	for _, s := range []*source{conf, status, types} {
		if s.version != *version {
			log.Fatalf("%s declares Unicode version %q, want %q (pass -version to upgrade deliberately)", s.name, s.version, *version)
		}
	}
	if got := strings.Join(status.missing, ","); got != "Restricted" {
		log.Fatalf("IdentifierStatus.txt: @missing value %q, want Restricted", got)
	}
	if got := strings.Join(types.missing, ","); got != "Not_Character" {
		log.Fatalf("IdentifierType.txt: @missing value %q, want Not_Character", got)
	}

	protos := parseConfusables(conf)
	typeOf := parseTypes(types)
	allowed := parseStatus(status)
	scriptNames, scriptOf := buildScripts()

	var b bytes.Buffer
	writeHeader(&b, conf, status, types)
	writeConfusables(&b, protos, typeOf)
	writeTypes(&b, typeOf)
	writeStatus(&b, allowed)
	writeScripts(&b, scriptNames, scriptOf)

	src, err := format.Source(b.Bytes())
	if err != nil {
		os.WriteFile(*outFile+".broken", b.Bytes(), 0o644)
		log.Fatalf("formatting output: %v (unformatted output in %s.broken)", err, *outFile)
	}
	if err := os.WriteFile(*outFile, src, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s (%d bytes): %d confusables, %d type ranges, %d status bounds, %d script ranges",
		*outFile, len(src), len(protos), countRuns(typeOf[:]), countRuns(allowed[:]), countRuns(scriptOf[:]))
}

func readSource(name string) *source {
	raw, err := os.ReadFile(filepath.Join(*dataDir, name))
	if err != nil {
		log.Fatal(err)
	}
	sum := sha256.Sum256(raw)
	s := &source{name: name, sum: hex.EncodeToString(sum[:])}
	raw = bytes.TrimPrefix(raw, []byte("\uFEFF"))
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), " \t\r")
		if n == 1 && line != "# "+name {
			log.Fatalf("%s:1: first line is %q, want %q", name, line, "# "+name)
		}
		if strings.HasPrefix(line, "#") {
			if m := versionRE.FindStringSubmatch(line); m != nil {
				if s.version != "" {
					log.Fatalf("%s:%d: second Version line", name, n)
				}
				s.version = m[1]
			} else if strings.HasPrefix(line, "# Version") {
				log.Fatalf("%s:%d: malformed Version line %q", name, n, line)
			}
			if m := dateRE.FindStringSubmatch(line); m != nil {
				if s.date != "" {
					log.Fatalf("%s:%d: second Date line", name, n)
				}
				s.date = m[1]
			} else if strings.HasPrefix(line, "# Date") {
				log.Fatalf("%s:%d: malformed Date line %q", name, n, line)
			}
			if m := missingRE.FindStringSubmatch(line); m != nil {
				s.missing = append(s.missing, m[1])
			}
			continue
		}
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		s.lines = append(s.lines, line)
		s.lineNos = append(s.lineNos, n)
	}
	if err := sc.Err(); err != nil {
		log.Fatalf("%s: %v", name, err)
	}
	if s.version == "" || s.date == "" {
		log.Fatalf("%s: no Version or Date line in the header", name)
	}
	return s
}

func fields(s *source, i, want int) []string {
	f := strings.Split(s.lines[i], ";")
	if len(f) != want {
		log.Fatalf("%s:%d: %d fields, want %d: %q", s.name, s.lineNos[i], len(f), want, s.lines[i])
	}
	for j := range f {
		f[j] = strings.TrimSpace(f[j])
	}
	return f
}

func parseCP(s *source, i int, h string) rune {
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil || v > maxRune || len(h) < 4 {
		log.Fatalf("%s:%d: bad code point %q", s.name, s.lineNos[i], h)
	}
	return rune(v)
}

func parseRange(s *source, i int, f string) (lo, hi rune) {
	a, b, ok := strings.Cut(f, "..")
	lo = parseCP(s, i, a)
	hi = lo
	if ok {
		hi = parseCP(s, i, b)
	}
	if hi < lo {
		log.Fatalf("%s:%d: empty range %q", s.name, s.lineNos[i], f)
	}
	return lo, hi
}

func parseConfusables(s *source) map[rune]string {
	m := make(map[rune]string)
	for i := range s.lines {
		f := fields(s, i, 3)
		if f[2] != "MA" {
			log.Fatalf("%s:%d: mapping type %q, want MA", s.name, s.lineNos[i], f[2])
		}
		src := parseCP(s, i, f[0])
		var proto strings.Builder
		for _, h := range strings.Fields(f[1]) {
			proto.WriteRune(parseCP(s, i, h))
		}
		if proto.Len() == 0 {
			log.Fatalf("%s:%d: empty prototype", s.name, s.lineNos[i])
		}
		if _, dup := m[src]; dup {
			log.Fatalf("%s:%d: %U mapped twice", s.name, s.lineNos[i], src)
		}
		m[src] = proto.String()
	}
	return m
}

func parseTypes(s *source) *[maxRune + 1]uint16 {
	bit := make(map[string]uint16)
	for i, n := range typeNames {
		bit[n] = 1 << i
	}
	var t [maxRune + 1]uint16
	seen := make([]bool, maxRune+1)
	for i := range s.lines {
		f := fields(s, i, 2)
		lo, hi := parseRange(s, i, f[0])
		var v uint16
		for _, n := range strings.Fields(f[1]) {
			b, ok := bit[n]
			if !ok {
				log.Fatalf("%s:%d: unknown Identifier_Type %q", s.name, s.lineNos[i], n)
			}
			v |= b
		}
		for r := lo; r <= hi; r++ {
			if seen[r] {
				log.Fatalf("%s:%d: %U listed twice", s.name, s.lineNos[i], r)
			}
			seen[r] = true
			t[r] = v
		}
	}
	return &t
}

func parseStatus(s *source) *[maxRune + 1]bool {
	var a [maxRune + 1]bool
	for i := range s.lines {
		f := fields(s, i, 2)
		lo, hi := parseRange(s, i, f[0])
		var v bool
		switch f[1] {
		case "Allowed":
			v = true
		case "Restricted":
		default:
			log.Fatalf("%s:%d: unknown Identifier_Status %q", s.name, s.lineNos[i], f[1])
		}
		for r := lo; r <= hi; r++ {
			a[r] = v
		}
	}
	return &a
}

// buildScripts flattens Go's unicode.Scripts into one index per code point.
// Index 0 is Unknown (unassigned code points), then the scripts sorted by
// name, then the UTS #39 pseudo-scripts (which no code point has directly).
func buildScripts() ([]string, *[maxRune + 1]uint8) {
	names := []string{"Unknown"}
	for n := range unicode.Scripts {
		names = append(names, n)
	}
	sort.Strings(names[1:])
	names = append(names, pseudoScripts...)
	if len(names) > 1<<scriptBit {
		log.Fatalf("%d scripts do not fit in %d bits", len(names), scriptBit)
	}
	var sc [maxRune + 1]uint8
	for i, n := range names {
		tab := unicode.Scripts[n]
		if tab == nil {
			continue
		}
		set := func(r rune) {
			if sc[r] != 0 {
				log.Fatalf("%U is in both %s and %s", r, names[sc[r]], n)
			}
			sc[r] = uint8(i)
		}
		for _, rg := range tab.R16 {
			for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
				set(r)
			}
		}
		for _, rg := range tab.R32 {
			for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
				set(r)
			}
		}
	}
	return names, &sc
}

func countRuns[T comparable](a []T) int {
	n := 0
	for i := range a {
		if i == 0 || a[i] != a[i-1] {
			n++
		}
	}
	return n
}

func writeHeader(b *bytes.Buffer, srcs ...*source) {
	fmt.Fprintf(b, "// Code generated by gen.go; DO NOT EDIT.\n//\n")
	fmt.Fprintf(b, "// Source: Unicode Security Mechanisms (UTS #39) data, version %s,\n", srcs[0].version)
	fmt.Fprintf(b, "// https://www.unicode.org/Public/security/%s/\n//\n", srcs[0].version)
	for _, s := range srcs {
		fmt.Fprintf(b, "//\t%-21s Date: %s\n//\t%-21s SHA-256: %s\n", s.name, s.date, "", s.sum)
	}
	fmt.Fprintf(b, "//\n// Scripts: Go's unicode package, Unicode %s.\n//\n", unicode.Version)
	fmt.Fprintf(b, "// The Unicode data files are © Unicode, Inc. and are distributed under the\n")
	fmt.Fprintf(b, "// Unicode License v3, https://www.unicode.org/license.txt\n\n")
	fmt.Fprintf(b, "package uts39\n\n")
	fmt.Fprintf(b, "// Version is the Unicode version of the UTS #39 data the tables are built from.\n")
	fmt.Fprintf(b, "const Version = %q\n\n", srcs[0].version)
	fmt.Fprintf(b, "// goUnicodeVersion is unicode.Version of the Go release that generated the\n// script tables.\n")
	fmt.Fprintf(b, "const goUnicodeVersion = %q\n\n", unicode.Version)
	fmt.Fprintf(b, "// sourceFiles records the provenance of the tables for the consistency test.\n")
	fmt.Fprintf(b, "var sourceFiles = [...]sourceFile{\n")
	for _, s := range srcs {
		fmt.Fprintf(b, "{name: %q, date: %q, sha256: %q},\n", s.name, s.date, s.sum)
	}
	fmt.Fprintf(b, "}\n\n")
}

// writeConfusables emits the prototypes as one string blob (identical and
// contained prototypes share bytes), keys packed as code point | length<<21,
// and uint16 offsets into the blob.
func writeConfusables(b *bytes.Buffer, m map[rune]string, typeOf *[maxRune + 1]uint16) {
	keys := make([]rune, 0, len(m))
	uniq := make(map[string]bool)
	for r, p := range m {
		keys = append(keys, r)
		uniq[p] = true
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	ps := make([]string, 0, len(uniq))
	for p := range uniq {
		ps = append(ps, p)
	}
	sort.Slice(ps, func(i, j int) bool {
		if len(ps[i]) != len(ps[j]) {
			return len(ps[i]) > len(ps[j])
		}
		return ps[i] < ps[j]
	})
	var blob strings.Builder
	for _, p := range ps {
		if !strings.Contains(blob.String(), p) {
			blob.WriteString(p)
		}
	}
	data := blob.String()
	if len(data) > 1<<16 {
		log.Fatalf("prototype blob is %d bytes, does not fit uint16 offsets", len(data))
	}

	// The ASCII fast path of AppendSkeleton concatenates prototypes without
	// normalising. That is only correct if every ASCII prototype is NFD,
	// starts with a starter, and no ASCII character is Default_Ignorable.
	var ascii [utf8.RuneSelf]string
	for c := rune(0); c < utf8.RuneSelf; c++ {
		if typeOf[c]&typeBit("Default_Ignorable") != 0 {
			log.Fatalf("%U is Default_Ignorable; the ASCII fast path would be wrong", c)
		}
		p, ok := m[c]
		if !ok {
			continue
		}
		if !norm.NFD.IsNormalString(p) || norm.NFD.PropertiesString(p).CCC() != 0 {
			log.Fatalf("prototype %+q of %U is not NFD or starts with a non-starter", p, c)
		}
		ascii[c] = p
	}

	fmt.Fprintf(b, "// confusableData holds the UTS #39 prototypes, UTF-8 encoded, back to back.\n")
	fmt.Fprintf(b, "const confusableData = \"\" +\n")
	var chunk []rune
	flush := func(last bool) {
		sep := " +"
		if last {
			sep = ""
		}
		fmt.Fprintf(b, "\t%s%s\n", strconv.QuoteToASCII(string(chunk)), sep)
		chunk = chunk[:0]
	}
	for _, r := range data {
		chunk = append(chunk, r)
		if len(chunk) == 24 {
			flush(false)
		}
	}
	if len(chunk) > 0 {
		flush(true)
	} else {
		fmt.Fprintf(b, "\t\"\"\n")
	}
	fmt.Fprintf(b, "\n")

	fmt.Fprintf(b, "// confusableKeys[i] is a source code point (low %d bits) and the byte length\n", keyBits)
	fmt.Fprintf(b, "// of its prototype (high bits), sorted by code point.\n")
	fmt.Fprintf(b, "var confusableKeys = [%d]uint32{\n", len(keys))
	for i, r := range keys {
		p := m[r]
		if len(p) >= 1<<(32-keyBits) {
			log.Fatalf("prototype of %U is %d bytes, too long", r, len(p))
		}
		fmt.Fprintf(b, "0x%08x,", uint32(r)|uint32(len(p))<<keyBits)
		if i%8 == 7 {
			b.WriteByte('\n')
		}
	}
	fmt.Fprintf(b, "\n}\n\n")
	fmt.Fprintf(b, "// confusableOffsets[i] is where the prototype of confusableKeys[i] starts in\n// confusableData.\n")
	fmt.Fprintf(b, "var confusableOffsets = [%d]uint16{\n", len(keys))
	for i, r := range keys {
		fmt.Fprintf(b, "%d,", strings.Index(data, m[r]))
		if i%12 == 11 {
			b.WriteByte('\n')
		}
	}
	fmt.Fprintf(b, "\n}\n\n")

	fmt.Fprintf(b, "// asciiPrototypes[c] is offset<<8 | length of the prototype of ASCII byte c in\n")
	fmt.Fprintf(b, "// confusableData, or 0 when c is its own prototype.\n")
	fmt.Fprintf(b, "var asciiPrototypes = [%d]uint32{\n", utf8.RuneSelf)
	for c, p := range ascii {
		if p == "" {
			continue
		}
		off := strings.Index(data, p)
		if off >= 1<<24 || len(p) >= 1<<8 {
			log.Fatalf("ASCII prototype of %U does not fit", c)
		}
		fmt.Fprintf(b, "%q: 0x%x, // %+q\n", rune(c), off<<8|len(p), p)
	}
	fmt.Fprintf(b, "}\n\n")
}

// writeTypes emits Identifier_Type as range starts: each entry is
// start<<11 | type bits, valid up to the next entry's start.
func writeTypes(b *bytes.Buffer, t *[maxRune + 1]uint16) {
	if len(typeNames) != typeBits {
		log.Fatalf("%d type names, want %d", len(typeNames), typeBits)
	}
	fmt.Fprintf(b, "// identifierTypes holds Identifier_Type runs: start<<%d | Type, each valid\n", typeBits)
	fmt.Fprintf(b, "// until the next start. Code points not listed are Not_Character (0).\n")
	fmt.Fprintf(b, "var identifierTypes = [%d]uint32{\n", countRuns(t[:]))
	n := 0
	for r := range t {
		if r == 0 || t[r] != t[r-1] {
			fmt.Fprintf(b, "0x%08x,", uint32(r)<<typeBits|uint32(t[r]))
			if n%8 == 7 {
				b.WriteByte('\n')
			}
			n++
		}
	}
	fmt.Fprintf(b, "\n}\n\n")
}

// writeStatus emits Identifier_Status=Allowed as an inversion list.
func writeStatus(b *bytes.Buffer, a *[maxRune + 1]bool) {
	fmt.Fprintf(b, "// allowedBounds is an inversion list of Identifier_Status=Allowed: a code\n")
	fmt.Fprintf(b, "// point is Allowed when an odd number of entries are <= it.\n")
	var bounds []int
	for r := range a {
		prev := r > 0 && a[r-1]
		if a[r] != prev {
			bounds = append(bounds, r)
		}
	}
	fmt.Fprintf(b, "var allowedBounds = [%d]uint32{\n", len(bounds))
	for i, r := range bounds {
		fmt.Fprintf(b, "0x%05x,", r)
		if i%8 == 7 {
			b.WriteByte('\n')
		}
	}
	fmt.Fprintf(b, "\n}\n\n")
}

func goIdent(n string) string {
	return "script" + strings.ReplaceAll(n, "_", "")
}

func writeScripts(b *bytes.Buffer, names []string, sc *[maxRune + 1]uint8) {
	words := (len(names) + 63) / 64
	fmt.Fprintf(b, "// Script indexes: Unknown, the scripts of Go's unicode.Scripts sorted by\n")
	fmt.Fprintf(b, "// name, then the UTS #39 pseudo-scripts Hanb, Jpan and Kore.\n")
	fmt.Fprintf(b, "const (\n")
	for i, n := range names {
		fmt.Fprintf(b, "%s = %d\n", goIdent(n), i)
	}
	fmt.Fprintf(b, "numScripts = %d\n", len(names))
	fmt.Fprintf(b, "scriptWords = %d\n", words)
	fmt.Fprintf(b, ")\n\n")
	fmt.Fprintf(b, "var scriptNames = [numScripts]string{\n")
	for _, n := range names {
		fmt.Fprintf(b, "%q,\n", n)
	}
	fmt.Fprintf(b, "}\n\n")
	fmt.Fprintf(b, "// scriptRuns holds the Script property as runs: start<<%d | script index,\n", scriptBit)
	fmt.Fprintf(b, "// each valid until the next start.\n")
	fmt.Fprintf(b, "var scriptRuns = [%d]uint32{\n", countRuns(sc[:]))
	n := 0
	for r := range sc {
		if r == 0 || sc[r] != sc[r-1] {
			fmt.Fprintf(b, "0x%06x<<%d | %s,", r, scriptBit, goIdent(names[sc[r]]))
			if n%3 == 2 {
				b.WriteByte('\n')
			}
			n++
		}
	}
	fmt.Fprintf(b, "\n}\n")
}
