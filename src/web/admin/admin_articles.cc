// NewsroomAdmin: the article pages (list, saving, workflow actions). The
// editor page is in admin_editor_page.cc; preview and revisions in
// admin_revisions.cc.
#include <fmt/format.h>

#include "core/clock.h"
#include "core/labels.h"
#include "core/text.h"
#include "http/any_form.h"
#include "render/page_language.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_newsroom.h"
#include "web/admin/admin_pager.h"
#include "web/status_http.h"

namespace procura::web {

namespace {

ArticleInput InputFromForm(const http::Form& f) {
  ArticleInput in;
  in.column_id = ParsePositiveId(f.Get("column")).value_or(0);
  in.title = f.Get("title");
  in.author = f.Get("author");
  in.news_source = f.Get("news_source");
  in.scheduled_for = f.Get("scheduled_for");
  if (auto m = ParsePositiveId(f.Get("lead_media"))) in.lead_media_id = *m;
  in.lead_caption = f.Get("lead_caption");
  in.lead_alt = f.Get("lead_alt");
  in.body_md = f.Get("body");
  in.lang = f.Get("lang");
  // An empty field removes the link; a number sets it.
  in.translation_of = ParsePositiveId(f.Get("translation_of")).value_or(0);
  return in;
}

}  // namespace

namespace {

std::string QueryField(const std::map<std::string, std::string>& q, const char* key) {
  auto it = q.find(key);
  return it == q.end() ? std::string() : it->second;
}

// The list's filter from its query: status, column, creator, text,
// language and the local dates the article was last changed between.
ArticleFilter ArticleFilterFrom(const std::map<std::string, std::string>& q, int utc_offset) {
  ArticleFilter f;
  f.status = QueryField(q, "status");
  if (auto c = ParsePositiveId(QueryField(q, "column"))) f.column_id = *c;
  if (auto u = ParsePositiveId(QueryField(q, "creator"))) f.created_by = *u;
  f.title_contains = Utf8Prefix(QueryField(q, "q"), 200);
  if (const auto lang = QueryField(q, "lang"); lang == "zh-CN" || lang == "en") f.lang = lang;
  if (auto t = ParseLocalTime(QueryField(q, "from"), utc_offset)) f.updated_from = *t;
  if (auto t = ParseLocalTime(QueryField(q, "to"), utc_offset)) f.updated_to = *t + 86399;
  return f;
}

}  // namespace

// The filter form's choices, the current ones selected.
void NewsroomAdmin::SetArticleFilterChoices(const AdminContext& ctx, const ArticleFilter& f,
                                            const std::vector<ColumnRecord>& columns,
                                            const std::map<std::int64_t, std::string>& users,
                                            TemplateData& body) {
  data statuses{data::type::list}, cols{data::type::list}, creators{data::type::list};
  for (const char* s :
       {kStatusDraft, kStatusSubmitted, kStatusScheduled, kStatusPublished, kStatusWithdrawn}) {
    statuses.push_back(SelectOption(s, d_.kit.T(ctx, ArticleStatusLabel(s)), f.status == s));
  }
  for (const auto& c : columns)
    cols.push_back(SelectOption(std::to_string(c.id), c.name, f.column_id == c.id));
  for (const auto& [id, name] : users)
    creators.push_back(SelectOption(std::to_string(id), name, f.created_by == id));
  body.set("statuses", statuses);
  body.set("columns", cols);
  body.set("creators", creators);
  data langs{data::type::list};
  langs.push_back(SelectOption("zh-CN", d_.kit.T(ctx, LanguageLabel("zh-CN")), f.lang == "zh-CN"));
  langs.push_back(SelectOption("en", d_.kit.T(ctx, LanguageLabel("en")), f.lang == "en"));
  body.set("langs", langs);
}

Response NewsroomAdmin::ArticleList(const Request& req, const RouteParams&, AdminContext& ctx) {
  const auto q = ParseQuery(req.query);
  auto snap = d_.content.Snapshot();
  ArticleFilter f = ArticleFilterFrom(q, snap->site().utc_offset_minutes);
  // The page asked for and the total in one pass; a page past the end is
  // read again as the last one.
  const auto requested = ParsePositiveId(QueryField(q, "page"));
  f.limit = 50;
  f.offset = static_cast<int>(std::min<std::int64_t>(requested.value_or(1) - 1, 1'000'000) * 50);
  auto found = d_.storage.articles().FindArticles(f);
  if (!found.ok()) return d_.kit.Message(ctx, 500, N_("Not available"), found.status());
  const long total = static_cast<long>(found->total);
  const PageSpan span = SpanOf(requested, total, 50);
  if (span.offset != f.offset) {
    f.offset = static_cast<int>(span.offset);
    found = d_.storage.articles().FindArticles(f);
    if (!found.ok()) return d_.kit.Message(ctx, 500, N_("Not available"), found.status());
  }
  auto users = UserNames(d_.storage);
  auto columns = d_.storage.content().ListColumns().value();
  data body;
  const auto label = [&](std::string_view s) { return d_.kit.T(ctx, s); };
  body.set("articles", ArticleRows(found->items, *snap, users, columns, label));
  SetPager(d_.kit, ctx, "/admin/articles/",
           {{"q", f.title_contains}, {"status", f.status}, {"column", QueryField(q, "column")},
            {"creator", QueryField(q, "creator")}, {"lang", f.lang}, {"from", QueryField(q, "from")},
            {"to", QueryField(q, "to")}},
           span, body);
  body.set("total_text", d_.catalogs ? d_.catalogs->TrN(d_.kit.LangOf(ctx), "{n} article", "{n} articles", total)
                                     : std::to_string(total));
  body.set("q", f.title_contains);
  body.set("from", QueryField(q, "from"));
  body.set("to", QueryField(q, "to"));
  SetArticleFilterChoices(ctx, f, columns, users, body);
  return d_.kit.Page(ctx, "admin_articles", std::move(body), N_("Articles"));
}

// The word lists' findings in the text being edited, each with its list's
// explanation; warnings make the approve form ask for a reason.
void NewsroomAdmin::SetWordFindings(const AdminContext& ctx, const ArticleInput& in,
                                TemplateData& body) {
  auto found = d_.workflow.WordFindings(in.title, in.body_md, in.lead_caption, in.lead_alt);
  if (!found.ok() || found->empty()) return;
  data list{data::type::list};
  for (const auto& f : *found) {
    const safety::FindingText text = safety::Describe(f);
    data item;
    item.set("text", d_.kit.Tf(ctx, text.msgid, text.args));
    item.set("level", d_.kit.T(ctx, f.blocks() ? N_("cannot be published") : N_("needs a reason")));
    if (f.blocks()) item.set("block", TemplateTrue());
    if (!f.entry.note.empty())
      item.set("note", safety::NoteFor(f, [&](std::string_view msgid, const MessageArgs& args) {
                 return d_.kit.Tf(ctx, msgid, args);
               }));
    list.push_back(item);
  }
  body.set("word_findings", list);
  body.set("has_word_findings", TemplateTrue());
  const safety::FindingCounts counts = safety::Count(*found);
  if (counts.block > 0) body.set("words_block", TemplateTrue());
  else body.set("needs_override", TemplateTrue());
}

Response NewsroomAdmin::NewArticle(const Request&, const RouteParams&, AdminContext& ctx) {
  return EditorPage(ctx, std::nullopt, ArticleInput{}, "", 200);
}

void NewsroomAdmin::SetPreviewFacts(const AdminContext&, const std::optional<ArticleRecord>& article,
                                const ArticleInput& in, TemplateData& body) {
  // The date line reads as the portal's will: the published date, or today
  // for an article not yet published. (The lead image: SetEditorImages.)
  const auto snap = d_.content.Snapshot();
  const UnixSeconds when =
      article && article->published_at ? *article->published_at : NowUnix();
  const auto lang = i18n::Parse(in.lang).value_or(PrimaryLang(snap->site()));
  body.set("preview_date", FormatArticleDate(when, snap->site().utc_offset_minutes, lang));
}

std::string NewsroomAdmin::FieldlessError(const AdminContext& ctx, const Status& s) const {
  return s.field().empty() && s.problems().size() <= 1 ? d_.kit.ErrorText(ctx, s) : "";
}

Status NewsroomAdmin::UploadLeadImage(AdminContext& ctx, const std::vector<http::FormPart>& files,
                                  ArticleInput& in) {
  for (const http::FormPart& f : files) {
    if (f.name != "lead_upload" || f.data.empty()) continue;
    auto stored = d_.media.Upload(f.data, f.filename, in.lead_alt, ctx.who(), ctx.actor);
    if (!stored.ok()) return stored.status();
    if (stored->kind != "image")
      return Status::Invalid(N_("The lead image must be a JPEG, PNG or WebP picture."));
    in.lead_media_id = stored->id;
  }
  return Status::Ok();
}

Status NewsroomAdmin::UploadAttachments(AdminContext& ctx, const std::vector<http::FormPart>& files,
                                    std::int64_t article) {
  for (const http::FormPart& f : files) {
    if (f.name != "attach_upload" || f.data.empty()) continue;
    auto stored = d_.media.Upload(f.data, f.filename, "", ctx.who(), ctx.actor);
    if (!stored.ok()) return stored.status();
    PROCURA_RETURN_IF_ERROR(d_.media.Attach(article, stored->id, ctx.who(), ctx.actor));
  }
  return Status::Ok();
}

Response NewsroomAdmin::CreateArticle(const Request& req, const RouteParams&, AdminContext& ctx) {
  auto form = http::ParseAnyForm(req);
  if (!form.ok()) return d_.kit.Message(ctx, 400, N_("Not saved"), form.status());
  ArticleInput in = InputFromForm(form->fields);
  if (Status up = UploadLeadImage(ctx, form->files, in); !up.ok())
    return EditorPage(ctx, std::nullopt, in, d_.kit.ErrorText(ctx, up), HttpStatusFor(up));
  auto id = d_.workflow.Create(in, ctx.who(), ctx.actor);
  if (!id.ok())
    return EditorPage(ctx, std::nullopt, in, FieldlessError(ctx, id.status()),
                      HttpStatusFor(id.status()), id.status());
  if (Status att = UploadAttachments(ctx, form->files, *id); !att.ok())
    return AfterSaveProblem(ctx, *id, in, att);
  if (form->fields.Get("then") == "submit") {
    Status sub = d_.workflow.Submit(*id, ctx.who(), ctx.actor);
    if (!sub.ok()) return d_.kit.Message(ctx, HttpStatusFor(sub), N_("Saved, not submitted"), sub);
  }
  return AdminKit::Done(fmt::format("/admin/articles/{}/", *id), "saved");
}

Response NewsroomAdmin::AfterSaveProblem(AdminContext& ctx, std::int64_t id, const ArticleInput& in,
                                     const Status& problem) {
  auto a = d_.storage.content().GetArticle(id);
  const std::string text =
      d_.kit.Tf(ctx, N_("The article is saved, but a file was not attached: {problem}"),
         {{"problem", d_.kit.ErrorText(ctx, problem)}});
  if (!a.ok() || !a->has_value()) return d_.kit.Message(ctx, 500, N_("Not attached"), problem);
  return EditorPage(ctx, **a, in, text, HttpStatusFor(problem));
}

Response NewsroomAdmin::EditArticle(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  auto a = id ? d_.storage.content().GetArticle(*id)
              : Result<std::optional<ArticleRecord>>(std::nullopt);
  if (!a.ok() || !a->has_value())
    return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such article."));
  const auto query = ParseQuery(req.query);
  const auto doc_q = query.find("doc_q");
  return EditorPage(ctx, **a, d_.workflow.Editable(**a), "", 200, Status::Ok(),
                    doc_q == query.end() ? "" : doc_q->second);
}

Response NewsroomAdmin::SaveArticle(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  auto a = id ? d_.storage.content().GetArticle(*id)
              : Result<std::optional<ArticleRecord>>(std::nullopt);
  if (!a.ok() || !a->has_value())
    return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such article."));
  auto form = http::ParseAnyForm(req);
  if (!form.ok()) return d_.kit.Message(ctx, 400, N_("Not saved"), form.status());
  ArticleInput in = InputFromForm(form->fields);
  if (Status up = UploadLeadImage(ctx, form->files, in); !up.ok())
    return EditorPage(ctx, **a, in, d_.kit.ErrorText(ctx, up), HttpStatusFor(up));
  const auto version = ParsePositiveId(form->fields.Get("version")).value_or(0);
  Status s = d_.workflow.Save(*id, in, version, ctx.who(), ctx.actor);
  if (!s.ok()) return EditorPage(ctx, **a, in, FieldlessError(ctx, s), HttpStatusFor(s), s);
  if (Status att = UploadAttachments(ctx, form->files, *id); !att.ok())
    return AfterSaveProblem(ctx, *id, in, att);
  if (form->fields.Get("then") == "submit") {
    Status sub = d_.workflow.Submit(*id, ctx.who(), ctx.actor);
    if (!sub.ok()) return d_.kit.Message(ctx, HttpStatusFor(sub), N_("Not submitted"), sub);
  }
  return AdminKit::Done(fmt::format("/admin/articles/{}/", *id), "saved");
}


}  // namespace procura::web
