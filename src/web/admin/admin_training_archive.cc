// TrainingArchiveAdmin: a member's training archive and the courses
// elsewhere recorded on it.
#include "web/admin/admin_training_archive.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/clock.h"
#include "core/labels.h"
#include "core/text.h"
#include "tabular/table.h"
#include "web/admin/outside_form.h"
#include "web/status_http.h"

namespace procura::web {

using http::Request;
using http::Response;
using http::RouteParams;
using kainjow::mustache::data;

namespace {

std::string Num(double h) { return fmt::format("{:g}", h); }

}  // namespace

void TrainingArchiveAdmin::AddRoutes(http::Router& r) {
  const Requirement view{Requirement::kAction, auth::Action::kViewRecords};
  const Requirement manage{Requirement::kAction, auth::Action::kManageRecords};
  const auto bind = [this](auto fn) { return Bound(this, fn); };
  d_.kit.Add(r, "GET", "/admin/org/members/{id}/training", view,
             bind(&TrainingArchiveAdmin::ArchivePage));
  d_.kit.Add(r, "GET", "/admin/org/members/{id}/training.xlsx", view,
             bind(&TrainingArchiveAdmin::ArchiveXlsx));
  d_.kit.Add(r, "GET", "/admin/training/mine", Requirement{Requirement::kSession},
             bind(&TrainingArchiveAdmin::MyArchive));
  d_.kit.Add(r, "GET", "/admin/training/mine.xlsx", Requirement{Requirement::kSession},
             bind(&TrainingArchiveAdmin::MyArchiveXlsx));
  d_.kit.Add(r, "POST", "/admin/org/members/{id}/training", manage,
             bind(&TrainingArchiveAdmin::RecordOutside));
  d_.kit.Add(r, "GET", "/admin/training/outside/{tid}/edit", manage,
             bind(&TrainingArchiveAdmin::EditOutsidePage));
  d_.kit.Add(r, "POST", "/admin/training/outside/{tid}/edit", manage,
             bind(&TrainingArchiveAdmin::SaveOutside));
  d_.kit.Add(r, "POST", "/admin/training/outside/{tid}/delete", manage,
             bind(&TrainingArchiveAdmin::DeleteOutside));
  d_.kit.AddDashboardPart(
      [this](const AdminContext& ctx, TemplateData& body) { DashboardPart(ctx, body); });
}

void TrainingArchiveAdmin::DashboardPart(const AdminContext& ctx, TemplateData& body) {
  auto whose = OwnWhose(ctx);
  if (!whose.ok()) return;  // no member record: nothing of one's own
  auto years = Years(*whose);
  if (!years.ok()) return;
  const int this_year = std::stoi(Today().substr(0, 4));
  for (const auto& y : *years) {
    if (y.year != this_year) continue;
    body.set("me", TemplateTrue());
    body.set("my_training", d_.kit.Tf(ctx, N_("{total} of {required} hours"),
                                      {{"total", Num(y.total)},
                                       {"required", Num(RequiredHours(y.year, whose->leader_in(y.year)))}}));
    if (whose->leader_in(y.year) && !y.has_centralized) body.set("my_no_centralized", TemplateTrue());
  }
}

std::string TrainingArchiveAdmin::Today() const {
  return FormatDate(NowUnix(), d_.content.Snapshot()->site().utc_offset_minutes);
}

Response TrainingArchiveAdmin::ArchivePage(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such member."));
  return ArchiveView(ctx, *id, http::Form{}, Status::Ok(), 200);
}

Response TrainingArchiveAdmin::ArchiveView(AdminContext& ctx, std::int64_t member,
                                           const http::Form& typed, const Status& error,
                                           int status) {
  auto whose = MemberWhose(ctx, member);
  if (!whose.ok())
    return d_.kit.Message(ctx, HttpStatusFor(whose.status()), TitleFor(whose.status()), whose.status());
  return Render(ctx, *whose, typed, error, status);
}

Response TrainingArchiveAdmin::MyArchive(const Request&, const RouteParams&, AdminContext& ctx) {
  auto whose = OwnWhose(ctx);
  if (!whose.ok())
    return d_.kit.Message(ctx, HttpStatusFor(whose.status()), N_("Not available"), whose.status());
  return Render(ctx, *whose, http::Form{}, Status::Ok(), 200);
}

Result<TrainingArchiveAdmin::Whose> TrainingArchiveAdmin::MemberWhose(const AdminContext& ctx,
                                                                      std::int64_t id) {
  auto d = d_.org.Member(ctx.who(), ctx.actor, id);  // the access check
  if (!d.ok()) return d.status();
  Whose whose{std::move(d->member), std::move(d->branch_name), {}, false};
  for (const auto& post : d->posts) whose.post_since.push_back(d->post_since[post]);
  whose.former_posts = std::move(d->former_posts);
  return whose;
}

Result<TrainingArchiveAdmin::Whose> TrainingArchiveAdmin::OwnWhose(const AdminContext& ctx) {
  auto me = d_.storage.org().MemberForUser(ctx.who().user_id);
  if (!me.ok()) return me.status();
  if (!me->has_value())
    return Status::NotFound(N_("Your account is not linked to a party member record."));
  Whose whose{std::move(**me), "", {}, true};
  if (auto units = d_.storage.org().ListUnits(); units.ok())
    for (const auto& u : *units)
      if (u.id == whose.member.branch_id) whose.branch = u.name;
  if (auto posts = d_.storage.org().ListPosts(); posts.ok())
    for (const auto& p : *posts)
      if (p.member_id == whose.member.id) whose.post_since.push_back(p.since);
  if (auto former = d_.storage.org().ListFormerPosts(whose.member.id); former.ok())
    whose.former_posts = std::move(former).value();
  return whose;
}

Result<std::vector<training::TrainingYear>> TrainingArchiveAdmin::Years(const Whose& whose) {
  return training::TrainingArchive(d_.storage, whose.member.id, std::stoi(Today().substr(0, 4)));
}

bool TrainingArchiveAdmin::Whose::leader_in(int year) const {
  return std::any_of(post_since.begin(), post_since.end(),
                     [&](const std::string& since) { return training::PostCountsIn(year, since); }) ||
         std::any_of(former_posts.begin(), former_posts.end(), [&](const FormerPostRecord& p) {
           return training::FormerPostCountsIn(year, p.since, p.ended_on);
         });
}

double TrainingArchiveAdmin::RequiredHours(int year, bool leader) {
  const auto req = d_.hours.RequirementsFor(year);
  return !req.ok() ? 0 : leader ? req->leader : req->member;
}

Response TrainingArchiveAdmin::Render(AdminContext& ctx, const Whose& whose,
                                      const http::Form& typed, const Status& error, int status) {
  auto years = Years(whose);
  if (!years.ok())
    return d_.kit.Message(ctx, HttpStatusFor(years.status()), TitleFor(years.status()), years.status());
  const bool officer = !whose.own && ctx.who().Has(auth::Role::kRecordsOfficer);
  data body, list{data::type::list};
  body.set("id", std::to_string(whose.member.id));
  body.set("name", whose.member.name);
  body.set("branch", whose.branch);
  body.set("category", d_.kit.T(ctx, CategoryLabel(whose.leader_now() ? "leader" : "member")));
  body.set("xlsx", whose.own ? std::string("/admin/training/mine.xlsx")
                             : fmt::format("/admin/org/members/{}/training.xlsx", whose.member.id));
  if (whose.own) body.set("own", TemplateTrue());
  if (whose.own || ctx.who().Has(auth::Role::kRecordsOfficer))
    body.set("show_certificates", TemplateTrue());
  const bool link_classes = auth::Can(ctx.who(), auth::Action::kViewRecords);
  for (const auto& y : *years)
    list.push_back(YearSection(ctx, y, whose.leader_in(y.year), officer, link_classes));
  body.set("years", list);
  SetReports(ctx, whose, body);
  if (officer)
    SetOutsideForm(d_.kit, ctx, typed, error,
                   {fmt::format("/admin/org/members/{}/training", whose.member.id), Today()}, body);
  return d_.kit.Page(ctx, "admin_training_archive", std::move(body),
                     whose.own ? d_.kit.T(ctx, N_("My training record"))
                               : d_.kit.Tf(ctx, N_("Training record: {name}"),
                                           {{"name", whose.member.name}}),
                     status);
}

TemplateData TrainingArchiveAdmin::YearSection(const AdminContext& ctx,
                                               const training::TrainingYear& y, bool leader,
                                               bool officer, bool link_classes) {
  data year, rows{data::type::list};
  year.set("year", std::to_string(y.year));
  const double required = RequiredHours(y.year, leader);
  year.set("summary", d_.kit.Tf(ctx, N_("{total} hours of {required} required; {centralized} hours "
                                        "in centralized training."),
                                {{"total", Num(y.total)}, {"required", Num(required)},
                                 {"centralized", Num(y.centralized)}}));
  if (y.total + 1e-9 < required) year.set("below", TemplateTrue());
  if (leader && !y.has_centralized) year.set("no_centralized", TemplateTrue());
  for (const auto& line : Lines(ctx, y)) {
    data r;
    if (line.class_id && link_classes) r.set("class_id", std::to_string(line.class_id));
    if (line.outside_id) r.set("outside_id", std::to_string(line.outside_id));
    r.set("title", line.title);
    r.set("by", line.by);
    r.set("kind", line.kind);
    r.set("dates", line.dates);
    r.set("hours", Num(line.hours));
    r.set("remark", line.remark);
    if (line.outside_id && officer) r.set("can_change", TemplateTrue());
    if (line.certificate) r.set("certificate", TemplateTrue());
    rows.push_back(r);
  }
  year.set("rows", rows);
  if (rows.is_empty_list()) year.set("none", TemplateTrue());
  return year;
}

void TrainingArchiveAdmin::SetReports(const AdminContext& ctx, const Whose& whose,
                                      TemplateData& body) {
  auto reports = d_.reports.NotCounted(whose.member.id);
  if (!reports.ok()) return;
  const bool officer = ctx.who().Has(auth::Role::kRecordsOfficer);
  data list{data::type::list};
  for (const auto& t : *reports) {
    data r;
    r.set("id", std::to_string(t.id));
    r.set("title", t.title);
    r.set("organizer", t.organizer);
    r.set("dates", CourseDates(d_.kit, ctx, t.start_date, t.end_date));
    r.set("hours", Num(t.hours));
    if (t.state == "returned") {
      r.set("returned", TemplateTrue()), r.set("why", t.review_note);
      if (whose.own) body.set("any_returned", TemplateTrue());
    }
    if (!t.certificate.empty() && (whose.own || officer)) r.set("certificate", TemplateTrue());
    if (whose.own) r.set("can_withdraw", TemplateTrue());
    if (!whose.own && officer && t.state == "reported") r.set("to_queue", TemplateTrue());
    list.push_back(r);
  }
  if (!list.is_empty_list()) body.set("has_reports", TemplateTrue());
  body.set("reports", list);
  if (whose.own) body.set("can_report", TemplateTrue());
}

std::vector<TrainingArchiveAdmin::Line> TrainingArchiveAdmin::Lines(
    const AdminContext& ctx, const training::TrainingYear& y) {
  std::vector<Line> out;
  for (const auto& c : y.classes) {
    const char* kind = c.centralized ? N_("Centralized") : N_("Online");
    Line l{c.class_id, 0, c.title, d_.kit.T(ctx, N_("This organ's class")), "",
           d_.kit.T(ctx, kind), "", c.credited};
    if (auto cls = d_.storage.training().GetClass(c.class_id); cls.ok() && cls->has_value()) {
      l.dates = CourseDates(d_.kit, ctx, (*cls)->start_date, (*cls)->end_date);
      if (!(*cls)->organizer.empty()) l.by = (*cls)->organizer;
    }
    if (c.excused > 0)
      l.remark = d_.kit.Tf(ctx, c.not_completing ? N_("{hours} h excused: over 1/7, not completing")
                                                 : N_("{hours} h excused"),
                           {{"hours", Num(c.excused)}});
    out.push_back(std::move(l));
  }
  for (const auto& t : y.outside) {
    const char* kind = t.kind == "online" ? N_("Online") : N_("Centralized");
    out.push_back({0, t.id, t.title, t.organizer, CourseDates(d_.kit, ctx, t.start_date, t.end_date),
                   d_.kit.T(ctx, kind), t.note, t.hours, !t.certificate.empty()});
  }
  return out;
}

Response TrainingArchiveAdmin::ArchiveXlsx(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such member."));
  auto whose = MemberWhose(ctx, *id);
  if (!whose.ok())
    return d_.kit.Message(ctx, HttpStatusFor(whose.status()), TitleFor(whose.status()), whose.status());
  return Xlsx(ctx, *whose);
}

Response TrainingArchiveAdmin::MyArchiveXlsx(const Request&, const RouteParams&, AdminContext& ctx) {
  auto whose = OwnWhose(ctx);
  if (!whose.ok())
    return d_.kit.Message(ctx, HttpStatusFor(whose.status()), N_("Not available"), whose.status());
  return Xlsx(ctx, *whose);
}

Response TrainingArchiveAdmin::Xlsx(AdminContext& ctx, const Whose& whose) {
  auto years = Years(whose);
  if (!years.ok())
    return d_.kit.Message(ctx, HttpStatusFor(years.status()), TitleFor(years.status()), years.status());
  const auto t = [&](std::string_view msgid) { return d_.kit.T(ctx, msgid); };
  const std::string title =
      d_.kit.Tf(ctx, N_("Training record: {name}"), {{"name", whose.member.name}}) + " · " +
      whose.branch + " · " + Today();
  tabular::Sheet summary{t(N_("Years")), {t(N_("Year")), t(N_("Hours")), t(N_("Required")),
                                          t(N_("Centralized training, hours"))}};
  tabular::Sheet courses{t(N_("Courses")), {t(N_("Year")), t(N_("Course")), t(N_("Held by")),
                                            t(N_("Dates")), t(N_("Kind")), t(N_("Hours")),
                                            t(N_("Remark"))}};
  summary.title = courses.title = title;
  for (const auto& y : *years) {
    summary.rows.push_back(
        {double(y.year), y.total, RequiredHours(y.year, whose.leader_in(y.year)), y.centralized});
    for (const auto& l : Lines(ctx, y))
      courses.rows.push_back({double(y.year), l.title, l.by, l.dates, l.kind, l.hours, l.remark});
  }
  const std::int64_t id = whose.member.id;
  return d_.kit.AuditedExport(
      ctx, d_.kit.XlsxDownload(ctx, {summary, courses}, fmt::format("training-record-{}.xlsx", id)),
      "export.training-record", fmt::format("member {}", id));
}

Response TrainingArchiveAdmin::RecordOutside(const Request& req, const RouteParams& p,
                                             AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such member."));
  const http::Form f = http::Form::Parse(req.body);
  auto done = training::RecordOutsideTraining(d_.storage, d_.audit, ctx.who(), ctx.actor, *id,
                                              OutsideInputOf(f), Today(), NowUnix());
  if (done.status().code() == Status::Code::kInvalidArgument)
    return ArchiveView(ctx, *id, f, done.status(), 422);
  if (!done.ok())
    return d_.kit.Message(ctx, HttpStatusFor(done.status()), N_("Not saved"), done.status());
  return AdminKit::Done(fmt::format("/admin/org/members/{}/training", *id), "saved");
}

Response TrainingArchiveAdmin::EditOutsidePage(const Request&, const RouteParams& p,
                                               AdminContext& ctx) {
  auto record = FindOutside(p);
  if (!record) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such training record."));
  return EditOutsideView(ctx, *record, OutsideTypedFrom(*record), Status::Ok(), 200);
}

Response TrainingArchiveAdmin::EditOutsideView(AdminContext& ctx,
                                               const OutsideTrainingRecord& record,
                                               const http::Form& typed, const Status& error,
                                               int status) {
  auto member = d_.storage.org().GetMember(record.member_id);
  if (!member.ok() || !member->has_value())
    return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such member."));
  data body;
  const std::string back = AfterCorrection(record);
  body.set("name", (*member)->name);
  body.set("back", back);
  if (record.state == "reported") body.set("from_queue", TemplateTrue());
  if (!record.certificate.empty()) {  // what the member sent, to check against
    body.set("certificate_id", std::to_string(record.id));
    body.set("certificate_name", record.certificate_name);
  }
  body.set("recorded", FormatLocalTime(record.recorded_at,
                                       d_.content.Snapshot()->site().utc_offset_minutes));
  SetOutsideForm(d_.kit, ctx, typed, error,
                 {fmt::format("/admin/training/outside/{}/edit", record.id), Today(), back}, body);
  return d_.kit.Page(ctx, "admin_outside_edit", std::move(body),
                     d_.kit.Tf(ctx, N_("Correct a course taken elsewhere: {name}"),
                               {{"name", (*member)->name}}),
                     status);
}

Response TrainingArchiveAdmin::SaveOutside(const Request& req, const RouteParams& p,
                                           AdminContext& ctx) {
  auto record = FindOutside(p);
  if (!record) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such training record."));
  const http::Form f = http::Form::Parse(req.body);
  Status s = training::UpdateOutsideTraining(d_.storage, d_.audit, ctx.who(), ctx.actor,
                                             record->id, OutsideInputOf(f), Today());
  if (s.code() == Status::Code::kInvalidArgument) return EditOutsideView(ctx, *record, f, s, 422);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not saved"), s);
  std::string to = AfterCorrection(*record);
  if (record->state != "reported") to += fmt::format("#outside-{}", record->id);
  return AdminKit::Done(to, "saved");
}

std::string TrainingArchiveAdmin::AfterCorrection(const OutsideTrainingRecord& t) {
  // A report awaiting the officer is corrected on the way to deciding it.
  if (t.state == "reported") return fmt::format("/admin/training/reports#report-{}", t.id);
  return fmt::format("/admin/org/members/{}/training", t.member_id);
}

std::optional<OutsideTrainingRecord> TrainingArchiveAdmin::FindOutside(const RouteParams& p) {
  auto id = ParsePositiveId(p.at("tid"));
  if (!id) return std::nullopt;
  auto record = d_.storage.attendance().GetOutsideTraining(*id);
  if (!record.ok()) return std::nullopt;
  return *record;
}

Response TrainingArchiveAdmin::DeleteOutside(const Request& req, const RouteParams& p,
                                             AdminContext& ctx) {
  auto record = FindOutside(p);
  if (!record) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such training record."));
  const std::string back = fmt::format("/admin/org/members/{}/training", record->member_id);
  if (auto ask = d_.kit.ConfirmFirst(ctx, req, N_("Delete the record of {course}? Its hours no "
                                                  "longer count."),
                                     {{"course", record->title}}, back))
    return *ask;
  Status s = training::DeleteOutsideTraining(d_.storage, d_.audit, ctx.who(), ctx.actor, record->id);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not deleted"), s);
  d_.reports.RemoveCertificate(record->certificate);  // the file goes once its row is gone
  return AdminKit::Done(back, "deleted");
}

}  // namespace procura::web
