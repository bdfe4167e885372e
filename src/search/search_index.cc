#include "search/search_index.h"

#include <chrono>
#include <thread>

#include <spdlog/spdlog.h>
#include <xapian.h>

#include <algorithm>
#include <set>

#include "core/text.h"
#include "search/article_document.h"
#include "search/cjk_text.h"
#include "search/index_builder.h"
#include "search/reader_pool.h"

namespace procura::search {
namespace {

constexpr const char* kSeqKey = "procura:applied_seq";
constexpr const char* kGenerationKey = "procura:generation";
// How documents are made (ArticleIndexer); an index made otherwise is
// rebuilt. 2: full-width forms indexed as ASCII ("２０２２" as 2022).
constexpr const char* kFormatKey = "procura:format";
constexpr const char* kFormat = "2";
// Searches overtaken by two commits are retried this many times in all.
// With the waits between attempts (2, 4, … 256 ms) a search gives up after
// about half a second of back-to-back commits.
constexpr int kMaxSearchAttempts = 8;
constexpr int kSyncBatch = 1000;  // change-log rows read and committed at a time
// How long opening the index for writing waits for its lock. The lock is
// only ever held elsewhere for a moment: a process forked by this one (the
// Markdown sandbox) shares the lock's open file until it closes its
// inherited descriptors, which is the first thing it does.
constexpr auto kLockPatience = std::chrono::seconds(5);
constexpr unsigned kQueryFlags = Xapian::QueryParser::FLAG_DEFAULT |
                                 Xapian::QueryParser::FLAG_CJK_NGRAM |
                                 Xapian::QueryParser::FLAG_SPELLING_CORRECTION;

// The index at `dir` opened for writing, waiting up to kLockPatience for
// its lock. Throws as Xapian does.
Xapian::WritableDatabase OpenForWriting(const std::filesystem::path& dir, int mode) {
  const auto give_up = std::chrono::steady_clock::now() + kLockPatience;
  for (;;) {
    try {
      return Xapian::WritableDatabase(dir.string(), mode);
    } catch (const Xapian::DatabaseLockError&) {
      if (std::chrono::steady_clock::now() > give_up) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
}

}  // namespace

struct SearchIndex::Impl {
  Storage& storage;
  std::filesystem::path dir;
  std::mutex mu;  // the one writer: builds and updates
  std::unique_ptr<Xapian::WritableDatabase> db;
  std::unique_ptr<ArticleIndexer> indexer;  // writes spelling data into db
  ReaderPool readers;                       // for searches, which take no lock

  Impl(Storage& s, std::filesystem::path d) : storage(s), dir(d), readers(std::move(d)) {}

  void Open(int mode) {
    indexer.reset();
    db = std::make_unique<Xapian::WritableDatabase>(OpenForWriting(dir, mode));
    indexer = std::make_unique<ArticleIndexer>(*db);
  }
  void Close() {
    indexer.reset();
    db.reset();
  }

  // Indexes or removes one article according to its current state.
  void Apply(std::int64_t id) {
    auto a = storage.content().GetArticle(id);
    const auto docid = static_cast<Xapian::docid>(id);
    if (!a.ok() || !a->has_value() || !IsSearchable(**a)) {
      try {
        db->delete_document(docid);
      } catch (const Xapian::DocNotFoundError&) {
      }
      return;
    }
    db->replace_document(docid, indexer->Make(**a));
  }

  // False for an index whose documents were made another way (kFormat).
  bool CurrentFormat() {
    if (db->get_metadata(kFormatKey) == kFormat) return true;
    spdlog::warn("the search index was made by an older procura; rebuilding it");
    return false;
  }

  std::int64_t AppliedSeq() {
    const std::string v = db->get_metadata(kSeqKey);
    return v.empty() ? 0 : std::stoll(v);
  }
};

SearchIndex::SearchIndex(Storage& storage, std::filesystem::path dir)
    : impl_(std::make_unique<Impl>(storage, std::move(dir))) {}

SearchIndex::~SearchIndex() { JoinBackground(); }

void SearchIndex::JoinBackground() {
  {
    std::lock_guard lock(stop_mu_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (background_.joinable()) background_.join();
}

Status SearchIndex::Sync() {
  std::lock_guard lock(impl_->mu);
  if (!impl_->db) return Status::Unavailable("the search index is not open");
  try {
    for (;;) {  // in batches, so a long backlog never sits in memory at once
      auto changes = impl_->storage.changes().Since(impl_->AppliedSeq(), kSyncBatch);
      if (!changes.ok()) return changes.status();
      if (changes->empty()) return Status::Ok();
      std::set<std::int64_t> ids;  // only articles are indexed; other kinds just advance
      for (const auto& c : *changes)
        if (c.kind == "article") ids.insert(c.entity_id);
      for (auto id : ids) impl_->Apply(id);
      impl_->db->set_metadata(kSeqKey, std::to_string(changes->back().seq));
      impl_->db->commit();  // documents and sequence number land together
    }
  } catch (const Xapian::Error& e) {
    return Status::Io("search index: " + e.get_msg());
  }
}

Status SearchIndex::Rebuild(const std::function<void(std::size_t, std::size_t)>& progress) {
  std::lock_guard lock(impl_->mu);
  try {
    // Read the log position first: changes made during the rebuild are
    // applied by the next Sync().
    auto seq = impl_->storage.changes().Latest();
    auto all = impl_->storage.content().ListPublishedSummaries();
    if (!seq.ok() || !all.ok()) return seq.ok() ? all.status() : seq.status();
    std::vector<std::int64_t> ids;
    ids.reserve(all->size());
    for (const auto& a : *all) ids.push_back(a.id);
    std::sort(ids.begin(), ids.end());
    // Build beside the current index, which stays in place until the new
    // one is complete.
    const std::filesystem::path fresh = impl_->dir.string() + ".new";
    std::error_code ec;
    std::filesystem::remove_all(fresh, ec);
    PROCURA_RETURN_IF_ERROR(BuildIndex(impl_->storage.content(), ids, fresh, {}, progress));
    {  // complete before it is moved into place: a failure after the move
       // (the lock busy for a moment) leaves an index that needs no rebuild
      Xapian::WritableDatabase built = OpenForWriting(fresh, Xapian::DB_OPEN);
      built.set_metadata(kSeqKey, std::to_string(*seq));
      if (auto gen = impl_->storage.Generation(); gen.ok()) built.set_metadata(kGenerationKey, *gen);
      built.set_metadata(kFormatKey, kFormat);
      built.commit();
    }
    impl_->Close();
    std::filesystem::remove_all(impl_->dir, ec);
    std::filesystem::rename(fresh, impl_->dir, ec);
    if (ec) return Status::Io("cannot move the new search index into place: " + ec.message());
    impl_->readers.Invalidate();  // they read the files of the index replaced
    impl_->Open(Xapian::DB_OPEN);
    ready_ = true;
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return Status::Io("search index: " + e.get_msg());
  }
}

// False if the index was built on another generation of the database (a
// restore) or has applied changes the log does not have (an older database
// put back): its change numbers would then be reused for other changes.
bool SearchIndex::BuiltOnThisDatabase() {
  auto gen = impl_->storage.Generation();
  auto latest = impl_->storage.changes().Latest();
  if (!gen.ok() || !latest.ok()) return true;  // nothing to compare with: keep it
  const std::string recorded = impl_->db->get_metadata(kGenerationKey);
  if (recorded.empty()) {  // built before generations existed: adopt it
    impl_->db->set_metadata(kGenerationKey, *gen);
    impl_->db->commit();
  } else if (recorded != *gen) {
    spdlog::warn("the search index belongs to another generation of the database; rebuilding it");
    return false;
  }
  if (impl_->AppliedSeq() > *latest) {
    spdlog::warn("the search index is ahead of the database's change log; rebuilding it");
    return false;
  }
  return true;
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
          impl_->Open(Xapian::DB_OPEN);
          impl_->db->get_doccount();
          rebuild = !BuiltOnThisDatabase() || !impl_->CurrentFormat();
        }
      } catch (const Xapian::Error& e) {
        spdlog::warn("search index in {} is unreadable ({}); rebuilding it", impl_->dir.string(),
                     e.get_msg());
        impl_->Close();
        rebuild = true;
      }
    }
    if (rebuild) {
      spdlog::warn("building the search index in {}; search is unavailable until done",
                   impl_->dir.string());
      // A failure (the database away for a moment, a full disk) is retried:
      // search must not stay off until the next restart.
      for (int attempt = 1;; ++attempt) {
        Status s = Rebuild();
        if (s.ok()) break;
        spdlog::error("search index rebuild failed (attempt {}): {}; trying again in 2 s",
                      attempt, s.message());
        std::unique_lock lock(stop_mu_);
        if (stop_cv_.wait_for(lock, std::chrono::seconds(2), [this] { return stopping_; }))
          return;
      }
      spdlog::info("search index built");
    }
    if (Status s = Sync(); !s.ok()) spdlog::error("search index catch-up failed: {}", s.message());
    ready_ = true;
  });
}

