// TrainingAdmin: its routes, the list of classes, the class page and
// enrollment.
// TrainingService decides who sees and changes what.
#include <fmt/format.h>

#include <map>

#include "branchlife/branch_life.h"
#include "branchlife/clashes.h"
#include "core/text.h"
#include "render/urls.h"
#include "storage/photo_list.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_training.h"
#include "web/admin/records_photos.h"
#include "web/status_http.h"

namespace procura::web {

namespace {

std::string Hours(double h) { return fmt::format("{:g}", h); }

}  // namespace

void TrainingAdmin::AddRoutes(http::Router& r) {
  const Requirement session = NeedsSession(), view = Needs(auth::Action::kViewRecords),
                    manage = Needs(auth::Action::kManageRecords);
  const auto bind = [this](auto fn) { return Bound(this, fn); };
  AdminKit& kit = d_.kit;
  kit.Add(r, "GET", "/admin/training", view, bind(&TrainingAdmin::TrainingPage));
  kit.Add(r, "GET", "/admin/training/new", manage, bind(&TrainingAdmin::NewClass));
  kit.Add(r, "POST", "/admin/training", manage, bind(&TrainingAdmin::CreateClass));
  kit.Add(r, "GET", "/admin/training/hours", view, bind(&TrainingAdmin::HoursPage));
  for (const bool xlsx : {false, true})
    kit.Add(r, "GET", xlsx ? "/admin/training/hours.xlsx" : "/admin/training/hours.csv", view,
            [this, xlsx](const Request& q, const Params& p, AdminContext& c) {
              return HoursExport(q, p, c, xlsx);
            });
  kit.Add(r, "POST", "/admin/training/requirements", manage, bind(&TrainingAdmin::SetRequirements));
  kit.AddDashboardPart([this](const AdminContext& ctx, TemplateData& body) { DashboardPart(ctx, body); });
  // A session's own forms (its sheet and check-in are AttendanceAdmin's).
  kit.Add(r, "GET", "/admin/training/sessions/{sid}/edit", manage, bind(&TrainingAdmin::EditSession));
  kit.Add(r, "POST", "/admin/training/sessions/{sid}/edit", manage, bind(&TrainingAdmin::SaveSession));
  kit.Add(r, "POST", "/admin/training/sessions/{sid}/delete", manage,
          bind(&TrainingAdmin::DeleteSession));
  // Materials (uploads live under /admin/materials/, where the server
  // allows large bodies). Enrolled members may download: the service
  // checks enrollment.
  kit.Add(r, "POST", "/admin/materials/class/{id}", manage, bind(&TrainingAdmin::UploadMaterial));
  kit.Add(r, "GET", "/admin/materials/{mid}", session, bind(&TrainingAdmin::DownloadMaterial));
  kit.Add(r, "POST", "/admin/materials/{mid}/delete", manage, bind(&TrainingAdmin::DeleteMaterial));
  // Photos (under /admin/training/photos/, where the server allows large bodies).
  kit.Add(r, "POST", "/admin/training/photos/{id}", manage, bind(&TrainingAdmin::AddPhoto));
  kit.Add(r, "POST", "/admin/training/photos/{id}/remove", manage, bind(&TrainingAdmin::RemovePhoto));
  kit.Add(r, "POST", "/admin/training/photos/{id}/lead", manage, bind(&TrainingAdmin::LeadPhoto));
  // One class (captures after the literal segments above).
  kit.Add(r, "GET", "/admin/training/{id}", view, bind(&TrainingAdmin::ClassPage));
  kit.Add(r, "GET", "/admin/training/{id}/edit", manage, bind(&TrainingAdmin::EditClass));
  kit.Add(r, "POST", "/admin/training/{id}/edit", manage, bind(&TrainingAdmin::SaveClass));
  kit.Add(r, "GET", "/admin/training/{id}/summary", manage, bind(&TrainingAdmin::ClassSummaryPage));
  kit.Add(r, "GET", "/admin/training/{id}/summary.xlsx", manage,
          bind(&TrainingAdmin::ClassSummaryXlsx));
  kit.Add(r, "POST", "/admin/training/{id}/sessions", manage, bind(&TrainingAdmin::AddSession));
  kit.Add(r, "POST", "/admin/training/{id}/enroll", manage, bind(&TrainingAdmin::EnrollMember));
  kit.Add(r, "POST", "/admin/training/{id}/withdraw", manage, bind(&TrainingAdmin::WithdrawMember));
  kit.Add(r, "POST", "/admin/training/{id}/enroll-secretaries", manage,
          bind(&TrainingAdmin::EnrollSecretaries));
  kit.Add(r, "POST", "/admin/training/{id}/advance", manage, bind(&TrainingAdmin::AdvanceClass));
  kit.Add(r, "POST", "/admin/training/{id}/news", manage, bind(&TrainingAdmin::DraftNews));
}

TemplateData ClassRow(const AdminKit& kit, const AdminContext& ctx, const ClassRecord& c) {
  data r;
  r.set("id", std::to_string(c.id));
  r.set("title", c.title);
  r.set("dates", c.start_date == c.end_date
                     ? c.start_date
                     : kit.Tf(ctx, N_("{from} to {to}"), {{"from", c.start_date}, {"to", c.end_date}}));
  r.set("status", kit.T(ctx, ClassStatusLabel(c.status)));
  return r;
}

Response TrainingAdmin::TrainingPage(const Request&, const RouteParams&, AdminContext& ctx) {
  auto classes = d_.training.Classes(ctx.who());
  if (!classes.ok())
    return d_.kit.Message(ctx, HttpStatusFor(classes.status()), TitleFor(classes.status()), classes.status());
  data body, rows{data::type::list};
  for (const auto& c : *classes) rows.push_back(ClassRow(d_.kit, ctx, c));
  if (!rows.is_empty_list()) body.set("has_classes", TemplateTrue());
  body.set("classes", rows);
  if (ctx.who().Has(auth::Role::kRecordsOfficer)) body.set("can_manage", TemplateTrue());
  // The branch's hours are the secretary's; a member has their own year.
  else if (ctx.who().Has(auth::Role::kBranchSecretary)) body.set("branch_hours", TemplateTrue());
  else body.set("own_hours", TemplateTrue());
  return d_.kit.Page(ctx, "admin_training", std::move(body), N_("Training classes"));
}

Response TrainingAdmin::ClassPage(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such class."));
  auto d = d_.training.Detail(ctx.who(), *id);
  if (!d.ok())
    return d_.kit.Message(ctx, HttpStatusFor(d.status()), N_("Not available"), d.status());
  const ClassRecord& c = d->cls;
  const bool officer = ctx.who().Has(auth::Role::kRecordsOfficer);
  data body;
  SetClassFacts(ctx, *d, body);
  SetClassSessions(ctx, *d, officer, body);
  if (c.news_article_id) SetClassNews(ctx, *c.news_article_id, body);
  SetClassMaterials(c.id, officer, body);
  if (officer) AddClassManagement(ctx, c, body);
  if (officer) SetClassPhotos(c, body);
  // The form to add a session folds away once the class has sessions,
  // except right after one was added: a class's sessions go in together.
  if (d->sessions.empty() || ctx.done == "added") body.set("add_session_open", TemplateTrue());
  return d_.kit.Page(ctx, "admin_class", std::move(body), c.title);
}

void TrainingAdmin::SetClassFacts(const AdminContext& ctx, const training::ClassDetail& d,
                                  TemplateData& body) {
  const ClassRecord& c = d.cls;
  body.set("id", std::to_string(c.id));
  // An optional field left empty reads 未填写, not as a blank that looks lost.
  const std::string not_given = d_.kit.T(ctx, N_("not given"));
  for (const auto& [k, v] : {std::pair{"purpose", c.purpose},
                             {"organizer", c.organizer},
                             {"venue", c.venue},
                             {"target", c.target_group}})
    body.set(k, v.empty() ? not_given : v);
  for (const auto& [k, v] : {std::pair{"status", d_.kit.T(ctx, ClassStatusLabel(c.status))},
                             {"start", c.start_date},
                             {"end", c.end_date}})
    body.set(k, v);
  body.set("required_hours", Hours(c.required_hours));
  body.set("total_hours", Hours(d.total_hours));
  body.set("enrolled", std::to_string(d.enrolled));
  body.set("withdrawn", std::to_string(d.withdrawn));
  body.set("capacity", c.capacity ? std::to_string(*c.capacity) : d_.kit.T(ctx, N_("no limit")));
  // "late after 0 min" reads oddly: with no grace, any check-in after the start is late.
  body.set("window",
           d_.kit.Tf(ctx,
                     c.late_after_min == 0
                         ? N_("from {before} min before to {after} min after the start; late once it has started")
                         : N_("from {before} min before to {after} min after the start; late after {late} min"),
                     {{"before", std::to_string(c.checkin_before_min)},
                      {"after", std::to_string(c.checkin_after_min)},
                      {"late", std::to_string(c.late_after_min)}}));
  if (c.full_time) body.set("full_time", TemplateTrue());
  if (c.online) body.set("online", TemplateTrue());
  if (c.is_sample) body.set("sample", TemplateTrue());
}

// For the officer: by session, the branch meetings at its hours whose
// members are enrolled ("第三检察部党支部 · 支部委员会 14:30–16:30; ...").
std::map<std::int64_t, std::string> TrainingAdmin::MeetingsDuring(const AdminContext& ctx,
                                                                  const training::ClassDetail& d) {
  std::vector<SessionRow> rows;
  for (const auto& s : d.sessions) rows.push_back(s.row);
  auto during = branchlife::BranchMeetingsDuring(d_.storage, d.cls, rows);
  auto units = d_.storage.org().ListUnits();
  std::map<std::int64_t, std::string> out;
  if (!during.ok() || !units.ok()) return out;
  std::map<std::int64_t, std::string> names;
  for (const auto& u : *units) names[u.id] = u.name;
  for (const auto& [session, list] : *during) {
    std::string text;
    for (const auto& m : list)
      text += (text.empty() ? "" : d_.kit.T(ctx, N_("; "))) + names[m.branch_id] + " · " +
              d_.kit.T(ctx, branchlife::KindName(m.kind)) + " " + branchlife::MeetingHours(m);
    out[session] = d_.kit.Tf(ctx, N_("Also at this time: {meetings}"), {{"meetings", text}});
  }
  return out;
}

// Nothing holds a session to its class's dates (a class may be extended or
// a session moved): the officer is told, not refused.
void TrainingAdmin::SetOutsideClassDates(const AdminContext& ctx, const ClassRecord& c,
                                         const std::string& day, TemplateData& row) {
  if (day >= c.start_date && (c.end_date.empty() || day <= c.end_date)) return;
  row.set("outside", d_.kit.Tf(ctx, N_("This day is outside the class's dates ({start} to {end})."),
                               {{"start", c.start_date}, {"end", c.end_date}}));
}

void TrainingAdmin::SetClassSessions(const AdminContext& ctx, const training::ClassDetail& d, bool officer,
                                     TemplateData& body) {
  data sessions{data::type::list}, exchanges{data::type::list};
  // The records roles open each session's sheet; an attendee sees their own mark.
  const bool sheets = officer || ctx.who().Has(auth::Role::kBranchSecretary);
  std::optional<std::int64_t> me;
  if (!sheets)
    if (auto m = d_.storage.org().MemberForUser(ctx.who().user_id); m.ok() && m->has_value()) me = (*m)->id;
  const auto meetings = officer ? MeetingsDuring(ctx, d) : std::map<std::int64_t, std::string>{};
  for (const auto& s : d.sessions) {
    data row;
    row.set("sid", std::to_string(s.row.id));
    if (auto it = meetings.find(s.row.id); it != meetings.end()) row.set("meetings", it->second);
    if (sheets) row.set("sheet", TemplateTrue());
    if (me) {
      auto mark = d_.storage.attendance().GetMark(s.row.id, *me);
      row.set("my_mark", d_.kit.T(ctx, MarkLabel(mark.ok() && mark->has_value() ? (*mark)->mark : "")));
    }
    row.set("starts", s.row.starts_at);
    // "YYYY-MM-DD HH:MM": on a phone it breaks between the day and the time only.
    const auto space = s.row.starts_at.find(' ');
    row.set("starts_day", s.row.starts_at.substr(0, space));
    if (officer) SetOutsideClassDates(ctx, d.cls, s.row.starts_at.substr(0, space), row);
    if (space != std::string::npos) row.set("starts_time", s.row.starts_at.substr(space + 1));
    row.set("type", d_.kit.T(ctx, SessionTypeLabel(s.row.type)));
    row.set("topic", s.row.topic);
    row.set("who", s.row.type == "exchange" ? s.presenting_branch : s.row.lecturer);
    row.set("hours", Hours(s.row.hours));
    if (officer) row.set("can_manage", TemplateTrue());
    sessions.push_back(row);
    if (s.row.type == "exchange") {
      data ex;
      ex.set("branch", s.presenting_branch);
      if (!s.speaker.empty()) ex.set("speaker", s.speaker);  // "" would read as true
      ex.set("title", s.row.topic);
      exchanges.push_back(ex);
    }
  }
  if (!sessions.is_empty_list()) body.set("has_sessions", TemplateTrue());
  body.set("sessions", sessions);
  body.set("exchanges", exchanges);
}

void TrainingAdmin::SetClassNews(const AdminContext& ctx, std::int64_t article_id, TemplateData& body) {
  auto a = d_.storage.content().GetArticle(article_id);
  if (!a.ok() || !a->has_value()) return;
  data news;
  news.set("id", std::to_string((*a)->id));
  news.set("title", (*a)->title);
  news.set("status", d_.kit.T(ctx, ArticleStatusLabel((*a)->status)));
  if (d_.content.Snapshot()->ArticleById((*a)->id)) news.set("url", ArticleUrl((*a)->id));
  // The newsroom's page only for its roles; others read the title.
  if (auth::Can(ctx.who(), auth::Action::kUseAdmin)) news.set("in_newsroom", TemplateTrue());
  body.set("news", news);
}

void TrainingAdmin::SetClassMaterials(std::int64_t class_id, bool officer, TemplateData& body) {
  auto materials = d_.storage.attendance().ListMaterials(class_id);
  data mats{data::type::list};
  if (materials.ok())
    for (const auto& m : *materials) {
      data row;
      row.set("mid", std::to_string(m.id));
      row.set("title", m.title);
      row.set("file", m.file_name);
      row.set("size", fmt::format("{:.1f} KB", m.size / 1024.0));
      if (officer) row.set("can_manage", TemplateTrue());
      mats.push_back(row);
    }
  body.set("materials", mats);
}

// The class's photos, for the records officer: private records until a
// published report shows them, drawn from the staff address.
void TrainingAdmin::SetClassPhotos(const ClassRecord& c, TemplateData& body) {
  body.set("photos", RecordPhotoItems(d_.storage, PhotoIds(c.photos)));
  body.set("photo_action", fmt::format("/admin/training/photos/{}", c.id));
}

Response TrainingAdmin::EnrollSecretaries(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such class."));
  auto n = d_.training.EnrollAllSecretaries(ctx.who(), ctx.actor, *id);
  if (!n.ok()) return d_.kit.Message(ctx, HttpStatusFor(n.status()), N_("Not enrolled"), n.status());
  return AdminKit::Done(fmt::format("/admin/training/{}#enrollment", *id), "enrolled");
}

Response TrainingAdmin::AdvanceClass(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such class."));
  Status s = d_.training.Advance(ctx.who(), ctx.actor, *id);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not changed"), s);
  return AdminKit::Done(fmt::format("/admin/training/{}", *id), "saved");
}

Response TrainingAdmin::EnrollMember(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such class."));
  auto member = ParsePositiveId(http::Form::Parse(req.body).Get("member"));
  if (!member) return d_.kit.Message(ctx, 422, N_("Not enrolled"), N_("Choose a member."));
  Status s = d_.training.Enroll(ctx.who(), ctx.actor, *id, *member);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not enrolled"), s);
  return AdminKit::Done(fmt::format("/admin/training/{}#enrollment", *id), "enrolled");
}

Response TrainingAdmin::WithdrawMember(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such class."));
  auto member = ParsePositiveId(http::Form::Parse(req.body).Get("member"));
  if (member) {
    // The question names whom: a list of 160 buttons is easy to misclick.
    auto found = d_.storage.org().GetMember(*member);
    const std::string name = found.ok() && found->has_value() ? (*found)->name : "";
    if (auto ask = d_.kit.ConfirmFirst(
            ctx, req,
            name.empty() ? N_("Withdraw this member from the class?")
                         : N_("Withdraw {name} from the class?"),
            {{"name", name}}, fmt::format("/admin/training/{}#enrollment", *id)))
      return *ask;
  }
  if (!member) return d_.kit.Message(ctx, 422, N_("Not withdrawn"), N_("Choose a member."));
  Status s = d_.training.Withdraw(ctx.who(), ctx.actor, *id, *member);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not withdrawn"), s);
  return AdminKit::Done(fmt::format("/admin/training/{}#enrollment", *id), "saved");
}

// The officer's controls on the class page: status, enrollment lists, the
// add-session form and the news-draft form.
void TrainingAdmin::AddClassManagement(const AdminContext& ctx, const ClassRecord& c,
                                       TemplateData& body) {
  body.set("can_manage", TemplateTrue());
  const std::string next = training::NextStatus(c.status);
  if (!next.empty()) body.set("next_status", d_.kit.T(ctx, ClassStatusLabel(next)));
  std::map<std::int64_t, std::string> branch_names;
  for (const auto& u : d_.storage.org().ListUnits().value()) branch_names[u.id] = u.name;
  body.set("branches", BranchOptions(d_.storage, std::nullopt));
  std::map<std::int64_t, bool> active;
  for (const auto& e : d_.storage.training().ListEnrollments(c.id).value())
    active[e.member_id] = !e.withdrawn_at;
  data enrolled{data::type::list}, others{data::type::list};
  for (const auto& m : d_.storage.org().ListMembers(std::nullopt).value()) {
    if (!m.current() && !active[m.id]) continue;
    data row;
    row.set("member_id", std::to_string(m.id));
    row.set("name", m.name);
    row.set("branch", branch_names[m.branch_id]);
    (active[m.id] ? enrolled : others).push_back(row);
  }
  // A class for the whole membership lists some 160 names: folded behind
  // its count unless short, or just changed (enrolled, withdrawn).
  constexpr std::size_t kEnrolledShownOpen = 20;
  const std::size_t n = enrolled.list_value().size();
  body.set("enrolled_n", std::to_string(n));
  if (n <= kEnrolledShownOpen || ctx.done == "enrolled" || ctx.done == "saved")
    body.set("enrolled_open", TemplateTrue());
  body.set("enrolled_members", enrolled);
  body.set("other_members", others);
  data columns{data::type::list};
  for (const auto& col : d_.storage.content().ListColumns().value()) {
    data row;
    row.set("id", std::to_string(col.id));
    row.set("name", col.name);
    columns.push_back(row);
  }
  body.set("columns", columns);
  if (c.status == "completed" || c.status == "archived") body.set("can_draft", TemplateTrue());
}

}  // namespace procura::web
