package lookalike

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/net/idna"
	"golang.org/x/text/unicode/norm"

	"github.com/vigie-sante/vigie/verify/internal/uts39"
)

// UnsafeIDN applies spoofing rules to the internationalised labels of an
// ASCII host, whatever domain they might imitate, after the checks of
// Chromium's IDN spoof checker (components/url_formatter/spoof_checks): a
// browser shows such names in Punycode rather than trust what they look
// like. It returns the first rule broken, or "" for a safe host.
//
// The rules: a Punycode label that decodes to plain ASCII; a code point
// that UTS #39 does not allow in identifiers (symbols, emoji, look-alike
// punctuation, obsolete letters); scripts mixed beyond what Chinese,
// Japanese and Korean writing allows, or accented Latin beside CJK; a
// label wholly in a script whose letters pass for Latin (Cyrillic "ѕсоре"),
// outside that script's country domains; a dot above i, j or l, a mark on
// dotless ı or ȷ, a mark repeated; a middle dot outside Catalan l·l; a
// right-to-left mark on a Latin letter; CJK strokes that pass for a slash
// or a dash next to Latin; þ and ð outside .is and .fo, ə outside .az.
func UnsafeIDN(host string) string {
	host = strings.TrimSuffix(host, ".")
	labels := strings.Split(host, ".")
	tld := labels[len(labels)-1]
	if u, err := idna.Punycode.ToUnicode(tld); err == nil {
		tld = u
	}
	for _, l := range labels {
		if !strings.HasPrefix(l, "xn--") {
			continue
		}
		u, err := idna.Punycode.ToUnicode(l)
		if err != nil {
			return fmt.Sprintf("label %s is not valid Punycode", l)
		}
		if why := unsafeLabel(u, tld); why != "" {
			return fmt.Sprintf("label %s (%s) %s", l, u, why)
		}
	}
	return ""
}

func unsafeLabel(u, tld string) string {
	if isASCII(u) {
		return "is Punycode for plain ASCII, which no registry issues"
	}
	for _, r := range u {
		if r != '-' && (!uts39.IsAllowed(r) || blockedLetter(r)) {
			return fmt.Sprintf("contains %U %q, which is not allowed in identifiers (UTS #39) or is a known look-alike", r, r)
		}
	}
	switch {
	case strings.ContainsAny(u, "þð") && tld != "is" && tld != "fo":
		return "uses þ or ð outside Icelandic and Faroese domains"
	case strings.ContainsRune(u, 'ə') && tld != "az":
		return "uses ə outside Azerbaijani domains"
	}
	if why := dangerousSequence(u, tld); why != "" {
		return why
	}
	if uts39.IsMixedScript(u) && !uts39.HighlyRestrictive(u) {
		return "mixes scripts (" + uts39.ResolvedScripts(u).String() + ")"
	}
	if accentedLatinWithCJK(u) {
		return "mixes accented Latin letters with Chinese, Japanese or Korean"
	}
	if script := wholeScriptConfusable(u, tld); script != "" {
		return "is written wholly in " + script + " letters that pass for Latin"
	}
	if digitLookalike(u) {
		return "is made of digits and characters that pass for digits"
	}
	return ""
}

// blockedLetter are code points UTS #39 allows that Chromium's spoof checker
// removes from its allowed set (SetAllowedUnicodeSet): look-alikes of a
// slash, a hyphen or a quote, the historic kra, and rarely used Latin,
// Greek and Cyrillic blocks.
func blockedLetter(r rune) bool {
	switch r {
	case 0x0338, 0x058A, 0x2010, 0x2019, 0x2027, 0x30A0, 0x02BB, 0x02BC, 0x02EC, 0x0138:
		return true
	}
	return 0x01CD <= r && r <= 0x01DC || 0x1C80 <= r && r <= 0x1C8F || 0x1E00 <= r && r <= 0x1E9B ||
		0x1F00 <= r && r <= 0x1FFF || 0xA640 <= r && r <= 0xA69F || 0xA720 <= r && r <= 0xA7FF
}

// wholeScript lists, per script, its letters that look like Latin ASCII
// letters, and the domains where a label of only those is expected; the
// sets are those of Chromium's IDN spoof checker (kWholeScriptConfusables).
var wholeScript = []struct {
	script    *unicode.RangeTable
	name      string
	lookalike string
	tlds      []string
}{
	{unicode.Armenian, "Armenian", "ագզէլհյոսւօՙ", []string{"am"}},
	{unicode.Cyrillic, "Cyrillic", "аысԁеԍһіюкјӏорԗԛѕԝхуъьҽпгѵѡ", []string{"bg", "by", "kz", "pyc", "ru", "su", "ua", "uz"}},
	{unicode.Ethiopic, "Ethiopic", "ሀሠሰስበነተከዐዕዘጠፐꬅ", []string{"er", "et"}},
	{unicode.Georgian, "Georgian", "იოყძხჽჿ", []string{"ge"}},
	{unicode.Greek, "Greek", "αικνρυωηοτ", []string{"gr"}},
	{unicode.Hebrew, "Hebrew", "דוחיןסװײ׳ﬦ", []string{"il"}},
	{unicode.Bengali, "Bengali", "০৭", nil},
	{unicode.Devanagari, "Devanagari", "ऽ०ॱ", nil},
	{unicode.Gujarati, "Gujarati", "ડટ૦૧", nil},
	{unicode.Gurmukhi, "Gurmukhi", "੦੧", nil},
	{unicode.Kannada, "Kannada", "ಽ೦೧", nil},
	{unicode.Malayalam, "Malayalam", "ടഠധനറ൦", nil},
	{unicode.Oriya, "Oriya", "ଠ୦୮", nil},
	{unicode.Tamil, "Tamil", "டப௦", nil},
	{unicode.Telugu, "Telugu", "౦౧", nil},
	{unicode.Myanmar, "Myanmar", "ခဂငထပဝ၀၂ၔၜ\u1090\u1091\u1095\u1096\u1097", []string{"mm"}},
	{unicode.Thai, "Thai", "ทนบพรหเแ๐ดลปฟม", []string{"th"}},
}

