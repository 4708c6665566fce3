package verify

// A Code names one kind of finding. Codes are stable: tools match on them.
type Code string

// Codes for hosts and URLs.
const (
	// CodeRegisteredDomain: the host is, or is under, a registered domain.
	CodeRegisteredDomain Code = "registered-domain"
	// CodeLoginHost: the host is one the organisation's members log in at.
	CodeLoginHost Code = "login-host"
	// CodeInvalidHost: no host a browser would connect to.
	CodeInvalidHost Code = "invalid-host"
	// CodeInvalidURL: the URL does not parse as browsers parse it.
	CodeInvalidURL Code = "invalid-url"
	// CodeTooLong: the input is longer than the configured limit.
	CodeTooLong Code = "too-long"
	// CodeIPAddress: the host is an IP address, which no organisation
	// sends its members to.
	CodeIPAddress Code = "ip-address"
	// CodeUserinfo: the URL carries a user name or password before its
	// host, the oldest trick for showing one name and opening another.
	CodeUserinfo Code = "userinfo"
	// CodeBrandInUserinfo: an official name sits in the userinfo of a URL
	// whose host is elsewhere.
	CodeBrandInUserinfo Code = "brand-in-userinfo"
	// CodeBrandInPath: an official domain appears in the path, query or
	// fragment of a URL whose host is elsewhere.
	CodeBrandInPath Code = "brand-in-path"
	// CodeDangerousScheme: javascript:, data:, vbscript:, blob: or file:,
	// schemes that run or open content instead of visiting a site.
	CodeDangerousScheme Code = "dangerous-scheme"
	// CodeUnsupportedScheme: a scheme with no host a browser visits
	// (mailto:, tel:, an application's scheme).
	CodeUnsupportedScheme Code = "unsupported-scheme"
	// CodeNoScheme: the link has no scheme and was read as http://, as a
	// browser's address bar does.
	CodeNoScheme Code = "no-scheme"
)

// Codes for lookalikes: each technique found is reported.
const (
	// CodeKnownLookalike: the registry lists the host as an imitation.
	CodeKnownLookalike Code = "known-lookalike"
	// CodeHomoglyph: the host looks like an official name once characters
	// that look alike are equated (Cyrillic а for a, rn for m, 1 for l).
	CodeHomoglyph Code = "homoglyph"
	// CodeMixedScript: a label mixes scripts to imitate an official name.
	CodeMixedScript Code = "mixed-script"
	// CodeEditDistance: a typo of an official name.
	CodeEditDistance Code = "edit-distance"
	// CodeTransposition: two neighbouring letters of an official name
	// swapped.
	CodeTransposition Code = "transposition"
	// CodeTargetEmbed: an official domain or login host embedded in another
	// host.
	CodeTargetEmbed Code = "target-embedding"
	// CodeComboSquat: an official name combined with other words.
	CodeComboSquat Code = "combo-squat"
	// CodeTLDSwap: the official name under another suffix.
	CodeTLDSwap Code = "tld-swap"
	// CodeAlias: the name imitated is another name of the organisation
	// than its domain: a product or service ("carte Vitale", "cfspart"),
	// an acronym ("CPAM", "DGFiP"), a former or spelled-out name.
	CodeAlias Code = "alias"
	// CodeCompound: the name was found glued to other words inside one
	// label ("securitesocialamelie"), by word segmentation.
	CodeCompound Code = "compound"
	// CodeHostingPlatform: the name is a customer's label on a hosting
	// platform, dynamic DNS or free subdomain provider, where anyone gets
	// a name in minutes ("authentification-impot.netlify.app").
	CodeHostingPlatform Code = "hosting-platform"
	// CodeGovWord: the host misspells the government word ("gov", "qouv"
	// for "gouv").
	CodeGovWord Code = "gov-word"
	// CodeStateDomain: an unknown host under a namespace only the State
	// registers in (gouv.fr): it is no imitation, but not in the registry
	// either.
	CodeStateDomain Code = "state-domain"
	// CodeIDNSpoof: an internationalised name built the way spoofs are
	// (mixed scripts, a whole label of letters that pass for Latin,
	// invisible or look-alike punctuation), imitating no registered
	// domain in particular. Browsers show such names in Punycode.
	CodeIDNSpoof Code = "idn-spoof"
)

