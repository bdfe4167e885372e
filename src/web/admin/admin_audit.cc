// SystemAdmin: the audit log, as a page with filters and as CSV.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "branchlife/rules.h"
#include "core/audit_details.h"
#include "core/audit_labels.h"
#include "core/clock.h"
#include "core/text.h"
#include "web/admin/admin_handler.h"
#include "web/admin/admin_system.h"

namespace procura::web {

namespace {

// An entry's detail in the reader's words (core/audit_details.h); a meeting
// viewed names its kind, a code with a name of its own.
std::string DetailText(const AuditEntry& e, const TranslateMessage& translate) {
  if (e.action == "meeting.view" && branchlife::IsMeetingKind(e.detail))
    return translate(branchlife::KindName(e.detail), {});
  return AuditDetailText(e.action, e.detail, translate);
}

AuditFilter AuditFilterFrom(const std::string& query, int offset_minutes) {
  auto q = ParseQuery(query);
  AuditFilter f;
  f.actor = Utf8Prefix(q["actor"], 64);
  f.action = Utf8Prefix(q["action"], 64);
  f.object_type = Utf8Prefix(q["object"], 32);
  if (auto t = ParseLocalTime(q["from"], offset_minutes)) f.from = *t;
  if (auto t = ParseLocalTime(q["to"], offset_minutes)) f.to = *t + 86399;
  f.limit = 200;
  f.offset = static_cast<int>((ParsePositiveId(q["page"]).value_or(1) - 1) * 200);
  return f;
}
}  // namespace

// The filter's choices: every action code with its words, so that a
// reviewer can find "批准并发布" without knowing it is "article.publish",
// and every kind of object by its name.
TemplateData SystemAdmin::CodeOptions(const AdminContext& ctx,
                                      std::span<const AuditActionName> codes,
                                      std::string_view selected) const {
  data list{data::type::list};
  for (const auto& [code, label] : codes) {
    data o;
    o.set("code", std::string(code));
    o.set("label", d_.kit.T(ctx, label));
    if (code == selected) o.set("selected", TemplateTrue());
    list.push_back(o);
  }
  return list;
}

Response SystemAdmin::AuditPage(const Request& req, const RouteParams&, AdminContext& ctx) {
  const int offset = d_.content.Snapshot()->site().utc_offset_minutes;
  const AuditFilter f = AuditFilterFrom(req.query, offset);
  auto entries = d_.storage.audit().Query(f);
  data body;
  body.set("zone", FormatUtcOffset(offset));
  body.set("actor", f.actor);
  body.set("action", f.action);
  body.set("object", f.object_type);
  auto q = ParseQuery(req.query);
  body.set("from", q["from"]);
  body.set("to", q["to"]);
  body.set("known_actions", CodeOptions(ctx, KnownAuditActions(), ""));
  body.set("known_objects", CodeOptions(ctx, KnownAuditObjects(), f.object_type));
  body.set("csv_url", "/admin/audit.csv" + (req.query.empty() ? "" : "?" + req.query));
  data rows{data::type::list};
  const TranslateMessage translate = [&](std::string_view msgid, const MessageArgs& args) {
    return d_.kit.Tf(ctx, msgid, args);
  };
  for (const auto& e : entries.ok() ? *entries : std::vector<AuditEntry>{}) {
    data r;
    r.set("at", FormatLocalTime(e.at, offset, true));
    r.set("datetime", FormatRfc3339(e.at, offset));
    r.set("actor", e.actor_name.empty() ? d_.kit.T(ctx, N_("(not signed in)")) : e.actor_name);
    r.set("ip", e.ip);
    r.set("action", e.action);
    r.set("action_label", d_.kit.T(ctx, AuditActionLabel(e.action)));
    if (AuditActionLabel(e.action) == e.action) r.set("action_unknown", TemplateTrue());
    r.set("object", d_.kit.T(ctx, AuditObjectLabel(e.object_type)) +
                        (e.object_id ? " " + std::to_string(*e.object_id) : ""));
    r.set("detail", DetailText(e, translate));
    rows.push_back(r);
  }
  if (rows.is_empty_list()) body.set("none", TemplateTrue());
  body.set("entries", rows);
  return d_.kit.Page(ctx, "admin_audit", std::move(body), N_("Audit log"));
}

Response SystemAdmin::AuditCsv(const Request& req, const RouteParams&, AdminContext&) {
  const int offset = d_.content.Snapshot()->site().utc_offset_minutes;
  AuditFilter f = AuditFilterFrom(req.query, offset);
  f.limit = 100000;
  auto entries = d_.storage.audit().Query(f);
  if (!entries.ok()) return Response::Text(500, "audit log unavailable\n");
  // Times carry their offset (RFC 3339), so the file is unambiguous anywhere.
  std::string csv = "time,actor,ip,action,object_type,object_id,detail\r\n";
  for (const auto& e : *entries) {
    csv +=
        fmt::format("{},{},{},{},{},{},{}\r\n", FormatRfc3339(e.at, offset), CsvField(e.actor_name),
                    CsvField(e.ip), CsvField(e.action), CsvField(e.object_type),
                    e.object_id ? std::to_string(*e.object_id) : "", CsvField(e.detail));
  }
  return AdminKit::Download(std::move(csv), tabular::kCsvMediaType, "audit-log.csv");
}

}  // namespace procura::web
