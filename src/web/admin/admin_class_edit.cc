// TrainingAdmin: creating and editing classes and sessions, and drafting a
// class's news report. Forms parse here; TrainingService validates.
#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "core/clock.h"
#include "core/text.h"
#include "render/page_language.h"
#include "storage/photo_list.h"
#include "training/class_report.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_training.h"
#include "web/admin/records_photos.h"
#include "web/status_http.h"

namespace procura::web {

namespace {

// Reads a number field; false (with `error` set) if present but malformed.
// `label` is a msgid (marked N_).
bool ReadNumber(const http::Form& f, const char* name, const char* label, double& out,
                Status& error) {
  const std::string v = Trim(f.Get(name));
  if (v.empty()) return true;
  auto d = ParseDecimal(v);
  if (!d) {
    error = Status::Invalid(N_("{field_label}: enter a number such as 2 or 1.5."),
                            {{"field_label", label}})
                .WithField(name);
    return false;
  }
  out = *d;
  return true;
}

ClassRecord ClassFromForm(const http::Form& f, ClassRecord c, Status& error) {
  c.title = f.Get("title");
  c.purpose = f.Get("purpose");
  c.organizer = f.Get("organizer");
  c.start_date = f.Get("start_date");
  c.end_date = f.Get("end_date").empty() ? c.start_date : f.Get("end_date");
  c.venue = f.Get("venue");
  c.target_group = f.Get("target_group");
  c.full_time = f.Get("full_time") == "1";
  c.online = f.Get("online") == "1";
  double capacity = 0, before = c.checkin_before_min, after = c.checkin_after_min,
         late = c.late_after_min;
  c.required_hours = 0;
  std::vector<Status> unread;
  for (const auto& [name, label, out] :
       {std::tuple{"required_hours", N_("Required hours"), &c.required_hours},
        {"capacity", N_("Capacity"), &capacity},
        {"checkin_before_min", N_("Check-in opens"), &before},
        {"checkin_after_min", N_("Check-in closes"), &after},
        {"late_after_min", N_("Late after"), &late},
        {"late_credit", N_("Late credit"), &c.late_credit}})
    if (Status e; !ReadNumber(f, name, label, *out, e)) unread.push_back(std::move(e));
  if (!unread.empty()) {
    error = FormProblems(std::move(unread), training::ValidateClass(c));
    return c;
  }
  c.capacity = Trim(f.Get("capacity")).empty() ? std::nullopt
                                         : std::optional<std::int64_t>(std::int64_t(capacity));
  c.checkin_before_min = static_cast<int>(std::min(before, 1e6));
  c.checkin_after_min = static_cast<int>(std::min(after, 1e6));
  c.late_after_min = static_cast<int>(std::min(late, 1e6));
  return c;
}

SessionRow SessionFromForm(const http::Form& f, SessionRow s, Status& error) {
  std::string starts = f.Get("starts_at");  // <input type=datetime-local> sends a 'T'
  if (starts.size() > 10 && starts[10] == 'T') starts[10] = ' ';
  s.starts_at = starts.substr(0, 16);
  s.venue = f.Get("venue");
  s.type = f.Get("type");
  s.topic = f.Get("topic");
  s.lecturer = f.Get("lecturer");
  s.presenting_branch_id = ParsePositiveId(f.Get("presenting_branch"));
  // Only the demo and imports name a speaker: a form without the field
  // keeps the one stored.
  if (f.Has("speaker")) s.speaker_member_id = ParsePositiveId(f.Get("speaker"));
  s.hours = 0;
  if (Status e; !ReadNumber(f, "hours", N_("Hours"), s.hours, e))
    error = FormProblems({std::move(e)}, training::ValidateSession(s));
  return s;
}

// The session form's inputs, by field name.
const std::map<std::string, std::string> kSessionFieldIds = {
    {"starts_at", "s-starts"}, {"hours", "s-hours"},       {"type", "s-type"},
    {"topic", "s-topic"},      {"lecturer", "s-lecturer"}, {"presenting_branch_id", "s-branch"},
    {"venue", "s-venue"}};

// The class form's inputs, by field name (for the error summary's links).
const std::map<std::string, std::string> kClassFieldIds = {
    {"title", "c-title"},           {"purpose", "c-purpose"},
    {"organizer", "c-organizer"},   {"start_date", "c-start"},
    {"end_date", "c-end"},          {"venue", "c-venue"},
    {"target_group", "c-target"},   {"required_hours", "c-hours"},
    {"capacity", "c-capacity"},     {"checkin_before_min", "c-before"},
    {"checkin_after_min", "c-after"}, {"late_after_min", "c-late"},
    {"late_credit", "c-credit"}};

// After a refused save, the number fields show what was typed: a value
// that did not read would otherwise come back as 0 or empty.
void KeepTyped(const http::Form* typed, std::initializer_list<const char*> names, data& body) {
  if (!typed) return;
  for (const char* name : names)
    if (typed->Has(name)) body.set(name, Trim(typed->Get(name)));
}

}  // namespace

Response TrainingAdmin::ClassFormPage(const AdminContext& ctx, const ClassRecord& c,
                                      const Status& error, int status,
                                      const http::Form* typed) {
  data body;
  if (c.id) body.set("id", std::to_string(c.id));
  body.set("action", c.id ? fmt::format("/admin/training/{}/edit", c.id) : "/admin/training");
  for (const auto& [k, v] : {std::pair{"title", c.title},
                             {"purpose", c.purpose},
                             {"organizer", c.organizer},
                             {"start_date", c.start_date},
                             {"end_date", c.end_date},
                             {"venue", c.venue},
                             {"target_group", c.target_group}})
    body.set(k, v);
  body.set("required_hours", fmt::format("{:g}", c.required_hours));
  body.set("capacity", c.capacity ? std::to_string(*c.capacity) : "");
  body.set("checkin_before_min", std::to_string(c.checkin_before_min));
  body.set("checkin_after_min", std::to_string(c.checkin_after_min));
  body.set("late_after_min", std::to_string(c.late_after_min));
  body.set("late_credit", fmt::format("{:g}", c.late_credit));
  if (c.full_time) body.set("full_time", TemplateTrue());
  if (c.online) body.set("online", TemplateTrue());
  KeepTyped(typed, {"required_hours", "capacity", "checkin_before_min", "checkin_after_min",
                    "late_after_min", "late_credit"}, body);
  d_.kit.SetFormErrors(ctx, error, kClassFieldIds, body);
  return d_.kit.Page(ctx, "admin_class_form", std::move(body), c.id ? N_("Edit class") : N_("New class"), status);
}

Response TrainingAdmin::NewClass(const Request&, const RouteParams&, AdminContext& ctx) {
  ClassRecord c;
  // The Party Committee's name on record (中共…机关委员会), else its generic name.
  c.organizer = d_.kit.T(ctx, N_("Organ Party Committee"));
  if (auto units = d_.storage.org().ListUnits(); units.ok())
    for (const auto& u : *units)
      if (u.kind == "committee" && !u.name.empty()) c.organizer = u.name;
  return ClassFormPage(ctx, c, Status::Ok(), 200);
}

Response TrainingAdmin::CreateClass(const Request& req, const RouteParams&, AdminContext& ctx) {
  Status error;
  const http::Form form = http::Form::Parse(req.body);
  ClassRecord c = ClassFromForm(form, {}, error);
  if (!error.ok()) return ClassFormPage(ctx, c, error, 422, &form);
  auto id = d_.training.CreateClass(ctx.who(), ctx.actor, c);
  if (!id.ok()) return ClassFormPage(ctx, c, id.status(), HttpStatusFor(id.status()), &form);
  return AdminKit::Done(fmt::format("/admin/training/{}", *id), "saved");
}

Response TrainingAdmin::EditClass(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  auto c = id ? d_.training.Find(*id) : Result<ClassRecord>(Status::NotFound(N_("There is no such class.")));
  if (!c.ok()) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such class."));
  return ClassFormPage(ctx, *c, Status::Ok(), 200);
}

Response TrainingAdmin::SaveClass(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  auto old = id ? d_.training.Find(*id) : Result<ClassRecord>(Status::NotFound(N_("There is no such class.")));
  if (!old.ok()) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such class."));
  Status error;
  const http::Form form = http::Form::Parse(req.body);
  ClassRecord c = ClassFromForm(form, *old, error);
  if (!error.ok()) return ClassFormPage(ctx, c, error, 422, &form);
  Status s = d_.training.UpdateClass(ctx.who(), ctx.actor, c);
  if (!s.ok()) return ClassFormPage(ctx, c, s, HttpStatusFor(s), &form);
  return AdminKit::Done(fmt::format("/admin/training/{}", c.id), "saved");
}

Response TrainingAdmin::AddSession(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such class."));
  Status error;
  const http::Form form = http::Form::Parse(req.body);
  SessionRow s = SessionFromForm(form, {0, *id}, error);
  if (!error.ok()) return SessionFormPage(ctx, s, error, 422, &form);
  auto sid = d_.training.AddSession(ctx.who(), ctx.actor, s);
  if (!sid.ok())
    return SessionFormPage(ctx, s, sid.status(), HttpStatusFor(sid.status()), &form);
  return AdminKit::Done(fmt::format("/admin/training/{}#sessions", *id), "added");
}

Response TrainingAdmin::EditSession(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto sid = ParsePositiveId(p.at("sid"));
  auto s = sid ? d_.storage.training().GetSession(*sid)
               : Result<std::optional<SessionRow>>(std::optional<SessionRow>{});
  if (!s.ok() || !s->has_value())
    return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such session."));
  return SessionFormPage(ctx, **s, Status::Ok(), 200);
}

Response TrainingAdmin::SessionFormPage(const AdminContext& ctx, const SessionRow& s,
                                        const Status& error, int status,
                                        const http::Form* typed) {
  data body;
  if (s.id) body.set("sid", std::to_string(s.id));
  body.set("class_id", std::to_string(s.class_id));
  body.set("starts_at", s.starts_at.size() == 16
                            ? s.starts_at.substr(0, 10) + "T" + s.starts_at.substr(11)
                            : s.starts_at);
  body.set("venue", s.venue);
  if (s.hours > 0) body.set("hours", fmt::format("{:g}", s.hours));
  body.set("topic", s.topic);
  body.set("lecturer", s.lecturer);
  data types{data::type::list};
  for (const char* t : {"lecture", "exchange", "discussion", "exam", "other"})
    types.push_back(SelectOption(t, d_.kit.T(ctx, SessionTypeLabel(t)), s.type == t));
  body.set("types", types);
  body.set("branches", BranchOptions(d_.storage, s.presenting_branch_id));
  KeepTyped(typed, {"hours"}, body);
  d_.kit.SetFormErrors(ctx, error, kSessionFieldIds, body);
  return d_.kit.Page(ctx, "admin_session_form", std::move(body),
                     s.id ? N_("Edit session") : N_("Add a session"), status);
}

Response TrainingAdmin::SaveSession(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto sid = ParsePositiveId(p.at("sid"));
  auto old = sid ? d_.storage.training().GetSession(*sid)
                 : Result<std::optional<SessionRow>>(std::optional<SessionRow>{});
  if (!old.ok() || !old->has_value())
    return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such session."));
  Status error;
  const http::Form form = http::Form::Parse(req.body);
  SessionRow s = SessionFromForm(form, **old, error);
  if (!error.ok()) return SessionFormPage(ctx, s, error, 422, &form);
  Status st = d_.training.UpdateSession(ctx.who(), ctx.actor, s);
  if (!st.ok()) return SessionFormPage(ctx, s, st, HttpStatusFor(st), &form);
  return AdminKit::Done(fmt::format("/admin/training/{}#sessions", s.class_id), "saved");
}

Response TrainingAdmin::DeleteSession(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto sid = ParsePositiveId(p.at("sid"));
  auto old = sid ? d_.storage.training().GetSession(*sid)
                 : Result<std::optional<SessionRow>>(std::optional<SessionRow>{});
  if (old.ok() && old->has_value())
    if (auto ask = d_.kit.ConfirmFirst(ctx, req,
                                N_("Delete the session “{topic}” and its attendance records? This "
                                   "cannot be undone."),
                                {{"topic", (*old)->topic}},
                                fmt::format("/admin/training/{}#sessions", (*old)->class_id)))
      return *ask;
  if (!old.ok() || !old->has_value())
    return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such session."));
  Status st = d_.training.DeleteSession(ctx.who(), ctx.actor, *sid);
  if (!st.ok()) return d_.kit.Message(ctx, HttpStatusFor(st), N_("Session not deleted"), st);
  return AdminKit::Done(fmt::format("/admin/training/{}#sessions", (*old)->class_id), "deleted");
}

Response TrainingAdmin::DraftNews(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such class."));
  auto column = ParsePositiveId(http::Form::Parse(req.body).Get("column"));
  if (!column) return d_.kit.Message(ctx, 422, N_("No draft"), N_("Choose the column to publish in."));
  auto summary = training::SummarizeClass(d_.storage, d_.training, ctx.who(), *id);
  if (!summary.ok())
    return d_.kit.Message(ctx, HttpStatusFor(summary.status()), N_("No draft"), summary.status());
  const ClassRecord& c = summary->detail.cls;
  if (c.status != "completed" && c.status != "archived")
    return d_.kit.Message(ctx, 409, N_("No draft"), N_("A news report is drafted once the class is completed."));
  // The draft is written in the site's language, whoever drafts it.
  const i18n::Lang lang = PrimaryLang(d_.content.Snapshot()->site());
  const auto say = [&](std::string_view msgid, const MessageArgs& args) {
    return d_.catalogs ? d_.catalogs->TrMessage(lang, msgid, args)
                       : FillPlaceholders(std::string(msgid), args);
  };
  const training::NewsWording wording{say, [&](const std::string& iso) {
                                        auto t = ParseLocalTime(iso + " 12:00", 0);
                                        return t ? FormatArticleDate(*t, 0, lang) : iso;
                                      }};
  const training::NewsFacts facts = training::DraftNewsFacts(*summary, wording);
  ArticleInput in;
  in.column_id = *column;
  in.lang = std::string(i18n::Tag(lang));
  in.title = Utf8Prefix(facts.title, kMaxTitle);
  in.author = c.organizer.empty() ? say(N_("Organ Party Committee"), {})
                                  : Utf8Prefix(c.organizer, kMaxAuthor);
  in.news_source = say(N_("Political Department"), {});
  in.body_md = facts.body_md;
  AddRecordPhotos(PhotoIds(c.photos), c.title, *d_.content.Snapshot(), in);
  auto article = d_.workflow.CreateFromRecords(in, ctx.who(), ctx.actor);
  if (!article.ok())
    return d_.kit.Message(ctx, HttpStatusFor(article.status()), N_("No draft"), article.status());
  Status linked = d_.training.LinkNews(ctx.who(), ctx.actor, *id, *article);
  if (!linked.ok())
    return d_.kit.Message(ctx, HttpStatusFor(linked), N_("Draft not linked"), linked);
  const bool can_edit = auth::Can(ctx.who(), auth::Action::kWriteArticles);
  return AdminKit::SeeOther(can_edit ? fmt::format("/admin/articles/{}/", *article)
                           : fmt::format("/admin/training/{}#news", *id));
}

}  // namespace procura::web
