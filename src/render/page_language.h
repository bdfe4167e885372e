// The portal's two languages. The site's language (SiteRecord::lang) is
// its primary one, served at /; the other is served under a prefix:
//   primary zh-CN → English at /en/…     primary en → Chinese at /zh/…
// Articles are in one language and list only there; columns and the site
// exist in both (a column's second_name names it in the second language).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "i18n/catalogs.h"
#include "storage/records.h"

namespace procura {

// The site's primary language (zh-CN unless the site says English).
i18n::Lang PrimaryLang(const SiteRecord& site);
// "" for the primary language, "/en" or "/zh" for the second.
std::string LangPrefix(const SiteRecord& site, i18n::Lang lang);
// The language a path prefix ("en" / "zh") selects on this site, or
// nullopt if that prefix is not this site's second language.
std::optional<i18n::Lang> LangOfPrefix(const SiteRecord& site, std::string_view prefix);
// A site text in `lang`: `second` when `lang` is the second language and
// it is set, else `primary` (SiteText(site, lang, site.name, site.second_name)).
const std::string& SiteText(const SiteRecord& site, i18n::Lang lang, const std::string& primary,
                            const std::string& second);
// A column's description in `lang`: its description in the primary
// language; in the second "<name> - <site name>" (no second description is kept).
std::string ColumnDescription(const SiteRecord& site, const ColumnRecord& c, i18n::Lang lang);
// A column's name in `lang` (the second name when set, else the name).
const std::string& ColumnName(const SiteRecord& site, const ColumnRecord& c, i18n::Lang lang);

// The article line's date: "2022年07月14日" in Chinese (the original
// portal's style), "July 14, 2022" in English.
std::string FormatArticleDate(UnixSeconds t, int offset_minutes, i18n::Lang lang);

using i18n::FillPlaceholders;

}  // namespace procura
