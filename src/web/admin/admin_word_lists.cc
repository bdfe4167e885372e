// WordListsAdmin: routes, and the content checks' word lists (an admin's
// page): the lists, adding and removing entries, CSV/XLSX import and
// export, the published articles flagged, the editor's live findings.
#include "web/admin/admin_word_lists.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/text.h"
#include "http/multipart.h"
#include "safety/personal_data.h"
#include "safety/site_scan.h"
#include "safety/word_lists.h"
#include "web/admin/admin_handler.h"
#include "web/status_http.h"

namespace procura::web {

using http::Request;
using http::Response;

namespace {

const std::map<std::string, std::string> kWordFieldIds = {
    {"category", "w-category"}, {"word", "w-word"},   {"level", "w-level"},
    {"replacement", "w-replacement"}, {"note", "w-note"},
    {"name", "l-name"}, {"titles", "l-titles"}, {"precedence", "l-precedence"}};

safety::WordEntryInput WordFromForm(const http::Form& f) {
  return {f.Get("category"), f.Get("word"),          f.Get("level"),
          f.Get("replacement"), f.Get("note"), f.Get("whole_word") == "1"};
}

}  // namespace

void WordListsAdmin::AddRoutes(http::Router& r) {
  using A = auth::Action;
  const auto need = [](A a) { return Requirement{Requirement::kAction, a}; };
  const auto bind = [this](auto fn) { return Bound(this, fn); };
  AdminKit& kit = d_.kit;
  kit.Add(r, "POST", "/admin/preview/findings", need(A::kWriteArticles),
          bind(&WordListsAdmin::LiveFindings));
  kit.Add(r, "GET", "/admin/word-lists", need(A::kManageSite), bind(&WordListsAdmin::WordLists));
  kit.Add(r, "POST", "/admin/word-lists", need(A::kManageSite), bind(&WordListsAdmin::AddWord));
  kit.Add(r, "POST", "/admin/word-lists/{id}/delete", need(A::kManageSite),
          bind(&WordListsAdmin::RemoveWord));
  kit.Add(r, "POST", "/admin/word-lists/import", need(A::kManageSite),
          bind(&WordListsAdmin::ImportWords));
  kit.Add(r, "GET", "/admin/word-lists/export/{format}", need(A::kManageSite),
          bind(&WordListsAdmin::ExportWords));
  kit.Add(r, "GET", "/admin/word-lists/published", need(A::kManageSite),
          bind(&WordListsAdmin::FlaggedArticles));
  kit.Add(r, "POST", "/admin/word-lists/leaders", need(A::kManageSite),
          bind(&WordListsAdmin::AddLeader));
  kit.Add(r, "POST", "/admin/word-lists/leaders/{id}/delete", need(A::kManageSite),
          bind(&WordListsAdmin::RemoveLeader));
}

// The entries of each list, `query` (if any) narrowing them to the words,
// correct forms and notes that contain it; a list shows its first
// kShownWords, and says how many more the search and the export have.
void WordListsAdmin::SetListEntries(const AdminContext& ctx, const std::vector<WordEntryRecord>& entries,
                                    const std::string& query, TemplateData& body) const {
  const std::string folded = AsciiLower(query);
  const auto matches = [&](const WordEntryRecord& e) {
    return folded.empty() || AsciiLower(e.word).find(folded) != std::string::npos ||
           AsciiLower(e.replacement).find(folded) != std::string::npos ||
           AsciiLower(e.note).find(folded) != std::string::npos;
  };
  data lists{data::type::list};
  std::size_t found = 0;
  for (const char* category : safety::kCategories) {
    data rows{data::type::list};
    std::size_t count = 0;
    for (const auto& e : entries) {
      if (e.category != category || !matches(e)) continue;
      if (++count > kShownWords) continue;
      rows.push_back(EntryRow(ctx, e));
    }
    found += count;
    data list;
    list.set("slug", category);
    list.set("name", d_.kit.T(ctx, safety::CategoryLabel(category)));
    list.set("count", std::to_string(count));
    list.set("entries", rows);
    if (count > 0) list.set("has_entries", TemplateTrue());
    if (count > kShownWords)
      list.set("more", d_.kit.Tf(ctx, N_("… and {n} more: find a word above, or download the lists."),
                                 {{"n", std::to_string(count - kShownWords)}}));
    lists.push_back(list);
  }
  body.set("lists", lists);
  if (query.empty()) return;  // no "query" key: "" would count as true to the template
  body.set("query", query);
  body.set("found", d_.kit.TfN(ctx, "{n} entry contains “{query}”.", "{n} entries contain “{query}”.",
                               static_cast<long>(found), {{"query", query}}));
}

TemplateData WordListsAdmin::EntryRow(const AdminContext& ctx, const WordEntryRecord& e) const {
  data row;
  row.set("id", std::to_string(e.id));
  row.set("word", e.word);
  row.set("level", d_.kit.T(ctx, e.level == "block"                 ? N_("block")
                                 : e.level == safety::kAllowLevel ? N_("allow")
                                                                  : N_("warn")));
  if (e.level == "block") row.set("block", TemplateTrue());
  row.set("replacement", e.replacement);
  row.set("note", e.note);
  if (e.whole_word) row.set("whole_word", TemplateTrue());
  if (e.is_sample) row.set("sample", TemplateTrue());
  return row;
}

Response WordListsAdmin::WordListsPage(const AdminContext& ctx, const safety::WordEntryInput& in,
                                  const Status& error, int status, TemplateData extra,
                                  const std::string& query) {
  data body = std::move(extra);
  auto entries = d_.word_lists.List();
  if (!entries.ok()) return d_.kit.Message(ctx, 500, N_("Not done"), d_.kit.ErrorText(ctx, entries.status()));
  SetListEntries(ctx, *entries, query, body);
  auto leaders = d_.word_lists.Leaders();
  if (!leaders.ok()) return d_.kit.Message(ctx, 500, N_("Not done"), d_.kit.ErrorText(ctx, leaders.status()));
  data leader_rows{data::type::list};
  for (const auto& l : *leaders) {
    data row;
    row.set("id", std::to_string(l.id));
    row.set("name", l.name);
    std::string titles;
    for (const auto& t : l.titles) titles += (titles.empty() ? "" : "、") + t;
    row.set("titles", titles);
    row.set("precedence", std::to_string(l.precedence));
    leader_rows.push_back(row);
  }
  body.set("leaders", leader_rows);
  if (!leaders->empty()) body.set("has_leaders", TemplateTrue());
  data categories{data::type::list}, levels{data::type::list};
  for (const char* c : safety::kCategories)
    categories.push_back(SelectOption(c, d_.kit.T(ctx, safety::CategoryLabel(c)), in.category == c));
  for (const char* l : safety::kLevels)
    levels.push_back(SelectOption(l, d_.kit.T(ctx, safety::LevelLabel(l)), in.level == l));
  body.set("categories", categories);
  body.set("levels", levels);
  body.set("word", in.word);
  body.set("replacement", in.replacement);
  body.set("note", in.note);
  if (in.whole_word) body.set("whole_word", TemplateTrue());
  d_.kit.SetFormErrors(ctx, error, kWordFieldIds, body);
  return d_.kit.Page(ctx, "admin_word_lists", std::move(body), N_("Word lists"), status);
}

Response WordListsAdmin::WordLists(const Request& req, const Params&, AdminContext& ctx) {
  std::string query = ParseQuery(req.query)["q"];
  if (!IsValidUtf8(query) || Utf8Length(query) > kMaxWordQueryChars)
    return d_.kit.Message(ctx, 400, N_("Not done"), N_("Search for at most 50 characters."));
  return WordListsPage(ctx, {"sensitive", "", "block", "", "", false}, Status::Ok(), 200, {}, query);
}

Response WordListsAdmin::AddWord(const Request& req, const Params&, AdminContext& ctx) {
  const safety::WordEntryInput in = WordFromForm(http::Form::Parse(req.body));
  auto added = d_.word_lists.Add(in, ctx.who(), ctx.actor);
  if (!added.ok()) return WordListsPage(ctx, in, added.status(), HttpStatusFor(added.status()));
  return AdminKit::Done("/admin/word-lists#list-" + in.category, "added");
}

Response WordListsAdmin::RemoveWord(const Request& req, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such entry."));
  // Removed from a search's results, the admin goes back to that search.
  std::string query = http::Form::Parse(req.body).Get("q");
  query = IsValidUtf8(query) ? Utf8Prefix(query, kMaxWordQueryChars) : "";
  const std::string back = query.empty() ? "/admin/word-lists" : "/admin/word-lists?q=" + UrlEncode(query) + "#find";
  auto entry = d_.word_lists.Entry(*id);
  if (entry.status().code() == Status::Code::kNotFound)
    return d_.kit.Message(ctx, 404, N_("Not found"), entry.status());
  if (!entry.ok()) return d_.kit.Message(ctx, 500, N_("Not done"), entry.status());
  if (auto ask = d_.kit.ConfirmFirst(ctx, req, N_("Remove “{word}” from the list “{list}”?"),
                                     {{"word", entry->word},
                                      {"list", d_.kit.T(ctx, safety::CategoryLabel(entry->category))}},
                                     back))
    return *ask;
  Status s = d_.word_lists.Remove(*id, ctx.who(), ctx.actor);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not done"), s);
  return AdminKit::Done(back, "deleted");
}

Response WordListsAdmin::AddLeader(const Request& req, const Params&, AdminContext& ctx) {
  const http::Form f = http::Form::Parse(req.body);
  const safety::LeaderInput in{f.Get("name"), f.Get("titles"), f.Get("precedence")};
  auto added = d_.word_lists.AddLeader(in, ctx.who(), ctx.actor);
  if (!added.ok()) {
    data body;
    body.set("leader_name", in.name);
    body.set("leader_titles", in.titles);
    body.set("leader_precedence", in.precedence);
    return WordListsPage(ctx, {"sensitive", "", "block", "", "", false}, added.status(),
                         HttpStatusFor(added.status()), std::move(body));
  }
  return AdminKit::Done("/admin/word-lists#leaders", "added");
}

Response WordListsAdmin::RemoveLeader(const Request& req, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such entry."));
  if (auto ask = d_.kit.ConfirmFirst(ctx, req, N_("Remove this person from the leaders' list?"), {},
                              "/admin/word-lists#leaders"))
    return *ask;
  Status s = d_.word_lists.RemoveLeader(*id, ctx.who(), ctx.actor);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not done"), s);
  return AdminKit::Done("/admin/word-lists#leaders", "deleted");
}

Response WordListsAdmin::ImportWords(const Request& req, const Params&, AdminContext& ctx) {
  const safety::WordEntryInput blank{"sensitive", "", "block", "", "", false};
  auto parts = http::ParseMultipart(req.Header("content-type"), req.body);
  if (!parts.ok()) return d_.kit.Message(ctx, 400, N_("Not imported"), parts.status());
  const http::FormPart* file = http::FindPart(*parts, "file");
  if (!file || file->filename.empty())
    return d_.kit.Message(ctx, 422, N_("Not imported"), N_("Choose a CSV or XLSX file."));
  auto table = tabular::ParseTable(file->data);
  data problems{data::type::list};
  if (!table.ok()) {
    problems.push_back(data(d_.kit.ErrorText(ctx, table.status())));
  } else {
    auto outcome = d_.word_lists.Import(*table, ctx.who(), ctx.actor);
    if (!outcome.ok())
      return d_.kit.Message(ctx, HttpStatusFor(outcome.status()), N_("Not imported"), outcome.status());
    if (outcome->row_problems.empty()) {
      data body;
      body.set("imported", d_.kit.Tf(ctx, N_("Imported: {added} added, {updated} updated, {unchanged} "
                                      "already listed."),
                              {{"added", std::to_string(outcome->added)},
                               {"updated", std::to_string(outcome->updated)},
                               {"unchanged", std::to_string(outcome->unchanged)}}));
      return WordListsPage(ctx, blank, Status::Ok(), 200, std::move(body));
    }
    for (const auto& [row, problem] : outcome->row_problems)
      problems.push_back(data(d_.kit.Tf(ctx, N_("Row {row}: {problem}"),
                                 {{"row", std::to_string(row)}, {"problem", d_.kit.ErrorText(ctx, problem)}})));
  }
  data body;
  body.set("import_errors", problems);
  body.set("has_import_errors", TemplateTrue());
  return WordListsPage(ctx, blank, Status::Ok(), 422, std::move(body));
}

Response WordListsAdmin::ExportWords(const Request&, const Params& p, AdminContext& ctx) {
  auto sheet = d_.word_lists.Export();
  if (!sheet.ok()) return d_.kit.Message(ctx, 500, N_("Not done"), d_.kit.ErrorText(ctx, sheet.status()));
  const std::string& format = p.at("format");
  if (format == "xlsx") return d_.kit.XlsxDownload(ctx, {*sheet}, "word-lists.xlsx");
  if (format == "csv")
    return AdminKit::Download(tabular::ToCsv(*sheet), tabular::kCsvMediaType, "word-lists.csv");
  return d_.kit.Message(ctx, 404, N_("Not found"), N_("Export as csv or xlsx."));
}

// Flagged articles listed on the page; `procura check-content` prints all.
constexpr std::size_t kListedFlagged = 100;

// Published articles the lists flag now: after a list changes, the older
// articles that match are listed here for review (read-only).
Response WordListsAdmin::FlaggedArticles(const Request&, const Params&, AdminContext& ctx) {
  // The key before the scan: a change meanwhile makes the next view scan again.
  auto key = safety::PublishedTextRevision(d_.storage);
  if (!key.ok()) return d_.kit.Message(ctx, 500, N_("Not done"), d_.kit.ErrorText(ctx, key.status()));
  auto flagged = flagged_.Find(*key);
  if (!flagged) {
    safety::WordCheck check(d_.storage.safety());
    auto scanner = check.Current();
    if (!scanner.ok()) return d_.kit.Message(ctx, 500, N_("Not done"), d_.kit.ErrorText(ctx, scanner.status()));
    auto scanned = safety::ScanPublished(d_.storage, **scanner);
    if (!scanned.ok()) return d_.kit.Message(ctx, 500, N_("Not done"), d_.kit.ErrorText(ctx, scanned.status()));
    flagged = flagged_.Keep(*key, std::move(*scanned));
  }
  data articles{data::type::list};
  for (std::size_t n = 0; n < flagged->size() && n < kListedFlagged; ++n) {
    const auto& a = (*flagged)[n];
    data item, findings{data::type::list};
    item.set("id", std::to_string(a.id));
    item.set("title", a.title);
    for (const auto& f : a.findings) {
      const safety::FindingText text = safety::Describe(safety::MaskedForReport(f));
      data one;
      one.set("text", d_.kit.Tf(ctx, text.msgid, text.args));
      if (f.blocks()) one.set("block", TemplateTrue());
      findings.push_back(one);
    }
    item.set("findings", findings);
    articles.push_back(item);
  }
  data body;
  body.set("articles", articles);
  body.set("summary", d_.kit.Tf(ctx, N_("{count} published articles are flagged by the word lists as "
                                 "they are now."),
                         {{"count", std::to_string(flagged->size())}}));
  if (!flagged->empty()) body.set("has_articles", TemplateTrue());
  if (flagged->size() > kListedFlagged)
    body.set("more", d_.kit.Tf(ctx, N_("The first {shown} are listed here; procura check-content "
                                       "prints them all."),
                               {{"shown", std::to_string(kListedFlagged)}}));
  return d_.kit.Page(ctx, "admin_word_scan", std::move(body), N_("Published articles the word lists flag"));
}

// The findings for the text being typed, as JSON, for the editor's live
// view (static/js/admin.js): [{"field", "matched", "text", "block"}].
Response WordListsAdmin::LiveFindings(const Request& req, const Params&, AdminContext& ctx) {
  const http::Form f = http::Form::Parse(req.body);
  auto found = d_.workflow.WordFindings(f.Get("title"), f.Get("body"), f.Get("caption"),
                                        f.Get("alt"));
  if (!found.ok())
    return Response::Text(HttpStatusFor(found.status()),
                          "{\"error\":\"" + JsonEscape(d_.kit.ErrorText(ctx, found.status())) + "\"}",
                          "application/json");
  std::string json = "{\"findings\":[";
  for (std::size_t i = 0; i < found->size() && i < 200; ++i) {
    const auto& one = (*found)[i];
    const safety::FindingText text = safety::Describe(one);
    json += fmt::format("{}{{\"field\":\"{}\",\"matched\":\"{}\",\"text\":\"{}\",\"block\":{}}}",
                        i ? "," : "", JsonEscape(one.field), JsonEscape(one.matched),
                        JsonEscape(d_.kit.Tf(ctx, text.msgid, text.args)), one.blocks() ? "true" : "false");
  }
  return Response::Text(200, json + "]}", "application/json");
}

}  // namespace procura::web
