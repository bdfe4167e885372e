#include "publish/exporter.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <mutex>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "core/compress.h"
#include "render/page_cache.h"
#include "render/pagination.h"

namespace procura::publish {
namespace fs = std::filesystem;
namespace {

using Kind = Target::Kind;

// The /media/<name> URLs a page links to.
std::set<std::string> MediaLinks(std::string_view html) {
  std::set<std::string> out;
  for (std::size_t at = html.find("/media/"); at != std::string_view::npos;
       at = html.find("/media/", at + 7)) {
    std::size_t end = at + 7;
    while (end < html.size() && (std::isalnum(static_cast<unsigned char>(html[end])) ||
                                 html[end] == '.' || html[end] == '-' || html[end] == '_'))
      ++end;
    if (end > at + 7) out.insert(std::string(html.substr(at, end - at)));
  }
  return out;
}

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
  for (std::size_t at = 0; at < deps.size();) {
    std::size_t comma = deps.find(',', at);
    if (comma == std::string_view::npos) comma = deps.size();
    const std::string_view tag = deps.substr(at, comma - at);
    std::int64_t id = 0;
    if (tag.starts_with("article:") &&
        std::from_chars(tag.data() + 8, tag.data() + tag.size(), id).ec == std::errc())
      ids.push_back(id);
    at = comma + 1;
  }
  return ids;
}

// Whether a built list page, which a batch's column tags reached, must be
// rebuilt: when something it shows changed (`shown`: the batch's tags but
// the columns' own, such as the site, the column tree, an article it
// lists), or when the changes moved which articles it lists. An edit of
// one article then rebuilds one list page of its column, not every one (a
// column of 200,000 articles has 10,000).
bool ListPageChanged(const Target& t, const ExportState::Built& b, const SiteSnapshot& after,
                     const std::set<std::string, std::less<>>& shown) {
  return b.DependsOnAny(shown) || StoredIds(b.deps) != ListedIds(t, after);
}

// What a page's state records it depends on. An article page: its own
// article, its translation and the two neighbours it links to, not its
// whole column (a publish would rebuild every page of the column; a new
// neighbour is found by Apply). A list page: also the ids it lists.
std::string StoredDeps(const Target& t, const SiteSnapshot& snap, std::vector<std::string> deps) {
  if (t.kind == Kind::kColumn)
    for (std::int64_t id : ListedIds(t, snap)) deps.push_back("article:" + std::to_string(id));
  if (t.kind == Kind::kArticle) {
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

// Which variants an export writes.
struct Codings {
  bool gzip = true, brotli = true;
};

Status WriteWithVariants(const fs::path& file, const std::string& body, const std::string& type,
                         Codings codings, const CompressedVariants* ready = nullptr) {
  PROCURA_RETURN_IF_ERROR(WriteFileAtomically(file, body));  // and its directories
  const CompressionLevels levels{kExportLevels.gzip, codings.brotli ? kExportLevels.brotli : -1};
  CompressedVariants v = !codings.gzip               ? CompressedVariants{}
                         : ready                     ? *ready
                         : IsCompressibleType(type) ? CompressVariants(body, levels)
                                                    : CompressedVariants{};
  if (!codings.brotli) v.brotli = nullptr;
  std::error_code ec;
  for (const auto& [suffix, bytes] : {std::pair{".gz", v.gzip}, std::pair{".br", v.brotli}}) {
    fs::path side = file;
    side += suffix;
    if (bytes) PROCURA_RETURN_IF_ERROR(WriteIntoExistingDir(side, *bytes));
    else fs::remove(side, ec);
  }
  return Status::Ok();
}

void RemoveWithVariants(const fs::path& root, const fs::path& file) {
  std::error_code ec;
  for (const char* suffix : {"", ".gz", ".br"}) {
    fs::path f = file;
    f += suffix;
    fs::remove(f, ec);
  }
  // Drop directories the removal emptied ("articles/38/"), never the root.
  for (fs::path dir = file.parent_path(); dir != root && dir.string().size() > root.string().size();
       dir = dir.parent_path())
    if (!fs::remove(dir, ec)) break;  // not empty (or gone)
}

}  // namespace

Exporter::Exporter(RenderInputs inputs, ExportOptions options)
    : in_(inputs), opt_(std::move(options)) {}

Status Exporter::Open() {
  auto state = LoadState(opt_.out);
  if (!state.ok()) return state.status();
  state_ = std::move(state).value();
  return Status::Ok();
}

std::shared_ptr<const SiteSnapshot> Exporter::WithBase(std::shared_ptr<const SiteSnapshot> snap) const {
  if (opt_.base_url.empty()) return snap;
  std::string base = opt_.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return snap->WithPublicUrl(base);
}

Result<ExportStats> Exporter::Full(std::shared_ptr<const SiteSnapshot> snap,
                                   const ExportProgress& progress) {
  snap = WithBase(std::move(snap));
  ExportStats stats;
  const std::vector<Target> targets = EnumerateTargets(*snap);
  std::vector<const Target*> all;
  for (const Target& t : targets) all.push_back(&t);
  if (state_.base_url != snap->site().public_url) state_.built.clear();  // every link changes
  PROCURA_RETURN_IF_ERROR(Build(all, *snap, stats, progress));
  PROCURA_RETURN_IF_ERROR(DeleteGone(targets, stats));
  PROCURA_RETURN_IF_ERROR(WriteAssets(stats));
  stats.targets = targets.size();
  PROCURA_RETURN_IF_ERROR(Finish(*snap, stats));
  return stats;
}

Result<ExportStats> Exporter::Apply(std::span<const ChangeRecord> changes,
                                    std::shared_ptr<const SiteSnapshot> after) {
  after = WithBase(std::move(after));
  std::set<std::string, std::less<>> tags;
  std::set<std::int64_t> articles;  // the changed articles and their new neighbours
  for (const ChangeRecord& c : changes) {
    for (auto& t : PageCache::TagsFor(c)) tags.insert(std::move(t));
    if (c.kind != "article") continue;
    articles.insert(c.entity_id);
    auto [older, newer] = after->Neighbors(c.entity_id);
    if (older) articles.insert(older->id);
    if (newer) articles.insert(newer->id);
  }
  std::set<std::string, std::less<>> shown;  // the tags but the columns' own
  for (const std::string& tag : tags)
    if (!tag.starts_with("column:")) shown.insert(tag);
  ExportStats stats;
  const std::vector<Target> targets = EnumerateTargets(*after);
  std::vector<const Target*> affected;
  for (const Target& t : targets) {
    auto it = state_.built.find(t.url);
    bool rebuild = it == state_.built.end() ||
                   (t.kind == Kind::kArticle && articles.count(t.id) > 0) ||
                   it->second.DependsOnAny(tags);
    if (rebuild && it != state_.built.end() && t.kind == Kind::kColumn)
      rebuild = ListPageChanged(t, it->second, *after, shown);
    if (rebuild) affected.push_back(&t);
  }
  if (affected.size() <= kListRebuiltUpTo)
    for (const Target* t : affected) stats.rebuilt.push_back(t->url);
  PROCURA_RETURN_IF_ERROR(Build(affected, *after, stats, {}));
  PROCURA_RETURN_IF_ERROR(DeleteGone(targets, stats));
  stats.targets = targets.size();
  PROCURA_RETURN_IF_ERROR(Finish(*after, stats));
  return stats;
}

Status Exporter::Build(const std::vector<const Target*>& targets, const SiteSnapshot& snap,
                       ExportStats& stats, const ExportProgress& progress) {
  std::mutex mu;  // state_, stats, progress, first_error
  Status first_error;
  std::atomic<std::size_t> next{0};
  std::size_t done = 0;
  auto work = [&] {
    for (std::size_t i; (i = next++) < targets.size();) {
      const Target& t = *targets[i];
      auto page = RenderTarget(t, snap, in_);
      Status s = page.status();
      const fs::path file = opt_.out / FileFor(t.url);
      if (s.ok() && page->status == 200) {
        const std::uint64_t hash = ContentHash64(page->html);
        bool same = false;
        {
          std::lock_guard lock(mu);
          auto it = state_.built.find(t.url);
          same = it != state_.built.end() && it->second.hash == hash;
        }
        std::error_code ec;
        if (!same || !fs::exists(file, ec)) s = WriteWithVariants(file, page->html, ContentTypeOf(t),
                                                                   {opt_.precompress, opt_.brotli});
        if (s.ok() && t.kind != Kind::kSitemap && t.kind != Kind::kRobots)
          s = CopyMedia(page->html, stats);
        std::lock_guard lock(mu);
        if (s.ok()) {
          state_.built[t.url] = {hash, StoredDeps(t, snap, std::move(page->deps))};
          stats.written += same ? 0 : 1;
        }
      } else if (s.ok()) {  // gone since the targets were listed
        RemoveWithVariants(opt_.out, file);
        std::lock_guard lock(mu);
        state_.built.erase(t.url);
      }
      std::lock_guard lock(mu);
      if (!s.ok() && first_error.ok()) first_error = s;
      ++stats.built;
      if (progress) progress(++done, targets.size());
    }
  };
  const unsigned n = std::max(1u, std::min<unsigned>(opt_.threads ? opt_.threads
                                                                   : std::thread::hardware_concurrency(),
                                                     static_cast<unsigned>(targets.size() / 8 + 1)));
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < n; ++i) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  return first_error;
}

Status Exporter::DeleteGone(const std::vector<Target>& now, ExportStats& stats) {
  std::set<std::string_view> urls;
  for (const Target& t : now) urls.insert(t.url);
  for (auto it = state_.built.begin(); it != state_.built.end();) {
    if (urls.count(it->first)) {
      ++it;
      continue;
    }
    RemoveWithVariants(opt_.out, opt_.out / FileFor(it->first));
    it = state_.built.erase(it);
    ++stats.deleted;
  }
  return Status::Ok();
}

Status Exporter::WriteAssets(ExportStats& stats) {
  for (const auto& [rel, a] : in_.assets.all()) {
    for (const std::string& url : {"/static/" + rel, a.fingerprinted_url}) {
      const fs::path file = opt_.out / FileFor(url);
      std::error_code ec;
      if (state_.assets[url] == a.etag && fs::exists(file, ec)) continue;
      PROCURA_RETURN_IF_ERROR(WriteWithVariants(file, *a.body, a.mime, {opt_.precompress, opt_.brotli},
                                                &a.variants));
      state_.assets[url] = a.etag;
      ++stats.other_files;
    }
  }
  return Status::Ok();
}

Status Exporter::CopyMedia(const std::string& html, ExportStats& stats) {
  for (const std::string& url : MediaLinks(html)) {
    std::lock_guard lock(media_mu_);  // one copier at a time: state_.media
    const fs::path file = opt_.out / FileFor(url);
    std::error_code ec;
    if (state_.media.count(url) && fs::exists(file, ec)) continue;
    const fs::path from = opt_.media_dir / url.substr(7);
    if (!fs::exists(from, ec) && opt_.fetch_media) (void)opt_.fetch_media(url.substr(7));
    if (!fs::exists(from, ec)) continue;  // a broken link is the crawl check's to report
    PROCURA_RETURN_IF_ERROR(CopyFileAtomically(from, file));
    state_.media.insert(url);
    ++stats.other_files;
  }
  return Status::Ok();
}

Status Exporter::Finish(const SiteSnapshot& snap, ExportStats& stats) {
  state_.seq = snap.seq();
  state_.base_url = snap.site().public_url;
  stats.seq = state_.seq;
  return SaveState(opt_.out, state_);
}

}  // namespace procura::publish
