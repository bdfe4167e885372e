// Internal to the search module: how one article becomes a Xapian document,
// shared by incremental updates (SearchIndex::Sync) and full builds
// (BuildIndex), so that both index exactly the same terms.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>

#include "storage/records.h"

namespace procura::search {

inline constexpr Xapian::valueno kSlotPublished = 0;
// Stemmed terms only ("train"), with positions: half the English terms of
// STEM_SOME (which also keeps every unstemmed form), and phrases still work.
inline constexpr auto kIndexStemming = Xapian::TermGenerator::STEM_ALL;
inline constexpr auto kQueryStemming = Xapian::QueryParser::STEM_ALL;

// The boolean term that files an article under its column.
std::string ColumnTerm(std::int64_t column_id);

// True when `a` belongs in the public index: published with a date.
bool IsSearchable(const ArticleRecord& a);

// Turns articles into documents. Owns its term generator; one per thread.
class ArticleIndexer {
 public:
  // Spelling data ("did you mean") from titles goes into `spelling_db`.
  explicit ArticleIndexer(Xapian::WritableDatabase& spelling_db);

  // The document for searchable article `a`: title (weighted above the
  // body and also under the "S" prefix), body text, author ("A"), column
  // term, publication date value, and title + body text as data for
  // snippets.
  Xapian::Document Make(const ArticleRecord& a);

 private:
  Xapian::Stem stem_{"english"};
  Xapian::TermGenerator tg_;
};

}  // namespace procura::search
