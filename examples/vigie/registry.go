package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/vigie-sante/vigie/domains"
	"github.com/vigie-sante/vigie/examples/internal/checkerflags"
)

func runRegistry(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitFailure
	}
	switch args[0] {
	case "list":
		return registryList(args[1:], stdout, stderr)
	case "validate":
		return registryValidate(args[1:], stdout, stderr)
	case "diff":
		return registryDiff(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "vigie registry: unknown command %q\n%s", args[0], usage)
	return exitFailure
}

func registryList(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("vigie registry list", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the registry in its JSON file format")
	var cf checkerflags.Flags
	cf.RegisterRegistry(fs, "")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		if err == nil {
			fmt.Fprintf(stderr, "vigie registry list: unexpected argument %q\n", fs.Arg(0))
		}
		return exitFailure
	}
	reg, err := cf.LoadRegistry()
	if err != nil {
		fmt.Fprintf(stderr, "vigie: %v\n", err)
		return exitFailure
	}
	if *asJSON {
		b, err := json.MarshalIndent(reg, "", " ")
		if err != nil {
			fmt.Fprintf(stderr, "vigie: %v\n", err)
			return exitFailure
		}
		fmt.Fprintf(stdout, "%s\n", b)
		return exitClean
	}
	fmt.Fprintf(stdout, "# registry %s (%s), %d organisations\n", reg.Version(), reg.Date(), reg.Len())
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tCONFIDENCE\tDOMAINS\tNAME")
	for _, o := range reg.Organizations() {
		ds := strings.Join(o.Domains, ",")
		if ds == "" {
			ds = "(none: not matched)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", o.ID, o.Kind, o.Confidence, ds, o.Name)
	}
	if err := tw.Flush(); err != nil {
		return exitFailure
	}
	return exitClean
}

func registryValidate(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprint(stderr, "usage: vigie registry validate FILE\n")
		return exitFailure
	}
	reg, err := domains.LoadFile(args[0])
	if err != nil {
		var verr *domains.ValidationError
		if errors.As(err, &verr) {
			for _, p := range verr.Problems {
				fmt.Fprintf(stdout, "%s: %v\n", args[0], p)
			}
			fmt.Fprintf(stderr, "vigie: %s: %d problems\n", args[0], len(verr.Problems))
			return exitAlarm
		}
		fmt.Fprintf(stderr, "vigie: %v\n", err)
		// A file that cannot be read is an I/O error; one that reads
		// but is not a registry is invalid content.
		if errors.Is(err, domains.ErrFormat) {
			return exitAlarm
		}
		return exitFailure
	}
	fmt.Fprintf(stdout, "%s: ok, %d organisations, version %q\n", args[0], reg.Len(), reg.Version())
	return exitClean
}

// embeddedName names the embedded registry on the command line.
const embeddedName = ":embedded"

func loadNamed(name string) (*domains.Registry, error) {
	if name == embeddedName {
		return domains.Default(), nil
	}
	return domains.LoadFile(name)
}

// registryDiff prints what changes from one registry file to another, one
// change per line; it exits 0 when they are the same, 1 when they differ.
func registryDiff(args []string, stdout, stderr io.Writer) int {
	if len(args) != 2 {
		fmt.Fprint(stderr, "usage: vigie registry diff OLD NEW (either may be "+embeddedName+")\n")
		return exitFailure
	}
	old, err := loadNamed(args[0])
	if err != nil {
		fmt.Fprintf(stderr, "vigie: %v\n", err)
		return exitFailure
	}
	new, err := loadNamed(args[1])
	if err != nil {
		fmt.Fprintf(stderr, "vigie: %v\n", err)
		return exitFailure
	}
	changes := domains.Diff(old, new)
	for _, c := range changes {
		fmt.Fprintln(stdout, c)
	}
	if len(changes) == 0 {
		fmt.Fprintf(stdout, "no changes (%s -> %s)\n", old.Version(), new.Version())
		return exitClean
	}
	fmt.Fprintf(stdout, "%d changes (%s -> %s)\n", len(changes), old.Version(), new.Version())
	return exitAlarm
}
