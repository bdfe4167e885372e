#include "publish/export_deps.h"

#include <charconv>

#include "render/pagination.h"

namespace procura::publish {
namespace {

// The ids a column's list page shows: on the first page its pinned ones
// (置顶) first, then the page's own newest first.
std::vector<std::int64_t> ListedIds(const Target& t, const SiteSnapshot& snap) {
  const ArticleList& list = snap.ArticlesIn(t.id, i18n::Tag(t.lang));
  std::vector<std::int64_t> ids;
  auto page = PageOfList(list.size(), t.page);
  if (page && page->is_first())
    for (const ArticleRecord* a : snap.PinnedIn(t.id, i18n::Tag(t.lang))) ids.push_back(a->id);
  if (page)
    for (std::size_t i = page->offset; i < page->offset + page->count; ++i) ids.push_back(list[i]->id);
  return ids;
}

// What a list page shows besides its articles and that a change elsewhere
// in its column can alter: the first page's count of articles, an archive
// page's pager near the newest end, whether the other language has the
// page (its language switch). Stored as a "pager:" tag.
std::string PagerTag(const Target& t, const SiteSnapshot& snap) {
  const std::size_t n = snap.ArticlesIn(t.id, i18n::Tag(t.lang)).size();
  auto page = PageOfList(n, t.page);
  if (!page) return "pager:gone";
  const std::size_t other = snap.ArticlesIn(t.id, i18n::Tag(i18n::Other(t.lang))).size();
  const bool other_has = t.page <= ArchivePageCount(other);
  return "pager:" + std::to_string(page->is_first() ? static_cast<long long>(n) : page->PagerKey()) +
         (other_has ? "" : "-alone");
}

std::string_view StoredPagerTag(std::string_view deps) {
  std::string_view found;
  ForEachTag(deps, [&found](std::string_view tag) {
    if (tag.starts_with("pager:")) found = tag;
  });
  return found;
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
  if (t.kind == Target::Kind::kColumn) {
    for (std::int64_t id : ListedIds(t, snap)) deps.push_back("article:" + std::to_string(id));
    deps.push_back(PagerTag(t, snap));
  }
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
  return built.DependsOnAny(shown) || StoredIds(built.deps) != ListedIds(t, after) ||
         StoredPagerTag(built.deps) != PagerTag(t, after);
}

}  // namespace procura::publish
