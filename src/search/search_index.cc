#include "search/search_index.h"

#include <spdlog/spdlog.h>
#include <xapian.h>

#include <set>

#include "content/markdown.h"
#include "core/text.h"

namespace procura::search {
namespace {

constexpr Xapian::valueno kSlotPublished = 0;
constexpr const char* kSeqKey = "procura:applied_seq";
constexpr unsigned kQueryFlags = Xapian::QueryParser::FLAG_DEFAULT |
                                 Xapian::QueryParser::FLAG_CJK_NGRAM |
                                 Xapian::QueryParser::FLAG_SPELLING_CORRECTION;

std::string ColumnTerm(std::int64_t id) { return "XC" + std::to_string(id); }

}  // namespace

struct SearchIndex::Impl {
  Storage& storage;
  std::filesystem::path dir;
  std::mutex mu;  // one writer; searches share it (they are short)
  std::unique_ptr<Xapian::WritableDatabase> db;
  Xapian::Stem stem{"english"};

  Impl(Storage& s, std::filesystem::path d) : storage(s), dir(std::move(d)) {}

  // Indexes or removes one article according to its current state.
  void Apply(std::int64_t id) {
    auto a = storage.content().GetArticle(id);
    const auto docid = static_cast<Xapian::docid>(id);
    if (!a.ok() || !a->has_value() || (*a)->status != kStatusPublished || !(*a)->published_at) {
      try {
        db->delete_document(docid);
      } catch (const Xapian::DocNotFoundError&) {
      }
      return;
    }
    const ArticleRecord& art = **a;
    const std::string body = MarkdownExcerpt(art.body_md, kMaxMarkdownBytes);
    Xapian::Document doc;
    Xapian::TermGenerator tg;
    tg.set_stemmer(stem);
    tg.set_database(*db);
    tg.set_document(doc);
    // Spelling data (for "did you mean") comes from titles only: doing it
    // for every body word made indexing about 5x slower.
    tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM | Xapian::TermGenerator::FLAG_SPELLING);
    tg.index_text(art.title, 5);  // title matches rank above body matches
    tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    tg.index_text(art.title, 1, "S");
    tg.increase_termpos();
    tg.index_text(body);
    tg.increase_termpos();
    tg.index_text(art.author, 1, "A");
    doc.add_boolean_term(ColumnTerm(art.column_id));
    doc.add_value(kSlotPublished,
                  Xapian::sortable_serialise(static_cast<double>(*art.published_at)));
    doc.set_data(art.title + "\n" + body);
    db->replace_document(docid, doc);
  }

  std::int64_t AppliedSeq() {
    const std::string v = db->get_metadata(kSeqKey);
    return v.empty() ? 0 : std::stoll(v);
  }
};

SearchIndex::SearchIndex(Storage& storage, std::filesystem::path dir)
    : impl_(std::make_unique<Impl>(storage, std::move(dir))) {}

SearchIndex::~SearchIndex() {
  if (background_.joinable()) background_.join();
}

Status SearchIndex::Sync() {
  std::lock_guard lock(impl_->mu);
  if (!impl_->db) return Status::Unavailable("the search index is not open");
  try {
    auto changes = impl_->storage.articles().SearchChangesSince(impl_->AppliedSeq());
    if (!changes.ok()) return changes.status();
    if (changes->empty()) return Status::Ok();
    std::set<std::int64_t> ids;
    for (const auto& [seq, id] : *changes) ids.insert(id);
    for (auto id : ids) impl_->Apply(id);
    impl_->db->set_metadata(kSeqKey, std::to_string(changes->back().first));
    impl_->db->commit();  // documents and sequence number land together
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return Status::Io("search index: " + e.get_msg());
  }
}

Status SearchIndex::Rebuild(const std::function<void(std::size_t, std::size_t)>& progress) {
  std::lock_guard lock(impl_->mu);
  try {
    // Read the log position first: changes made during the rebuild are
    // applied by the next Sync().
    auto seq = impl_->storage.articles().LatestSearchChange();
    auto all = impl_->storage.content().ListPublishedSummaries();
    if (!seq.ok() || !all.ok()) return seq.ok() ? all.status() : seq.status();
    impl_->db.reset();
    std::error_code ec;
    std::filesystem::remove_all(impl_->dir, ec);
    impl_->db = std::make_unique<Xapian::WritableDatabase>(impl_->dir.string(),
                                                           Xapian::DB_CREATE_OR_OVERWRITE);
    std::size_t done = 0;
    for (const auto& a : *all) {
      impl_->Apply(a.id);
      ++done;  // Xapian flushes by its own threshold; commit once at the end
      if (progress) progress(done, all->size());
    }
    impl_->db->set_metadata(kSeqKey, std::to_string(*seq));
    impl_->db->commit();
    ready_ = true;
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return Status::Io("search index: " + e.get_msg());
  }
}

