#include "search/article_document.h"

#include <string>
#include <vector>

#include "content/markdown.h"
#include "core/text.h"
#include "search/cjk_text.h"

namespace procura::search {
namespace {

// Drops the positions of CJK terms, keeping their frequencies. Queries
// never need them: Chinese, quoted or not, is searched as the AND of its
// unigrams and bigrams (see SeparateChineseFromPhrases), and Xapian 1.4
// does not even give CJK unigrams consecutive positions. Measured on the
// bench corpus: an index 24% smaller than with unigram positions kept.
void DropCjkPositions(Xapian::Document& doc) {
  std::vector<std::string> cjk;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    if (t.positionlist_count() > 0 && IsCjkTerm(*t)) cjk.push_back(*t);
  for (const std::string& term : cjk) doc.remove_postings(term, 0, Xapian::termpos(-1), 0);
}

}  // namespace

std::string ColumnTerm(std::int64_t column_id) { return "XC" + std::to_string(column_id); }

bool IsSearchable(const ArticleRecord& a) {
  return a.status == kStatusPublished && a.published_at.has_value();
}

ArticleIndexer::ArticleIndexer(Xapian::WritableDatabase& spelling_db) {
  tg_.set_stemmer(stem_);
  tg_.set_stemming_strategy(kIndexStemming);
  tg_.set_database(spelling_db);
}

Xapian::Document ArticleIndexer::Make(const ArticleRecord& a) {
  // The stored rendering: indexing never parses Markdown, so no article's
  // text can stop the index from catching up.
  const std::string body = a.body_html ? HtmlToText(*a.body_html) : std::string();
  // Full-width forms ("２０２２年", "ＰＤＦ") are indexed as the ASCII words
  // they are, as queries are read; the stored text (for snippets) is kept.
  const std::string title = NarrowForms(a.title), author = NarrowForms(a.author);
  Xapian::Document doc;
  tg_.set_document(doc);
  tg_.set_termpos(0);
  // Spelling data comes from titles only: doing it for every body word made
  // indexing about 5x slower.
  tg_.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM | Xapian::TermGenerator::FLAG_SPELLING);
  tg_.index_text(title, 5);  // title matches rank above body matches
  tg_.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  tg_.index_text(title, 1, "S");
  tg_.increase_termpos();
  tg_.index_text(NarrowForms(body));
  tg_.increase_termpos();
  tg_.index_text(author, 1, "A");
  DropCjkPositions(doc);
  doc.add_boolean_term(ColumnTerm(a.column_id));
  doc.add_value(kSlotPublished, Xapian::sortable_serialise(static_cast<double>(*a.published_at)));
  doc.set_data(a.title + "\n" + body);
  return doc;
}

}  // namespace procura::search
