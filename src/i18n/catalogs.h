// Message catalogs: every user-facing string of the portal, the newsroom and
// the records goes through here (CLI output and logs stay English).
//
// Catalogs are GNU gettext .po files in po/ (one per language, edited in
// Poedit or any .po tool), compiled to .mo at build time and read through
// Boost.Locale's ICU backend, so no system locale has to be installed. The
// source strings (msgids) are English; "en" has its own catalog too, so
// that English wording can change without touching code. A test fails when
// a marked string lacks a translation in either catalog, or a catalog entry
// is no longer used (docs/i18n.md).
//
// In C++, mark strings with Tr / TrN (xgettext keywords Tr:2, TrN:2,3); in
// templates with {{#t}}text{{/t}} (see TemplateSet).
#pragma once

#include <filesystem>
#include <initializer_list>
#include <utility>
#include <locale>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace procura::i18n {

// The languages procura ships catalogs for.
enum class Lang { kZh, kEn };

// N_ marks a string for the catalogs without translating it here (a page
// title handed to code that translates it later); FillPlaceholders fills
// "{name}" placeholders after translation. Both live in core/status.h.
using ::procura::FillPlaceholders;
using ::procura::N_;
inline constexpr Lang kAllLangs[] = {Lang::kZh, Lang::kEn};

// "zh-CN" / "en": the BCP 47 tag for <html lang>, hreflang and settings.
std::string_view Tag(Lang lang);
// The other of the two languages.
Lang Other(Lang lang);
// Accepts "zh-CN", "zh", "zh-Hans", "en", "en-US"… (case-insensitive);
// nullopt for anything else.
std::optional<Lang> Parse(std::string_view tag);

class Catalogs {
 public:
  // Loads <dir>/<zh_CN|en>/LC_MESSAGES/procura.mo. Unavailable (naming
  // the file) if one is missing: the build makes them (`make build`).
  static Result<Catalogs> Load(const std::filesystem::path& dir);

  // The translation of `msgid`, or `msgid` itself if the catalog lacks it.
  std::string Tr(Lang lang, std::string_view msgid) const;
  // The plural form for `n` ("1 result" / "{n} results"), with every
  // "{n}" replaced by n.
  std::string TrN(Lang lang, std::string_view singular, std::string_view plural, long n) const;
  // TrN with placeholders: the form for `n`, then filled from `args` (as
  // TrMessage) and "{n}".
  std::string TrNMessage(Lang lang, std::string_view singular, std::string_view plural, long n,
                         const MessageArgs& args) const;
  // A message with placeholders (a Status's msgid and args): translated,
  // then filled. Arguments whose names end in "_label" are msgids too (a
  // field's name, a state) and are translated first.
  std::string TrMessage(Lang lang, std::string_view msgid, const MessageArgs& args) const;
  // The ICU locale of `lang` (collation: pinyin order for Chinese).
  const std::locale& Locale(Lang lang) const;

 private:
  // `args` with each "*_label" value translated (a msgid of its own).
  MessageArgs TranslatedLabels(Lang lang, MessageArgs args) const;
  std::locale zh_, en_;
};

// TrNMessage without catalogs (English, n == 1 singular): for callers
// whose catalogs may be missing.
std::string FillPlural(std::string_view singular, std::string_view plural, long n,
                       MessageArgs args);

// Sorts `names` in `lang`'s collation order (Chinese: by pinyin), in place.
void SortNames(const Catalogs& catalogs, Lang lang, std::vector<std::string>& names);

// Chinese (pinyin) collation order of two UTF-8 names, without catalogs:
// true if `a` sorts before `b`. Han names come first, then Latin ones.
// Thread-safe.
bool PinyinLess(std::string_view a, std::string_view b);
// A key whose byte order is PinyinLess's order, for sorting many names
// (one collation per name instead of one per comparison).
std::string PinyinSortKey(std::string_view name);

}  // namespace procura::i18n
