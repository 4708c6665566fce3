// Package lookalike answers the reverse of what dnstwist-style tools do:
// given a host, is it imitating one of a set of official domains, which one,
// and how? It is built once over the official domains ([New]) and then
// answers each [Index.Match] without scanning them: every technique goes
// through a hash index.
//
// Techniques, each reported when found:
//
//   - homoglyph: the label's visual skeleton equals an official one. The
//     skeleton is UTS #39's (after UTS #46 mapping), with combining marks
//     removed and a small ASCII table UTS #39 leaves out because DNS labels
//     are lowercase (see [AppendFold]);
//   - mixed-script: the imitating label mixes scripts (Latin and Cyrillic);
//   - edit-distance and transposition: Damerau–Levenshtein (optimal string
//     alignment) distance between registrable labels, raw and skeleton,
//     within a threshold that grows with the official label's length, with
//     Chromium's filters for likely false positives;
//   - target-embedding: an official domain or login host inside an unrelated
//     host, with its dots kept, turned into hyphens, moved or removed;
//   - combo-squat: an official label, or beside a keyword one of the
//     organisation's names of several words, as tokens of a longer name;
//     or a label as the prefix or suffix of a token (or of a label's
//     tokens joined) completed by a sensitive keyword;
//   - tld-swap: the official label under another suffix;
//   - alias, compound, hosting-platform, gov-word: when the techniques
//     above find nothing, every label is split into the words of a
//     dictionary (segment.go): the officials' labels, the organisations'
//     names and aliases (with their plurals, genders and abbreviations:
//     "cartevitales", "securitesocial", "assumaladie"), the keywords,
//     government words ("gouv" and its misspellings "gov", "qouv") and a
//     few French function words. A word of 5 letters or more may carry one
//     typo. A strong name glued to other words is a lookalike; a strong
//     name with a typo, a weak name, an acronym of 4 letters only beside
//     a keyword, a government word, another name of the organisation or
//     on a hosting platform (the Public Suffix List's private section and
//     the sourced list of package namespaces), where the customer's label
//     is judged as a registrable one (compound.go). [Index.MatchName]
//     reads a free-text name (a display name, an SMS sender) the same
//     way.
//
// Short labels (under 5 characters) and labels that are ordinary words
// ("generation", "april") are "weak": they count as a combo-squat only as a
// whole token beside a sensitive keyword, and take no part in edit distance
// or TLD swaps, because ordinary sites share them.
package lookalike
