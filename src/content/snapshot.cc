#include "content/snapshot.h"

#include <algorithm>
#include <set>

#include "content/image_sizes.h"
#include "content/site_settings.h"
#include "core/text.h"

namespace procura {

namespace {

// Attachment ids an article shows: an addition awaiting review is not
// public yet, a removal awaiting review still is.
std::vector<std::int64_t> PublicAttachmentIds(const std::vector<AttachmentRecord>& rows) {
  std::vector<std::int64_t> out;
  for (const auto& a : rows)
    if (a.pending != "add") out.push_back(a.media_id);
  return out;
}

}  // namespace

Status SiteSnapshot::LoadSite(ContentRepository& repo, SiteRecord& out) {
  auto site = repo.GetSite();
  if (site.ok()) {
    out = std::move(site).value();
  } else if (site.status().code() == Status::Code::kNotFound) {
    out = UnconfiguredSite();  // a new, empty site: not configured yet
  } else {
    return site.status();
  }
  return Status::Ok();
}

Result<std::shared_ptr<const SiteSnapshot::ColumnTree>> SiteSnapshot::LoadColumns(
    ContentRepository& repo) {
  auto columns = repo.ListColumns();
  if (!columns.ok()) return columns.status();
  auto tree = std::make_shared<ColumnTree>();
  tree->columns = std::move(columns).value();
  // A column is visible if it and all its ancestors are not hidden.
  std::map<std::int64_t, const ColumnRecord*> all;
  for (const auto& c : tree->columns) all[c.id] = &c;
  for (const auto& c : tree->columns) {
    bool visible = true;
    int depth = 0;
    for (const ColumnRecord* p = &c; p && depth < 64;
         p = p->parent_id ? all[*p->parent_id] : nullptr, ++depth)
      if (p->hidden) visible = false;
    if (!visible) continue;
    tree->by_id[c.id] = &c;
    tree->by_slug[c.slug] = &c;
    if (!c.parent_id) tree->top.push_back(&c);
  }
  return std::shared_ptr<const ColumnTree>(std::move(tree));
}

Result<std::shared_ptr<const SiteSnapshot::MediaTable>> SiteSnapshot::LoadMedia(
    ContentRepository& repo) {
  auto media = repo.ListMedia();
  if (!media.ok()) return media.status();
  auto table = std::make_shared<MediaTable>();
  for (auto& m : *media) table->by_id[m.id] = std::move(m);
  for (const auto& [id, m] : table->by_id) {
    table->by_name[m.stored_name] = &m;
    for (auto& size : ImageSizes(m)) table->by_name[std::move(size.name)] = &m;
  }
  return std::shared_ptr<const MediaTable>(std::move(table));
}

Result<std::shared_ptr<const SiteSnapshot>> SiteSnapshot::Load(ContentRepository& repo,
                                                               std::int64_t seq) {
  auto snap = std::make_shared<SiteSnapshot>();
  snap->seq_ = seq;
  PROCURA_RETURN_IF_ERROR(LoadSite(repo, snap->site_));
  auto columns = LoadColumns(repo);
  if (!columns.ok()) return columns.status();
  snap->columns_ = std::move(columns).value();
  auto media = LoadMedia(repo);
  if (!media.ok()) return media.status();
  snap->media_ = std::move(media).value();

  auto articles = repo.ListPublishedSummaries();  // newest first
  if (!articles.ok()) return articles.status();
  auto attachments = repo.ListAttachments();
  if (!attachments.ok()) return attachments.status();
  std::map<std::int64_t, std::vector<AttachmentRecord>> by_article;
  for (auto& a : *attachments) by_article[a.article_id].push_back(std::move(a));
  for (auto& a : *articles) {
    auto ptr = std::make_shared<const ArticleRecord>(std::move(a));
    snap->by_column_[{ptr->lang, ptr->column_id}].PushBack(ptr);
    snap->by_lang_[ptr->lang].PushBack(ptr);
    if (ptr->pinned_at) snap->Pin(ptr);
    if (ptr->translation_of) snap->translated_by_[*ptr->translation_of] = ptr->id;
    auto it = by_article.find(ptr->id);
    snap->index_.Put({ptr, it == by_article.end() ? std::vector<std::int64_t>{}
                                                   : PublicAttachmentIds(it->second)});
  }
  return std::shared_ptr<const SiteSnapshot>(std::move(snap));
}

std::shared_ptr<const SiteSnapshot> SiteSnapshot::WithPublicUrl(std::string url) const {
  auto copy = std::make_shared<SiteSnapshot>(*this);
  copy->site_.public_url = std::move(url);
  return copy;
}

Result<std::shared_ptr<const SiteSnapshot>> SiteSnapshot::Apply(
    std::span<const ChangeRecord> changes, ContentRepository& repo) const {
  auto next = std::make_shared<SiteSnapshot>(*this);  // shares every chunk and table
  std::set<std::int64_t> article_ids;
  bool site = false, columns = false, media = false;
  for (const auto& c : changes) {
    next->seq_ = std::max(next->seq_, c.seq);
    if (c.kind == "article") article_ids.insert(c.entity_id);
    site |= c.kind == "site";
    columns |= c.kind == "column";
    media |= c.kind == "media";
  }
  if (site) PROCURA_RETURN_IF_ERROR(LoadSite(repo, next->site_));
  if (columns) {
    auto tree = LoadColumns(repo);
    if (!tree.ok()) return tree.status();
    next->columns_ = std::move(tree).value();
  }
  if (media) {
    auto table = LoadMedia(repo);
    if (!table.ok()) return table.status();
    next->media_ = std::move(table).value();
  }
  for (auto id : article_ids) PROCURA_RETURN_IF_ERROR(next->ApplyArticle(id, repo));
  return std::shared_ptr<const SiteSnapshot>(std::move(next));
}

Status SiteSnapshot::ApplyArticle(std::int64_t id, ContentRepository& repo) {
  auto a = repo.GetArticle(id);
  if (!a.ok()) return a.status();
  std::vector<std::int64_t> attachment_ids;
  if (a->has_value() && (*a)->status == kStatusPublished) {
    auto rows = repo.ListAttachmentsOf(id);
    if (!rows.ok()) return rows.status();
    attachment_ids = PublicAttachmentIds(*rows);
  }
  if (const ArticleIndex::Entry* old = index_.Find(id)) {
    const ArticlePtr keep = old->article;  // Unlist drops the entry it points into
    Unlist(*keep);
  }
  if (!a->has_value() || (*a)->status != kStatusPublished) return Status::Ok();
  ArticleRecord summary = std::move(**a);
  summary.body_md.clear();  // summaries carry no body: pages read it from the database
  summary.body_html.reset();
  List({std::make_shared<const ArticleRecord>(std::move(summary)), std::move(attachment_ids)});
  return Status::Ok();
}

void SiteSnapshot::Unlist(const ArticleRecord& a) {
  if (auto it = by_column_.find(std::pair(a.lang, a.column_id)); it != by_column_.end()) {
    it->second.Erase(a);
    if (it->second.empty()) by_column_.erase(it);
  }
  if (auto it = by_lang_.find(a.lang); it != by_lang_.end()) it->second.Erase(a);
  if (auto it = pinned_.find(std::pair(a.lang, a.column_id)); a.pinned_at && it != pinned_.end()) {
    std::erase_if(it->second, [&](const ArticlePtr& p) { return p->id == a.id; });
    if (it->second.empty()) pinned_.erase(it);
  }
  if (a.translation_of) {
    auto it = translated_by_.find(*a.translation_of);
    if (it != translated_by_.end() && it->second == a.id) translated_by_.erase(it);
  }
  index_.Erase(a.id);
}

void SiteSnapshot::List(ArticleIndex::Entry e) {
  by_column_[{e.article->lang, e.article->column_id}].Insert(e.article);
  by_lang_[e.article->lang].Insert(e.article);
  if (e.article->pinned_at) Pin(e.article);
  if (e.article->translation_of) translated_by_[*e.article->translation_of] = e.article->id;
  index_.Put(std::move(e));
}

std::vector<const ColumnRecord*> SiteSnapshot::ChildrenOf(std::int64_t column_id) const {
  std::vector<const ColumnRecord*> out;
  for (const auto& [id, c] : columns_->by_id) {
    if (c->parent_id == column_id) out.push_back(c);
  }
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) {
    return std::tie(a->position, a->id) < std::tie(b->position, b->id);
  });
  return out;
}

