// The demo's training this year: without it every member would be short of
// the year's hours on a fresh demo, and the hours page would show zeros.
// Two classes a real organ holds, dated from the day the demo is loaded.
#include "app/demo_training_year.h"

#include <fmt/format.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "interact/work_calendar.h"

namespace procura::app {
namespace {

struct SessionPlan {
  int month, day;      // on this day, or the next working day
  int later_days;      // working days after that (a class of several days)
  const char* time;    // HH:MM
  const char* type;    // lecture, exchange, discussion, exam
  const char* topic;
  const char* lecturer;
};

constexpr double kSessionHours = 4;

// 党员集中轮训: one afternoon a month from February but in August, 10 × 4
// = 40 hours, so that a member who missed one or two still has the 32.
constexpr SessionPlan kRotation[] = {
    {2, 24, 0, "14:30", "lecture", "新年度机关党建工作部署和党课", "机关党委书记"},
    {3, 20, 0, "14:30", "lecture", "学习贯彻习近平新时代中国特色社会主义思想专题辅导", "机关党委书记"},
    {4, 20, 0, "14:30", "lecture", "深入学习《中国共产党章程》和党内法规", "政治部主任"},
    {5, 20, 0, "14:30", "lecture", "全面从严治党和党风廉政建设专题", "驻院纪检监察组组长"},
    {6, 20, 0, "14:30", "lecture", "检察机关意识形态工作专题", "宣传处处长"},
    {7, 20, 0, "14:30", "discussion", "法律监督能力建设专题研讨", ""},
    {9, 22, 0, "14:30", "lecture", "党史学习教育专题", "省委党校教授（特邀）"},
    {10, 20, 0, "14:30", "exchange", "机关党建与检察业务深度融合经验交流", ""},
    {11, 20, 0, "14:30", "lecture", "保密和网络安全专题", "办公室主任"},
    {12, 18, 0, "14:30", "discussion", "年度学习总结和交流研讨", ""},
};

// 党支部书记和支委委员集中培训: three full days in September, 6 × 4 = 24
// hours, with the rotation's 40 more than the 56 a leader needs.
constexpr SessionPlan kLeaders[] = {
    {9, 15, 0, "08:30", "lecture", "党支部书记履职能力提升", "省委党校教授（特邀）"},
    {9, 15, 0, "14:30", "lecture", "《中国共产党支部工作条例（试行）》解读", "政治部主任"},
    {9, 15, 1, "08:30", "lecture", "发展党员工作规范和党员教育管理", "机关党委专职副书记"},
    {9, 15, 1, "14:30", "exchange", "支部工作经验交流", ""},
    {9, 15, 2, "08:30", "discussion", "分组研讨：以高质量党建引领检察工作", ""},
    {9, 15, 2, "14:30", "exam", "结业测试", ""},
};

struct ClassPlan {
  const char* title;  // after the year
  const char* purpose;
  const char* venue;
  const char* target;
  bool full_time;
  const SessionPlan* sessions;
  std::size_t count;
};

// The day of a session this year, on a working day.
std::string SessionDay(const SessionPlan& s, int year, const interact::WorkCalendar& cal) {
  std::string day = fmt::format("{:04}-{:02}-{:02}", year, s.month, s.day);
  while (!cal.IsWorkingDay(day)) day = interact::AddDays(day, 1);
  return cal.AddWorkingDays(day, s.later_days);
}

// How member `m` attended session `i` of a class (deterministic: one
// session in about fifteen missed, on leave or absent, and a few late).
AttendanceRecord MarkFor(std::int64_t m, std::size_t i, std::int64_t session, UnixSeconds at) {
  AttendanceRecord a{session, m, "present", "", "qr", at, std::nullopt};
  switch ((m * 7 + static_cast<std::int64_t>(i) * 11) % 29) {
    case 0: a.mark = "excused", a.reason = (m % 2 ? "出差办案" : "病假"), a.method = "manual"; break;
    case 9: a.mark = "absent", a.method = "manual"; break;
    case 13: case 21: a.mark = "late"; break;
    default: break;
  }
  return a;
}

// Who presents a class's experience exchange: a branch and its secretary.
struct Presenter {
  std::optional<std::int64_t> branch, speaker;
};

Status AddClass(Storage& tx, const ClassPlan& plan, const std::vector<std::int64_t>& people,
                const Presenter& presenter, int year, const std::string& today, int offset,
                const interact::WorkCalendar& cal) {
  std::vector<std::string> days;
  for (std::size_t i = 0; i < plan.count; ++i) days.push_back(SessionDay(plan.sessions[i], year, cal));
  std::size_t held = 0;
  for (const auto& d : days) held += d < today;
  ClassRecord c;
  c.title = fmt::format("{}年{}", year, plan.title);
  c.purpose = plan.purpose;
  c.organizer = "机关党委";
  c.start_date = days.front();
  c.end_date = days.back();
  c.venue = plan.venue;
  c.target_group = plan.target;
  c.required_hours = kSessionHours * static_cast<double>(plan.count);
  c.full_time = plan.full_time;
  c.status = held == days.size() ? "completed" : held > 0 ? "in-progress" : "enrolling";
  c.is_sample = true;
  auto id = tx.training().InsertClass(c);
  if (!id.ok()) return id.status();
  for (std::int64_t m : people) PROCURA_RETURN_IF_ERROR(tx.training().Enroll(*id, m, NowUnix()));
  for (std::size_t i = 0; i < plan.count; ++i) {
    const SessionPlan& s = plan.sessions[i];
    const std::string starts = days[i] + " " + s.time;
    const bool exchange = std::string_view(s.type) == "exchange";
    auto session = tx.training().InsertSession(
        {0, *id, starts, plan.venue, kSessionHours, s.type, s.topic, s.lecturer,
         exchange ? presenter.branch : std::nullopt, exchange ? presenter.speaker : std::nullopt});
    if (!session.ok()) return session.status();
    if (days[i] >= today) continue;  // ahead: planned, nobody marked
    const UnixSeconds at = ParseLocalTime(days[i] + "T" + s.time, offset).value_or(NowUnix());
    for (std::int64_t m : people)
      PROCURA_RETURN_IF_ERROR(tx.attendance().SetMark(MarkFor(m, i, *session, at)));
  }
  return Status::Ok();
}

}  // namespace

Status LoadTrainingYear(Storage& tx, UnixSeconds now, int utc_offset_minutes) {
  const std::string today = interact::LocalDay(now, utc_offset_minutes);
  const int year = std::stoi(today.substr(0, 4));
  auto members = tx.org().ListMembers(std::nullopt);
  auto posts = tx.org().ListPosts();
  if (!members.ok()) return members.status();
  if (!posts.ok()) return posts.status();
  std::set<std::int64_t> leaders, newest;  // newest: a secretary since a known day, not yet trained
  std::vector<Presenter> presenters;  // the branches' secretaries, who present the exchanges
  for (const auto& p : *posts) {
    if (p.post == "member") continue;
    if (p.post == "secretary") presenters.push_back({p.unit_id, p.member_id});
    (p.post == "secretary" && !p.since.empty() ? newest : leaders).insert(p.member_id);
  }
  std::vector<std::int64_t> everyone, committee;
  for (const auto& m : *members) {
    if (!m.current() || newest.count(m.id)) continue;
    everyone.push_back(m.id);
    if (leaders.count(m.id)) committee.push_back(m.id);
  }
  const auto cal = interact::WorkCalendar(interact::ParseCalendar(interact::DefaultCalendarText()).value());
  const ClassPlan rotation{"党员集中轮训", "每月一次专题学习，全体党员参加，全年 40 学时。",
                           "机关多功能厅", "全体党员", false, kRotation, std::size(kRotation)};
  const ClassPlan leaders_class{"党支部书记和支委委员集中培训班",
                                "提升党支部书记和支委委员抓党建的能力，全脱产三天。", "省委党校",
                                "党支部书记和支委委员", true, kLeaders, std::size(kLeaders)};
  // An exchange is always a branch's (the class form requires one).
  const auto presenter = [&](std::size_t i) {
    return presenters.empty() ? Presenter{} : presenters[i % presenters.size()];
  };
  PROCURA_RETURN_IF_ERROR(
      AddClass(tx, rotation, everyone, presenter(2), year, today, utc_offset_minutes, cal));
  return AddClass(tx, leaders_class, committee, presenter(5), year, today, utc_offset_minutes, cal);
}

}  // namespace procura::app
