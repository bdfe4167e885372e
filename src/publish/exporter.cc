#include "publish/exporter.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "content/media.h"
#include "core/compress.h"
#include "publish/export_deps.h"
#include "publish/export_files.h"
#include "render/page_cache.h"

namespace procura::publish {
namespace fs = std::filesystem;
namespace {

using Kind = Target::Kind;


}  // namespace

struct Exporter::Progress {
  const ExportProgress* fn = nullptr;
  std::size_t done = 0, total = 0;
};

// What building one target came to.
struct Exporter::Outcome {
  Status status;
  bool gone = false;     // no such page now: its files were removed
  bool written = false;  // its bytes changed
  std::uint64_t hash = 0;
  std::string deps;
  std::set<std::string> media;  // the /media/ URLs it links to
};

Exporter::Exporter(RenderInputs inputs, ExportOptions options)
    : in_(inputs), opt_(std::move(options)) {}

Status Exporter::Open() {
  auto state = LoadState(opt_.out);
  if (!state.ok()) return state.status();
  state_ = std::move(state).value();
  PROCURA_RETURN_IF_ERROR(CreatePublicDirs(opt_.out));
  bool created = false;
  auto pages = PageIndex::Open(opt_.out, &created);
  if (!pages.ok()) return pages.status();
  pages_ = std::move(pages).value();
  if (created) state_.seq = -1;  // the pages are unknown: check every one
  auto run = pages_->LastRun();
  if (!run.ok()) return run.status();
  run_ = *run;
  auto media = pages_->Media();
  if (!media.ok()) return media.status();
  media_ = std::move(media).value();
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
  return FullFrom(*snap, progress);
}

Result<ExportStats> Exporter::FullFrom(const SiteSnapshot& snap, const ExportProgress& progress) {
  ExportStats stats;
  if (state_.base_url != snap.site().public_url)
    PROCURA_RETURN_IF_ERROR(pages_->ForgetHashes());  // every link changes: rewrite every page
  auto run = pages_->NextRun();
  if (!run.ok()) return run.status();
  run_ = *run;
  Progress p{progress ? &progress : nullptr, 0, progress ? CountTargets(snap) : 0};
  // A pipeline of batches: while the workers build one, this thread
  // records the one before in the index and looks up the one after.
  std::vector<Job> next, building, built;
  std::vector<Outcome> outcomes;
  std::size_t total = 0;
  Status s;
  const auto step = [&] {
    std::vector<Outcome> done = BuildAll(building, snap, stats, p, [&] {
      if (s.ok()) s = Record(built, outcomes, stats);
      if (s.ok()) s = FindOld(next);
    });
    built = std::move(building);
    outcomes = std::move(done);
    building = std::move(next);
    next.clear();
  };
  ForEachTarget(snap, [&](Target&& t) {
    ++total;
    if (!s.ok()) return;
    next.push_back({std::move(t), std::nullopt});
    if (next.size() == kBatch) step();
  });
  for (int drain = 0; drain < 2 && s.ok(); ++drain) step();
  if (s.ok()) s = Record(built, outcomes, stats);
  PROCURA_RETURN_IF_ERROR(s);
  PROCURA_RETURN_IF_ERROR(DeleteUnstamped(stats));
  PROCURA_RETURN_IF_ERROR(DeleteUnusedMedia(stats));
  PROCURA_RETURN_IF_ERROR(WriteAssets(stats));
  stats.targets = total;
  state_.pages = static_cast<std::int64_t>(total);
  PROCURA_RETURN_IF_ERROR(Finish(snap, stats));
  return stats;
}

Result<ExportStats> Exporter::Apply(std::span<const ChangeRecord> changes,
                                    std::shared_ptr<const SiteSnapshot> after,
                                    const ExportProgress& progress) {
  after = WithBase(std::move(after));
  // The site's settings and its columns are on every page: everything.
  bool everything = state_.base_url != after->site().public_url;
  for (const ChangeRecord& c : changes)
    for (const std::string& tag : PageCache::TagsFor(c)) everything = everything || !IsIndexedTag(tag);
  if (everything) return FullFrom(*after, progress);
  auto jobs = AffectedBy(changes, *after);
  if (!jobs.ok()) return jobs.status();
  ExportStats stats;
  if (jobs->size() <= kListRebuiltUpTo)
    for (const Job& j : *jobs) stats.rebuilt.push_back(j.target.url);
  Progress none;
  std::vector<Outcome> outcomes = BuildAll(*jobs, *after, stats, none, {});
  PROCURA_RETURN_IF_ERROR(Record(*jobs, outcomes, stats));
  PROCURA_RETURN_IF_ERROR(DeleteUnusedMedia(stats));
  stats.targets = static_cast<std::size_t>(state_.pages);
  PROCURA_RETURN_IF_ERROR(Finish(*after, stats));
  return stats;
}

Result<std::vector<Exporter::Job>> Exporter::AffectedBy(std::span<const ChangeRecord> changes,
                                                        const SiteSnapshot& after) {
  std::set<std::string, std::less<>> tags;
  std::set<std::int64_t> articles;  // changed, their new neighbours and translations
  std::set<std::int64_t> columns;   // whose list pages may be new or gone
  for (const ChangeRecord& c : changes) {
    for (auto& t : PageCache::TagsFor(c)) tags.insert(std::move(t));
    columns.insert(c.column_ids.begin(), c.column_ids.end());
    if (c.kind != "article") continue;
    articles.insert(c.entity_id);
    auto [older, newer] = after.Neighbors(c.entity_id);
    for (const ArticleRecord* a : {older, newer, after.TranslationOf(c.entity_id)})
      if (a) articles.insert(a->id);
  }
  std::set<std::string, std::less<>> shown;  // the tags but the columns' own
  for (const std::string& tag : tags)
    if (!tag.starts_with("column:")) shown.insert(tag);

  std::map<std::string, Job, std::less<>> rebuild;
  std::set<std::string, std::less<>> seen;
  const auto consider = [&](Target&& t, std::optional<PageRow>&& old) {
    bool yes = !old || (t.kind == Kind::kArticle && articles.count(t.id) > 0) ||
               old->DependsOnAny(tags);
    if (yes && old && t.kind == Kind::kColumn) yes = ListPageChanged(t, *old, after, shown);
    if (!yes) return;
    std::string url = t.url;  // before t is moved from
    rebuild.emplace(std::move(url), Job{std::move(t), std::move(old)});
  };
  // The pages that carry a changed tag (withdrawn articles, old
  // neighbours, list pages past the end among them)...
  for (const std::string& tag : tags)
    PROCURA_RETURN_IF_ERROR(pages_->ForEachTagged(tag, [&](PageRow&& row) {
      if (!seen.insert(row.target.url).second) return;
      Target t = row.target;
      consider(std::move(t), std::move(row));
    }));
  // ...and those the index cannot point at, because they may be new.
  Status s;
  const auto unseen = [&](Target&& t) {
    if (!s.ok() || !seen.insert(t.url).second) return;
    auto row = pages_->Find(t.url);
    if (!row.ok()) s = row.status();
    else consider(std::move(t), std::move(row).value());
  };
  ForEachSiteTarget(after, unseen);
  for (std::int64_t id : articles)
    if (auto t = ArticleTarget(after, id)) unseen(std::move(*t));
  for (std::int64_t c : columns)
    for (i18n::Lang lang : {i18n::Lang::kZh, i18n::Lang::kEn}) ForEachListPage(after, c, lang, unseen);
  PROCURA_RETURN_IF_ERROR(s);
  std::vector<Job> out;
  out.reserve(rebuild.size());
  for (auto& [url, job] : rebuild) out.push_back(std::move(job));
  return out;
}

Exporter::Outcome Exporter::BuildOne(const Job& job, const SiteSnapshot& snap, ExportStats& stats) {
  const Target& t = job.target;
  Outcome o;
  auto page = RenderTarget(t, snap, in_);
  if (!page.ok()) {
    o.status = page.status();
    return o;
  }
  const fs::path file = opt_.out / FileFor(t.url);
  if (page->status != 200) {  // gone: withdrawn, or past the end of its list
    RemoveWithVariants(opt_.out, file);
    if (job.old) NoteChanged(t.url);
    o.gone = true;
    return o;
  }
  o.hash = ContentHash64(page->html);
  o.written = !job.old || job.old->hash != o.hash;
  std::error_code ec;
  if (o.written || !fs::exists(file, ec)) {
    o.status = WriteWithVariants(file, page->html, ContentTypeOf(t), {opt_.precompress, opt_.brotli});
    NoteChanged(t.url);
  }
  if (t.kind != Kind::kSitemap && t.kind != Kind::kRobots) o.media = MediaLinks(page->html);
  if (o.status.ok()) o.status = CopyMedia(o.media, stats);
  o.deps = StoredDeps(t, snap, std::move(page->deps));
  return o;
}

std::vector<Exporter::Outcome> Exporter::BuildAll(const std::vector<Job>& jobs,
                                                  const SiteSnapshot& snap, ExportStats& stats,
                                                  Progress& progress,
                                                  const std::function<void()>& meanwhile) {
  std::vector<Outcome> outcomes(jobs.size());
  std::mutex mu;  // progress
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next++) < jobs.size();) {
      outcomes[i] = BuildOne(jobs[i], snap, stats);
      std::lock_guard lock(mu);
      if (progress.fn) (*progress.fn)(++progress.done, progress.total);
    }
  };
  const unsigned n = std::max(1u, std::min<unsigned>(opt_.threads ? opt_.threads
                                                                   : std::thread::hardware_concurrency(),
                                                     static_cast<unsigned>(jobs.size() / 8 + 1)));
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < n; ++i) pool.emplace_back(work);
  if (meanwhile) meanwhile();
  work();
  for (auto& t : pool) t.join();
  return outcomes;
}

