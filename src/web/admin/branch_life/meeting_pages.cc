// BranchLifeAdmin: recording one meeting — the form, the meeting's page
// with its attendance sheet, minutes, photos and (for the organisational
// life meeting) each member's criticism record — and deleting it.
#include <fmt/format.h>

#include "branchlife/talks.h"
#include "core/clock.h"
#include "core/labels.h"
#include "core/text.h"
#include "http/forms.h"
#include "interact/work_calendar.h"
#include "web/admin/admin_handler.h"
#include "web/admin/branch_life/branch_life_admin.h"
#include "web/status_http.h"

namespace procura::web {

using http::Request;
using http::Response;

namespace {

// The meeting's fields from its form (branch, id and version by the caller).
MeetingRecord ReadMeetingForm(const http::Form& f) {
  MeetingRecord m;
  m.kind = f.Get("kind");
  m.held_on = Trim(f.Get("held_on"));
  m.starts_at = Trim(f.Get("starts_at"));
  m.ends_at = Trim(f.Get("ends_at"));
  m.place = Trim(f.Get("place"));
  m.topic = Trim(f.Get("topic"));
  m.host = Trim(f.Get("host"));
  m.recorder = Trim(f.Get("recorder"));
  m.by_secretary = f.Get("by_secretary") == "1";
  m.group_id = ParsePositiveId(f.Get("group_id"));
  m.guide_id = ParsePositiveId(f.Get("guide_id"));
  m.minutes = f.Get("minutes");
  m.resolutions = f.Get("resolutions");
  return m;
}

const std::map<std::string, std::string> kMeetingFields = {
    {"kind", "m-kind"},         {"held_on", "m-held-on"}, {"starts_at", "m-starts-at"},
    {"ends_at", "m-ends-at"},   {"topic", "m-topic"},       {"place", "m-place"},     {"host", "m-host"},
    {"recorder", "m-recorder"}, {"group_id", "m-group"},  {"guide_id", "m-guide"},
    {"by_secretary", "m-by-secretary"}, {"minutes", "m-minutes"}, {"resolutions", "m-resolutions"}};

// Who usually takes the minutes: the recorder of the meeting last entered
// for the branch in the past year, else its organization committee member.
std::string UsualRecorder(Storage& storage, std::int64_t branch, const std::vector<PostRecord>& posts,
                          const std::string& today) {
  MeetingFilter f;
  f.branch_id = branch;
  f.from_day = interact::AddDays(today, -366);
  const MeetingRecord* latest = nullptr;
  auto meetings = storage.branch_life().ListMeetings(f);
  if (meetings.ok())
    for (const auto& m : *meetings)
      if (!Trim(m.recorder).empty() && (!latest || m.id > latest->id)) latest = &m;
  if (latest) return latest->recorder;
  for (const auto& p : posts)
    if (p.unit_id == branch && p.post == "organization-member")
      if (auto who = storage.org().GetMember(p.member_id); who.ok() && who->has_value())
        return (*who)->name;
  return "";
}

}  // namespace

Response BranchLifeAdmin::NewMeeting(const Request& req, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such branch."));
  MeetingRecord m;
  m.branch_id = *id;
  m.kind = ParseQuery(req.query)["kind"];
  if (!branchlife::IsMeetingKind(m.kind)) m.kind = "themed-day";
  m.held_on = Today();
  m.starts_at = "14:30";
  m.ends_at = "16:30";
  // The secretary usually hosts: their name is filled in, to be changed.
  auto posts = d_.storage.org().ListPosts();
  if (const std::int64_t sec = posts.ok() ? branchlife::SecretaryOf(*id, *posts) : 0)
    if (auto who = d_.storage.org().GetMember(sec); who.ok() && who->has_value()) m.host = (*who)->name;
  if (posts.ok()) m.recorder = UsualRecorder(d_.storage, *id, *posts, m.held_on);
  return MeetingForm(ctx, m, Status::Ok(), 200);
}

Response BranchLifeAdmin::MeetingForm(const AdminContext& ctx, const MeetingRecord& m,
                                      const Status& error, int status) {
  AdminKit& kit = d_.kit;
  if (Status may = d_.life.CheckBranch(ctx.who(), m.branch_id); !may.ok())
    return kit.Message(ctx, HttpStatusFor(may), N_("Not available"), may);
  data body, groups{data::type::list}, guides{data::type::list};
  auto group_list = d_.storage.branch_life().ListGroups(m.branch_id);
  if (group_list.ok() && !group_list->empty()) {
    groups.push_back(SelectOption("", kit.T(ctx, N_("Not a group meeting")), !m.group_id));
    for (const auto& g : *group_list)
      groups.push_back(SelectOption(std::to_string(g.id), g.name, m.group_id == g.id));
    body.set("groups", groups);
    body.set("has_groups", TemplateTrue());
  }
  const int year = m.held_on.size() >= 4 && ParsePositiveId(m.held_on.substr(0, 4))
                       ? std::stoi(m.held_on.substr(0, 4)) : std::stoi(Today().substr(0, 4));
  auto guide_list = d_.life.Guides(ctx.who(), year);
  guides.push_back(SelectOption("", kit.T(ctx, N_("None")), !m.guide_id));
  if (guide_list.ok())
    for (const auto& g : *guide_list)
      guides.push_back(SelectOption(std::to_string(g.id), g.period + " " + g.title, m.guide_id == g.id));
  body.set("guides", guides);
  const auto has_committee = branchlife::BranchHasCommittee(d_.storage, m.branch_id);
  body.set("kinds", KindOptions(ctx, m.kind, !has_committee.ok() || *has_committee));
  body.set("branch_id", std::to_string(m.branch_id));
  // The branch's members, offered as the host and the recorder are typed.
  data people{data::type::list};
  if (auto members = d_.storage.org().ListMembers(m.branch_id); members.ok())
    for (const auto& member : *members)
      if (member.current()) people.push_back(data(member.name));
  body.set("people", people);
  for (auto [key, value] : {std::pair{"held_on", &m.held_on}, {"starts_at", &m.starts_at},
                            {"ends_at", &m.ends_at}, {"place", &m.place}, {"topic", &m.topic}, {"host", &m.host},
                            {"recorder", &m.recorder}, {"minutes", &m.minutes},
                            {"resolutions", &m.resolutions}})
    body.set(key, *value);
  if (m.by_secretary) body.set("by_secretary", TemplateTrue());
  if (m.id) {
    body.set("id", std::to_string(m.id));
    body.set("version", std::to_string(m.version));
  }
  kit.SetFormErrors(ctx, error, kMeetingFields, body);
  return kit.Page(ctx, "admin_life_meeting_form", std::move(body),
                  m.id ? N_("Edit the meeting") : N_("Record a meeting"), status);
}

Response BranchLifeAdmin::CreateMeeting(const Request& req, const Params& p, AdminContext& ctx) {
  auto branch = ParsePositiveId(p.at("id"));
  if (!branch) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such branch."));
  MeetingRecord m = ReadMeetingForm(http::Form::Parse(req.body));
  m.branch_id = *branch;
  auto id = d_.life.Create(ctx.who(), ctx.actor, m);
  if (!id.ok()) {
    if (id.status().code() != Status::Code::kInvalidArgument)
      return d_.kit.Message(ctx, HttpStatusFor(id.status()), N_("Meeting not saved"), id.status());
    return MeetingForm(ctx, m, id.status(), 422);
  }
  return AdminKit::Done(fmt::format("/admin/meetings/{}", *id), "saved");
}

Response BranchLifeAdmin::EditMeeting(const Request&, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  auto m = id ? d_.life.Find(ctx.who(), *id) : Result<MeetingRecord>(Status::NotFound(N_("There is no such meeting.")));
  if (!m.ok()) return d_.kit.Message(ctx, HttpStatusFor(m.status()), N_("Not found"), m.status());
  return MeetingForm(ctx, *m, Status::Ok(), 200);
}

Response BranchLifeAdmin::SaveMeeting(const Request& req, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  auto old = id ? d_.life.Find(ctx.who(), *id) : Result<MeetingRecord>(Status::NotFound(N_("There is no such meeting.")));
  if (!old.ok()) return d_.kit.Message(ctx, HttpStatusFor(old.status()), N_("Not found"), old.status());
  const auto form = http::Form::Parse(req.body);
  MeetingRecord m = ReadMeetingForm(form);
  m.id = *id;
  m.branch_id = old->branch_id;
  m.photos = old->photos;
  auto version = ParsePositiveId(form.Get("version"));
  m.version = version ? *version : 0;
  Status s = d_.life.Update(ctx.who(), ctx.actor, m);
  if (s.code() == Status::Code::kInvalidArgument) return MeetingForm(ctx, m, s, 422);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Meeting not saved"), s);
  return AdminKit::Done(fmt::format("/admin/meetings/{}", *id), "saved");
}

Response BranchLifeAdmin::DeleteMeeting(const Request& req, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  auto m = id ? d_.life.Find(ctx.who(), *id) : Result<MeetingRecord>(Status::NotFound(N_("There is no such meeting.")));
  if (!m.ok()) return d_.kit.Message(ctx, HttpStatusFor(m.status()), N_("Not found"), m.status());
  if (auto ask = d_.kit.ConfirmFirst(ctx, req,
                                     N_("Delete the meeting “{topic}” with its attendance and records? This cannot be undone."),
                                     {{"topic", m->topic}}, fmt::format("/admin/meetings/{}", *id)))
    return *ask;
  Status s = d_.life.Delete(ctx.who(), ctx.actor, *id);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Meeting not deleted"), s);
  return AdminKit::Done(fmt::format("/admin/branch-life/branches/{}?year={}", m->branch_id,
                                    m->held_on.substr(0, 4)), "deleted");
}

Response BranchLifeAdmin::MeetingPage(const Request&, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such meeting."));
  return MeetingView(ctx, *id, Status::Ok(), 200);
}

Response BranchLifeAdmin::SaveMarks(const Request& req, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such meeting."));
  const auto form = http::Form::Parse(req.body);
  std::vector<training::MarkChange> rows;
  for (const auto& [name, value] : form.pairs()) {
    if (name.rfind("mark-", 0) != 0) continue;
    if (auto member = ParsePositiveId(name.substr(5)))
      rows.push_back({*member, value, Trim(form.Get("reason-" + name.substr(5)))});
  }
  auto saved = d_.life.SaveMarks(ctx.who(), ctx.actor, *id, rows);
  if (saved.status().code() == Status::Code::kInvalidArgument)
    return MeetingView(ctx, *id, saved.status(), 422);
  if (!saved.ok()) return d_.kit.Message(ctx, HttpStatusFor(saved.status()), N_("Not saved"), saved.status());
  return AdminKit::Done(fmt::format("/admin/meetings/{}#attendance", *id), "marked");
}

Response BranchLifeAdmin::SaveReviews(const Request& req, const Params& p, AdminContext& ctx) {
  auto id = ParsePositiveId(p.at("id"));
  if (!id) return d_.kit.Message(ctx, 404, N_("Not found"), N_("There is no such meeting."));
  const auto form = http::Form::Parse(req.body);
  std::vector<MemberReviewRecord> reviews;
  for (const auto& [name, value] : form.pairs()) {
    if (name.rfind("self-", 0) != 0) continue;
    if (auto member = ParsePositiveId(name.substr(5)))
      reviews.push_back({*id, *member, value, form.Get("criticism-" + name.substr(5))});
  }
  Status s = d_.life.SaveReviews(ctx.who(), ctx.actor, *id, reviews);
  if (s.code() == Status::Code::kInvalidArgument) return MeetingView(ctx, *id, s, 422);
  if (!s.ok()) return d_.kit.Message(ctx, HttpStatusFor(s), N_("Not saved"), s);
  return AdminKit::Done(fmt::format("/admin/meetings/{}#reviews", *id), "saved");
}

}  // namespace procura::web
