// Package authres reads Authentication-Results header fields (RFC 8601)
// with the quoted strings and comments of RFC 5322 and RFC 2045 read as
// such.
//
// It exists because github.com/emersion/go-msgauth/authres (v0.7.0) splits
// the field on every ';' before reading it, so a ';' inside a quoted string
// or a comment ends a result early: a sender choosing its own MAIL FROM,
// `"a;dmarc=pass header.from=info.ameli.fr;b=c"@evil.com`, which the
// receiving server writes faithfully as smtp.mailfrom, makes it report a
// DMARC pass the server never gave; and it reads the authserv-id version
// ("mx.example.org 2;") as part of the ID.
package authres

import (
	"errors"
	"fmt"
	"strings"
)

// A Header is one Authentication-Results field.
type Header struct {
	// AuthServID is the authserv-id, as written (compare it without
	// regard to case).
	AuthServID string
	// Version is the authres-version after the ID, empty when the field
	// has none (version 1 is then implied).
	Version string
	// Results are the field's resinfos in order; none for "; none".
	Results []Result
}

// A Result is one method's result ("dmarc=pass header.from=ameli.fr").
type Result struct {
	// Method and Value are lowercased ("dmarc", "pass").
	Method        string
	MethodVersion string
	Value         string
	Reason        string
	Properties    []Property
}

// A Property is one propspec ("header.from=ameli.fr"). Type and Name are
// lowercased. Value is unquoted when it is a single quoted string, and as
// written otherwise (`"a;b"@evil.com` keeps its quotes).
type Property struct {
	Type, Name, Value string
}