Status Exporter::FindOld(std::vector<Job>& jobs) {
  for (Job& j : jobs) {
    auto row = pages_->Find(j.target.url);
    if (!row.ok()) return row.status();
    j.old = std::move(row).value();
  }
  return Status::Ok();
}

Status Exporter::Record(const std::vector<Job>& jobs, std::vector<Outcome>& outcomes,
                        ExportStats& stats) {
  // One transaction: the index says what the files are.
  Status first;
  PROCURA_RETURN_IF_ERROR(pages_->Begin());
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    Outcome& o = outcomes[i];
    const Job& j = jobs[i];
    Status s = o.status;
    ++stats.built;
    if (s.ok() && o.gone && j.old) {
      s = pages_->Erase(j.target.url, &unlinked_media_);
      ++stats.deleted;
      --state_.pages;
    } else if (s.ok() && !o.gone) {
      s = pages_->Put({j.target, o.hash, std::move(o.deps)}, j.old ? &j.old->deps : nullptr, run_);
      if (s.ok() && (o.written || !j.old)) s = pages_->LinkMedia(j.target.url, o.media, &unlinked_media_);
      stats.written += o.written ? 1 : 0;
      state_.pages += j.old ? 0 : 1;
    }
    if (!s.ok() && first.ok()) first = s;
  }
  std::vector<std::string> media;
  {
    std::lock_guard lock(media_mu_);  // the workers may be copying more
    media.swap(new_media_);
  }
  for (const std::string& url : media)
    if (Status s = pages_->AddMedia(url); !s.ok() && first.ok()) first = s;
  Status committed = pages_->Commit();
  return first.ok() ? committed : first;
}

void Exporter::NoteChanged(const std::string& url) {
  if (!keep_changed_) return;
  std::lock_guard lock(changed_mu_);
  if (changed_overflow_) return;
  if (changed_.size() < kMaxChangedUrls) {
    changed_.push_back(url);
    return;
  }
  changed_overflow_ = true;
  changed_ = {};
}

std::optional<std::vector<std::string>> Exporter::TakeChangedUrls() {
  std::lock_guard lock(changed_mu_);
  const bool overflow = std::exchange(changed_overflow_, false);
  auto urls = std::exchange(changed_, {});
  if (overflow) return std::nullopt;
  return urls;
}

Status Exporter::Finish(const SiteSnapshot& snap, ExportStats& stats) {
  state_.seq = snap.seq();
  state_.base_url = snap.site().public_url;
  stats.seq = state_.seq;
  return SaveState(opt_.out, state_);
}

}  // namespace procura::publish
