// BranchLifeService: the yearly cycle (the organisational life meeting's
// records and the democratic appraisal), guides and plans, and a member's
// own year.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "branchlife/branch_life.h"
#include "core/clock.h"
#include "core/fields.h"
#include "branchlife/reminders.h"
#include "training/hours.h"
#include "training/outside_training.h"

namespace procura::branchlife {

using auth::Role;

const std::vector<std::string_view>& Ratings() {
  static const std::vector<std::string_view> r = {"excellent", "qualified", "basically-qualified",
                                                  "unqualified"};
  return r;
}

std::string_view RatingName(std::string_view rating) {
  if (rating == "excellent") return N_("Excellent");
  if (rating == "qualified") return N_("Qualified");
  if (rating == "basically-qualified") return N_("Basically qualified");
  if (rating == "unqualified") return N_("Unqualified");
  return rating;
}

Status BranchLifeService::SaveReviews(const auth::Principal& who, const auth::Actor& actor,
                                      std::int64_t id,
                                      const std::vector<MemberReviewRecord>& reviews) {
  auto m = Find(who, id);
  if (!m.ok()) return m.status();
  if (m->kind != "life-meeting")
    return Status::Invalid(N_("Criticism records belong to an organisational life meeting."));
  auto expected = Expected(storage_, *m);
  if (!expected.ok()) return expected.status();
  std::vector<Status> problems;
  for (const auto& r : reviews) {
    const bool ours = std::any_of(expected->begin(), expected->end(),
                                  [&](const MemberRecord& e) { return e.id == r.member_id; });
    const std::string self_key = fmt::format("self-{}", r.member_id);
    const std::string other_key = fmt::format("criticism-{}", r.member_id);
    if (!ours) {
      problems.push_back(Status::Invalid(N_("This member is not in the branch.")).WithField(self_key));
      continue;
    }
    for (Status s : {CheckTextField(self_key.c_str(), N_("Self-criticism"), r.self_criticism, kMaxReview, false),
                     CheckTextField(other_key.c_str(), N_("Criticism received"), r.criticism, kMaxReview, false)})
      if (!s.ok()) problems.push_back(std::move(s));
  }
  if (!problems.empty()) return Status::AllOf(std::move(problems));
  return storage_.InTransaction([&](Storage& tx) -> Status {
    for (auto r : reviews) {
      r.meeting_id = id;
      PROCURA_RETURN_IF_ERROR(tx.branch_life().PutMemberReview(r));
    }
    return audit_.Write(tx, actor, "meeting.reviews", "meeting", id,
                        fmt::format("{} members' records", reviews.size()));
  });
}

Result<std::vector<AppraisalLine>> BranchLifeService::Appraisal(const auth::Principal& who,
                                                                const auth::Actor& actor,
                                                                std::int64_t branch, int year) {
  PROCURA_RETURN_IF_ERROR(CheckBranch(who, branch));
  auto members = storage_.org().ListMembers(branch);
  auto rated = storage_.branch_life().ListAppraisals(year, branch);
  if (!members.ok() || !rated.ok()) return members.ok() ? rated.status() : members.status();
  std::map<std::int64_t, std::string> by_member;
  for (const auto& a : *rated) by_member[a.member_id] = a.rating;
  std::vector<AppraisalLine> out;
  for (const auto& m : *members)
    if (m.current() || by_member.count(m.id))
      out.push_back({m, by_member[m.id]});
  PROCURA_RETURN_IF_ERROR(audit_.RecordChecked(actor, "appraisal.view", "branch", branch,
                                               std::to_string(year)));
  return out;
}

Status BranchLifeService::SaveAppraisal(const auth::Principal& who, const auth::Actor& actor,
                                        std::int64_t branch, int year,
                                        const std::map<std::int64_t, std::string>& ratings) {
  PROCURA_RETURN_IF_ERROR(CheckBranch(who, branch));
  if (year < 2000 || year > 2100) return Status::Invalid(N_("The year is out of range."));
  auto members = storage_.org().ListMembers(branch);
  if (!members.ok()) return members.status();
  std::set<std::int64_t> ours;
  for (const auto& m : *members) ours.insert(m.id);
  std::vector<Status> problems;
  for (const auto& [member, rating] : ratings) {
    if (rating.empty()) continue;
    const std::string field = fmt::format("rating-{}", member);
    if (!ours.count(member))
      problems.push_back(Status::Invalid(N_("This member is not in the branch.")).WithField(field));
    else if (std::find(Ratings().begin(), Ratings().end(), rating) == Ratings().end())
      problems.push_back(Status::Invalid(N_("Choose one of the four ratings.")).WithField(field));
  }
  if (!problems.empty()) return Status::AllOf(std::move(problems));
  const UnixSeconds now = NowUnix();
  return storage_.InTransaction([&](Storage& tx) -> Status {
    int n = 0;
    for (const auto& [member, rating] : ratings) {
      if (rating.empty()) continue;
      PROCURA_RETURN_IF_ERROR(
          tx.branch_life().PutAppraisal({year, member, branch, rating, now, who.user_id}));
      ++n;
    }
    return audit_.Write(tx, actor, "appraisal.save", "branch", branch,
                        fmt::format("{}: {} ratings", year, n));
  });
}

AppraisalCounts BranchLifeService::Count(const std::vector<AppraisalRecord>& ratings) {
  AppraisalCounts c;
  for (const auto& a : ratings)
    (a.rating == "excellent"             ? c.excellent
     : a.rating == "qualified"           ? c.qualified
     : a.rating == "basically-qualified" ? c.basically
     : a.rating == "unqualified"         ? c.unqualified
                                         : c.unrated)++;
  return c;
}

Result<std::int64_t> BranchLifeService::PublishGuide(const auth::Principal& who,
                                                     const auth::Actor& actor, GuideRecord g) {
  if (!who.Has(Role::kRecordsOfficer))
    return Status::Denied(N_("Only the records officer publishes guides for the branches."));
  std::vector<Status> problems;
  const bool month = g.period.size() == 7 && g.period[4] == '-' && g.period[5] != 'Q' &&
                     interact::IsValidDay(g.period + "-01");
  const bool quarter = g.period.size() == 7 && g.period.substr(4, 2) == "-Q" &&
                       g.period[6] >= '1' && g.period[6] <= '4' &&
                       interact::IsValidDay(g.period.substr(0, 4) + "-01-01");
  if (!month && !quarter)
    problems.push_back(Status::Invalid(N_("Write the period as a month (2026-03) or a quarter (2026-Q1)."))
                           .WithField("period"));
  for (Status s : {CheckTextField("title", N_("Title"), g.title, kMaxTopic, true),
                   CheckTextField("topics", N_("Topics"), g.topics, kMaxMinutes, false),
                   CheckTextField("materials", N_("Materials"), g.materials, kMaxMinutes, false)})
    if (!s.ok()) problems.push_back(std::move(s));
  if (!interact::IsValidDay(g.report_by))
    problems.push_back(Status::Invalid(N_("Write the date as YYYY-MM-DD, e.g. 2026-03-15."))
                           .WithField("report_by"));
  if (!problems.empty()) return Status::AllOf(std::move(problems));
  g.published_at = NowUnix();
  g.published_by = who.user_id;
  std::int64_t id = 0;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    auto made = tx.branch_life().InsertGuide(g);
    if (!made.ok()) return made.status();
    id = *made;
    return audit_.Write(tx, actor, "guide.publish", "guide", id, g.period + ": " + g.title);
  }));
  return id;
}