// Property returns the value of the first property of that type and name.
func (r *Result) Property(typ, name string) (string, bool) {
	for _, p := range r.Properties {
		if p.Type == typ && p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}

// ErrSyntax is wrapped by every error Parse returns.
var ErrSyntax = errors.New("authres: syntax error")

// Parse reads the value of an Authentication-Results field. On a syntax
// error it returns the ID and the results read before the error, and an
// error wrapping ErrSyntax that says where it is: what follows is lost,
// and a caller must not take a missing result as a pass.
//
// Parse is lenient where mail servers commonly are (a trailing ';', a
// bare "name=value" such as Microsoft's "action=none", "/" and "+" in
// unquoted property values), and strict where leniency would let the
// sender's text read as results: quoted strings and comments, nested
// comments and quoted pairs, must end where RFC 5322 says they end.
func Parse(s string) (Header, error) {
	p := &parser{s: s}
	var h Header
	err := p.header(&h)
	if err != nil {
		err = fmt.Errorf("%w at byte %d: %v", ErrSyntax, p.i, err)
	}
	return h, err
}

type parser struct {
	s string
	i int
}

func (p *parser) header(h *Header) error {
	if err := p.cfws(); err != nil {
		return err
	}
	id, err := p.value()
	if err != nil {
		return fmt.Errorf("authserv-id: %w", err)
	}
	if id == "" {
		// `""` is a quoted string, but no receiving server is named by it:
		// a caller could otherwise match it against an unset trusted ID.
		return errors.New("authserv-id: empty")
	}
	h.AuthServID = id
	if err := p.cfws(); err != nil {
		return err
	}
	if p.i < len(p.s) && isDigit(p.s[p.i]) {
		h.Version = p.digits()
		if err := p.cfws(); err != nil {
			return err
		}
	}
	if p.i == len(p.s) {
		return errors.New("no result after the authserv-id")
	}
	for p.i < len(p.s) {
		if p.s[p.i] != ';' {
			return fmt.Errorf("want ';', found %q", p.s[p.i])
		}
		p.i++
		if err := p.cfws(); err != nil {
			return err
		}
		if p.i == len(p.s) {
			return nil // a trailing ';'
		}
		r, err := p.result()
		if r.Method == "none" && r.Value == "" && len(h.Results) == 0 && err == nil && p.i == len(p.s) {
			return nil // "; none": no result
		}
		if r.Value != "" {
			h.Results = append(h.Results, r)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// result reads a resinfo after its ';'. It returns the result as far as it
// was read, so that a caller sees a result whose properties broke.
func (p *parser) result() (Result, error) {
	var r Result
	method, err := p.keyword()
	if err != nil {
		return r, fmt.Errorf("method: %w", err)
	}
	r.Method = strings.ToLower(method)
	if err := p.cfws(); err != nil {
		return r, err
	}
	if r.Method == "none" && p.i == len(p.s) {
		return r, nil
	}
	if p.eat('/') {
		if err := p.cfws(); err != nil {
			return r, err
		}
		if r.MethodVersion = p.digits(); r.MethodVersion == "" {
			return r, errors.New("method version: want digits")
		}
		if err := p.cfws(); err != nil {
			return r, err
		}
	}
	if !p.eat('=') {
		return r, fmt.Errorf("want '=' after method %q", method)
	}
	if err := p.cfws(); err != nil {
		return r, err
	}
	value, err := p.keyword()
	if err != nil {
		return r, fmt.Errorf("result of %s: %w", method, err)
	}
	r.Value = strings.ToLower(value)
	for {
		if err := p.cfws(); err != nil {
			return r, err
		}
		if p.i == len(p.s) || p.s[p.i] == ';' {
			return r, nil
		}
		if err := p.property(&r); err != nil {
			return r, err
		}
	}
}

// property reads a reasonspec or a propspec.
func (p *parser) property(r *Result) error {
	name, err := p.keyword()
	if err != nil {
		return fmt.Errorf("property: %w", err)
	}
	if err := p.cfws(); err != nil {
		return err
	}
	prop := Property{Name: strings.ToLower(name)}
	if p.eat('.') {
		prop.Type = prop.Name
		if err := p.cfws(); err != nil {
			return err
		}
		if prop.Name, err = p.keyword(); err != nil {
			return fmt.Errorf("property of %s: %w", prop.Type, err)
		}
		prop.Name = strings.ToLower(prop.Name)
		if err := p.cfws(); err != nil {
			return err
		}
	} else if methods[prop.Name] {
		// "spf=pass dmarc=fail": a result whose ';' is missing. Read as
		// a property it would hide that result.
		return fmt.Errorf("result %q without a ';' before it", name)
	}
	if !p.eat('=') {
		return fmt.Errorf("want '=' after %q", name)
	}
	if err := p.cfws(); err != nil {
		return err
	}
	if prop.Value, err = p.pvalue(); err != nil {
		return fmt.Errorf("value of %s: %w", name, err)
	}
	if prop.Type == "" && prop.Name == "reason" {
		r.Reason = prop.Value
		return nil
	}
	r.Properties = append(r.Properties, prop)
	return nil
}

// methods are the IANA-registered authentication methods: one of them
// written as a bare "name=value" is a result, never a property.
var methods = map[string]bool{"auth": true, "dkim": true, "domainkeys": true, "sender-id": true,
	"spf": true, "iprev": true, "dmarc": true, "arc": true, "bimi": true, "dkim-adsp": true,
	"dkim-atps": true, "rrvs": true, "smime": true, "vbr": true, "dnswl": true}

// cfws skips white space and comments. A comment that does not end is an
// error: what it would swallow might be a result.
func (p *parser) cfws() error {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\r', '\n':
			p.i++
		case '(':
			if err := p.comment(); err != nil {
				return err
			}
		default:
			return nil
		}
	}
	return nil
}

// comment skips a comment, nested comments and quoted pairs included
// (RFC 5322, section 3.2.2).
func (p *parser) comment() error {
	start, depth := p.i, 0
	for ; p.i < len(p.s); p.i++ {
		switch p.s[p.i] {
		case '\\':
			p.i++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				p.i++
				return nil
			}
		}
	}
	p.i = start
	return errors.New("a comment does not end")
}

// keyword reads a Keyword: letters, digits and hyphens (RFC 8601 reuses
// RFC 5321's Ldh-str); '_' is accepted, as servers write it.
func (p *parser) keyword() (string, error) {
	start := p.i
	for p.i < len(p.s) && (isAlnum(p.s[p.i]) || p.s[p.i] == '-' || p.s[p.i] == '_') {
		p.i++
	}
	if p.i == start {
		return "", errors.New("want a keyword")
	}
	return p.s[start:p.i], nil
}

func (p *parser) digits() string {
	start := p.i
	for p.i < len(p.s) && isDigit(p.s[p.i]) {
		p.i++
	}
	return p.s[start:p.i]
}

// value reads an RFC 2045 value: a token or a quoted string, unquoted.
func (p *parser) value() (string, error) {
	if p.i < len(p.s) && p.s[p.i] == '"' {
		return p.quoted()
	}
	start := p.i
	for p.i < len(p.s) && isTokenChar(p.s[p.i]) {
		p.i++
	}
	if p.i == start {
		return "", errors.New("want a token or a quoted string")
	}
	return p.s[start:p.i], nil
}

// pvalue reads a property value: a value, an address whose local part may
// be a quoted string, or a domain. Characters RFC 2045 reserves ('/', '@',
// ':', '[', ...) are accepted in it, as in DKIM's header.b=, but a quoted
// string always runs to its closing quote, and white space, ';' and '('
// end the value.
func (p *parser) pvalue() (string, error) {
	start := p.i
value:
	for p.i < len(p.s) {
		switch ch := p.s[p.i]; {
		case ch == '"':
			if _, err := p.quoted(); err != nil {
				return "", err
			}
		case ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == ';' || ch == '(' || ch < 0x20 || ch == 0x7f:
			break value
		default:
			p.i++
		}
	}
	raw := p.s[start:p.i]
	if raw == "" {
		return "", errors.New("empty value")
	}
	if q := (&parser{s: raw}); raw[0] == '"' {
		if v, err := q.quoted(); err == nil && q.i == len(raw) {
			return v, nil
		}
	}
	return raw, nil
}

// quoted reads a quoted string with its quoted pairs and returns its
// content.
func (p *parser) quoted() (string, error) {
	start := p.i
	var b strings.Builder
	for p.i++; p.i < len(p.s); p.i++ {
		switch ch := p.s[p.i]; ch {
		case '\\':
			if p.i+1 < len(p.s) {
				p.i++
				b.WriteByte(p.s[p.i])
			}
		case '"':
			p.i++
			return b.String(), nil
		default:
			b.WriteByte(ch)
		}
	}
	p.i = start
	return "", errors.New("a quoted string does not end")
}

func (p *parser) eat(ch byte) bool {
	if p.i < len(p.s) && p.s[p.i] == ch {
		p.i++
		return true
	}
	return false
}

func isDigit(ch byte) bool { return '0' <= ch && ch <= '9' }

func isAlnum(ch byte) bool {
	return isDigit(ch) || 'a' <= ch|0x20 && ch|0x20 <= 'z'
}

// isTokenChar: any printable ASCII but tspecials (RFC 2045, section 5.1);
// bytes above ASCII are accepted, for internationalised IDs (RFC 6532).
func isTokenChar(ch byte) bool {
	return ch > ' ' && ch != 0x7f && !strings.ContainsRune(`()<>@,;:\"/[]?=`, rune(ch))
}

// Written finds every result a method is written with anywhere in s,
// whether in a result, a quoted string, a comment or a value:
// "dmarc=fail", "dmarc = none". It is for a field Parse could not read
// whole: a failure written anywhere in it must count as a failure, never
// be hidden by an unbalanced "(" or '"' before it.
func Written(s, method string) []string {
	var out []string
	lower := strings.ToLower(s)
	for i := 0; ; {
		k := strings.Index(lower[i:], method)
		if k < 0 {
			return out
		}
		k += i
		i = k + len(method)
		if k > 0 && (isAlnum(lower[k-1]) || lower[k-1] == '-' || lower[k-1] == '.') {
			continue
		}
		j := skipLoose(lower, i, true)
		if j == len(lower) || lower[j] != '=' {
			continue
		}
		j = skipLoose(lower, j+1, false)
		v := (&parser{s: lower, i: j})
		if w, err := v.keyword(); err == nil {
			out = append(out, w)
		}
	}
}

// maxLooseComment bounds a comment between a method and its result.
const maxLooseComment = 256

// skipLoose skips what may sit between a method and its result: white
// space, comments that end, and (before the '=') a method version.
func skipLoose(s string, i int, version bool) int {
	slash := false // a version's '/' was met: its digits come, after CFWS
	for i < len(s) {
		switch ch := s[i]; {
		case ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n':
			i++
		case ch == '(':
			// A comment is searched for its end within a bound, so
			// that a field of many "dmarc(" costs linear time.
			p := &parser{s: s[:min(len(s), i+maxLooseComment)], i: i}
			if p.comment() != nil {
				return i
			}
			i = p.i
		case ch == '/' && version:
			// RFC 8601 allows CFWS on both sides of the '/':
			// "dmarc / 1=pass" is a result Parse reads.
			i++
			slash = true
		case slash && '0' <= ch && ch <= '9':
			p := &parser{s: s, i: i}
			p.digits()
			i = p.i
		default:
			return i
		}
	}
	return i
}
