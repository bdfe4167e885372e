// NewsroomAdmin: the editor's live preview and an article's revisions with
// their differences.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <thread>

#include "content/diff.h"
#include "core/clock.h"
#include "core/fault.h"
#include "core/labels.h"
#include "core/text.h"
#include "render/article_parts.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_newsroom.h"
#include "web/status_http.h"

namespace procura::web {

namespace {
// PROCURA_FAULT=slow-preview makes every preview take 5 s: the shutdown
// test uses it to have handlers busy while the server is asked to stop.
void MaybeSlowForTest() {
  static const bool armed = FaultArmed("slow-preview");
  if (armed) std::this_thread::sleep_for(std::chrono::seconds(5));
}
}  // namespace

// A revision's stored note ("created", "saved", "restored revision 3") in
// the reader's language.
std::string NewsroomAdmin::RevisionNote(const AdminContext& ctx, const std::string& note) const {
  if (note == "created") return d_.kit.T(ctx, N_("Created"));
  if (note == "saved") return d_.kit.T(ctx, N_("Saved"));
  constexpr std::string_view kRestored = "restored revision ";
  if (note.rfind(kRestored, 0) == 0)
    return d_.kit.Tf(ctx, N_("Restored revision {number}"), {{"number", note.substr(kRestored.size())}});
  return note;
}

Response NewsroomAdmin::Preview(const Request& req, const RouteParams&, AdminContext& ctx) {
  MaybeSlowForTest();
  auto html = d_.renderer.Render(http::Form::Parse(req.body).Get("body"));
  if (!html.ok()) return Response::Text(422, d_.kit.ErrorText(ctx, html.status()) + "\n");
  return Response::Text(200, ResponsiveBodyImages(*html, *d_.content.Snapshot(), kStaffMediaPrefix),
                        "text/html; charset=utf-8");
}

TemplateData NewsroomAdmin::ArticleHistory(const AdminContext& ctx, std::int64_t id,
                                       const std::map<std::int64_t, std::string>& users,
                                       int offset) {
  data rows{data::type::list};
  AuditFilter f;
  f.object_type = "article";
  f.object_id = id;
  f.action = "article.";
  f.limit = 500;
  auto entries = d_.storage.audit().Query(f);
  if (!entries.ok()) return rows;
  for (const AuditEntry& e : *entries) {
    data row;
    row.set("at", FormatLocalTime(e.at, offset));
    row.set("datetime", FormatRfc3339(e.at, offset));
    row.set("what", d_.kit.T(ctx, ArticleEventLabel(e.action)));
    row.set("by", e.actor_id && users.count(*e.actor_id) ? users.at(*e.actor_id) : e.actor_name);
    // The words a reviewer wrote (a reason) are shown; our own details are
    // for the audit log.
    if (e.action == "article.return" || e.action == "article.return-edit" ||
        e.action == "article.withdraw" || e.action == "article.correct-date")
      row.set("detail", e.detail);
    if (e.action == "article.return" || e.action == "article.return-edit")
      row.set("returned", TemplateTrue());
    rows.push_back(row);
  }
  return rows;
}

// An article kept without revisions (stored before the newsroom kept them,
// or loaded from outside it): its history, and no comparison; 404 when
// there is no such article.
Response NewsroomAdmin::NoRevisions(AdminContext& ctx, std::optional<std::int64_t> id) {
  auto article = id ? d_.storage.content().GetArticle(*id)
                    : Result<std::optional<ArticleRecord>>(std::optional<ArticleRecord>());
  if (!article.ok())
    return d_.kit.Message(ctx, HttpStatusFor(article.status()), TitleFor(article.status()), article.status());
  if (!article->has_value())
    return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such article."));
  const int off = d_.content.Snapshot()->site().utc_offset_minutes;
  data body;
  body.set("id", std::to_string(*id));
  body.set("no_revisions", TemplateTrue());
  body.set("history", ArticleHistory(ctx, *id, UserNames(d_.storage), off));
  return d_.kit.Page(ctx, "admin_revisions", std::move(body), N_("Revisions"));
}

Response NewsroomAdmin::Revisions(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  auto revs = id ? d_.storage.articles().ListRevisions(*id)
                 : Result<std::vector<RevisionRecord>>(Status::NotFound(""));
  if (!revs.ok() && revs.status().code() != Status::Code::kNotFound)
    return d_.kit.Message(ctx, HttpStatusFor(revs.status()), TitleFor(revs.status()), revs.status());
  if (!revs.ok() || revs->empty()) return NoRevisions(ctx, id);
  const auto q = ParseQuery(req.query);
  auto pick = [&](const char* key, size_t fallback) -> const RevisionRecord& {
    if (auto it = q.find(key); it != q.end())
      for (const auto& r : *revs)
        if (std::to_string(r.number) == it->second) return r;
    return (*revs)[std::min(fallback, revs->size() - 1)];
  };
  const RevisionRecord& newer = pick("b", 0);
  const RevisionRecord& older = pick("a", 1);
  auto users = UserNames(d_.storage);
  const int off = d_.content.Snapshot()->site().utc_offset_minutes;
  data body;
  body.set("id", std::to_string(*id));
  body.set("a", std::to_string(older.number));
  body.set("b", std::to_string(newer.number));
  // One revision: nothing to compare it with.
  if (revs->size() == 1) body.set("single", TemplateTrue());
  data list{data::type::list};
  for (const auto& r : *revs) {
    data row;
    // The newest is what the article holds: restoring it would change nothing.
    if (&r == &revs->front()) row.set("latest", TemplateTrue());
    row.set("number", std::to_string(r.number));
    row.set("revision_id", std::to_string(r.id));
    row.set("saved", FormatLocalTime(r.saved_at, off));
    row.set("note", RevisionNote(ctx, r.note));
    if (r.saved_by && users.count(*r.saved_by)) row.set("by", users[*r.saved_by]);
    list.push_back(row);
  }
  body.set("revisions", list);
  body.set("history", ArticleHistory(ctx, *id, users, off));
  body.set("zone", FormatUtcOffset(off));
  data diff{data::type::list};
  const std::string old_text = "# " + older.title + "\n\n" + older.body_md;
  const std::string new_text = "# " + newer.title + "\n\n" + newer.body_md;
  for (const auto& l : DiffLines(old_text, new_text)) {
    data line;
    line.set("kind", l.op == '+' ? "add" : l.op == '-' ? "del" : "same");
    line.set("sign", std::string(1, l.op == ' ' ? ' ' : l.op));
    if (l.op != ' ') line.set("said", d_.kit.T(ctx, l.op == '+' ? N_("added:") : N_("removed:")));
    data spans{data::type::list};
    if (l.spans.empty()) {
      data whole;
      whole.set("text", l.text);
      spans.push_back(whole);
    }
    for (const DiffSpan& span : l.spans) {
      data piece;
      piece.set("text", span.text);
      if (span.changed) piece.set("marked", TemplateTrue());
      spans.push_back(piece);
    }
    line.set("spans", spans);
    diff.push_back(line);
  }
  body.set("diff", diff);
  return d_.kit.Page(ctx, "admin_revisions", std::move(body), N_("Revisions"));
}

}  // namespace procura::web
