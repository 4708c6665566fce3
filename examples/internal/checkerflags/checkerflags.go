// Package checkerflags holds the command-line flags that choose what the
// vigie programs check against, the same in the CLI, the milter and the
// HTTP service: -registry FILE, -registry-only and -authserv-id ID.
package checkerflags

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/verify"
)

// Flags are the values of the flags.
type Flags struct {
	Registry     string
	RegistryOnly bool
	AuthServIDs  []string
}

// RegisterRegistry adds -registry and -registry-only to fs. note, if not
// empty, is appended to the -registry help ("reloaded on SIGHUP").
func (f *Flags) RegisterRegistry(fs *flag.FlagSet, note string) {
	help := "a registry `FILE` overlaid on the embedded registry (adds or replaces organisations by id)"
	if note != "" {
		help += "; " + note
	}
	fs.StringVar(&f.Registry, "registry", "", help)
	fs.BoolVar(&f.RegistryOnly, "registry-only", false, "use the -registry file alone, without the embedded registry")
}

// RegisterAuthServ adds the repeatable -authserv-id to fs.
func (f *Flags) RegisterAuthServ(fs *flag.FlagSet) {
	fs.Func("authserv-id", "trust the Authentication-Results of this `ID` (your MTA's, OpenDMARC's, rspamd's); repeatable", func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("empty authserv-id")
		}
		f.AuthServIDs = append(f.AuthServIDs, s)
		return nil
	})
}

// Validate reports flags that contradict each other.
func (f *Flags) Validate() error {
	if f.RegistryOnly && f.Registry == "" {
		return errors.New("-registry-only needs -registry FILE")
	}
	return nil
}

// LoadRegistry reads the registry the flags name: the embedded one, the
// -registry file overlaid on it, or that file alone.
func (f *Flags) LoadRegistry() (*domains.Registry, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if f.Registry == "" {
		return domains.Default(), nil
	}
	user, err := domains.LoadFile(f.Registry)
	if err != nil || f.RegistryOnly {
		return user, err
	}
	reg, err := domains.Default().Overlay(user)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Registry, err)
	}
	return reg, nil
}

// Checker builds a checker over the registry the flags name, trusting the
// -authserv-id servers, with the extra options.
func (f *Flags) Checker(extra ...verify.Option) (*verify.Checker, error) {
	reg, err := f.LoadRegistry()
	if err != nil {
		return nil, err
	}
	return verify.New(reg, append([]verify.Option{verify.WithTrustedAuthServIDs(f.AuthServIDs...)}, extra...)...)
}