const ColumnRecord* SiteSnapshot::ColumnBySlug(std::string_view slug) const {
  auto it = columns_->by_slug.find(slug);
  return it == columns_->by_slug.end() ? nullptr : it->second;
}

const ColumnRecord* SiteSnapshot::ColumnById(std::int64_t id) const {
  auto it = columns_->by_id.find(id);
  return it == columns_->by_id.end() ? nullptr : it->second;
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

void SiteSnapshot::Pin(const ArticlePtr& a) {
  auto& list = pinned_[{a->lang, a->column_id}];
  const auto later = [](const ArticlePtr& x, const ArticlePtr& y) {
    return std::tie(*x->pinned_at, x->id) > std::tie(*y->pinned_at, y->id);
  };
  list.insert(std::upper_bound(list.begin(), list.end(), a, later), a);
}

std::vector<const ArticleRecord*> SiteSnapshot::PinnedIn(std::int64_t column_id,
                                                         std::string_view lang) const {
  std::vector<const ArticleRecord*> out;
  if (auto it = pinned_.find(std::pair(std::string(lang), column_id)); it != pinned_.end())
    for (const ArticlePtr& a : it->second) out.push_back(a.get());
  return out;
}

const ArticleList& SiteSnapshot::ArticlesIn(std::int64_t column_id, std::string_view lang) const {
  static const ArticleList kEmpty;
  auto it = by_column_.find(std::pair(std::string(lang), column_id));
  return it == by_column_.end() ? kEmpty : it->second;
}

const ArticleList& SiteSnapshot::ArticlesInLanguage(std::string_view lang) const {
  static const ArticleList kEmpty;
  auto it = by_lang_.find(lang);
  return it == by_lang_.end() ? kEmpty : it->second;
}

const ArticleRecord* SiteSnapshot::TranslationOf(std::int64_t id) const {
  const ArticleRecord* a = ArticleById(id);
  if (!a) return nullptr;
  if (a->translation_of)
    if (const ArticleRecord* t = ArticleById(*a->translation_of); t && t->lang != a->lang) return t;
  auto it = translated_by_.find(id);
  if (it == translated_by_.end()) return nullptr;
  const ArticleRecord* t = ArticleById(it->second);
  return t && t->lang != a->lang ? t : nullptr;
}

const ArticleRecord* SiteSnapshot::ArticleById(std::int64_t id) const {
  const ArticleIndex::Entry* e = index_.Find(id);
  if (!e || !ColumnById(e->article->column_id)) return nullptr;
  return e->article.get();
}

std::pair<const ArticleRecord*, const ArticleRecord*> SiteSnapshot::Neighbors(
    std::int64_t id) const {
  const ArticleRecord* a = ArticleById(id);
  if (!a) return {nullptr, nullptr};
  const ArticleList& list = ArticlesIn(a->column_id, a->lang);  // newest first
  const auto at = list.IndexOf(*a);
  if (!at) return {nullptr, nullptr};
  const ArticleRecord* newer = *at > 0 ? list[*at - 1] : nullptr;
  const ArticleRecord* older = *at + 1 < list.size() ? list[*at + 1] : nullptr;
  return {older, newer};
}

const MediaRecord* SiteSnapshot::MediaByStoredName(std::string_view name) const {
  auto it = media_->by_name.find(name);
  return it == media_->by_name.end() ? nullptr : it->second;
}

std::vector<const MediaRecord*> SiteSnapshot::AttachmentsOf(std::int64_t article_id) const {
  std::vector<const MediaRecord*> out;
  const ArticleIndex::Entry* e = index_.Find(article_id);
  if (!e || !ColumnById(e->article->column_id)) return out;
  for (auto id : e->attachment_media_ids)
    if (const MediaRecord* m = MediaById(id)) out.push_back(m);
  return out;
}

const MediaRecord* SiteSnapshot::MediaById(std::int64_t id) const {
  auto it = media_->by_id.find(id);
  return it == media_->by_id.end() ? nullptr : &it->second;
}

}  // namespace procura
