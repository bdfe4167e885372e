// SiteReportsAdmin: static publishing (内外网分离) — whether each static
// export's files hold the site's newest changes, from the reports the
// exports keep in the database (content/export_health.h); removing the
// report of an export no longer used; and the dashboard's warning when an
// export fails or has fallen silent.
#include <fmt/format.h>

#include "content/export_health.h"
#include "core/clock.h"
#include "core/stored_message.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_site_reports.h"
#include "web/status_http.h"

namespace procura::web {

namespace {

const char* HealthState(ExportHealth h) {
  switch (h) {
    case ExportHealth::kUpToDate: return "pass";
    case ExportHealth::kCatchingUp:
    case ExportHealth::kNotFollowing: return "warn";
    default: return "fail";
  }
}

const char* HealthLabel(ExportHealth h) {
  switch (h) {
    case ExportHealth::kUpToDate: return N_("Up to date");
    case ExportHealth::kCatchingUp: return N_("Updating");
    case ExportHealth::kNotFollowing: return N_("Changes waiting");
    case ExportHealth::kSilent: return N_("Not responding");
    case ExportHealth::kPushFailing: return N_("Push failing");
    default: return N_("Export failing");
  }
}

// What the state means for the public files, and what to do.
const char* HealthDetail(ExportHealth h, bool pushes) {
  switch (h) {
    case ExportHealth::kPushFailing:
      return N_("Its files are written, but the push to the web server has failed since {time}: the public site shows what the last good push carried. The push is retried after every pass until it works; mend what the error names.");
    case ExportHealth::kUpToDate:
      return pushes ? N_("Its files, pushed to the web server, hold every published change.")
                    : N_("Its files hold every published change.");
    case ExportHealth::kSilent:
      return N_("It follows changes but has not reported for {minutes} minutes: its process may have stopped. Check the service on {host}.");
    default:
      return N_("Its last pass failed at {time}; the public files keep their last good state until the error is mended.");
  }
}

// A pass under way (a full export reports its progress as it runs) says
// what it has done, and a killed one that its pass will never end.
const char* PassDetail(ExportHealth h) {
  return h == ExportHealth::kSilent
             ? N_("Its pass stopped reporting {minutes} minutes ago at {done} of {total} pages: its process may have stopped. Check on {host}, and run the export again.")
             : N_("A full pass is under way: {done} of {total} pages written or checked ({percent}%). Until it ends, some public files may be older than others.");
}

// The row's detail: a pass's progress, or what the state means; the two
// states that count changes say "1 change" and "{n} changes".
std::string StateDetail(const AdminKit& kit, const AdminContext& ctx, const ExportCheck& c,
                        bool passing, bool pushes, const MessageArgs& args) {
  const long n = static_cast<long>(c.changes_waiting);
  if (!passing && c.health == ExportHealth::kCatchingUp && pushes)
    return kit.TfN(ctx, "It is writing {n} new change and pushing it to the web server; this takes a few seconds.",
                   "It is writing the newest {n} changes and pushing them to the web server; this takes a few seconds.",
                   n, args);
  if (!passing && c.health == ExportHealth::kCatchingUp)
    return kit.TfN(ctx, "It is writing {n} new change; this takes about a second.",
                   "It is writing the newest {n} changes; this takes about a second.", n, args);
  if (!passing && c.health == ExportHealth::kNotFollowing)
    return kit.TfN(ctx, "{n} change is not in its files yet: this export does not follow changes. Run procura export again, or run it with --follow.",
                   "{n} changes are not in its files yet: this export does not follow changes. Run procura export again, or run it with --follow.",
                   n, args);
  return kit.Tf(ctx, passing ? PassDetail(c.health) : HealthDetail(c.health, pushes), args);
}

bool RunningNow(const ExportReport& r, const ExportCheck& c) {
  return (r.following || r.pass_total > 0) && c.health != ExportHealth::kSilent;
}

}  // namespace

std::vector<std::pair<ExportReport, ExportCheck>> SiteReportsAdmin::CheckExports() {
  std::vector<std::pair<ExportReport, ExportCheck>> out;
  auto reports = d_.storage.changes().ExportReports();
  auto latest = d_.storage.changes().Latest();
  if (!reports.ok() || !latest.ok()) return out;
  const UnixSeconds now = NowUnix();
  for (auto& r : *reports) {
    const ExportCheck c = CheckExport(r, *latest, now);
    out.emplace_back(std::move(r), c);
  }
  return out;
}

TemplateData SiteReportsAdmin::ExportRow(const AdminContext& ctx, const ExportReport& r,
                                         const ExportCheck& c, int offset) {
  const auto when = [&](UnixSeconds t) {
    return t > 0 ? FormatLocalTime(t, offset, /*with_seconds=*/true) : d_.kit.T(ctx, N_("never"));
  };
  data row;
  row.set("name", r.name);
  row.set("state", HealthState(c.health));
  row.set("state_label", d_.kit.T(ctx, HealthLabel(c.health)));
  const bool passing = r.pass_total > 0 && c.health != ExportHealth::kFailing;
  const std::int64_t percent = r.pass_total > 0 ? r.pass_done * 100 / r.pass_total : 0;
  row.set("state_detail",
          StateDetail(d_.kit, ctx, c, passing, r.pushes,
                      {{"minutes", std::to_string(c.silent_for / 60)},
                       {"host", r.name.substr(0, r.name.find(':'))},
                       {"time", when(c.health == ExportHealth::kPushFailing ? r.push_error_at : r.error_at)},
                       {"done", std::to_string(r.pass_done)},
                       {"total", std::to_string(r.pass_total)},
                       {"percent", std::to_string(percent)}}));
  if (passing) {
    row.set("pass_done", std::to_string(r.pass_done));
    row.set("pass_total", std::to_string(r.pass_total));
  }
  if (!r.error.empty()) row.set("error", d_.kit.ErrorText(ctx, LoadMessage(r.error)));
  if (r.pushes) {
    if (!r.push_error.empty()) row.set("push_error", d_.kit.ErrorText(ctx, LoadMessage(r.push_error)));
    row.set("pushed", r.pushed_seq < 0 ? d_.kit.T(ctx, N_("not pushed yet"))
                                       : d_.kit.Tf(ctx, N_("{time}: up to No. {seq}"),
                                                   {{"time", when(r.pushed_at)},
                                                    {"seq", std::to_string(r.pushed_seq)}}));
  }
  row.set("mode", d_.kit.T(ctx, r.following ? N_("Follows every change") : N_("Runs once when started")));
  row.set("seq", r.seq < 0 ? d_.kit.T(ctx, N_("nothing yet"))
                           : d_.kit.Tf(ctx, N_("up to No. {seq} (the newest is No. {latest})"),
                                       {{"seq", std::to_string(r.seq)},
                                        {"latest", std::to_string(c.latest)}}));
  row.set("pages", std::to_string(r.pages));
  row.set("wrote", r.wrote_at > 0 ? d_.kit.TfN(ctx, "{time}: {n} page written, {deleted} deleted",
                                               "{time}: {n} pages written, {deleted} deleted",
                                               static_cast<long>(r.written),
                                               {{"time", when(r.wrote_at)},
                                                {"deleted", std::to_string(r.deleted)}})
                                  : when(0));
  row.set("checked", when(r.checked_at));
  row.set("started", when(r.started_at));
  if (!RunningNow(r, c)) row.set("can_forget", TemplateTrue());
  return row;
}

Response SiteReportsAdmin::PublishingPage(const Request&, const Params&, AdminContext& ctx) {
  const int offset = d_.content.Snapshot()->site().utc_offset_minutes;
  data body, list{data::type::list};
  int index = 0;
  for (const auto& [r, c] : CheckExports()) {
    data row = ExportRow(ctx, r, c, offset);
    row.set("index", std::to_string(++index));
    list.push_back(row);
  }
  body.set("exports", list);
  return d_.kit.Page(ctx, "admin_publishing", std::move(body), N_("Static publishing"));
}

Response SiteReportsAdmin::ForgetExport(const Request& req, const Params&, AdminContext& ctx) {
  const std::string name = http::Form::Parse(req.body).Get("name");
  for (const auto& [r, c] : CheckExports()) {
    if (r.name != name) continue;
    if (RunningNow(r, c))
      return d_.kit.Message(ctx, 409, N_("Not removed"),
                            N_("This export is running and would report again within a minute. Stop it first, then remove it."));
    if (Status s = d_.storage.changes().DeleteExportReport(name); !s.ok())
      return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not removed"), s);
    d_.audit.Record(ctx.actor, "site.forget_export", "site", std::nullopt, name);
    return AdminKit::Done("/admin/publishing", "deleted");
  }
  return d_.kit.Message(ctx, 404, N_("Not found"), N_("No export of that name has reported."));
}

void SiteReportsAdmin::DashboardPart(const AdminContext& ctx, TemplateData& body) {
  if (!auth::Can(ctx.who(), auth::Action::kUseAdmin)) return;
  int troubled = 0;
  for (const auto& [r, c] : CheckExports()) troubled += NeedsAttention(c) ? 1 : 0;
  if (troubled == 0) return;
  body.set("exports_troubled",
           d_.kit.Tf(ctx, N_("{n} static exports are failing or not responding: the public web server may show old pages."),
                     {{"n", std::to_string(troubled)}}));
  if (auth::Can(ctx.who(), auth::Action::kManageSite)) body.set("can_see_exports", TemplateTrue());
}

}  // namespace procura::web
