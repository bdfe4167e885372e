#include "render/pagination.h"

#include <algorithm>

namespace procura {

PaginateResult Paginate(std::size_t total, int requested, std::size_t per_page) {
  PaginateResult r;
  if (per_page == 0) per_page = 1;
  r.p.pages = static_cast<int>(std::max<std::size_t>(1, (total + per_page - 1) / per_page));
  r.ok = requested >= 1 && requested <= r.p.pages;
  r.p.page = std::clamp(requested, 1, r.p.pages);
  r.p.offset = static_cast<std::size_t>(r.p.page - 1) * per_page;
  r.p.count = total > r.p.offset ? std::min(per_page, total - r.p.offset) : 0;
  return r;
}

std::vector<PageLink> Pagination::Links(int window) const {
  std::vector<PageLink> out;
  int last_shown = 0;
  for (int n = 1; n <= pages; ++n) {
    const bool show = n == 1 || n == pages || (n >= page - window && n <= page + window);
    if (!show) continue;
    if (last_shown && n > last_shown + 1) out.push_back({0, false});
    out.push_back({n, n == page});
    last_shown = n;
  }
  return out;
}

}  // namespace procura
