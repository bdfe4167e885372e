// The pager under an admin list (articles, media): "Page 2 of 7" with
// links to the previous and next pages that keep the list's filters.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "web/admin/admin_kit.h"

namespace procura::web {

struct PageSpan {
  std::int64_t page = 1;   // 1-based, within [1, pages]
  std::int64_t pages = 1;  // at least 1, even for an empty list
  std::int64_t offset = 0;
  int per_page = 50;
};

// The page `requested` (?page=; nullopt or out of range → the nearest
// page that exists) of `total` items, `per_page` to a page.
PageSpan SpanOf(std::optional<std::int64_t> requested, std::int64_t total, int per_page);

// Sets "pager" {prev, next, text} in `body` when there is more than one
// page. `filters`: the list's other query parameters, kept in the links.
void SetPager(const AdminKit& kit, const AdminContext& ctx, const std::string& path,
              const std::vector<std::pair<std::string, std::string>>& filters,
              const PageSpan& span, TemplateData& body);

}  // namespace procura::web
