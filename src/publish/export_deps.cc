#include "publish/export_deps.h"

#include <charconv>

#include "render/pagination.h"

namespace procura::publish {
namespace {

// The ids a column's list page shows, newest first.
std::vector<std::int64_t> ListedIds(const Target& t, const SiteSnapshot& snap) {
  const ArticleList& list = snap.ArticlesIn(t.id, i18n::Tag(t.lang));
  std::vector<std::int64_t> ids;
  const std::size_t first = static_cast<std::size_t>(t.page - 1) * kPageSize;
  for (std::size_t i = first; i < list.size() && i < first + kPageSize; ++i) ids.push_back(list[i]->id);
  return ids;
}

// The ids a list page showed when it was built (its "article:" tags).
std::vector<std::int64_t> StoredIds(std::string_view deps) {
  std::vector<std::int64_t> ids;
  ForEachTag(deps, [&ids](std::string_view tag) {
    std::int64_t id = 0;
    if (tag.starts_with("article:") &&
        std::from_chars(tag.data() + 8, tag.data() + tag.size(), id).ec == std::errc())
      ids.push_back(id);
  });
  return ids;
}

}  // namespace

std::string StoredDeps(const Target& t, const SiteSnapshot& snap, std::vector<std::string> deps) {
  if (t.kind == Target::Kind::kColumn)
    for (std::int64_t id : ListedIds(t, snap)) deps.push_back("article:" + std::to_string(id));
  if (t.kind == Target::Kind::kArticle) {
    std::erase_if(deps, [](const std::string& d) { return d.starts_with("column:"); });
    auto [older, newer] = snap.Neighbors(t.id);
    for (const ArticleRecord* n : {older, newer})
      if (n) deps.push_back("article:" + std::to_string(n->id));
  }
  std::string joined;
  for (const std::string& d : deps) (joined += joined.empty() ? "" : ",") += d;
  joined.shrink_to_fit();
  return joined;
}

bool ListPageChanged(const Target& t, const PageRow& built, const SiteSnapshot& after,
                     const std::set<std::string, std::less<>>& shown) {
  return built.DependsOnAny(shown) || StoredIds(built.deps) != ListedIds(t, after);
}

}  // namespace procura::publish
