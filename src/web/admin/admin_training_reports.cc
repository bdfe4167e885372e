// TrainingReportsAdmin: members report training taken elsewhere; the
// records officer confirms or returns each report.
#include "web/admin/admin_training_reports.h"

#include <fmt/format.h>

#include <map>

#include "core/clock.h"
#include "core/text.h"
#include "http/any_form.h"
#include "web/admin/outside_form.h"
#include "web/status_http.h"

namespace procura::web {

using http::Request;
using http::Response;
using http::RouteParams;
using kainjow::mustache::data;

namespace {

constexpr const char* kMine = "/admin/training/mine#reports";
constexpr const char* kQueue = "/admin/training/reports";

// The certificate the form sent, if a file was chosen.
training::UploadedFile CertificateOf(const http::FormWithFiles& form) {
  for (const auto& part : form.files)
    if (part.name == "certificate" && !part.filename.empty()) return {part.data, part.filename};
  return {};
}

}  // namespace

void TrainingReportsAdmin::AddRoutes(http::Router& r) {
  const Requirement session{Requirement::kSession};
  const Requirement manage{Requirement::kAction, auth::Action::kManageRecords};
  const auto bind = [this](auto fn) { return Bound(this, fn); };
  d_.kit.Add(r, "GET", "/admin/training/reports/new", session,
             bind(&TrainingReportsAdmin::NewReportPage));
  d_.kit.Add(r, "POST", "/admin/training/reports", session, bind(&TrainingReportsAdmin::SendReport));
  d_.kit.Add(r, "GET", "/admin/training/reports/{tid}/edit", session,
             bind(&TrainingReportsAdmin::EditPage));
  d_.kit.Add(r, "POST", "/admin/training/reports/{tid}/edit", session,
             bind(&TrainingReportsAdmin::SaveEdit));
  d_.kit.Add(r, "POST", "/admin/training/reports/{tid}/withdraw", session,
             bind(&TrainingReportsAdmin::Withdraw));
  d_.kit.Add(r, "GET", "/admin/training/reports/{tid}/certificate", session,
             bind(&TrainingReportsAdmin::Certificate));
  d_.kit.Add(r, "GET", "/admin/training/reports", manage, bind(&TrainingReportsAdmin::QueuePage));
  d_.kit.Add(r, "POST", "/admin/training/reports/{tid}/confirm", manage,
             bind(&TrainingReportsAdmin::Confirm));
  d_.kit.Add(r, "POST", "/admin/training/reports/{tid}/return", manage,
             bind(&TrainingReportsAdmin::ReturnReport));
  d_.kit.AddDashboardPart(
      [this](const AdminContext& ctx, TemplateData& body) { DashboardPart(ctx, body); });
}

std::string TrainingReportsAdmin::Today() const {
  return FormatDate(NowUnix(), d_.content.Snapshot()->site().utc_offset_minutes);
}

void TrainingReportsAdmin::DashboardPart(const AdminContext& ctx, TemplateData& body) {
  MyReportsPart(ctx, body);
  if (!auth::Can(ctx.who(), auth::Action::kManageRecords)) return;
  auto queue = d_.reports.Queue(ctx.who());
  if (!queue.ok() || queue->empty()) return;
  body.set("reports_waiting",
           d_.kit.TfN(ctx, "{n} training report awaits your decision.",
                      "{n} training reports await your decision.", static_cast<long>(queue->size())));
}

void TrainingReportsAdmin::MyReportsPart(const AdminContext& ctx, TemplateData& body) {
  auto me = d_.storage.org().MemberForUser(ctx.who().user_id);
  if (!me.ok() || !me->has_value()) return;
  auto mine = d_.reports.NotCounted((*me)->id);
  if (!mine.ok() || mine->empty()) return;
  long returned = 0, waiting = 0;
  for (const auto& t : *mine) (t.state == "returned" ? returned : waiting)++;
  body.set("me", TemplateTrue());
  if (returned > 0)
    body.set("my_reports_returned",
             d_.kit.TfN(ctx, "{n} of your training reports was returned: see why.",
                        "{n} of your training reports were returned: see why.", returned));
  if (waiting > 0)
    body.set("my_reports_waiting",
             d_.kit.TfN(ctx, "{n} report awaits the records officer.",
                        "{n} reports await the records officer.", waiting));
}

Response TrainingReportsAdmin::NewReportPage(const Request&, const RouteParams&, AdminContext& ctx) {
  auto me = d_.storage.org().MemberForUser(ctx.who().user_id);
  if (me.ok() && !me->has_value())
    return d_.kit.Message(ctx, 404, N_("Not available"),
                          N_("Your account is not linked to a party member record."));
  http::Form typed;
  typed.Add("kind", "online");
  return FormView(ctx, typed, Status::Ok(), 200);
}

Response TrainingReportsAdmin::FormView(AdminContext& ctx, const http::Form& typed,
                                        const Status& error, int status,
                                        const OutsideTrainingRecord* editing) {
  data body;
  OutsideFormSpec spec{kQueue, Today(), "", /*report=*/true};
  if (editing) {
    spec.action = fmt::format("/admin/training/reports/{}/edit", editing->id);
    spec.resend = true;
    body.set("changing", TemplateTrue());
    if (editing->state == "returned") body.set("why", editing->review_note);
    if (!editing->certificate.empty()) {
      body.set("certificate_id", std::to_string(editing->id));
      body.set("certificate_name", editing->certificate_name);
    }
  }
  SetOutsideForm(d_.kit, ctx, typed, error, spec, body);
  return d_.kit.Page(ctx, "admin_training_report", std::move(body),
                     d_.kit.T(ctx, editing ? N_("Change your training report")
                                           : N_("Report training taken elsewhere")),
                     status);
}

Result<OutsideTrainingRecord> TrainingReportsAdmin::OwnReport(const AdminContext& ctx,
                                                              const RouteParams& p) {
  auto id = ParsePositiveId(p.at("tid"));
  if (!id) return Status::NotFound(N_("There is no such training report."));
  return d_.reports.Changeable(ctx.who(), *id);
}

Response TrainingReportsAdmin::EditPage(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto t = OwnReport(ctx, p);
  if (!t.ok()) return d_.kit.Message(ctx, HttpStatusFor(t.status()), N_("Not available"), t.status());
  return FormView(ctx, OutsideTypedFrom(*t), Status::Ok(), 200, &*t);
}

Response TrainingReportsAdmin::SaveEdit(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto t = OwnReport(ctx, p);
  if (!t.ok()) return d_.kit.Message(ctx, HttpStatusFor(t.status()), N_("Not sent"), t.status());
  auto form = http::ParseAnyForm(req);
  if (!form.ok()) return d_.kit.Message(ctx, 400, N_("Not sent"), form.status());
  Status s = d_.reports.Resubmit(ctx.who(), ctx.actor, t->id, OutsideInputOf(form->fields),
                                 CertificateOf(*form), Today());
  if (s.code() == Status::Code::kInvalidArgument) return FormView(ctx, form->fields, s, 422, &*t);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not sent"), s);
  return AdminKit::Done(kMine, "reported");
}

Response TrainingReportsAdmin::SendReport(const Request& req, const RouteParams&, AdminContext& ctx) {
  auto form = http::ParseAnyForm(req);
  if (!form.ok()) return d_.kit.Message(ctx, 400, N_("Not sent"), form.status());
  auto id = d_.reports.Report(ctx.who(), ctx.actor, OutsideInputOf(form->fields),
                              CertificateOf(*form), Today(), NowUnix());
  if (id.status().code() == Status::Code::kInvalidArgument)
    return FormView(ctx, form->fields, id.status(), 422);
  if (!id.ok()) return d_.kit.Message(ctx, HttpStatusFor(id.status()), N_("Not sent"), id.status());
  return AdminKit::Done(kMine, "reported");
}

Response TrainingReportsAdmin::Withdraw(const Request& req, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("tid"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such training record."));
  auto record = d_.storage.attendance().GetOutsideTraining(*id);
  if (record.ok() && record->has_value())
    if (auto ask = d_.kit.ConfirmFirst(ctx, req, N_("Withdraw your report of {course}?"),
                                       {{"course", (*record)->title}}, kMine))
      return *ask;
  Status s = d_.reports.Withdraw(ctx.who(), ctx.actor, *id);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Report not withdrawn"), s);
  return AdminKit::Done(kMine, "withdrawn");
}

Response TrainingReportsAdmin::Certificate(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("tid"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such training record."));
  auto f = d_.reports.OpenCertificate(ctx.who(), ctx.actor, *id);
  if (!f.ok()) return d_.kit.Message(ctx, HttpStatusFor(f.status()), N_("Not available"), f.status());
  const std::string& stored = f->record.certificate;
  Response res = Response::Text(200, std::move(f->bytes), f->record.certificate_mime);
  res.SetHeader("Content-Disposition",
                "attachment; filename=\"certificate" + stored.substr(stored.rfind('.')) +
                    "\"; filename*=UTF-8''" + UrlEncode(f->record.certificate_name));
  res.SetHeader("Cache-Control", "private, no-store");
  return res;
}

Response TrainingReportsAdmin::QueuePage(const Request&, const RouteParams&, AdminContext& ctx) {
  return QueueView(ctx, 0, http::Form{}, Status::Ok(), 200);
}

// The members the queue names: one read of every member when the queue is
// long, one read each when it is short (a queue of three in a province's
// thousands of members).
std::map<std::int64_t, MemberRecord> TrainingReportsAdmin::QueueMembers(
    const std::vector<OutsideTrainingRecord>& queue) {
  std::map<std::int64_t, MemberRecord> out;
  constexpr std::size_t kReadAllFrom = 20;
  if (queue.size() >= kReadAllFrom) {
    if (auto all = d_.storage.org().ListMembers(std::nullopt); all.ok())
      for (auto& m : *all) out.emplace(m.id, std::move(m));
    return out;
  }
  for (const auto& t : queue)
    if (!out.contains(t.member_id))
      if (auto m = d_.storage.org().GetMember(t.member_id); m.ok() && m->has_value())
        out.emplace(t.member_id, std::move(**m));
  return out;
}

Response TrainingReportsAdmin::QueueView(AdminContext& ctx, std::int64_t failed,
                                         const http::Form& typed, const Status& error,
                                         int status) {
  auto queue = d_.reports.Queue(ctx.who());
  if (!queue.ok())
    return d_.kit.Message(ctx, HttpStatusFor(queue.status()), TitleFor(queue.status()), queue.status());
  std::map<std::int64_t, std::string> branches;
  if (auto units = d_.storage.org().ListUnits(); units.ok())
    for (const auto& u : *units) branches[u.id] = u.name;
  const auto members = QueueMembers(*queue);
  const int offset = d_.content.Snapshot()->site().utc_offset_minutes;
  data body, rows{data::type::list};
  for (const auto& t : *queue) {
    data r;
    r.set("id", std::to_string(t.id));
    r.set("member_id", std::to_string(t.member_id));
    if (auto m = members.find(t.member_id); m != members.end()) {
      r.set("member", m->second.name);
      r.set("branch", branches[m->second.branch_id]);
    }
    r.set("title", t.title);
    r.set("organizer", t.organizer);
    r.set("dates", CourseDates(d_.kit, ctx, t.start_date, t.end_date));
    const char* kind = t.kind == "online" ? N_("Online") : N_("Centralized");
    r.set("kind", d_.kit.T(ctx, kind));
    r.set("hours", fmt::format("{:g}", t.hours));
    if (!t.note.empty()) r.set("note", t.note);
    r.set("reported", FormatLocalTime(t.recorded_at, offset));
    if (!t.certificate.empty()) r.set("certificate", TemplateTrue());
    if (t.id == failed) {
      r.set("reason", typed.Get("reason"));
      if (!error.ok()) r.set("reason_error", d_.kit.ErrorText(ctx, error));
    }
    rows.push_back(r);
  }
  body.set("rows", rows);
  if (rows.is_empty_list()) body.set("none", TemplateTrue());
  return d_.kit.Page(ctx, "admin_training_reports", std::move(body),
                     d_.kit.T(ctx, N_("Training reports awaiting a decision")), status);
}

Response TrainingReportsAdmin::Confirm(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("tid"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such training report."));
  Status s = d_.reports.Confirm(ctx.who(), ctx.actor, *id);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not confirmed"), s);
  return AdminKit::Done(kQueue, "confirmed");
}

Response TrainingReportsAdmin::ReturnReport(const Request& req, const RouteParams& p,
                                            AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("tid"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such training report."));
  const http::Form f = http::Form::Parse(req.body);
  Status s = d_.reports.Return(ctx.who(), ctx.actor, *id, f.Get("reason"));
  if (s.code() == Status::Code::kInvalidArgument) return QueueView(ctx, *id, f, s, 422);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not returned"), s);
  return AdminKit::Done(kQueue, "returned");
}

}  // namespace procura::web
