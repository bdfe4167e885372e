// TemplateSet: the mustache templates of templates/, loaded once at start.
// {{x}} escapes HTML; {{{x}}} is used only for HTML procura produced itself
// (rendered Markdown, nested templates). Every template is available to the
// others as a partial under its file name without ".mustache".
//
// Text for people is marked {{#t}}Search the site{{/t}}. Markers are
// replaced by the catalog's translation once, at load, giving one template
// set per language; a translation may carry the msgid's {{placeholders}}.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include <kainjow/mustache.hpp>

#include "core/status.h"
#include "i18n/catalogs.h"

namespace procura {

using TemplateData = kainjow::mustache::data;

// A true value, for {{#flag}} sections.
inline TemplateData TemplateTrue() { return TemplateData(TemplateData::type::bool_true); }

// One <option> of a <select>: {{value}}, {{name}}, and {{#selected}} when
// `selected`.
inline TemplateData SelectOption(const std::string& value, const std::string& name, bool selected) {
  TemplateData o;
  o.set("value", value);
  o.set("name", name);
  if (selected) o.set("selected", TemplateTrue());
  return o;
}

class TemplateSet {
 public:
  // Loads every *.mustache file in `dir`, translates its markers into each
  // language (with `catalogs`; without, markers keep their English text),
  // and checks that each parses. Invalid (naming the file and the parser's
  // message) on a syntax error or an unclosed marker.
  static Result<TemplateSet> Load(const std::filesystem::path& dir,
                                  const i18n::Catalogs* catalogs = nullptr);

  // Renders template `name` in `lang` with `data`. NotFound for an unknown
  // name; Internal if rendering fails. Thread-safe: each thread parses a
  // template once and keeps it; only the partials it uses are offered.
  Result<std::string> Render(const std::string& name, TemplateData data,
                             i18n::Lang lang = i18n::Lang::kZh) const;

  // The marked texts of `source` ({{#t}}…{{/t}}), for the catalog checks.
  static std::vector<std::string> MarkedTexts(std::string_view source);

 private:
  using Sources = std::map<std::string, std::string>;
  std::map<i18n::Lang, Sources> sources_;
  std::map<std::string, std::vector<std::string>> partials_;  // name → partials used, transitively
  std::uint64_t id_ = 0;  // tells the per-thread parse caches of two sets apart
};

}  // namespace procura