Result<std::vector<GuideRecord>> BranchLifeService::Guides(const auth::Principal& who, int year) {
  if (!auth::Can(who, auth::Action::kViewRecords))
    return Status::Denied(N_("Party records are for the records officer and branch secretaries."));
  return storage_.branch_life().ListGuides(fmt::format("{:04}", year));
}

Result<std::map<std::int64_t, std::set<std::int64_t>>> BranchLifeService::GuideAnswers(
    const auth::Principal& who, int year) {
  auto guides = Guides(who, year);
  if (!guides.ok()) return guides.status();
  std::map<std::int64_t, std::string> report_by;
  for (const auto& g : *guides) report_by[g.id] = g.report_by;
  // Guides of December are answered into January.
  auto meetings = storage_.branch_life().ListMeetings(
      {{}, fmt::format("{:04}-01-01", year), fmt::format("{:04}-01-31", year + 1), {}});
  if (!meetings.ok()) return meetings.status();
  std::map<std::int64_t, std::set<std::int64_t>> out;
  for (const auto& g : *guides) out[g.id];
  for (const auto& m : *meetings)
    if (m.guide_id && report_by.count(*m.guide_id) && m.held_on <= report_by[*m.guide_id])
      out[*m.guide_id].insert(m.branch_id);
  return out;
}

