// SiteReportsAdmin: the site's self-inspection against the national indicators —
// the live report with each indicator's rule, result and offending items,
// the trend of recorded runs, recording a run, and the XLSX.
#include "web/admin/admin_site_reports.h"

#include <fmt/format.h>

#include "core/clock.h"
#include "interact/inspection.h"
#include "web/admin/admin_handler.h"
#include "web/status_http.h"

namespace procura::web {

namespace {

// Offending items listed under an indicator on the page; the XLSX has all.
constexpr std::size_t kShownOffenders = 50;

const char* StateLabel(const std::string& state) {
  return state == "fail"   ? N_("fails")
         : state == "warn" ? N_("about to fail")
         : state == "pass" ? N_("passes")
                           : N_("not measured");
}

}  // namespace

interact::InspectOptions SiteReportsAdmin::InspectionOptions() const {
  interact::InspectOptions opt;
  opt.utc_offset_minutes = d_.content.Snapshot()->site().utc_offset_minutes;
  if (!d_.storage.SharesFiles()) opt.media_dir = d_.data_dir / "media";
  opt.text_cache = text_cache_;
  return opt;
}

Response SiteReportsAdmin::InspectionPage(const Request&, const Params&, AdminContext& ctx) {
  auto report = interact::Inspect(d_.storage, NowUnix(), InspectionOptions());
  if (!report.ok()) return d_.kit.Message(ctx, 503, N_("Not available"), report.status());
  const auto tr = [&](std::string_view msgid, const MessageArgs& args) {
    return d_.kit.Tf(ctx, msgid, args);
  };
  data body, list{data::type::list};
  for (const auto& i : report->indicators) {
    data row;
    row.set("name", d_.kit.T(ctx, i.name));
    row.set("rule", d_.kit.T(ctx, i.rule));
    row.set("state", i.state);
    row.set("state_label", d_.kit.T(ctx, StateLabel(i.state)));
    row.set("measured", tr(i.measured, i.measured_args));
    data items{data::type::list};
    for (std::size_t n = 0; n < i.items.size() && n < kShownOffenders; ++n) {
      const interact::Offender& o = i.items[n];
      data item;
      item.set("title", o.title);
      if (!o.url.empty()) item.set("url", o.url);
      if (!o.detail.empty()) item.set("detail", o.detail);
      items.push_back(item);
    }
    row.set("items", items);
    if (!i.items.empty()) row.set("has_items", TemplateTrue());
    if (i.items.size() > kShownOffenders)
      row.set("more", d_.kit.Tf(ctx, N_("… and {n} more: the XLSX lists every one."),
                                {{"n", std::to_string(i.items.size() - kShownOffenders)}}));
    list.push_back(row);
  }
  body.set("indicators", list);
  body.set("failing", std::to_string(report->Count("fail")));
  body.set("warning", std::to_string(report->Count("warn")));
  if (report->Count("fail") > 0) body.set("any_fail", TemplateTrue());
  const int off = d_.content.Snapshot()->site().utc_offset_minutes;
  data runs{data::type::list};
  for (const auto& r : d_.storage.inspection().ListRuns(30).value()) {
    data run;
    run.set("at", FormatLocalTime(r.at, off));
    run.set("failed", std::to_string(r.failed));
    run.set("warnings", std::to_string(r.warnings));
    runs.push_back(run);
  }
  body.set("runs", runs);
  return d_.kit.Page(ctx, "admin_inspection", std::move(body), N_("Site inspection"));
}

Response SiteReportsAdmin::RecordInspection(const Request&, const Params&, AdminContext& ctx) {
  auto report = interact::InspectAndRecord(d_.storage, NowUnix(), InspectionOptions());
  if (!report.ok()) return d_.kit.Message(ctx, HttpStatusFor(report.status()), N_("Not done"), report.status());
  d_.audit.Record(ctx.actor, "inspection.run", "inspection", std::nullopt, report->Summary());
  return AdminKit::Done("/admin/inspection", "saved");
}

Response SiteReportsAdmin::InspectionXlsx(const Request&, const Params&, AdminContext& ctx) {
  auto report = interact::Inspect(d_.storage, NowUnix(), InspectionOptions());
  if (!report.ok()) return d_.kit.Message(ctx, 503, N_("Not exported"), report.status());
  const int off = d_.content.Snapshot()->site().utc_offset_minutes;
  tabular::Sheet sheet = interact::InspectionSheet(
      *report, off, [&](std::string_view msgid, const MessageArgs& args) { return d_.kit.Tf(ctx, msgid, args); });
  return d_.kit.AuditedExport(ctx, d_.kit.XlsxDownload(ctx, {sheet}, "site-inspection.xlsx"), "export.inspection",
                       report->Summary());
}

}  // namespace procura::web
