// BranchLifeAdmin: a branch's heart-to-heart talks (谈心谈话) — the year's
// list, who has not yet talked with the secretary, the form to record one,
// correcting one, and deleting one (confirmed first).
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/clock.h"
#include "core/text.h"
#include "http/forms.h"
#include "interact/work_calendar.h"
#include "web/admin/branch_life/branch_life_admin.h"
#include "web/status_http.h"

namespace procura::web {

using http::Request;
using http::Response;
using kainjow::mustache::data;

namespace {

data MemberOptions(const AdminKit& kit, const AdminContext& ctx, const std::vector<MemberRecord>& members,
                   std::int64_t selected) {
  data out{data::type::list};
  out.push_back(SelectOption("", kit.T(ctx, N_("Choose a member")), selected == 0));
  for (const auto& m : members)
    out.push_back(SelectOption(std::to_string(m.id), m.name, m.id == selected));
  return out;
}

// The talk form as sent.
branchlife::TalkInput TalkFromForm(const Request& req, std::int64_t branch) {
  const auto form = http::Form::Parse(req.body);
  branchlife::TalkInput in;
  in.branch_id = branch;
  in.held_on = Trim(NarrowForms(form.Get("held_on")));
  in.talker_id = ParsePositiveId(form.Get("talker_id")).value_or(0);
  in.member_id = ParsePositiveId(form.Get("member_id")).value_or(0);
  in.summary = form.Get("summary");
  return in;
}

std::string TalksUrl(std::int64_t branch, std::string_view day) {
  return fmt::format("/admin/branch-life/branches/{}/talks?year={}", branch, day.substr(0, 4));
}

// True if a talk in `y` was led by or held with one of the demo's
// fictitious members: the page says it is sample data, as a class's does.
bool HasSampleTalk(const branchlife::BranchTalks& y) {
  std::set<std::int64_t> sample;
  for (const MemberRecord& m : y.members)
    if (m.is_sample) sample.insert(m.id);
  return std::any_of(y.talks.begin(), y.talks.end(), [&](const branchlife::TalkLine& l) {
    return sample.count(l.talk.talker_id) || sample.count(l.talk.member_id);
  });
}

}  // namespace

TemplateData BranchLifeAdmin::TalkRows(const std::vector<branchlife::TalkLine>& talks) {
  data rows{data::type::list};
  for (const auto& l : talks) {
    data r;
    r.set("id", std::to_string(l.talk.id));
    r.set("held_on", l.talk.held_on);
    r.set("talker", l.talker);
    r.set("member", l.member);
    r.set("summary", l.talk.summary);
    rows.push_back(r);
  }
  return rows;
}

std::string BranchLifeAdmin::PairNames(const AdminContext& ctx, const branchlife::MemberPairs& pairs) const {
  return branchlife::JoinPairs(pairs, d_.kit.T(ctx, N_("{a} with {b}")));
}

Response BranchLifeAdmin::TalksPage(const Request& req, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  auto year = YearOf(req);
  if (!id || !year) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such branch."));
  branchlife::TalkInput typed;
  typed.branch_id = *id;
  typed.held_on = Today();
  return TalksView(ctx, *id, *year, typed, Status::Ok(), 200);
}

Response BranchLifeAdmin::TalksView(AdminContext& ctx, std::int64_t branch, int year,
                                    const branchlife::TalkInput& typed, const Status& error,
                                    int status) {
  AdminKit& kit = d_.kit;
  auto y = talks_.Year(ctx.who(), branch, year);
  if (!y.ok()) return kit.Message(ctx, HttpStatusFor(y.status()), N_("Not available"), y.status());
  data body;
  body.set("talks", TalkRows(y->talks));
  if (y->talks.empty()) body.set("none", TemplateTrue());
  if (HasSampleTalk(*y)) body.set("sample", TemplateTrue());
  if (!y->secretary.empty()) {
    body.set("secretary", y->secretary);
    if (!y->not_yet.empty()) body.set("not_yet", branchlife::JoinNames(y->not_yet));
  }
  if (!y->committee_not_yet.empty()) body.set("committee_not_yet", PairNames(ctx, y->committee_not_yet));
  if (!y->secretary.empty() || !y->committee_not_yet.empty()) body.set("notice", TemplateTrue());
  // The secretary leads most talks: a new form starts with them and the
  // first member they have not yet talked with.
  const bool fresh = !typed.talker_id && !typed.member_id;
  const std::int64_t talker = fresh ? y->secretary_id : typed.talker_id;
  const std::int64_t with = fresh && !y->not_yet.empty() ? y->not_yet.front().id : typed.member_id;
  TalkFormPart(ctx, y->members, talker, with, typed, error, body);
  body.set("branch_id", std::to_string(branch));
  body.set("year", std::to_string(year));
  return kit.Page(ctx, "admin_life_talks", std::move(body),
                  kit.Tf(ctx, N_("Heart-to-heart talks {year}"), {{"year", std::to_string(year)}}),
                  status);
}

void BranchLifeAdmin::TalkFormPart(const AdminContext& ctx, const std::vector<MemberRecord>& members,
                                   std::int64_t talker, std::int64_t with, const branchlife::TalkInput& typed,
                                   const Status& error, TemplateData& body) const {
  const AdminKit& kit = d_.kit;
  body.set("talkers", MemberOptions(kit, ctx, members, talker));
  body.set("members", MemberOptions(kit, ctx, members, with));
  body.set("held_on", typed.held_on);
  body.set("today", Today());
  body.set("summary", typed.summary);
  kit.SetFormErrors(ctx, error,
                    {{"held_on", "t-held_on"}, {"talker_id", "t-talker"}, {"member_id", "t-member"},
                     {"summary", "t-summary"}},
                    body);
}

Response BranchLifeAdmin::RecordTalk(const Request& req, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  // Who may record comes before what was sent (as for the plan).
  if (Status scope = id ? d_.life.CheckBranch(ctx.who(), *id) : Status::Ok(); !scope.ok())
    return d_.kit.Message(ctx, HttpStatusFor(scope), N_("Not saved"), scope);
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such branch."));
  const branchlife::TalkInput in = TalkFromForm(req, *id);
  auto made = talks_.Record(ctx.who(), ctx.actor, in, NowUnix());
  // The list shown is the year of the talk's date, or this year's.
  const int year = std::stoi((interact::IsValidDay(in.held_on) ? in.held_on : Today()).substr(0, 4));
  if (!made.ok()) return TalksView(ctx, *id, year, in, made.status(), HttpStatusFor(made.status()));
  return AdminKit::Done(TalksUrl(*id, std::to_string(year)), "saved");
}

Result<TalkRecord> BranchLifeAdmin::FindTalk(const Params& p, const AdminContext& ctx) {
  const auto id = ParsePositiveId(p.at("id"));
  if (!id) return Status::NotFound(N_("There is no such talk record."));
  return talks_.Find(ctx.who(), *id);
}

Response BranchLifeAdmin::DeleteTalk(const Request& req, const Params& p, AdminContext& ctx) {
  auto t = FindTalk(p, ctx);
  if (!t.ok()) return d_.kit.Message(ctx, HttpStatusFor(t.status()), N_("Not found"), t.status());
  const std::string back = TalksUrl(t->branch_id, t->held_on);
  if (auto ask = d_.kit.ConfirmFirst(ctx, req, N_("Delete the record of the talk held on {day}? This cannot be undone."),
                                     {{"day", t->held_on}}, back))
    return *ask;
  Status s = talks_.Delete(ctx.who(), ctx.actor, t->id);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not deleted"), s);
  return AdminKit::Done(back, "deleted");
}

Response BranchLifeAdmin::EditTalkPage(const Request&, const Params& p, AdminContext& ctx) {
  auto t = FindTalk(p, ctx);
  if (!t.ok()) return d_.kit.Message(ctx, HttpStatusFor(t.status()), N_("Not found"), t.status());
  const branchlife::TalkInput typed{t->branch_id, t->held_on, t->talker_id, t->member_id, t->summary};
  return TalkEditView(ctx, *t, typed, Status::Ok(), 200);
}

Response BranchLifeAdmin::TalkEditView(AdminContext& ctx, const TalkRecord& talk,
                                       const branchlife::TalkInput& typed, const Status& error, int status) {
  AdminKit& kit = d_.kit;
  auto y = talks_.Year(ctx.who(), talk.branch_id, std::stoi(talk.held_on.substr(0, 4)));
  if (!y.ok()) return kit.Message(ctx, HttpStatusFor(y.status()), N_("Not available"), y.status());
  // The talk's own members stay choices after they have left the branch.
  std::vector<MemberRecord> choices = y->members;
  for (const auto& line : y->talks)
    if (line.talk.id == talk.id)
      for (const auto& [id, name] : {std::pair{talk.talker_id, line.talker}, std::pair{talk.member_id, line.member}})
        if (std::none_of(choices.begin(), choices.end(), [&](const auto& m) { return m.id == id; }))
          choices.push_back({.id = id, .name = name});
  data body;
  TalkFormPart(ctx, choices, typed.talker_id, typed.member_id, typed, error, body);
  body.set("id", std::to_string(talk.id));
  body.set("back", TalksUrl(talk.branch_id, talk.held_on));
  return kit.Page(ctx, "admin_life_talk_edit", std::move(body),
                  kit.Tf(ctx, N_("Correct the talk of {day}"), {{"day", talk.held_on}}), status);
}

Response BranchLifeAdmin::SaveTalk(const Request& req, const Params& p, AdminContext& ctx) {
  auto t = FindTalk(p, ctx);
  if (!t.ok()) return d_.kit.Message(ctx, HttpStatusFor(t.status()), N_("Not found"), t.status());
  const branchlife::TalkInput in = TalkFromForm(req, t->branch_id);
  if (Status s = talks_.Update(ctx.who(), ctx.actor, t->id, in, NowUnix()); !s.ok())
    return TalkEditView(ctx, *t, in, s, HttpStatusFor(s));
  return AdminKit::Done(TalksUrl(t->branch_id, in.held_on), "saved");
}

}  // namespace procura::web
