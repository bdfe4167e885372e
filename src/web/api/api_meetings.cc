// Api: branch organisational life, read-only — a branch's year (meetings
// and due items), one meeting with its attendance, and a branch's
// heart-to-heart talks. The same services decide as for the pages: a
// secretary reads their own branch only, and reading a meeting's minutes is
// audited.
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "branchlife/talks.h"
#include "core/clock.h"
#include "core/text.h"
#include "web/api/api.h"
#include "web/api/api_json.h"
#include "web/status_http.h"

namespace procura::web {
namespace {

using http::Request;
using http::Response;
using http::RouteParams;
using nlohmann::json;

Response Fail(const Status& s) { return JsonError(HttpStatusFor(s), s.message(), s.field()); }

json MeetingJson(const MeetingRecord& m) {
  json j = {{"id", m.id},           {"branch_id", m.branch_id}, {"kind", m.kind},
            {"held_on", m.held_on}, {"starts_at", m.starts_at}, {"ends_at", m.ends_at}, {"place", m.place},
            {"topic", m.topic},     {"host", m.host},           {"recorder", m.recorder},
            {"by_secretary", m.by_secretary}};
  j["group_id"] = m.group_id ? json(*m.group_id) : json(nullptr);
  j["records_filed"] = m.records_filed_at.has_value();
  return j;
}

// ?year=, this year (in the site's time zone) when absent.
Result<int> YearParam(const Request& req, const std::string& today) {
  const std::string y = ParseQuery(req.query)["year"];
  if (y.empty()) return std::stoi(today.substr(0, 4));
  auto n = ParsePositiveId(y);
  if (!n || *n < 2000 || *n > 2100) return Status::Invalid("year must be from 2000 to 2100").WithField("year");
  return static_cast<int>(*n);
}

}  // namespace

Response Api::BranchMeetings(const Request& req, const RouteParams& p, const auth::Principal& who,
                             const auth::Actor&) {
  if (!d_.branch_life) return JsonError(404, "branch life is not served here");
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return JsonError(404, "no such branch");
  const int offset = d_.branch_life->utc_offset();
  const std::string today = interact::LocalDay(NowUnix(), offset);
  const auto year_param = YearParam(req, today);
  if (!year_param.ok()) return JsonError(400, year_param.status().message(), "year");
  const int year = *year_param;
  auto y = d_.branch_life->Year(who, *id, year, today);
  if (!y.ok()) return Fail(y.status());
  json out = {{"branch_id", *id}, {"branch", y->branch.name}, {"year", year},
              {"has_committee", y->has_committee}, {"meetings", json::array()}, {"due", json::array()}};
  for (const auto& m : y->meetings) out["meetings"].push_back(MeetingJson(m));
  for (const auto& d : y->due) {
    json item = {{"rule", d.rule}, {"period", d.period.label},
                 {"state", std::string(branchlife::DueStateName(d.state))},
                 {"meetings", d.meetings}};
    item["group_id"] = d.group_id ? json(*d.group_id) : json(nullptr);
    if (!d.records_due.empty()) item["records_due"] = d.records_due;
    out["due"].push_back(item);
  }
  return JsonResponse(200, out);
}

Response Api::GetMeeting(const Request&, const RouteParams& p, const auth::Principal& who,
                         const auth::Actor& actor) {
  if (!d_.branch_life) return JsonError(404, "branch life is not served here");
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return JsonError(404, "There is no such meeting.");
  auto v = d_.branch_life->View(who, actor, *id);
  if (!v.ok()) return Fail(v.status());
  json out = MeetingJson(v->meeting);
  out["minutes"] = v->meeting.minutes;
  out["resolutions"] = v->meeting.resolutions;
  out["expected"] = v->expected;
  out["attended"] = v->tally.attended();
  out["quorum_required"] = v->quorum_required;
  out["quorum"] = v->quorum;
  out["records_due"] = v->records_due;
  out["records"] = std::string(branchlife::RecordsStateName(v->records));
  out["attendance"] = json::array();
  for (const auto& l : v->lines)
    out["attendance"].push_back({{"member_id", l.member.id},
                                 {"name", l.member.name},
                                 {"mark", l.mark ? l.mark->mark : ""},
                                 {"method", l.mark ? l.mark->method : ""}});
  return JsonResponse(200, out);
}

Response Api::BranchTalks(const Request& req, const RouteParams& p, const auth::Principal& who,
                          const auth::Actor&) {
  if (!d_.branch_life) return JsonError(404, "branch life is not served here");
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return JsonError(404, "no such branch");
  const auto year = YearParam(req, interact::LocalDay(NowUnix(), d_.branch_life->utc_offset()));
  if (!year.ok()) return JsonError(400, year.status().message(), "year");
  auto t = branchlife::TalkService(d_.storage, d_.audit, *d_.branch_life).Year(who, *id, *year);
  if (!t.ok()) return Fail(t.status());
  json out = {{"branch_id", *id}, {"year", *year}, {"talks", json::array()}, {"not_yet", json::array()}};
  out["secretary"] = t->secretary_id ? json{{"member_id", t->secretary_id}, {"name", t->secretary}} : json(nullptr);
  for (const auto& l : t->talks)
    out["talks"].push_back({{"id", l.talk.id}, {"held_on", l.talk.held_on},
                            {"talker_id", l.talk.talker_id}, {"talker", l.talker},
                            {"member_id", l.talk.member_id}, {"member", l.member},
                            {"summary", l.talk.summary}});
  for (const auto& m : t->not_yet) out["not_yet"].push_back({{"member_id", m.id}, {"name", m.name}});
  out["committee_not_yet"] = json::array();
  for (const auto& [a, b] : t->committee_not_yet)
    out["committee_not_yet"].push_back(json::array({json{{"member_id", a.id}, {"name", a.name}},
                                                    json{{"member_id", b.id}, {"name", b.name}}}));
  return JsonResponse(200, out);
}

}  // namespace procura::web
