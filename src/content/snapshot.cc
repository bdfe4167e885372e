#include "content/snapshot.h"

#include <algorithm>

#include "core/text.h"

namespace procura {

Result<std::shared_ptr<const SiteSnapshot>> SiteSnapshot::Load(ContentRepository& repo) {
  auto snap = std::make_shared<SiteSnapshot>();
  auto site = repo.GetSite();
  if (site.ok()) {
    snap->site_ = std::move(site).value();
  } else if (site.status().code() == Status::Code::kNotFound) {
    snap->site_.name = "procura";  // a new, empty site: not configured yet
  } else {
    return site.status();
  }

  auto columns = repo.ListColumns();
  if (!columns.ok()) return columns.status();
  snap->columns_ = std::move(columns).value();
  // A column is visible if it and all its ancestors are not hidden.
  std::map<std::int64_t, const ColumnRecord*> all;
  for (const auto& c : snap->columns_) all[c.id] = &c;
  for (const auto& c : snap->columns_) {
    bool visible = true;
    for (const ColumnRecord* p = &c; p; p = p->parent_id ? all[*p->parent_id] : nullptr) {
      if (p->hidden) visible = false;
    }
    if (!visible) continue;
    snap->by_id_[c.id] = &c;
    snap->by_slug_[c.slug] = &c;
    if (!c.parent_id) snap->top_columns_.push_back(&c);
  }

  auto articles = repo.ListPublishedSummaries();
  if (!articles.ok()) return articles.status();
  for (auto& a : *articles) {
    if (snap->by_id_.count(a.column_id)) snap->articles_.push_back(std::move(a));
  }
  for (const auto& a : snap->articles_) {
    snap->article_by_id_[a.id] = &a;
    snap->by_column_[a.column_id].push_back(&a);
  }

  auto media = repo.ListMedia();
  if (!media.ok()) return media.status();
  for (auto& m : *media) snap->media_[m.id] = std::move(m);
  for (const auto& [id, m] : snap->media_) {
    snap->media_by_name_[m.stored_name] = &m;
    for (const auto& v : Split(m.variants, ';'))  // "480:name-w480.jpg"
      if (const size_t colon = v.find(':'); colon != std::string::npos)
        snap->media_by_name_[v.substr(colon + 1)] = &m;
  }
  auto attachments = repo.ListAttachments();
  if (!attachments.ok()) return attachments.status();
  for (const auto& a : *attachments)  // an addition awaiting review is not public yet
    if (a.pending != "add") snap->attachments_[a.article_id].push_back(a.media_id);
  return std::shared_ptr<const SiteSnapshot>(std::move(snap));
}

std::vector<const ColumnRecord*> SiteSnapshot::ChildrenOf(std::int64_t column_id) const {
  std::vector<const ColumnRecord*> out;
  for (const auto& [id, c] : by_id_) {
    if (c->parent_id == column_id) out.push_back(c);
  }
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) {
    return std::tie(a->position, a->id) < std::tie(b->position, b->id);
  });
  return out;
}

const ColumnRecord* SiteSnapshot::ColumnBySlug(std::string_view slug) const {
  auto it = by_slug_.find(slug);
  return it == by_slug_.end() ? nullptr : it->second;
}

const ColumnRecord* SiteSnapshot::ColumnById(std::int64_t id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

std::vector<const ColumnRecord*> SiteSnapshot::ColumnPath(std::int64_t id) const {
  std::vector<const ColumnRecord*> path;
  for (const ColumnRecord* c = ColumnById(id); c && path.size() < 32;
       c = c->parent_id ? ColumnById(*c->parent_id) : nullptr) {
    path.push_back(c);
  }
  std::reverse(path.begin(), path.end());
  return path;
}

std::span<const ArticleRecord* const> SiteSnapshot::ArticlesIn(std::int64_t column_id) const {
  auto it = by_column_.find(column_id);
  if (it == by_column_.end()) return {};
  return it->second;
}

const ArticleRecord* SiteSnapshot::ArticleById(std::int64_t id) const {
  auto it = article_by_id_.find(id);
  return it == article_by_id_.end() ? nullptr : it->second;
}

std::pair<const ArticleRecord*, const ArticleRecord*> SiteSnapshot::Neighbors(
    std::int64_t id) const {
  const ArticleRecord* a = ArticleById(id);
  if (!a) return {nullptr, nullptr};
  auto list = ArticlesIn(a->column_id);  // newest first
  auto it = std::find(list.begin(), list.end(), a);
  const ArticleRecord* newer = it != list.begin() ? *(it - 1) : nullptr;
  const ArticleRecord* older = it + 1 != list.end() ? *(it + 1) : nullptr;
  return {older, newer};
}

const MediaRecord* SiteSnapshot::MediaByStoredName(std::string_view name) const {
  auto it = media_by_name_.find(name);
  return it == media_by_name_.end() ? nullptr : it->second;
}

std::vector<const MediaRecord*> SiteSnapshot::AttachmentsOf(std::int64_t article_id) const {
  std::vector<const MediaRecord*> out;
  auto it = attachments_.find(article_id);
  if (it == attachments_.end()) return out;
  for (auto id : it->second)
    if (const MediaRecord* m = MediaById(id)) out.push_back(m);
  return out;
}

const MediaRecord* SiteSnapshot::MediaById(std::int64_t id) const {
  auto it = media_.find(id);
  return it == media_.end() ? nullptr : &it->second;
}

}  // namespace procura
