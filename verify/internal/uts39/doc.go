// Package uts39 implements the parts of Unicode Technical Standard #39,
// "Unicode Security Mechanisms" (https://www.unicode.org/reports/tr39/),
// that vigie needs to tell an official host name from a lookalike: confusable
// skeletons (section 4), Identifier_Status and Identifier_Type (section 3.1),
// resolved script sets and a simplified restriction level (section 5).
//
// # Provenance
//
// The confusable prototypes, Identifier_Status and Identifier_Type come from
// the UTS #39 data files confusables.txt, IdentifierStatus.txt and
// IdentifierType.txt, version [Version]; tables.go records each file's date
// and SHA-256. Those files are © Unicode, Inc. and are distributed under the
// Unicode License v3 (https://www.unicode.org/license.txt). Scripts come
// from Go's unicode package, and normalisation from
// golang.org/x/text/unicode/norm, whose Unicode versions depend on the Go
// release and may lag behind [Version]: characters too new for them have
// script Unknown and are not decomposed.
//
// # Regenerating
//
// The data files are not part of the repository. Place them in
// ../shared/unicode relative to the module root (or pass -data) and run
//
//	go generate ./verify/internal/uts39/
//
// gen.go refuses data whose header does not declare the expected Unicode
// version; pass -version (or change its default) when upgrading on purpose.
// Then run the package tests: they re-read the data files, when present, and
// check the tables against them entry by entry.
package uts39

//go:generate go run gen.go
