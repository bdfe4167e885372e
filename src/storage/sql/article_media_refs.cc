#include "storage/sql/article_media_refs.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/media_names.h"

namespace procura::sql {

namespace {

// The names `body_md` shows, then those only `revision_body` adds.
std::vector<std::string> NamesIn(std::string_view body_md, std::string_view revision_body) {
  std::vector<std::string> names = StoredMediaNamesIn(body_md);
  for (std::string& name : StoredMediaNamesIn(revision_body))
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
  return names;
}

Result<std::string> RevisionBody(Database& db, std::optional<std::int64_t> revision) {
  if (!revision) return std::string();
  auto st = db.Prepare("SELECT body_md FROM article_revisions WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, *revision);
  auto row = st->Step();
  if (!row.ok()) return row.status();
  return *row ? st->Text(0) : std::string();
}

}  // namespace

Status WriteMediaRefs(Database& db, std::int64_t article_id, std::string_view body_md,
                      std::optional<std::int64_t> pending_revision) {
  auto revision_body = RevisionBody(db, pending_revision);
  if (!revision_body.ok()) return revision_body.status();
  auto clear = db.Prepare("DELETE FROM article_media_refs WHERE article_id = ?");
  if (!clear.ok()) return clear.status();
  PROCURA_RETURN_IF_ERROR(clear->Bind(1, article_id).Run());
  for (const std::string& name : NamesIn(body_md, *revision_body)) {
    auto add = db.Prepare(
        "INSERT INTO article_media_refs (article_id, stored_name) VALUES (?, ?) "
        "ON CONFLICT DO NOTHING");
    if (!add.ok()) return add.status();
    PROCURA_RETURN_IF_ERROR(add->Bind(1, article_id).Bind(2, name).Run());
  }
  auto mark = db.Prepare("UPDATE articles SET media_indexed = 1 WHERE id = ?");
  if (!mark.ok()) return mark.status();
  return mark->Bind(1, article_id).Run();
}

Result<int> IndexUnmarkedArticles(Database& db, int limit) {
  int indexed = 0;
  // Read and written in one transaction, under the writer lock: an edit
  // cannot land between the read and the refs written for it.
  PROCURA_RETURN_IF_ERROR(db.Atomically([&](Database& tx) -> Status {
    std::vector<std::pair<std::int64_t, std::pair<std::string, std::optional<std::int64_t>>>> rows;
    auto st = tx.Prepare(
        "SELECT id, body_md, pending_revision FROM articles WHERE media_indexed = 0 "
        "ORDER BY id LIMIT ?");
    if (!st.ok()) return st.status();
    st->Bind(1, std::int64_t{limit});
    for (;;) {
      auto row = st->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      rows.push_back({st->Int(0), {st->Text(1), st->OptInt(2)}});
    }
    for (const auto& [id, article] : rows)
      PROCURA_RETURN_IF_ERROR(WriteMediaRefs(tx, id, article.first, article.second));
    indexed = static_cast<int>(rows.size());
    return Status::Ok();
  }));
  return indexed;
}

}  // namespace procura::sql