Status BranchLifeService::FilePlan(const auth::Principal& who, const auth::Actor& actor,
                                   std::int64_t branch, int year, const std::string& body) {
  PROCURA_RETURN_IF_ERROR(CheckBranch(who, branch));
  PROCURA_RETURN_IF_ERROR(CheckTextField("plan", N_("Plan"), body, kMaxPlan, true));
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.branch_life().PutPlan({branch, year, body, NowUnix(), who.user_id}));
    return audit_.Write(tx, actor, "plan.file", "branch", branch, std::to_string(year));
  });
}

Result<std::string> BranchLifeService::ReminderEmail(const auth::Principal& who) {
  auto all = storage_.branch_life().ListReminderEmails();
  if (!all.ok()) return all.status();
  for (const auto& [user, email] : *all)
    if (user == who.user_id) return email;
  return std::string();
}

Status BranchLifeService::SetReminderEmail(const auth::Principal& who, const auth::Actor& actor,
                                           const std::string& email) {
  if (!who.Has(auth::Role::kRecordsOfficer)) {
    auto own = org_.OwnBranch(who);
    if (!own.ok()) return own.status();
    if (!own->has_value())
      return Status::Denied(
          N_("Reminders go to branch secretaries about their own branch, and to the records officer about every branch."));
  }
  if (!email.empty()) PROCURA_RETURN_IF_ERROR(CheckEmailAddress(email));
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.branch_life().SetReminderEmail(who.user_id, email));
    return audit_.Write(tx, actor, "reminder.address", "user", who.user_id,
                        email.empty() ? "removed" : email);
  });
}

Result<MemberYear> BranchLifeService::Mine(const auth::Principal& who, int year) {
  auto me = storage_.org().MemberForUser(who.user_id);
  if (!me.ok()) return me.status();
  if (!me->has_value())
    return Status::NotFound(N_("Your account is not linked to a party member record."));
  MemberYear out;
  out.member = **me;
  auto units = storage_.org().ListUnits();
  if (!units.ok()) return units.status();
  for (const auto& u : *units)
    if (u.id == out.member.branch_id) out.branch_name = u.name;
  MeetingFilter f{out.member.branch_id, fmt::format("{:04}-01-01", year),
                  fmt::format("{:04}-12-31", year), {}};
  auto meetings = storage_.branch_life().ListMeetings(f);
  auto marks = storage_.branch_life().ListMeetingMarks(f);
  if (!meetings.ok() || !marks.ok()) return meetings.ok() ? marks.status() : meetings.status();
  std::map<std::int64_t, std::string> mine;
  for (const auto& k : *marks)
    if (k.member_id == out.member.id) mine[k.meeting_id] = k.mark;
  // The year's total as the member's training archive counts it.
  auto archive = training::TrainingArchive(storage_, out.member.id, year);
  if (!archive.ok()) return archive.status();
  for (const auto& y : *archive)
    if (y.year == year) out.training_hours = y.total;
  for (const auto& m : *meetings) {
    auto expected = Expected(storage_, m);
    if (!expected.ok()) return expected.status();
    const bool invited = std::any_of(expected->begin(), expected->end(),
                                     [&](const MemberRecord& e) { return e.id == out.member.id; });
    if (!invited && !mine.count(m.id)) continue;
    out.meetings.push_back({m, mine[m.id]});
    out.attended += training::Attended(mine[m.id]);
  }
  return out;
}

}  // namespace procura::branchlife
