// Small text utilities shared by every layer: HTML escaping, URL
// percent-coding, query strings and UTF-8 checks.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace procura {

// Escapes & < > " ' for HTML text and attribute values.
std::string HtmlEscape(std::string_view s);

// Percent-decodes `s`. '+' is kept as is unless `plus_as_space`.
// Returns false (leaving `out` unspecified) on a malformed %-escape.
bool UrlDecode(std::string_view s, std::string& out, bool plus_as_space = false);

// Percent-encodes everything but unreserved characters (RFC 3986).
std::string UrlEncode(std::string_view s);

// Parses "a=1&b=2" into a map; the last value of a repeated key wins.
// Malformed pairs are skipped.
std::map<std::string, std::string> ParseQuery(std::string_view query);

// Lower-case hexadecimal of `bytes` ("\x01\xab" → "01ab").
std::string HexEncode(std::string_view bytes);

// `s` with A-Z as a-z; every other byte (UTF-8 included) as it is.
std::string AsciiLower(std::string_view s);

// True if `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view s);

// One code point of UTF-8 text and its length in bytes.
struct Utf8Char {
  char32_t c = 0;
  std::size_t len = 0;  // 0: not well-formed there
};
// The code point that starts at byte `i` of `s`. Length 0 (and c 0) when
// the bytes there are not well-formed UTF-8: a stray continuation byte, a
// sequence cut short, an overlong form, a surrogate, past U+10FFFF, or `i`
// at or past the end. The one decoder the code base uses.
Utf8Char DecodeUtf8At(std::string_view s, std::size_t i);
// The last code point of `s`; 0 when `s` is empty or does not end with a
// well-formed one.
char32_t LastCodePoint(std::string_view s);
// Appends `c` (a Unicode scalar value) to `out` as UTF-8.
void AppendUtf8(char32_t c, std::string& out);

// The first `max_chars` code points of valid UTF-8 `s` (never cuts one).
std::string Utf8Prefix(std::string_view s, std::size_t max_chars);

// Counts Unicode code points in valid UTF-8 `s`.
size_t Utf8Length(std::string_view s);

// Parses a positive decimal id (no sign, no leading zeros, at most 15
// digits); nullopt otherwise.
std::optional<std::int64_t> ParsePositiveId(std::string_view s);

// True for a column slug: 1–64 of [a-z0-9-], not starting or ending with '-'.
bool IsValidSlug(std::string_view slug);

// `s` with the full-width forms a Chinese input method types in its
// full-width mode (全角: "３２", "１３８－００００", "ａ＠ｂ．ｃｎ", U+FF01 to
// U+FF5E) made ASCII, and the ideographic space (U+3000) a space; for a
// field whose value is a number, a phone number or a code, never for prose
// (where "（" and "，" are right). Everything else is kept as it is.
std::string NarrowForms(std::string_view s);

// The ASCII character that the full-width form (U+FF01..U+FF5E) or the
// ideographic space (' ') in the three bytes at s[i] stands for, or 0 for
// anything else: NarrowForms one character at a time, for callers that
// narrow only some characters or must keep each one's place in `s`.
char NarrowCharAt(std::string_view s, std::size_t i);

// An e-mail address as typed with a Chinese input method: NarrowForms,
// the ideographic full stops "。" (U+3002) and "｡" (U+FF61) read as "."
// (IDNA reads them so in a domain), and surrounding spaces trimmed.
// "张三＠ｅｘａｍｐｌｅ。ｃｎ " → "张三@example.cn". Validity is the caller's.
std::string NarrowEmailAddress(std::string_view s);

// A plain decimal number ("2", "2.5", "0.25"; no sign, exponent or
// spaces, at most 12 characters), or nullopt. Full-width digits are read
// (NarrowForms), and "。" between digits as the point: a Chinese input
// method types it for "." ("1。5").
std::optional<double> ParseDecimal(std::string_view s);

// Splits `s` at `sep`, dropping empty pieces.
std::vector<std::string> Split(std::string_view s, char sep);

// `s` without leading and trailing ASCII spaces, tabs and line breaks.
std::string Trim(std::string_view s);

// Escapes `s` as a JSON string body (without surrounding quotes).
std::string JsonEscape(std::string_view s);

}  // namespace procura
