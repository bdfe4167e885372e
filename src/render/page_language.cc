#include "render/page_language.h"

#include <fmt/format.h>

#include <ctime>

namespace procura {

i18n::Lang PrimaryLang(const SiteRecord& site) {
  return i18n::Parse(site.lang).value_or(i18n::Lang::kZh);
}

std::string LangPrefix(const SiteRecord& site, i18n::Lang lang) {
  if (lang == PrimaryLang(site)) return "";
  return lang == i18n::Lang::kEn ? "/en" : "/zh";
}

std::optional<i18n::Lang> LangOfPrefix(const SiteRecord& site, std::string_view prefix) {
  const i18n::Lang second = i18n::Other(PrimaryLang(site));
  if (prefix == (second == i18n::Lang::kEn ? "en" : "zh")) return second;
  return std::nullopt;
}

const std::string& SiteText(const SiteRecord& site, i18n::Lang lang, const std::string& primary,
                            const std::string& second) {
  return lang != PrimaryLang(site) && !second.empty() ? second : primary;
}

std::string ColumnDescription(const SiteRecord& site, const ColumnRecord& c, i18n::Lang lang) {
  if (lang == PrimaryLang(site) && !c.description.empty()) return c.description;
  if (lang != PrimaryLang(site) && !c.second_description.empty()) return c.second_description;
  return ColumnName(site, c, lang) + " - " + SiteText(site, lang, site.name, site.second_name);
}

const std::string& ColumnName(const SiteRecord& site, const ColumnRecord& c, i18n::Lang lang) {
  return lang != PrimaryLang(site) && !c.second_name.empty() ? c.second_name : c.name;
}

std::string FormatArticleDate(UnixSeconds t, int offset_minutes, i18n::Lang lang) {
  if (lang == i18n::Lang::kEn) return FormatLongDate(t, offset_minutes);
  const std::string iso = FormatDate(t, offset_minutes);  // "2022-07-14"
  return fmt::format("{}年{}月{}日", iso.substr(0, 4), iso.substr(5, 2), iso.substr(8, 2));
}

}  // namespace procura
