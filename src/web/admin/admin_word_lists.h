// The content checks' word lists in the newsroom, an area of its own over
// AdminKit: the lists (words, levels, replacements, known-good phrases),
// the leaders' names and titles, import and export, the published
// articles the lists flag now, and the editor's live findings for the text
// being typed. WordListService and ArticleWorkflow decide; these handlers
// parse, call them and render. The lists are the site administrator's;
// the live findings are every writer's.
#pragma once

#include "core/kept_result.h"
#include "safety/site_scan.h"
#include "content/workflow.h"
#include "safety/word_lists.h"
#include "storage/storage.h"
#include "web/admin/admin_kit.h"

namespace procura::web {

class WordListsAdmin {
 public:
  struct Deps {
    AdminKit& kit;
    Storage& storage;
    safety::WordListService& word_lists;
    ArticleWorkflow& workflow;  // the findings in an article's text
  };
  explicit WordListsAdmin(Deps d) : d_(d) {}
  // Adds the area's routes through the kit's guard.
  void AddRoutes(http::Router& r);

 private:
  using Request = http::Request;
  using Response = http::Response;
  using Params = http::RouteParams;

  Response WordLists(const Request&, const Params&, AdminContext&);
  Response AddWord(const Request&, const Params&, AdminContext&);
  Response RemoveWord(const Request&, const Params&, AdminContext&);
  Response ImportWords(const Request&, const Params&, AdminContext&);
  Response ExportWords(const Request&, const Params&, AdminContext&);
  Response FlaggedArticles(const Request&, const Params&, AdminContext&);
  Response LiveFindings(const Request&, const Params&, AdminContext&);
  Response AddLeader(const Request&, const Params&, AdminContext&);
  Response RemoveLeader(const Request&, const Params&, AdminContext&);
  // The lists' page with `in` typed into the entry form and `error`'s
  // problems beside its fields; `extra` adds keys (the leader form's).
  // `query` narrows the lists to the entries containing it (GET ?q=).
  Response WordListsPage(const AdminContext& ctx, const safety::WordEntryInput& in,
                         const Status& error, int status, TemplateData extra = {},
                         const std::string& query = "");
  void SetListEntries(const AdminContext& ctx, const std::vector<WordEntryRecord>& entries,
                      const std::string& query, TemplateData& body) const;
  TemplateData EntryRow(const AdminContext& ctx, const WordEntryRecord& e) const;

  // A list shows this many entries; the rest are found by a search or in
  // the export (a bought list may hold tens of thousands).
  static constexpr std::size_t kShownWords = 200;
  static constexpr std::size_t kMaxWordQueryChars = 50;  // as long as a word may be

  Deps d_;
  // The flagged-articles page's reading of every published article, kept
  // while the change log and the lists stay put (safety::PublishedTextRevision).
  KeptResult<std::vector<safety::ArticleFindings>> flagged_;
};

}  // namespace procura::web