std::int64_t SearchIndex::AppliedSeq() {
  std::lock_guard lock(impl_->mu);
  if (!impl_->db) return 0;
  try {
    return impl_->AppliedSeq();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

Status SearchIndex::SyncIfReady() {
  if (!ready_) return Status::Ok();  // the background start-up work syncs when it ends
  return Sync();
}

namespace {

// The reader's words as a Xapian query. Stray operators or unbalanced
// quotes fall back to a literal search of the words.
Xapian::Query ParseWords(Xapian::QueryParser& qp, const std::string& text,
                         std::string* suggestion) {
  // "２０２２" and "ＰＤＦ", as typed in full-width (全角), are the ASCII
  // words the index holds (see ArticleIndexer).
  const std::string narrow = NarrowForms(text);
  try {
    Xapian::Query query = qp.parse_query(SeparateChineseFromPhrases(narrow), kQueryFlags);
    if (suggestion) *suggestion = qp.get_corrected_query_string();
    return query;
  } catch (const Xapian::QueryParserError&) {
    return qp.parse_query(narrow, Xapian::QueryParser::FLAG_CJK_NGRAM);
  }
}

Xapian::Query WithFilters(Xapian::Query query, const SearchQuery& q) {
  if (q.column_id)
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(ColumnTerm(*q.column_id)));
  if (q.from || q.to) {
    const double lo = q.from ? static_cast<double>(*q.from) : 0;
    const double hi = q.to ? static_cast<double>(*q.to) : 1e12;
    query = Xapian::Query(
        Xapian::Query::OP_FILTER, query,
        Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kSlotPublished, Xapian::sortable_serialise(lo),
                      Xapian::sortable_serialise(hi)));
  }
  return query;
}

// Marks the query's words in `body`. Xapian's snippet generator recognises
// stemmed query terms only in the "Z" form of STEM_SOME, so the words are
// parsed again that way for it; the snippet only needs the query's terms,
// so its match set is empty. No background model: looking up the
// frequency of every word of the text made each results page ~10x slower.
class Highlighter {
 public:
  Highlighter(Xapian::Database& db, const Xapian::Stem& stem, const std::string& text)
      : stem_(stem) {
    Xapian::QueryParser qp;
    qp.set_stemmer(stem);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    Xapian::Enquire enquire(db);
    enquire.set_query(ParseWords(qp, text, nullptr));
    words_ = enquire.get_mset(0, 0);
  }

  std::string Snippet(const std::string& body) const {
    // Full-width "ＰＤＦ" was indexed as "PDF": show it so, or it is not marked.
    std::string html = words_.snippet(NarrowLettersAndDigits(body), 240, stem_,
                                      Xapian::MSet::SNIPPET_CJK_NGRAM, "<mark>", "</mark>", "…");
    // CJK n-grams mark character by character: join adjacent marks.
    for (size_t at; (at = html.find("</mark><mark>")) != std::string::npos;) html.erase(at, 13);
    return html;
  }

 private:
  const Xapian::Stem& stem_;
  Xapian::MSet words_;
};

// One search on `reader`. Throws Xapian::Error.
SearchResult RunSearch(Reader& reader, const SearchQuery& q) {
  Xapian::QueryParser qp;
  qp.set_stemmer(reader.stem);
  qp.set_stemming_strategy(kQueryStemming);
  qp.set_database(reader.db);
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.add_prefix("title", "S");
  qp.add_prefix("author", "A");
  SearchResult out;
  const Xapian::Query query = WithFilters(ParseWords(qp, q.text, &out.suggestion), q);
  Xapian::Enquire enquire(reader.db);
  enquire.set_query(query);
  // Bound the work of pathological queries (e.g. a phrase of very common
  // words): past this, Xapian returns the best matches found so far.
  enquire.set_time_limit(0.05);
  if (q.newest_first) enquire.set_sort_by_value_then_relevance(kSlotPublished, true);
  const int per = std::clamp(q.per_page, 1, 50);
  const int page = std::clamp(q.page, 1, 1000);
  Xapian::MSet mset = enquire.get_mset((page - 1) * per, per, 1000);
  out.total = mset.get_matches_estimated();
  out.total_is_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  const Highlighter highlighter(reader.db, reader.stem, q.text);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const std::string data = it.get_document().get_data();
    SearchHit hit;
    hit.article_id = static_cast<std::int64_t>(*it);
    hit.percent = it.get_percent();
    hit.snippet_html = highlighter.Snippet(data.substr(std::min(data.find('\n') + 1, data.size())));
    out.hits.push_back(std::move(hit));
  }
  return out;
}

}  // namespace

