// PageContext's own helpers (see portal_pages.h): plural text, and
// addresses in the page's language and in the other one.
#include "core/status.h"
#include "render/page_language.h"
#include "render/portal_pages.h"

namespace procura {

std::string PageContext::TN(std::string_view singular, std::string_view plural, long n) const {
  if (catalogs) return catalogs->TrN(lang, singular, plural, n);
  return FillPlaceholders(std::string(n == 1 ? singular : plural), {{"n", std::to_string(n)}});
}

std::string PageContext::Url(std::string_view path) const {
  return LangPrefix(snap.site(), lang) + std::string(path);
}

std::string PageContext::OtherUrl(std::string_view path) const {
  return LangPrefix(snap.site(), i18n::Other(lang)) + std::string(path);
}

}  // namespace procura
