#include "web/admin/admin_pager.h"

#include <algorithm>

#include "core/text.h"

namespace procura::web {

PageSpan SpanOf(std::optional<std::int64_t> requested, std::int64_t total, int per_page) {
  PageSpan s;
  s.per_page = std::max(per_page, 1);
  s.pages = std::max<std::int64_t>(1, (total + s.per_page - 1) / s.per_page);
  s.page = std::clamp<std::int64_t>(requested.value_or(1), 1, s.pages);
  s.offset = (s.page - 1) * s.per_page;
  return s;
}

void SetPager(const AdminKit& kit, const AdminContext& ctx, const std::string& path,
              const std::vector<std::pair<std::string, std::string>>& filters,
              const PageSpan& span, TemplateData& body) {
  if (span.pages <= 1) return;
  std::string base = path + "?";
  for (const auto& [key, value] : filters)
    if (!value.empty()) base += key + "=" + UrlEncode(value) + "&";
  auto link = [&](std::int64_t page) { return base + "page=" + std::to_string(page); };
  TemplateData pager;
  if (span.page > 1) pager.set("prev", link(span.page - 1));
  if (span.page < span.pages) pager.set("next", link(span.page + 1));
  pager.set("text", kit.Tf(ctx, "Page {page} of {pages}",
                           {{"page", std::to_string(span.page)},
                            {"pages", std::to_string(span.pages)}}));
  body.set("pager", pager);
}

}  // namespace procura::web