Result<SearchResult> SearchIndex::Search(const SearchQuery& q) {
  if (!IsValidUtf8(q.text)) return Status::Invalid(N_("The search words are not valid text."));
  if (Utf8Length(q.text) > kMaxQueryChars)
    return Status::Invalid(N_("The search is too long: use at most 200 characters."));
  if (!ready_)
    return Status::Unavailable(N_("Search is temporarily unavailable; please try again soon."));
  for (int attempt = 1;; ++attempt) {
    try {
      // No lock: searches run side by side, each on a leased handle that
      // Acquire() reopens on the latest commit.
      auto reader = impl_->readers.Acquire();
      try {
        return RunSearch(*reader, q);
      } catch (const Xapian::DatabaseModifiedError&) {
        reader.Discard();
        throw;
      }
    } catch (const Xapian::DatabaseModifiedError&) {
      // The writer committed twice while this search (or the reopen) read
      // the index, and reused the blocks it was reading. The handle is
      // dropped (a fresh one reads the latest commit), and the search waits
      // a little longer each time for a lull in a burst of commits.
      if (attempt == kMaxSearchAttempts)
        return Status::Unavailable(N_("Search is busy with updates; please try again."));
      std::this_thread::sleep_for(std::chrono::milliseconds(1 << attempt));
    } catch (const Xapian::Error& e) {
      return Status::Io("search failed: " + e.get_msg());
    }
  }
}

}  // namespace procura::search