// Codes for email senders and messages.
const (
	CodeInvalidAddress     Code = "invalid-address"
	CodeMissingFrom        Code = "missing-from"
	CodeInvalidHeader      Code = "invalid-header"
	CodeInvalidMIME        Code = "invalid-mime"
	CodeDisplayNameBrand   Code = "display-name-brand"
	CodeDisplayNameAddress Code = "display-name-address"
	CodeFreeMail           Code = "free-mail"
	// CodeMailDomain: the address is on a domain the registry lists as
	// one the organisation sends its mail from.
	CodeMailDomain       Code = "mail-domain"
	CodeReplyTo          Code = "reply-to"
	CodeReturnPath       Code = "return-path"
	CodeDMARCPass        Code = "dmarc-pass"
	CodeDMARCFail        Code = "dmarc-fail"
	CodeUnauthenticated  Code = "unauthenticated"
	CodeNoMemberLogin    Code = "no-member-login"
	CodeLinkTextMismatch Code = "link-text-mismatch"
	CodeTooManyLinks     Code = "too-many-links"
	CodeTruncated        Code = "truncated"
	CodeUnverifiedLink   Code = "unverified-link"
	// CodeUnknownCharset: a part whose charset could not be decoded was
	// searched as raw bytes; a link written in it may have been missed.
	CodeUnknownCharset Code = "unknown-charset"
	// CodeUnreadContent: mail clients show content vigie cannot open
	// (S/MIME, PGP, a uuencoded file); its links were not checked.
	CodeUnreadContent Code = "unread-content"
	// CodeDeepHTML: an HTML part nested too deep for the parser was read
	// from its tokens.
	CodeDeepHTML       Code = "deep-html"
	CodeLocalPartBrand Code = "local-part-brand"
)

// Codes for text messages.
const (
	CodeInvalidText Code = "invalid-text"
	CodeShortener   Code = "shortener"
	// CodeRedirector: a link through a redirector whose destination is
	// written in it (bing.com/ck/a, google.com/url?q=): the destination
	// is judged instead; unreadable, the link is Suspicious.
	CodeRedirector Code = "redirector"
	// CodeBrowserScheme: an application's scheme that opens a web page
	// in a browser (intent://, microsoft-edge:, view-source:): the page
	// is judged.
	CodeBrowserScheme Code = "browser-scheme"
	// CodeDisguisedLink: a link written to escape link finders
	// (ameli-remboursement[.]com, hxxps://).
	CodeDisguisedLink Code = "disguised-link"
	CodeBrandMention  Code = "brand-mention"
	CodeSenderID      Code = "sender-id"
	CodeMobileSender  Code = "mobile-sender"
)

// CodeInfo documents one code: the README's table is checked against it.
type CodeInfo struct {
	Code Code
	// Status is the status the finding leads to on its own ("" when it
	// only adds to another finding).
	Status  string
	Meaning string
}

// AllCodes documents every code vigie emits, in the README's order.
func AllCodes() []CodeInfo {
	return append([]CodeInfo(nil), codeInfo...)
}

