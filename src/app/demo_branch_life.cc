// The demo's branch organisational life: twelve months of plausible
// meetings for every branch up to the day the demo is loaded (and those
// planned for the next two weeks, not yet held), with
// attendance, minutes filed mostly on time, party groups in the larger
// branches, the committee's guides and the branches' plans. A few
// branches are behind (meetings skipped, records late or missing, a
// committee meeting without quorum), so the overview shows real gaps.
// Deterministic: the same day gives the same records.
#include "app/demo_branch_life.h"

#include <fmt/format.h>

#include <map>

#include "branchlife/rules.h"
#include "core/clock.h"
#include "interact/work_calendar.h"

namespace procura::app {
namespace {

constexpr const char* kTopics[] = {
    "学习《中国共产党支部工作条例（试行）》",
    "学习贯彻党的二十届三中全会精神",
    "检察为民办实事专题研讨",
    "深入学习习近平法治思想",
    "党纪学习教育专题学习",
    "“高质效办好每一个案件”专题讨论",
    "参观廉政教育基地",
    "重温入党誓词",
    "学习新修订的《中国共产党纪律处分条例》",
    "开展志愿服务进社区活动",
    "业务骨干经验交流",
    "学习先进典型事迹",
};
constexpr int kTopicCount = sizeof kTopics / sizeof kTopics[0];
// A committee or members' meeting decides the branch's business.
constexpr const char* kCommitteeTopics[] = {"研究部署本月支部工作", "研究党员教育管理和发展党员工作",
                                            "研究党费收缴和组织生活安排"};
constexpr const char* kMembersTopics[] = {"通报支部季度工作，传达上级党组织会议精神",
                                          "讨论支部年度工作要点落实情况"};

// A topic that fits the kind of meeting: the life meeting and the
// appraisal are named by their year; others take turns from a list.
std::string TopicFor(const std::string& kind, const std::string& day, int turn) {
  if (kind == "life-meeting") return fmt::format("{}年度组织生活会", day.substr(0, 4));
  if (kind == "appraisal") return fmt::format("{}年度民主评议党员", day.substr(0, 4));
  if (kind == "committee") return kCommitteeTopics[turn % 3];
  if (kind == "members") return kMembersTopics[turn % 2];
  return kTopics[turn % kTopicCount];
}
constexpr const char* kPlaces[] = {"第一会议室", "党员活动室", "第三会议室", "机关多功能厅"};

// How far ahead the branches have planned their meetings.
constexpr int kPlannedDaysAhead = 14;

// Branches whose records fall behind (by position in the organisation).
bool IsBehind(int branch_index) {
  return branch_index == 4 || branch_index == 11 || branch_index == 19 || branch_index == 25;
}

struct Branch {
  std::int64_t id = 0;
  int index = 0;
  std::vector<MemberRecord> members;
  std::vector<std::int64_t> committee;  // members with posts
  bool has_committee = true;  // else no committee meetings (branchlife::HasCommittee)
  std::string secretary, recorder;
  std::int64_t secretary_id = 0;
  std::vector<std::pair<std::int64_t, std::vector<std::int64_t>>> groups;  // id → members
};

class Generator {
 public:
  Generator(Storage& tx, const std::string& today, int offset)
      : tx_(tx), today_(today), offset_(offset),
        cal_(interact::ParseCalendar(interact::DefaultCalendarText()).value()) {}

  Status Run();

 private:
  Status LoadBranches();
  Status Month(Branch& b, int year, int month);
  // Adds one meeting with its attendance; `quality` 0 = exemplary,
  // 1 = patchy records, 2 = below quorum.
  Status Meeting(const Branch& b, const std::string& kind, const std::string& day, int quality,
                 std::optional<std::int64_t> group = {}, bool by_secretary = false);
  Status Guides();
  Status Plans();
  Status Talks();

