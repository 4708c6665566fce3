package domains

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
)

// MaxFileSize bounds a registry file, so that a wrong path (a log, a disk
// image) fails quickly instead of filling memory.
const MaxFileSize = 32 << 20

// ErrFormat wraps the errors of a file that is not a registry file at all:
// too large, not JSON, or JSON of another shape.
var ErrFormat = errors.New("not a registry file")

// MaxOrganizations bounds the number of organisations in one registry.
const MaxOrganizations = 100_000

//go:embed registry.json
var embedded []byte

var defaultRegistry = sync.OnceValue(func() *Registry {
	r, err := Parse(embedded)
	if err != nil {
		// The embedded file is validated by the package tests; reaching
		// this is a build of broken data, not a runtime condition.
		panic("domains: embedded registry is invalid: " + err.Error())
	}
	return r
})

// Default returns the registry embedded in the package. It is parsed once,
// on first use, and shared.
func Default() *Registry { return defaultRegistry() }

// file is the JSON layout of a registry file, documented field by field in
// the README.
type file struct {
	Version       string    `json:"version"`
	Date          string    `json:"date"`
	Source        string    `json:"source"`
	Organizations []orgFile `json:"organizations"`
}

type orgFile struct {
	ID              string     `json:"id"`
	Name            string     `json:"name"`
	Kind            Kind       `json:"kind"`
	Group           string     `json:"group,omitempty"`
	Domains         []string   `json:"domains"`
	LoginHosts      []string   `json:"login_hosts"`
	MailDomains     []string   `json:"mail_domains"`
	LinkDomains     []string   `json:"link_domains"`
	SMSSenders      []string   `json:"sms_senders"`
	Aliases         []string   `json:"aliases"`
	WeakAliases     []string   `json:"weak_aliases"`
	KnownLookalikes []string   `json:"known_lookalikes"`
	MemberLogin     *bool      `json:"member_login"`
	Confidence      Confidence `json:"confidence"`
	Sources         []string   `json:"sources"`
	Notes           string     `json:"notes"`
}

// Parse reads a registry file from memory and validates it. On invalid data
// the error is a *[ValidationError] listing every problem found.
func Parse(data []byte) (*Registry, error) {
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("domains: %w: %d bytes, more than the %d allowed", ErrFormat, len(data), MaxFileSize)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f file
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("domains: %w: %w", ErrFormat, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("domains: %w: data after the JSON object", ErrFormat)
	}
	return build(&f)
}

// Load reads a registry file and validates it, like [Parse].
func Load(r io.Reader) (*Registry, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("domains: reading registry: %w", err)
	}
	return Parse(data)
}

// LoadFile reads the registry file at path and validates it, like [Parse].
func LoadFile(path string) (*Registry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := Load(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

// Overlay returns a new registry: r's organisations, each replaced by the
// organisation of top with the same ID if there is one, followed by top's new
// organisations. The result is validated as a whole, so a domain claimed by
// an organisation of r and by a different one of top is an error. The
// version of the result records both: "2026.11.1+acme.3".
func (r *Registry) Overlay(top *Registry) (*Registry, error) {
	f := file{Version: r.version, Date: r.date, Source: r.source}
	if top.version != "" {
		f.Version += "+" + top.version
	}
	for _, o := range r.orgs {
		if t := top.byID[o.ID]; t != nil {
			o = t
		}
		f.Organizations = append(f.Organizations, o.file())
	}
	for _, t := range top.orgs {
		if r.byID[t.ID] == nil {
			f.Organizations = append(f.Organizations, t.file())
		}
	}
	return build(&f)
}

func (o *Organization) file() orgFile {
	login := o.MemberLogin
	return orgFile{
		ID: o.ID, Name: o.Name, Kind: o.Kind, Group: o.Group,
		Domains: list(o.Domains), LoginHosts: list(o.LoginHosts), MailDomains: list(o.MailDomains),
		LinkDomains: list(o.LinkDomains),
		SMSSenders:  list(o.SMSSenders), Aliases: list(o.Aliases), WeakAliases: list(o.WeakAliases),
		KnownLookalikes: list(o.KnownLookalikes), MemberLogin: &login,
		Confidence: o.Confidence, Sources: list(o.Sources), Notes: o.Notes,
	}
}

// list writes an absent list as [] rather than null.
func list(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// MarshalJSON writes the registry in its file format, so that a merged or
// loaded registry can be saved and read back.
func (r *Registry) MarshalJSON() ([]byte, error) {
	f := file{Version: r.version, Date: r.date, Source: r.source, Organizations: []orgFile{}}
	for _, o := range r.orgs {
		f.Organizations = append(f.Organizations, o.file())
	}
	return json.Marshal(f)
}
