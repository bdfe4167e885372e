// BranchLifeAdmin: the records that leave the screen — the overview as
// XLSX, a branch's printable 组织生活记录 and its XLSX — and the yearly
// democratic appraisal. Every export of personal data is audited.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "core/clock.h"
#include "core/labels.h"
#include "core/text.h"
#include "http/forms.h"
#include "branchlife/talks.h"
#include "web/admin/branch_life/branch_life_admin.h"
#include "web/status_http.h"

namespace procura::web {

using http::Request;
using http::Response;

using kainjow::mustache::data;

namespace {

// "Name (reason), Name" for the lines with `mark`.
// The members marked `mark`, each with the reason given, as one list in
// the reader's language ("张三（外出办案）、李四").
std::string NamesWith(const AdminKit& kit, const AdminContext& ctx, const branchlife::MeetingView& v,
                      const std::string& mark) {
  std::string out;
  for (const auto& l : v.lines) {
    if (!l.mark || l.mark->mark != mark) continue;
    if (!out.empty()) out += kit.T(ctx, N_(", "));
    out += l.mark->reason.empty()
               ? l.member.name
               : kit.Tf(ctx, N_("{name} ({reason})"), {{"name", l.member.name}, {"reason", l.mark->reason}});
  }
  return out;
}

// The year's talks in the order they were held (and recorded, within a
// day), as the record book keeps them.
std::vector<branchlife::TalkLine> OldestFirst(std::vector<branchlife::TalkLine> talks) {
  std::sort(talks.begin(), talks.end(), [](const auto& a, const auto& b) {
    return std::tie(a.talk.held_on, a.talk.id) < std::tie(b.talk.held_on, b.talk.id);
  });
  return talks;
}

}  // namespace

// The talks part of the printable record: the year's talks, whom the
// secretary has not yet talked with, and which committee members have not
// talked with each other (as on the talks page).
TemplateData BranchLifeAdmin::RecordTalks(const AdminContext& ctx, const branchlife::BranchTalks& y) const {
  data out;
  out.set("rows", TalkRows(OldestFirst(y.talks)));
  if (y.talks.empty()) out.set("none", TemplateTrue());
  if (!y.secretary.empty() && !y.not_yet.empty()) {
    out.set("secretary", y.secretary);
    out.set("not_yet", branchlife::JoinNames(y.not_yet));
  }
  if (!y.committee_not_yet.empty()) out.set("committee_not_yet", PairNames(ctx, y.committee_not_yet));
  return out;
}

tabular::Sheet BranchLifeAdmin::OverviewSheet(const AdminContext& ctx,
                                              const branchlife::Overview& o) const {
  const auto t = [&](std::string_view s) { return d_.kit.T(ctx, s); };
  tabular::Sheet sheet;
  sheet.name = d_.kit.Tf(ctx, N_("Overview {year}"), {{"year", std::to_string(o.year)}});
  sheet.title = o.quarter ? d_.kit.Tf(ctx, N_("Organisational life of the branches, {year} Q{q}"),
                                      {{"year", std::to_string(o.year)}, {"q", std::to_string(o.quarter)}})
                          : d_.kit.Tf(ctx, N_("Organisational life of the branches, {year}"),
                                      {{"year", std::to_string(o.year)}});
  sheet.header = {t(N_("Party branch")), t(N_("Secretary"))};
  if (!o.rows.empty())
    for (const auto& c : o.rows.front().months)
      sheet.header.push_back(d_.kit.MonthName(ctx, c.month));
  for (const char* h : {N_("Held on time"), N_("Records late"), N_("Missing"), N_("Pending"),
                        N_("Attendance rate"), N_("Talked with the secretary"), N_("Members besides the secretary")})
    sheet.header.push_back(t(h));
  sheet.kinds.assign(sheet.header.size(), tabular::ColumnKind::kGeneral);
  sheet.kinds[sheet.header.size() - 3] = tabular::ColumnKind::kPercent;  // the attendance rate
  for (const auto& r : o.rows) {
    std::vector<tabular::Cell> row{r.branch.name, r.secretary};
    for (const auto& c : r.months) row.push_back(c.state);
    for (int n : {r.met, r.late, r.missing, r.pending}) row.push_back(double(n));
    row.push_back(branchlife::Overview::Rate(r.attended, r.expected));
    // Heart-to-heart talks as two numbers a spreadsheet can add up; empty
    // for a branch without a secretary.
    for (std::size_t n : {r.talked, r.to_talk})
      row.push_back(r.to_talk || r.talked ? tabular::Cell(double(n)) : tabular::Cell(std::string()));
    sheet.rows.push_back(std::move(row));
  }
  return sheet;
}

Response BranchLifeAdmin::OverviewXlsx(const Request& req, const Params&, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto o = OverviewFor(req);
  if (!o.ok()) return kit.Message(ctx, HttpStatusFor(o.status()), N_("Not available"), o.status());
  return kit.AuditedExport(ctx,
                           kit.XlsxDownload(ctx, {OverviewSheet(ctx, *o)},
                                            fmt::format("branch-life-{}.xlsx", o->year)),
                           "branch-life.export", fmt::format("overview {} q{}", o->year, o->quarter));
}

std::vector<tabular::Sheet> BranchLifeAdmin::RecordSheets(const AdminContext& ctx,
                                                          const branchlife::YearRecord& r,
                                                          const branchlife::BranchTalks& talks) {
  const auto t = [&](std::string_view s) { return d_.kit.T(ctx, s); };
  const std::string year = std::to_string(r.year.year);
  tabular::Sheet meetings;
  meetings.name = t(N_("Meetings"));
  meetings.title = d_.kit.Tf(ctx, N_("{branch}: organisational life record {year}"),
                             {{"branch", r.year.branch.name}, {"year", year}});
  meetings.header = {t(N_("Date")), t(N_("Time")), t(N_("Kind")), t(N_("Topic")), t(N_("Place")),
                     t(N_("Host")), t(N_("Recorder")), t(N_("Expected")), t(N_("Attended")),
                     t(N_("Quorum")), t(N_("Excused")), t(N_("Absent")), t(N_("Records")),
                     t(N_("Minutes")), t(N_("Resolutions"))};
  meetings.kinds = {tabular::ColumnKind::kDate};
  for (const auto& v : r.meetings) {
    const auto& m = v.meeting;
    const std::string quorum = !v.quorum_required ? t(N_("Not required"))
                               : v.quorum         ? t(N_("Yes"))
                                                  : t(N_("No: decisions flagged"));
    meetings.rows.push_back({m.held_on, branchlife::MeetingHours(m), t(branchlife::KindName(m.kind)), m.topic,
                             m.place, m.host, m.recorder, double(v.expected),
                             double(v.tally.attended()), quorum, NamesWith(d_.kit, ctx, v, "excused"),
                             NamesWith(d_.kit, ctx, v, "absent"),
                             std::string(branchlife::RecordsStateName(v.records)), m.minutes,
                             m.resolutions});
  }
  tabular::Sheet due;
  due.name = t(N_("Due items"));
  due.header = {t(N_("Rule")), t(N_("Period")), t(N_("State"))};
  for (const auto& d : r.year.due) {
    const branchlife::Rule* rule = branchlife::FindRule(d.rule);
    due.rows.push_back({t(rule ? rule->name : d.rule), d.period.label, DueText(ctx, d)});
  }
  tabular::Sheet appraisal;
  appraisal.name = t(N_("Appraisal"));
  appraisal.header = {t(N_("Member")), t(N_("Rating"))};
  for (const auto& a : r.appraisal)
    appraisal.rows.push_back({a.member.name, t(branchlife::RatingName(a.rating))});
  tabular::Sheet talk_sheet;
  talk_sheet.name = t(N_("Heart-to-heart talks"));
  talk_sheet.header = {t(N_("Date")), t(N_("Led the talk")), t(N_("Talked with")), t(N_("Main points"))};
  talk_sheet.kinds = {tabular::ColumnKind::kDate};
  for (const auto& l : OldestFirst(talks.talks))
    talk_sheet.rows.push_back({l.talk.held_on, l.talker, l.member, l.talk.summary});
  return {meetings, due, talk_sheet, appraisal};
}

Response BranchLifeAdmin::RecordXlsx(const Request& req, const Params& p, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto id = ParsePositiveId(p.at("id"));
  auto year = YearOf(req);
  if (!id || !year) return kit.Message(ctx, 404, N_("Not found"), N_("There is no such branch."));
  auto r = d_.life.Record(ctx.who(), ctx.actor, *id, *year, Today(), "xlsx");
  if (!r.ok()) return kit.Message(ctx, HttpStatusFor(r.status()), N_("Not available"), r.status());
  auto talks = talks_.Year(ctx.who(), *id, *year);
  if (!talks.ok()) return kit.Message(ctx, HttpStatusFor(talks.status()), N_("Not available"), talks.status());
  return kit.XlsxDownload(ctx, RecordSheets(ctx, *r, *talks),
                          fmt::format("branch-{}-record-{}.xlsx", *id, *year));
}

Response BranchLifeAdmin::RecordPage(const Request& req, const Params& p, AdminContext& ctx) {
  AdminKit& kit = d_.kit;
  auto id = ParsePositiveId(p.at("id"));
  auto year = YearOf(req);
  if (!id || !year) return kit.Message(ctx, 404, N_("Not found"), N_("There is no such branch."));
  auto r = d_.life.Record(ctx.who(), ctx.actor, *id, *year, Today(), "print");
  if (!r.ok()) return kit.Message(ctx, HttpStatusFor(r.status()), N_("Not available"), r.status());
  auto talks = talks_.Year(ctx.who(), *id, *year);
  if (!talks.ok()) return kit.Message(ctx, HttpStatusFor(talks.status()), N_("Not available"), talks.status());
  data body, meetings{data::type::list}, ratings{data::type::list};
  for (const auto& v : r->meetings) {
    const auto& m = v.meeting;
    data row, reviews{data::type::list};
    row.set("id", std::to_string(m.id));
    row.set("day", m.held_on);
    row.set("time", branchlife::MeetingHours(m));
    row.set("kind", KindText(ctx, m.kind));
    row.set("topic", m.topic);
    for (auto [key, value] : {std::pair{"place", &m.place}, {"host", &m.host}, {"recorder", &m.recorder}})
      if (!value->empty()) row.set(key, *value);  // set means shown, even ""
    row.set("expected", std::to_string(v.expected));
    row.set("attended", std::to_string(v.tally.attended()));
    if (v.quorum_required && !v.quorum) row.set("no_quorum", TemplateTrue());
    if (auto s = NamesWith(d_.kit, ctx, v, "excused"); !s.empty()) row.set("excused", s);
    if (auto s = NamesWith(d_.kit, ctx, v, "absent"); !s.empty()) row.set("absent", s);
    if (!m.minutes.empty()) row.set("minutes", m.minutes);
    if (!m.resolutions.empty()) row.set("resolutions", m.resolutions);
    std::map<std::int64_t, std::string> names;
    for (const auto& l : v.lines) names[l.member.id] = l.member.name;
    for (const auto& rv : v.reviews) {
      data one;
      one.set("name", names[rv.member_id]);
      one.set("self", rv.self_criticism);
      one.set("criticism", rv.criticism);
      reviews.push_back(one);
    }
    if (!v.reviews.empty()) {
      row.set("reviews", reviews);
      row.set("has_reviews", TemplateTrue());
    }
    meetings.push_back(row);
  }
  for (const auto& a : r->appraisal) {
    data one;
    one.set("name", a.member.name);
    one.set("rating", kit.T(ctx, branchlife::RatingName(a.rating)));
    ratings.push_back(one);
  }
  body.set("branch", r->year.branch.name);
  body.set("branch_id", std::to_string(*id));
  body.set("year", std::to_string(*year));
  body.set("meetings", meetings);
  if (r->meetings.empty()) body.set("no_meetings", TemplateTrue());
  body.set("ratings", ratings);
  if (!r->appraisal.empty()) body.set("has_ratings", TemplateTrue());
  body.set("talks", RecordTalks(ctx, *talks));
  if (r->year.plan) body.set("plan", r->year.plan->body);
  return kit.Page(ctx, "admin_life_record", std::move(body),
                  kit.Tf(ctx, N_("{branch}: organisational life record {year}"),
                         {{"branch", r->year.branch.name}, {"year", std::to_string(*year)}}));
}

Response BranchLifeAdmin::AppraisalPage(const Request& req, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  auto year = YearOf(req);
  if (!id || !year) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such branch."));
  return AppraisalView(ctx, *id, *year, {}, Status::Ok(), 200);
}

Response BranchLifeAdmin::AppraisalView(AdminContext& ctx, std::int64_t branch, int year,
                                        const std::map<std::int64_t, std::string>& typed,
                                        const Status& error, int status) {
  AdminKit& kit = d_.kit;
  auto lines = d_.life.Appraisal(ctx.who(), ctx.actor, branch, year);
  if (!lines.ok()) return kit.Message(ctx, HttpStatusFor(lines.status()), N_("Not available"), lines.status());
  std::map<std::string, std::string> beside, field_ids;
  for (const Status& one : error.problems())
    if (!one.field().empty()) field_ids[one.field()] = one.field(), beside[one.field()] = kit.ErrorText(ctx, one);
  data body, rows{data::type::list};
  std::vector<AppraisalRecord> counted;
  for (const auto& l : *lines) {
    const std::string field = fmt::format("rating-{}", l.member.id);
    const auto t = typed.find(l.member.id);
    const std::string rating = t != typed.end() ? t->second : l.rating;
    data row, options{data::type::list};
    row.set("member_id", std::to_string(l.member.id));
    row.set("name", l.member.name);
    options.push_back(SelectOption("", kit.T(ctx, N_("Not rated")), rating.empty()));
    for (auto r : branchlife::Ratings())
      options.push_back(SelectOption(std::string(r), kit.T(ctx, branchlife::RatingName(r)), r == rating));
    row.set("options", options);
    if (beside.count(field)) row.set("error", beside[field]);
    rows.push_back(row);
    if (!l.rating.empty()) counted.push_back({year, l.member.id, branch, l.rating});
  }
  const auto c = branchlife::BranchLifeService::Count(counted);
  for (auto [key, n] : {std::pair{"excellent", c.excellent}, {"qualified", c.qualified}, {"basically", c.basically}, {"unqualified", c.unqualified}})
    body.set(key, std::to_string(n));
  body.set("unrated", std::to_string(lines->size() - counted.size()));
  body.set("rows", rows);
  body.set("branch_id", std::to_string(branch));
  body.set("year", std::to_string(year));
  kit.SetFormErrors(ctx, error, field_ids, body);
  return kit.Page(ctx, "admin_life_appraisal", std::move(body),
                  kit.Tf(ctx, N_("Democratic appraisal {year}"), {{"year", std::to_string(year)}}),
                  status);
}

Response BranchLifeAdmin::SaveAppraisal(const Request& req, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  // Who may appraise comes before what was sent (as for the plan).
  if (Status scope = id ? d_.life.CheckBranch(ctx.who(), *id) : Status::Ok(); !scope.ok())
    return d_.kit.Message(ctx, HttpStatusFor(scope), N_("Not saved"), scope);
  const auto form = http::Form::Parse(req.body);
  auto year = ParsePositiveId(form.Get("year"));
  if (!id || !year || *year > 2100)
    return d_.kit.Message(ctx, 400, N_("Not saved"), N_("Choose a year from 2000 to next year."));
  std::map<std::int64_t, std::string> ratings;
  for (const auto& [name, value] : form.pairs())
    if (name.rfind("rating-", 0) == 0)
      if (auto member = ParsePositiveId(name.substr(7))) ratings[*member] = value;
  Status s = d_.life.SaveAppraisal(ctx.who(), ctx.actor, *id, static_cast<int>(*year), ratings);
  if (!s.ok()) return AppraisalView(ctx, *id, static_cast<int>(*year), ratings, s, HttpStatusFor(s));
  return AdminKit::Done(fmt::format("/admin/branch-life/branches/{}/appraisal?year={}", *id, *year), "saved");
}

}  // namespace procura::web