void SearchIndex::StartBackground() {
  background_ = std::thread([this] {
    bool rebuild = false;
    {
      std::lock_guard lock(impl_->mu);
      try {
        if (!std::filesystem::exists(impl_->dir / "iamglass") &&
            !std::filesystem::exists(impl_->dir / "iamchert")) {
          rebuild = true;
        } else {
          impl_->db =
              std::make_unique<Xapian::WritableDatabase>(impl_->dir.string(), Xapian::DB_OPEN);
          impl_->db->get_doccount();
        }
      } catch (const Xapian::Error& e) {
        spdlog::warn("search index in {} is unreadable ({}); rebuilding it", impl_->dir.string(),
                     e.get_msg());
        impl_->db.reset();
        rebuild = true;
      }
    }
    if (rebuild) {
      spdlog::warn("building the search index in {}; search is unavailable until done",
                   impl_->dir.string());
      if (Status s = Rebuild(); !s.ok()) {
        spdlog::error("search index rebuild failed: {}", s.message());
        return;
      }
      spdlog::info("search index built");
    }
    if (Status s = Sync(); !s.ok()) spdlog::error("search index catch-up failed: {}", s.message());
    ready_ = true;
  });
}

void SearchIndex::SubscribeTo(EventBus& bus) {
  bus.Subscribe([this](const ContentChanged& e) {
    if (e.kind != "article" || !ready_) return;
    if (Status s = Sync(); !s.ok()) spdlog::error("search index update failed: {}", s.message());
  });
}

Result<SearchResult> SearchIndex::Search(const SearchQuery& q) {
  if (!IsValidUtf8(q.text)) return Status::Invalid("The search words are not valid text.");
  if (Utf8Length(q.text) > kMaxQueryChars)
    return Status::Invalid("The search is too long: use at most 200 characters.");
  if (!ready_)
    return Status::Unavailable("Search is temporarily unavailable; please try again soon.");
  std::lock_guard lock(impl_->mu);
  try {
    Xapian::QueryParser qp;
    qp.set_stemmer(impl_->stem);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_database(*impl_->db);
    qp.set_default_op(Xapian::Query::OP_AND);
    qp.add_prefix("title", "S");
    qp.add_prefix("author", "A");
    Xapian::Query query;
    std::string suggestion;
    try {
      query = qp.parse_query(q.text, kQueryFlags);
      suggestion = qp.get_corrected_query_string();
    } catch (const Xapian::QueryParserError&) {
      // Stray operators or unbalanced quotes: search the words literally.
      query = qp.parse_query(q.text, Xapian::QueryParser::FLAG_CJK_NGRAM);
    }
    if (q.column_id)
      query =
          Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(ColumnTerm(*q.column_id)));
    if (q.from || q.to) {
      const double lo = q.from ? static_cast<double>(*q.from) : 0;
      const double hi = q.to ? static_cast<double>(*q.to) : 1e12;
      query = Xapian::Query(
          Xapian::Query::OP_FILTER, query,
          Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kSlotPublished,
                        Xapian::sortable_serialise(lo), Xapian::sortable_serialise(hi)));
    }
    Xapian::Enquire enquire(*impl_->db);
    enquire.set_query(query);
    // Bound the work of pathological queries (e.g. a phrase of very common
    // words): past this, Xapian returns the best matches found so far.
    enquire.set_time_limit(0.05);
    if (q.newest_first) enquire.set_sort_by_value_then_relevance(kSlotPublished, true);
    const int per = std::clamp(q.per_page, 1, 50);
    const int page = std::clamp(q.page, 1, 1000);
    Xapian::MSet mset = enquire.get_mset((page - 1) * per, per, 1000);
    SearchResult out;
    out.total = mset.get_matches_estimated();
    out.suggestion = suggestion;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const std::string data = it.get_document().get_data();
      const std::string body = data.substr(std::min(data.find('\n') + 1, data.size()));
      SearchHit hit;
      hit.article_id = static_cast<std::int64_t>(*it);
      hit.percent = it.get_percent();
      hit.snippet_html =
          mset.snippet(body, 240, impl_->stem,
                       Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE |
                           Xapian::MSet::SNIPPET_CJK_NGRAM,
                       "<mark>", "</mark>", "…");
      // CJK n-grams mark character by character: join adjacent marks.
      for (size_t at; (at = hit.snippet_html.find("</mark><mark>")) != std::string::npos;)
        hit.snippet_html.erase(at, 13);
      out.hits.push_back(std::move(hit));
    }
    return out;
  } catch (const Xapian::Error& e) {
    return Status::Io("search failed: " + e.get_msg());
  }
}

}  // namespace procura::search