// wholeScriptConfusable returns the script of a label whose letters of that
// script all pass for Latin, unless the TLD belongs to that script (it is
// one of its country domains, or written in it).
func wholeScriptConfusable(u, tld string) string {
	for _, ws := range wholeScript {
		seen := false
		all := true
		for _, r := range u {
			if unicode.Is(ws.script, r) {
				seen = true
				all = all && strings.ContainsRune(ws.lookalike, r)
			}
		}
		if !seen || !all {
			continue
		}
		allowed := false
		for _, t := range ws.tlds {
			allowed = allowed || t == tld
		}
		for _, r := range tld {
			allowed = allowed || unicode.Is(ws.script, r)
		}
		if !allowed {
			return ws.name
		}
	}
	return ""
}

// digitLookalikes pass for digits; a label of digits and these alone is a
// spoof of a numeric name (Chromium's digit_lookalikes_).
const digitLookalikes = "θ२২੨੨૨೩೭շзҙӡउওਤ੩૩౩ဒვპੜკ੫丩ㄐճ৪੪୫૭୨౨"

func digitLookalike(u string) bool {
	seen := false
	for _, r := range u {
		switch {
		case '0' <= r && r <= '9':
		case strings.ContainsRune(digitLookalikes, r):
			seen = true
		default:
			return false
		}
	}
	return seen
}

// Characters of Chinese and Japanese that pass for a slash, a dash or a
// Latin letter beside non-CJK text (Chromium's dangerous patterns):
// slashBetween only with non-CJK on both sides, since Katakana "ン" beside
// Latin is ordinary ("ビタミンb1"); slashBeside with non-CJK on either side.
const (
	slashBetween = "ノソゾン丶乀乁丿"
	slashBeside  = "一ㄧ丨乛七丅十〇ㄒㄚㄟㄨㄩㄈㆺㆳ工ㆲ讠丁"
)

func dangerousSequence(u, tld string) string {
	d := []rune(norm.NFD.String(u))
	for i, r := range d {
		var prev, next rune
		if i > 0 {
			prev = d[i-1]
		}
		if i+1 < len(d) {
			next = d[i+1]
		}
		switch {
		case r == '\u0307' && strings.ContainsRune("ijlı", prev):
			return "puts a dot above i, j or l"
		case unicode.Is(unicode.Mn, r) && (prev == 'ı' || prev == 'ȷ'):
			return "puts a mark on a dotless ı or ȷ"
		case unicode.Is(unicode.Mn, r) && r == prev:
			return "repeats a combining mark"
		case 0x0300 <= r && r <= 0x0339 && i > 0 && !isLGC(prev) && !unicode.Is(unicode.Mn, prev):
			return "puts a Latin diacritic on a letter of another script"
		case r == '·' && !(prev == 'l' && next == 'l' && tld == "cat"):
			return "uses a middle dot outside Catalan l·l"
		case isRTLMark(r) && unicode.Is(unicode.Latin, prev):
			return "puts a right-to-left mark on a Latin letter"
		case strings.ContainsRune(slashBetween, r) && i > 0 && !isCJK(prev) && i+1 < len(d) && !isCJK(next),
			strings.ContainsRune(slashBeside, r) && (i > 0 && !isCJK(prev) || i+1 < len(d) && !isCJK(next)):
			return "puts a CJK character that passes for a slash, a dash or a Latin letter next to non-CJK text"
		}
	}
	return ""
}

func isLGC(r rune) bool {
	return r < 0x80 || unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic)
}

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo) || r == 0x30FC
}

// isRTLMark reports the combining marks of Hebrew, Arabic and Syriac,
// which Unicode gives script Inherited or their own.
func isRTLMark(r rune) bool {
	return unicode.Is(unicode.Mn, r) && (0x0591 <= r && r <= 0x05C7 || 0x0610 <= r && r <= 0x061A ||
		0x064B <= r && r <= 0x065F || r == 0x0670 || 0x06D6 <= r && r <= 0x06ED || 0x0730 <= r && r <= 0x074A)
}

func accentedLatinWithCJK(u string) bool {
	var accented, other bool
	for _, r := range u {
		switch {
		case r >= 0x80 && unicode.Is(unicode.Latin, r):
			accented = true
		case unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo):
			other = true
		}
	}
	return accented && other
}
