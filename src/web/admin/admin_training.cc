// AdminSite: training classes. TrainingService decides who sees what.
#include <fmt/format.h>

#include "core/text.h"
#include "web/admin/admin_site.h"
#include "web/status_http.h"

namespace procura::web {
namespace {

using http::Request;
using http::Response;
using http::RouteParams;
using kainjow::mustache::data;

std::string Hours(double h) { return fmt::format("{:g}", h); }

}  // namespace

Response AdminSite::TrainingPage(const Request&, const RouteParams&, AdminContext& ctx) {
  auto classes = d_.training.Classes(ctx.who());
  if (!classes.ok())
    return Message(ctx, HttpStatusFor(classes.status()), "Not allowed", classes.status().message());
  data body, rows{data::type::list};
  for (const auto& c : *classes) {
    data r;
    r.set("id", std::to_string(c.id));
    r.set("title", c.title);
    r.set("dates", c.start_date == c.end_date ? c.start_date : c.start_date + " to " + c.end_date);
    r.set("status", c.status);
    rows.push_back(r);
  }
  body.set("classes", rows);
  return Page(ctx, "admin_training", std::move(body), "Training classes");
}

Response AdminSite::ClassPage(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return Message(ctx, 404, "Not found", "There is no such class.");
  auto d = d_.training.Detail(ctx.who(), *id);
  if (!d.ok())
    return Message(ctx, HttpStatusFor(d.status()), "Not available", d.status().message());
  const ClassRecord& c = d->cls;
  data body;
  body.set("id", std::to_string(c.id));
  for (const auto& [k, v] : {std::pair{"purpose", c.purpose},
                             {"organizer", c.organizer},
                             {"venue", c.venue},
                             {"target", c.target_group},
                             {"status", c.status},
                             {"start", c.start_date},
                             {"end", c.end_date}})
    body.set(k, v);
  body.set("required_hours", Hours(c.required_hours));
  body.set("total_hours", Hours(d->total_hours));
  body.set("enrolled", std::to_string(d->enrolled));
  body.set("withdrawn", std::to_string(d->withdrawn));
  if (c.is_sample) body.set("sample", data(data::type::bool_true));
  data sessions{data::type::list}, exchanges{data::type::list};
  for (const auto& s : d->sessions) {
    data row;
    row.set("starts", s.row.starts_at);
    row.set("type", s.row.type);
    row.set("topic", s.row.topic);
    row.set("who", s.row.type == "exchange" ? s.presenting_branch : s.row.lecturer);
    row.set("hours", Hours(s.row.hours));
    sessions.push_back(row);
    if (s.row.type == "exchange") {
      data ex;
      ex.set("branch", s.presenting_branch);
      ex.set("speaker", s.speaker);
      ex.set("title", s.row.topic);
      exchanges.push_back(ex);
    }
  }
  body.set("sessions", sessions);
  body.set("exchanges", exchanges);
  if (ctx.who().Has(auth::Role::kRecordsOfficer)) {
    body.set("can_manage", data(data::type::bool_true));
    const std::string next = training::NextStatus(c.status);
    if (!next.empty()) body.set("next_status", next);
  }
  return Page(ctx, "admin_class", std::move(body), c.title);
}

Response AdminSite::EnrollSecretaries(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return Message(ctx, 404, "Not found", "There is no such class.");
  auto n = d_.training.EnrollAllSecretaries(ctx.who(), ctx.actor, *id);
  if (!n.ok()) return Message(ctx, HttpStatusFor(n.status()), "Not enrolled", n.status().message());
  return SeeOther(fmt::format("/admin/training/{}", *id));
}

Response AdminSite::AdvanceClass(const Request&, const RouteParams& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return Message(ctx, 404, "Not found", "There is no such class.");
  Status s = d_.training.Advance(ctx.who(), ctx.actor, *id);
  if (!s.ok()) return Message(ctx, HttpStatusFor(s), "Not changed", s.message());
  return SeeOther(fmt::format("/admin/training/{}", *id));
}

}  // namespace procura::web
