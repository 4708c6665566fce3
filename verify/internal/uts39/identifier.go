package uts39

import (
	"strconv"
	"strings"
)

// IsAllowed reports whether r has Identifier_Status=Allowed, that is, UTS #39
// considers it fit for identifiers in modern use. A host label containing a
// Restricted code point deserves suspicion even when its skeleton is unique.
func IsAllowed(r rune) bool {
	if r < 0 || r > maxRune {
		return false
	}
	// Count the bounds <= r; odd means inside an Allowed run.
	lo, hi := 0, len(allowedBounds)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if rune(allowedBounds[m]) <= r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo&1 == 1
}

const maxRune = 0x10FFFF

// Type is a set of Identifier_Type values. UTS #39 gives some code points
// several reasons for not being Recommended (for instance Technical and
// Obsolete), hence a bitset rather than an enumeration. The zero value is
// Not_Character, the value of every code point the data does not list.
type Type uint16

// The Identifier_Type values, in the bit order gen.go uses.
const (
	Recommended Type = 1 << iota
	Inclusion
	UncommonUse
	Technical
	Obsolete
	LimitedUse
	Exclusion
	NotXID
	NotNFKC
	DefaultIgnorable
	Deprecated

	// NotCharacter is the empty set: unassigned code points, surrogates,
	// private use and noncharacters.
	NotCharacter Type = 0
)

// typeNames spells the values as the data files do, in bit order.
var typeNames = [...]string{
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

const typeBits = 11

// TypeOf returns the Identifier_Type set of r. Code points outside the
// Unicode range are NotCharacter.
func TypeOf(r rune) Type {
	if r < 0 || r > maxRune {
		return NotCharacter
	}
	// Find the last run starting at or before r. Runs cover the whole code
	// space from 0, so the search never falls off the front.
	key := uint32(r+1) << typeBits
	lo, hi := 0, len(identifierTypes)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if identifierTypes[m] < key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return Type(identifierTypes[lo-1] & (1<<typeBits - 1))
}

// String spells t as IdentifierType.txt does, values separated by spaces,
// so that log lines can be grepped against the data.
func (t Type) String() string {
	if t == NotCharacter {
		return "Not_Character"
	}
	var b strings.Builder
	for i, n := range typeNames {
		if t&(1<<i) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(n)
	}
	if extra := t &^ (1<<len(typeNames) - 1); extra != 0 {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("Type(0x")
		b.WriteString(strconv.FormatUint(uint64(extra), 16))
		b.WriteByte(')')
	}
	return b.String()
}
