#include "publish/export_pages.h"

#include <bit>

#include <fmt/format.h>

#include "storage/sqlite/sqlite_db.h"

namespace procura::publish {
namespace fs = std::filesystem;
namespace {

constexpr std::int64_t kApplicationId = 0x70726578;  // "prex": procura export
// 2: page_media. 3: list pages numbered from the oldest article (the rows
// are kept, so that the files of pages that no longer exist are deleted,
// but every page is checked again).
constexpr int kSchemaVersion = 3;

constexpr const char* kSchema = R"(
CREATE TABLE IF NOT EXISTS pages (
  url TEXT PRIMARY KEY, kind INTEGER NOT NULL, lang INTEGER NOT NULL, id INTEGER NOT NULL,
  page INTEGER NOT NULL, format INTEGER NOT NULL, hash INTEGER NOT NULL, deps TEXT NOT NULL,
  run INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS page_tags (
  tag TEXT NOT NULL, url TEXT NOT NULL, PRIMARY KEY (tag, url)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS media (url TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS page_media (
  url TEXT NOT NULL, media TEXT NOT NULL, PRIMARY KEY (url, media)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS page_media_by_media ON page_media (media);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
)";


PageRow ReadRow(const sql::Statement& st, int first = 0) {
  PageRow r;
  r.target.url = st.Text(first);
  r.target.kind = static_cast<Target::Kind>(st.Int(first + 1));
  r.target.lang = static_cast<i18n::Lang>(st.Int(first + 2));
  r.target.id = st.Int(first + 3);
  r.target.page = static_cast<int>(st.Int(first + 4));
  r.target.format = static_cast<FeedFormat>(st.Int(first + 5));
  r.hash = std::bit_cast<std::uint64_t>(st.Int(first + 6));
  r.deps = st.Text(first + 7);
  return r;
}

Result<std::int64_t> Pragma(sqlite::Database& db, const char* name) {
  auto st = db.Prepare(fmt::format("PRAGMA {}", name));
  if (!st.ok()) return st.status();
  return st->RunReturningId();
}

}  // namespace

bool PageRow::DependsOnAny(const std::set<std::string, std::less<>>& tags) const {
  bool any = false;
  ForEachTag(deps, [&](std::string_view tag) { any = any || tags.count(tag) > 0; });
  return any;
}

bool IsIndexedTag(std::string_view tag) {
  return tag != "site" && tag != "columns" && !tag.starts_with("pager:");
}

PageIndex::PageIndex(std::unique_ptr<sqlite::Database> db) : db_(std::move(db)) {}
PageIndex::~PageIndex() = default;

Result<std::unique_ptr<PageIndex>> PageIndex::Open(const fs::path& out, bool* created) {
  const fs::path file = out / kPagesFile;
  std::error_code ec;
  *created = !fs::exists(file, ec);
  auto db = sqlite::Database::Open(file.string());
  const auto not_ours = [&] {
    return Status::Invalid(fmt::format("{} is not a procura export state; remove it to export "
                                       "everything again", file.string()));
  };
  if (!db.ok()) return not_ours();
  sqlite::Database& d = **db;
  auto app = Pragma(d, "application_id");
  auto version = Pragma(d, "user_version");
  if (!app.ok() || !version.ok()) return not_ours();
  if (*app == 0 && *version == 0) *created = true;  // empty: created by a run stopped at once
  if (!*created && (*app != kApplicationId || *version > kSchemaVersion)) return not_ours();
  if (!*created && *version == 2) *created = true;  // same tables, list pages renumbered
  if (!*created && *version < 2) {  // an earlier index of ours: start it again
    PROCURA_RETURN_IF_ERROR(d.Exec("DROP TABLE IF EXISTS pages; DROP TABLE IF EXISTS page_tags; "
                                   "DROP TABLE IF EXISTS media; DROP TABLE IF EXISTS meta;"));
    *created = true;
  }
  // The state is what the files on disk are: losing its last transactions
  // to a power cut only makes the next run rebuild more (WAL, NORMAL).
  for (const char* setup : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
                            "PRAGMA cache_size = -8192", "PRAGMA busy_timeout = 5000"})
    PROCURA_RETURN_IF_ERROR(d.Exec(setup));
  PROCURA_RETURN_IF_ERROR(d.Exec(kSchema));
  if (*created) {
    PROCURA_RETURN_IF_ERROR(d.Exec(fmt::format("PRAGMA application_id = {}", kApplicationId)));
    PROCURA_RETURN_IF_ERROR(d.Exec(fmt::format("PRAGMA user_version = {}", kSchemaVersion)));
  }
  return std::unique_ptr<PageIndex>(new PageIndex(std::move(db).value()));
}

Result<std::optional<PageRow>> PageIndex::Find(std::string_view url) {
  auto st = db_->Prepare("SELECT url, kind, lang, id, page, format, hash, deps FROM pages WHERE url = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, url);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<PageRow>();
  PageRow r = ReadRow(*st);
  PROCURA_RETURN_IF_ERROR(st->Run());
  return std::optional<PageRow>(std::move(r));
}

Status PageIndex::ForEachTagged(std::string_view tag, const std::function<void(PageRow&&)>& fn) {
  auto st = db_->Prepare(
      "SELECT p.url, p.kind, p.lang, p.id, p.page, p.format, p.hash, p.deps "
      "FROM page_tags t JOIN pages p ON p.url = t.url WHERE t.tag = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, tag);
  for (;;) {
    auto row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    fn(ReadRow(*st));
  }
}

Result<std::vector<std::string>> PageIndex::Unstamped(std::int64_t run, std::size_t limit) {
  auto st = db_->Prepare("SELECT url FROM pages WHERE run <> ? LIMIT ?");
  if (!st.ok()) return st.status();
  st->Bind(1, run).Bind(2, static_cast<std::int64_t>(limit));
  return st->Collect<std::string>([](const sql::Statement& row) { return row.Text(0); });
}

Status PageIndex::Retag(std::string_view url, std::string_view old_deps, std::string_view deps) {
  // Only the difference: a list page moved down by a publish keeps 19 of
  // its 20 article tags.
  const auto indexed = [](std::string_view list) {
    std::set<std::string_view> tags;
    ForEachTag(list, [&](std::string_view tag) {
      if (IsIndexedTag(tag)) tags.insert(tag);
    });
    return tags;
  };
  const std::set<std::string_view> before = indexed(old_deps), after = indexed(deps);
  for (std::string_view tag : before)
    if (!after.count(tag)) {
      auto st = db_->Prepare("DELETE FROM page_tags WHERE tag = ? AND url = ?");
      PROCURA_RETURN_IF_ERROR(st.ok() ? st->Bind(1, tag).Bind(2, url).Run() : st.status());
    }
  for (std::string_view tag : after)
    if (!before.count(tag)) {
      auto st = db_->Prepare("INSERT INTO page_tags (tag, url) VALUES (?, ?) ON CONFLICT DO NOTHING");
      PROCURA_RETURN_IF_ERROR(st.ok() ? st->Bind(1, tag).Bind(2, url).Run() : st.status());
    }
  return Status::Ok();
}

Status PageIndex::Put(const PageRow& row, const std::string* old_deps, std::int64_t run) {
  const Target& t = row.target;
  auto st = db_->Prepare(
      "INSERT INTO pages (url, kind, lang, id, page, format, hash, deps, run) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET kind = excluded.kind, "
      "lang = excluded.lang, id = excluded.id, page = excluded.page, format = excluded.format, "
      "hash = excluded.hash, deps = excluded.deps, run = excluded.run");
  if (!st.ok()) return st.status();
  st->Bind(1, t.url).Bind(2, static_cast<std::int64_t>(t.kind)).Bind(3, static_cast<std::int64_t>(t.lang));
  st->Bind(4, t.id).Bind(5, static_cast<std::int64_t>(t.page)).Bind(6, static_cast<std::int64_t>(t.format));
  st->Bind(7, std::bit_cast<std::int64_t>(row.hash)).Bind(8, row.deps).Bind(9, run);
  PROCURA_RETURN_IF_ERROR(st->Run());
  if (old_deps && *old_deps == row.deps) return Status::Ok();
  return Retag(t.url, old_deps ? *old_deps : "", row.deps);
}

Status PageIndex::Erase(std::string_view url, std::vector<std::string>* unlinked) {
  auto row = Find(url);
  if (!row.ok()) return row.status();
  if (!*row) return Status::Ok();
  PROCURA_RETURN_IF_ERROR(Retag(url, (*row)->deps, ""));
  PROCURA_RETURN_IF_ERROR(LinkMedia(url, {}, unlinked));
  auto st = db_->Prepare("DELETE FROM pages WHERE url = ?");
  return st.ok() ? st->Bind(1, url).Run() : st.status();
}

Status PageIndex::LinkMedia(std::string_view url, const std::set<std::string>& media,
                            std::vector<std::string>* unlinked) {
  auto linked = db_->Prepare("SELECT media FROM page_media WHERE url = ?");
  if (!linked.ok()) return linked.status();
  linked->Bind(1, url);
  auto was = linked->Collect<std::string>([](const sql::Statement& row) { return row.Text(0); });
  if (!was.ok()) return was.status();
  const std::set<std::string> before(was->begin(), was->end());
  for (const std::string& m : before)
    if (!media.count(m)) {
      auto st = db_->Prepare("DELETE FROM page_media WHERE url = ? AND media = ?");
      PROCURA_RETURN_IF_ERROR(st.ok() ? st->Bind(1, url).Bind(2, m).Run() : st.status());
      unlinked->push_back(m);
    }
  for (const std::string& m : media)
    if (!before.count(m)) {
      auto st = db_->Prepare("INSERT INTO page_media (url, media) VALUES (?, ?)");
      PROCURA_RETURN_IF_ERROR(st.ok() ? st->Bind(1, url).Bind(2, m).Run() : st.status());
    }
  return Status::Ok();
}

Result<bool> PageIndex::MediaInUse(std::string_view media) {
  auto st = db_->Prepare("SELECT 1 FROM page_media WHERE media = ? LIMIT 1");
  if (!st.ok()) return st.status();
  st->Bind(1, media);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  const bool used = *row;
  if (used) PROCURA_RETURN_IF_ERROR(st->Run());
  return used;
}

Status PageIndex::RemoveMedia(std::string_view url) {
  auto st = db_->Prepare("DELETE FROM media WHERE url = ?");
  return st.ok() ? st->Bind(1, url).Run() : st.status();
}

Status PageIndex::ForgetHashes() { return db_->Exec("UPDATE pages SET hash = 0"); }

Result<std::size_t> PageIndex::Count() {
  auto st = db_->Prepare("SELECT count(*) FROM pages");
  if (!st.ok()) return st.status();
  auto n = st->RunReturningId();
  if (!n.ok()) return n.status();
  return static_cast<std::size_t>(*n);
}

Result<std::set<std::string>> PageIndex::Media() {
  auto st = db_->Prepare("SELECT url FROM media");
  if (!st.ok()) return st.status();
  std::set<std::string> out;
  for (;;) {
    auto row = st->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.insert(st->Text(0));
  }
}

Status PageIndex::AddMedia(std::string_view url) {
  auto st = db_->Prepare("INSERT INTO media (url) VALUES (?) ON CONFLICT DO NOTHING");
  return st.ok() ? st->Bind(1, url).Run() : st.status();
}

Result<std::int64_t> PageIndex::NextRun() {
  auto st = db_->Prepare(
      "INSERT INTO meta (key, value) VALUES ('run', 1) "
      "ON CONFLICT (key) DO UPDATE SET value = value + 1 RETURNING value");
  if (!st.ok()) return st.status();
  return st->RunReturningId();
}

Result<std::int64_t> PageIndex::LastRun() {
  auto st = db_->Prepare("SELECT coalesce(max(value), 0) FROM meta WHERE key = 'run'");
  if (!st.ok()) return st.status();
  return st->RunReturningId();
}

Status PageIndex::Begin() { return db_->Exec("BEGIN"); }
Status PageIndex::Commit() { return db_->Exec("COMMIT"); }

}  // namespace procura::publish