  Storage& tx_;
  std::string today_;
  int offset_;
  interact::WorkCalendar cal_;
  std::vector<Branch> branches_;
  int seq_ = 0;      // varies topics, places and marks
  int planned_ = 0;  // varies the planned meetings' topics and places
  std::map<std::string, std::int64_t> guide_of_month_;  // "YYYY-MM" → the month's guide
};

Status Generator::LoadBranches() {
  auto units = tx_.org().ListUnits();
  auto members = tx_.org().ListMembers(std::nullopt);
  auto posts = tx_.org().ListPosts();
  if (!units.ok() || !members.ok() || !posts.ok()) return Status::Internal("demo: org not readable");
  for (const auto& u : *units) {
    if (u.kind != "branch") continue;
    Branch b;
    b.id = u.id;
    b.index = static_cast<int>(branches_.size());
    for (const auto& m : *members)
      if (m.branch_id == u.id) b.members.push_back(m);
    bool committee_members = false;
    for (const auto& p : *posts) {
      if (p.unit_id != u.id) continue;
      committee_members |= branchlife::IsCommitteeMemberPost(p.post);
      b.committee.push_back(p.member_id);
      for (const auto& m : b.members)
        if (m.id == p.member_id && (p.post == "secretary" || p.post == "organization-member"))
          (p.post == "secretary" ? b.secretary : b.recorder) = m.name;
      if (p.post == "secretary") b.secretary_id = p.member_id;
    }
    b.has_committee = branchlife::HasCommittee(b.members.size(), committee_members);
    // Without an organisation member, the first other member keeps the records.
    for (const auto& m : b.members)
      if (b.recorder.empty() && m.id != b.secretary_id) b.recorder = m.name;
    // Branches of six or more keep two party groups.
    if (b.members.size() >= 6) {
      for (int g = 0; g < 2; ++g) {
        auto id = tx_.branch_life().InsertGroup({0, u.id, g == 0 ? "第一党小组" : "第二党小组"});
        if (!id.ok()) return id.status();
        std::vector<std::int64_t> in;
        for (std::size_t i = g; i < b.members.size(); i += 2) {
          PROCURA_RETURN_IF_ERROR(tx_.branch_life().PutGroupMember({*id, b.members[i].id, i < 2}));
          in.push_back(b.members[i].id);
        }
        b.groups.emplace_back(*id, std::move(in));
      }
    }
    branches_.push_back(std::move(b));
  }
  return Status::Ok();
}

Status Generator::Meeting(const Branch& b, const std::string& kind, const std::string& day,
                          int quality, std::optional<std::int64_t> group, bool by_secretary) {
  // Up to two weeks ahead a branch's meetings are planned: the notice is
  // out, nothing is recorded yet. A planned meeting takes no turn of
  // `seq_`, so the held ones are the same however many are planned.
  const bool planned = day > today_;
  if (planned && day > interact::AddDays(today_, kPlannedDaysAhead)) return Status::Ok();
  const int n = planned ? seq_ + ++planned_ : seq_++;
  MeetingRecord m;
  m.branch_id = b.id;
  m.group_id = group;
  m.kind = kind;
  m.held_on = day;
  m.starts_at = kind == "themed-day" ? "09:00" : "14:30";
  m.ends_at = kind == "themed-day" ? "11:30" : "16:30";
  m.place = kPlaces[n % 4];
  m.topic = TopicFor(kind, day, n + b.index);
  m.host = b.secretary;
  m.recorder = b.recorder;
  m.by_secretary = by_secretary;
  if (!planned) {
    m.minutes = fmt::format("会议由{}主持。{}。与会党员逐一发言，结合工作实际谈认识、谈体会。",
                            b.secretary, m.topic);
    if (kind == "members" || kind == "committee")
      m.resolutions = "会议研究通过了本支部下一阶段工作安排。";
  }
  m.created_at = NowUnix();
  m.is_sample = true;
  // Themed days answer the month's guide, except in branches that are behind.
  if (auto g = guide_of_month_.find(day.substr(0, 7));
      kind == "themed-day" && quality == 0 && g != guide_of_month_.end())
    m.guide_id = g->second;
  // Records: filed the next day; late (after 6 days) or not yet for the
  // branches that are behind; nothing yet for a planned meeting.
  const std::string due = branchlife::RecordsDeadline(cal_, day);
  const bool recent = interact::AddDays(day, 10) > today_;
  if (!planned && (quality == 0 || n % 3 == 0))
    m.records_filed_at = ParseLocalTime(interact::AddDays(day, 1) + "T18:00", offset_);
  else if (!planned && !recent)
    m.records_filed_at = ParseLocalTime(interact::AddDays(due, 3) + "T18:00", offset_);
  if (m.records_filed_at && interact::LocalDay(*m.records_filed_at, offset_) > today_)
    m.records_filed_at.reset();
  auto id = tx_.branch_life().InsertMeeting(m);
  if (!id.ok()) return id.status();
  if (planned) return Status::Ok();  // no attendance before it is held
  std::vector<std::int64_t> expected;
  if (kind == "committee") {
    expected = b.committee;
  } else if (group) {
    for (const auto& [gid, members] : b.groups)
      if (gid == *group) expected = members;
  } else {
    for (const auto& mem : b.members) expected.push_back(mem.id);
  }
  if (kind == "life-meeting")  // each member's record of the meeting
    for (std::size_t i = 0; i < expected.size(); ++i)
      PROCURA_RETURN_IF_ERROR(tx_.branch_life().PutMemberReview(
          {*id, expected[i], "理论学习还不够系统，联系办案实际不够紧密，今后将制定学习计划并抓好落实。",
           i % 2 ? "建议在案件质量上进一步精益求精。" : "建议多参与支部集体活动，发挥带头作用。"}));
  const auto start = ParseLocalTime(day + "T" + m.starts_at, offset_).value_or(0);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const int r = static_cast<int>((n * 7 + i * 3) % 17);
    std::string mark = "present", reason;
    if (quality == 2 && i * 2 >= expected.size() - 1) mark = "absent";
    else if (r == 3) mark = "late";
    else if (r == 5 || (quality == 1 && r == 9)) mark = "excused", reason = "外出办案";
    else if (quality == 1 && r == 11) mark = "absent";
    const bool qr = r % 2 == 0 && (mark == "present" || mark == "late");
    PROCURA_RETURN_IF_ERROR(tx_.branch_life().SetMeetingMark(
        {*id, expected[i], mark, reason, qr ? "qr" : "manual", start + (mark == "late" ? 1200 : 0),
         std::nullopt}));
  }
  return Status::Ok();
}

Status Generator::Month(Branch& b, int year, int month) {
  const bool behind = IsBehind(b.index);
  const auto day = [&](int d) { return fmt::format("{:04}-{:02}-{:02}", year, month, d); };
  const int quality = behind ? 1 : 0;
  // A branch that is behind skips some months' meetings.
  const bool skip = behind && (month + b.index) % 3 == 0;
  if (!skip) {
    // Committee: once a quarter a branch that is behind meets without quorum.
    if (b.has_committee)
      PROCURA_RETURN_IF_ERROR(Meeting(b, "committee", day(6 + b.index % 4),
                                      behind && month % 3 == 1 ? 2 : quality));
    PROCURA_RETURN_IF_ERROR(Meeting(b, "themed-day", day(15 + b.index % 7), quality));
    for (const auto& [gid, members] : b.groups)
      PROCURA_RETURN_IF_ERROR(Meeting(b, "group", day(11), quality, gid));
  }
  if (month % 3 == 2 && !(behind && month == 8))
    PROCURA_RETURN_IF_ERROR(Meeting(b, "lesson", day(22), quality, {}, month == 5));
  if (month % 3 == 0 && !skip)
    PROCURA_RETURN_IF_ERROR(Meeting(b, "members", day(24), quality));
  if (month == 12) {
    // The 17th: the year's last training session is on the 18th or after.
    PROCURA_RETURN_IF_ERROR(Meeting(b, "life-meeting", day(17), quality));
    PROCURA_RETURN_IF_ERROR(Meeting(b, "appraisal", day(26), quality));
    // Only a past year's ratings: in December this year's appraisal is the
    // branches' work in progress (and a meeting on the 26th may be ahead).
    if (year >= std::stoi(today_.substr(0, 4))) return Status::Ok();
    int i = 0;
    for (const auto& mem : b.members) {
      const char* rating = i % 5 == 0 ? "excellent" : "qualified";
      if (behind && i == 3) rating = "basically-qualified";
      PROCURA_RETURN_IF_ERROR(tx_.branch_life().PutAppraisal(
          {year, mem.id, b.id, rating, NowUnix(), std::nullopt}));
      ++i;
    }
  }
  return Status::Ok();
}

Status Generator::Guides() {
  const int year = std::stoi(today_.substr(0, 4));
  const int month = std::stoi(today_.substr(5, 2));
  for (int back = 2; back >= 0; --back) {
    const int m = month - back;
    if (m < 1) continue;
    GuideRecord g;
    g.period = fmt::format("{:04}-{:02}", year, m);
    g.title = fmt::format("{}月主题党日活动指导", m);
    g.topics = "一、集中学习党章党规\n二、开展“检察为民”志愿服务\n三、交流学习体会";
    g.materials = "《中国共产党支部工作条例（试行）》；本月学习参考材料";
    g.report_by = interact::AddDays(fmt::format("{:04}-{:02}-28", year, m), 3);
    g.published_at = NowUnix();
    auto id = tx_.branch_life().InsertGuide(g);
    if (!id.ok()) return id.status();
    guide_of_month_[g.period] = *id;
  }
  return Status::Ok();
}

Status Generator::Plans() {
  const int year = std::stoi(today_.substr(0, 4));
  for (auto& b : branches_) {
    if (IsBehind(b.index)) continue;  // those behind have not filed a plan
    PROCURA_RETURN_IF_ERROR(tx_.branch_life().PutPlan(
        {b.id, year,
         std::string(b.has_committee ? "一、每月召开支部委员会、开展主题党日活动；\n"
                                     : "一、每月开展主题党日活动；\n") +
             "二、每季度召开支部党员大会、上党课；\n三、年底召开组织生活会，开展民主评议党员。",
         NowUnix(), std::nullopt}));
  }
  return Status::Ok();
}

// Heart-to-heart talks this year: in a branch that keeps up, the secretary
// has talked with every member but the last, one every other day back
// from today, and the other committee members with each other, except in
// the second branch, whose page shows the pair still to talk.
Status Generator::Talks() {
  static const char* const kPoints[] = {
      "谈思想、工作和学习情况，听取对支部工作的意见建议。",
      "交流履职尽责情况，相互指出不足，明确整改措施。",
      "了解工作和家庭困难，提醒严守纪律规矩。"};
  const std::string year_start = today_.substr(0, 4) + "-01-01";
  for (const auto& b : branches_) {
    if (IsBehind(b.index) || !b.secretary_id) continue;
    std::vector<const MemberRecord*> others;
    for (const auto& m : b.members)
      if (m.id != b.secretary_id && m.current()) others.push_back(&m);
    int n = 0;
    for (std::size_t i = 0; i + 1 < others.size(); ++i) {
      const MemberRecord& m = *others[i];
      const std::string day = interact::AddDays(today_, -(2 + 2 * n));
      if (day < year_start) break;
      auto id = tx_.branch_life().InsertTalk(
          {0, b.id, day, b.secretary_id, m.id, kPoints[n % 3], std::nullopt, NowUnix()});
      if (!id.ok()) return id.status();
      ++n;
    }
    if (b.index == 1) continue;
    for (std::size_t i = 0; i < b.committee.size(); ++i)
      for (std::size_t j = i + 1; j < b.committee.size(); ++j) {
        if (b.committee[i] == b.secretary_id || b.committee[j] == b.secretary_id) continue;
        const std::string day = interact::AddDays(today_, -(3 + 2 * static_cast<int>(j)));
        if (day < year_start) continue;
        auto id = tx_.branch_life().InsertTalk({0, b.id, day, b.committee[i], b.committee[j],
                                                kPoints[1], std::nullopt, NowUnix()});
        if (!id.ok()) return id.status();
      }
  }
  return Status::Ok();
}

Status Generator::Run() {
  PROCURA_RETURN_IF_ERROR(LoadBranches());
  PROCURA_RETURN_IF_ERROR(Guides());
  int year = std::stoi(today_.substr(0, 4));
  int month = std::stoi(today_.substr(5, 2));
  // The twelve months ending with this one, oldest first, and the next
  // (whose first meetings may fall within the planning horizon).
  year -= 1;
  for (int i = 0; i < 13; ++i) {
    if (++month > 12) month = 1, ++year;
    for (auto& b : branches_) PROCURA_RETURN_IF_ERROR(Month(b, year, month));
  }
  PROCURA_RETURN_IF_ERROR(Talks());
  return Plans();
}

}  // namespace

Status LoadBranchLife(Storage& tx, UnixSeconds now, int utc_offset_minutes) {
  Generator g(tx, interact::LocalDay(now, utc_offset_minutes), utc_offset_minutes);
  return g.Run();
}

}  // namespace procura::app