var codeInfo = []CodeInfo{
	{CodeRegisteredDomain, "official", "the host is, or is under, a domain registered for the organisation"},
	{CodeLoginHost, "", "the host is one where the organisation's members log in"},
	{CodeInvalidHost, "invalid", "no host a browser would connect to (forbidden characters, failed IDNA, a bad IP address, a name DNS cannot hold)"},
	{CodeInvalidURL, "invalid", "the URL does not parse as browsers parse it"},
	{CodeTooLong, "invalid", "the input is longer than the configured limit"},
	{CodeIPAddress, "suspicious", "the host is an IPv4 or IPv6 address"},
	{CodeUserinfo, "suspicious", "the URL carries a user name or password before its host (never official)"},
	{CodeBrandInUserinfo, "lookalike", "an official name is written in the userinfo of a URL that goes elsewhere"},
	{CodeBrandInPath, "suspicious", "an official domain is written in the path of a URL that goes elsewhere (in the query or fragment it is only noted)"},
	{CodeDangerousScheme, "suspicious", "javascript:, data:, vbscript:, blob: or file: URL"},
	{CodeUnsupportedScheme, "unknown", "a scheme with no host to visit (mailto:, tel:, an application's scheme); a mailto: link, or an address written in a text, takes the verdict of a recipient on a lookalike domain or naming an organisation it is not on"},
	{CodeNoScheme, "", "the link had no scheme and was read as http://, as an address bar does"},
	{CodeKnownLookalike, "lookalike", "the host is listed in the registry as a known imitation"},
	{CodeHomoglyph, "lookalike", "characters that look like the official ones (Cyrillic а, Greek ο, 0 for o, rn for m, accents dropped)"},
	{CodeMixedScript, "lookalike", "a label mixes scripts (Latin with Cyrillic or Greek) to imitate an official name"},
	{CodeEditDistance, "lookalike", "a typo of an official name: a letter added, dropped or changed (1 edit from 5 characters, 2 from 9)"},
	{CodeTransposition, "lookalike", "two neighbouring letters of an official name swapped"},
	{CodeTargetEmbed, "lookalike", "an official domain or login host embedded in another host, its dots kept, turned into hyphens, moved or removed"},
	{CodeComboSquat, "lookalike", "an official name combined with other words (compte-ameli.fr, amelisante.info)"},
	{CodeTLDSwap, "lookalike", "the official name under another suffix (ameli.com, ameli.fr.co)"},
	{CodeAlias, "lookalike", "the name imitated is another name of the organisation than its domain: a product or service (carte Vitale, cfspart), an acronym (CPAM, DGFiP), a former or spelled-out name (cpam-remboursement.info)"},
	{CodeCompound, "lookalike", "the name was found glued to other words inside one label by word segmentation, one typo allowed per word of 5 letters or more (securitesocialamelie.fr, espaceameii.fr)"},
	{CodeHostingPlatform, "lookalike", "the name is a customer's label on a hosting platform, dynamic DNS or free subdomain provider (authentification-impot.netlify.app)"},
	{CodeGovWord, "lookalike", "the government word misspelt: gov, qouv or gouw for gouv (ants.qouv.fr)"},
	{CodeStateDomain, "unknown", "a host under gouv.fr, where only the State registers names, that the registry does not list: never called a lookalike"},
	{CodeIDNSpoof, "suspicious", "an internationalised name built as spoofs are (mixed scripts, letters that pass for Latin, look-alike punctuation), imitating no registered domain"},
	{CodeInvalidAddress, "invalid", "the sender is not a valid email address"},
	{CodeMissingFrom, "invalid", "the message has no From header"},
	{CodeInvalidHeader, "invalid", "a header does not parse or is written twice (From, Reply-To, Authentication-Results...), or the header section is too large"},
	{CodeInvalidMIME, "invalid", "the MIME structure is broken or ambiguous (Content-Type, Content-Transfer-Encoding or a parameter written twice); the parts that could be read were checked"},
	{CodeDisplayNameBrand, "suspicious", "the display name names an organisation whose domains the address is not on"},
	{CodeDisplayNameAddress, "suspicious", "the display name holds an email address on another domain than the real one"},
	{CodeFreeMail, "", "the address is on a free mail provider while the display name names an organisation"},
	{CodeMailDomain, "", "the address is on a domain the organisation is known to send its mail from (registry mail_domains); still proven only by DMARC"},
	{CodeReplyTo, "suspicious", "replies go to a domain outside the sender's organisation (lookalike when it imitates one)"},
	{CodeReturnPath, "", "bounces go to another domain than the sender's (lookalike when it imitates one)"},
	{CodeDMARCPass, "", "a trusted Authentication-Results reports DMARC passing, aligned with the official From domain"},
	{CodeDMARCFail, "suspicious", "a trusted Authentication-Results reports DMARC failing (or none) for an official From domain: a spoof"},
	{CodeUnauthenticated, "unknown", "an official From domain that no trusted Authentication-Results proves (DMARC pass): a message is not official on its From header alone"},
	{CodeNoMemberLogin, "suspicious", "the message names an organisation where insured people never log in (Viamedis, Almerys) and carries a login link"},
	{CodeLinkTextMismatch, "suspicious", "a link shows an official address but leads to another organisation's or nobody's"},
	{CodeTooManyLinks, "suspicious", "more links than the configured limit, or more recipients in one mailto: link than vigie judges (32): the rest were not checked"},
	{CodeTruncated, "suspicious", "the text or HTML shown to the reader is longer than vigie searches (1 MiB a part, 4 MiB a message): the rest was not checked"},
	{CodeUnverifiedLink, "unknown", "the sender is proven but a link leads outside the registered organisations, their link domains and the well-known platforms (social networks, app stores): the message is not official"},
	{CodeDeepHTML, "suspicious", "an HTML part nests elements deeper than the HTML parser builds a tree (512), or documents (conditional comments, iframe srcdoc) deeper than vigie reads them (2): no mail needs that, and what it shows may differ from what vigie read"},
	{CodeUnknownCharset, "unknown", "a text or HTML part is in a charset vigie cannot decode (UTF-7, UTF-32): its links were searched in its undecoded bytes, so the message is not official"},
	{CodeUnreadContent, "unknown", "a part mail clients open and show is one vigie cannot open: S/MIME signed or encrypted content (application/pkcs7-mime, smime.p7m), Outlook TNEF (winmail.dat), an Outlook item (.msg), PGP encrypted content (multipart/encrypted, inline), a uuencoded file Thunderbird shows as an attachment, a zip archive too large, encrypted or nested, another archive or a disk image (.rar, .7z, .iso...), a zip archive holding another before the one its directory lists, a Windows shortcut (.lnk), a program or script (.js, .vbs, .exe, .chm...), a PDF encrypted, with scripts, launch actions, embedded or attached files or XFA forms, object streams vigie cannot place or decode, or too large, an Office file in the binary format (.doc, .xls, .ppt, .pub, .vsd); its links were not checked, so the message is not official"},
	{CodeLocalPartBrand, "suspicious", "the address's local part names an organisation whose domains the address is not on (impots-gouv@example.com)"},
	{CodeInvalidText, "invalid", "the text is not valid UTF-8, or is longer than the configured limit"},
	{CodeShortener, "suspicious", "a link goes through a URL shortener or redirector, whose destination cannot be verified offline"},
	{CodeRedirector, "suspicious", "a link goes through a redirector that writes its destination in the link (bing.com/ck/a, google.com/url): the destination is judged instead, Suspicious when it cannot be read"},
	{CodeBrowserScheme, "", "an application's scheme that opens a web page in a browser (intent://, microsoft-edge:, view-source:): the page it opens is judged"},
	{CodeDisguisedLink, "suspicious", "a link written to escape link finders (ameli-remboursement[.]com, a look-alike dot, hxxps://): judged as a browser would open it, never official"},
	{CodeBrandMention, "suspicious", "the text names an organisation while a link is not official for it"},
	{CodeSenderID, "", "the SMS sender ID imitates an organisation's name (anyone can set one: never proof)"},
	{CodeMobileSender, "suspicious", "a mobile number (06, 07, +336, +337) sends a text that names an organisation"},
}
