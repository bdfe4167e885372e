#include "branchlife/rules.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/status.h"

namespace procura::branchlife {
namespace {

struct KindInfo {
  std::string_view kind, name;
  bool quorum;
};

const std::vector<KindInfo>& Kinds() {
  static const std::vector<KindInfo> kinds = {
      {"members", N_("Branch members' meeting"), true},
      {"committee", N_("Branch committee meeting"), true},
      {"group", N_("Party group meeting"), false},
      {"lesson", N_("Party lesson"), false},
      {"themed-day", N_("Themed party day"), false},
      {"life-meeting", N_("Organisational life meeting"), false},
      {"appraisal", N_("Democratic appraisal of members"), false},
  };
  return kinds;
}

int DaysInMonth(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

Period MonthPeriod(int year, int month) {
  return {fmt::format("{:04}-{:02}", year, month), fmt::format("{:04}-{:02}-01", year, month),
          fmt::format("{:04}-{:02}-{:02}", year, month, DaysInMonth(year, month))};
}

Period QuarterPeriod(int year, int quarter) {
  const int last = quarter * 3;
  return {fmt::format("{:04}-Q{}", year, quarter),
          fmt::format("{:04}-{:02}-01", year, last - 2),
          fmt::format("{:04}-{:02}-{:02}", year, last, DaysInMonth(year, last))};
}

bool MeetsRule(const Rule& r, const MeetingRecord& m, std::optional<std::int64_t> group) {
  if (m.kind != r.kind) return false;
  if (r.by_secretary && !m.by_secretary) return false;
  return !group || m.group_id == group;
}

}  // namespace

bool IsMeetingKind(std::string_view kind) {
  return std::any_of(Kinds().begin(), Kinds().end(), [&](const auto& k) { return k.kind == kind; });
}

const std::vector<std::string_view>& MeetingKinds() {
  static const std::vector<std::string_view> list = [] {
    std::vector<std::string_view> v;
    for (const auto& k : Kinds()) v.push_back(k.kind);
    return v;
  }();
  return list;
}

std::string_view KindName(std::string_view kind) {
  for (const auto& k : Kinds())
    if (k.kind == kind) return k.name;
  return kind;
}

bool NeedsQuorum(std::string_view kind) {
  for (const auto& k : Kinds())
    if (k.kind == kind) return k.quorum;
  return false;
}

const std::vector<Rule>& Rules() {
  static const std::vector<Rule> rules = {
      {"members", "members", Frequency::kQuarterly, false, N_("Members' meeting every quarter")},
      {"committee", "committee", Frequency::kMonthly, false, N_("Committee meeting every month")},
      {"group", "group", Frequency::kMonthly, false, N_("Party group meeting every month")},
      {"lesson", "lesson", Frequency::kQuarterly, false, N_("Party lesson every quarter")},
      {"secretary-lesson", "lesson", Frequency::kYearly, true,
       N_("A party lesson by the secretary every year")},
      {"themed-day", "themed-day", Frequency::kMonthly, false, N_("Themed party day every month")},
      {"life-meeting", "life-meeting", Frequency::kYearly, false,
       N_("Organisational life meeting every year")},
      {"appraisal", "appraisal", Frequency::kYearly, false,
       N_("Democratic appraisal of members every year")},
  };
  return rules;
}

bool HasCommittee(std::size_t members, bool committee_members_on_record) {
  return members >= kCommitteeFromMembers || committee_members_on_record;
}

bool IsCommitteeMemberPost(std::string_view post) {
  return post == "organization-member" || post == "publicity-member" || post == "discipline-member";
}

const Rule* FindRule(std::string_view id) {
  for (const auto& r : Rules())
    if (r.id == id) return &r;
  return nullptr;
}

std::vector<Period> PeriodsOf(Frequency every, int year) {
  std::vector<Period> out;
  if (every == Frequency::kMonthly)
    for (int m = 1; m <= 12; ++m) out.push_back(MonthPeriod(year, m));
  else if (every == Frequency::kQuarterly)
    for (int q = 1; q <= 4; ++q) out.push_back(QuarterPeriod(year, q));
  else
    out.push_back({fmt::format("{:04}", year), fmt::format("{:04}-01-01", year),
                   fmt::format("{:04}-12-31", year)});
  return out;
}

Period PeriodOf(Frequency every, const std::string& day) {
  const int year = std::stoi(day.substr(0, 4));
  const int month = std::stoi(day.substr(5, 2));
  if (every == Frequency::kMonthly) return MonthPeriod(year, month);
  if (every == Frequency::kQuarterly) return QuarterPeriod(year, (month + 2) / 3);
  return PeriodsOf(Frequency::kYearly, year).front();
}

std::string RecordsDeadline(const interact::WorkCalendar& cal, const std::string& held_on) {
  return cal.AddWorkingDays(held_on, kRecordsWorkingDays);
}

RecordsState RecordsStateOf(const MeetingRecord& m, const std::string& records_due,
                            const std::string& today, int utc_offset_minutes) {
  if (m.held_on > today) return RecordsState::kNotYet;
  if (m.records_filed_at) {
    return interact::LocalDay(*m.records_filed_at, utc_offset_minutes) <= records_due
               ? RecordsState::kFiled
               : RecordsState::kLate;
  }
  return today > records_due ? RecordsState::kOverdue : RecordsState::kPending;
}

std::string_view RecordsStateName(RecordsState s) {
  switch (s) {
    case RecordsState::kFiled: return "filed";
    case RecordsState::kLate: return "late";
    case RecordsState::kPending: return "pending";
    case RecordsState::kOverdue: return "overdue";
    case RecordsState::kNotYet: return "not-yet";
  }
  return "";
}

std::string_view DueStateName(DueState s) {
  switch (s) {
    case DueState::kMet: return "met";
    case DueState::kMetLate: return "met-late";
    case DueState::kRecordsDue: return "records-due";
    case DueState::kScheduled: return "scheduled";
    case DueState::kOpen: return "open";
    case DueState::kDueSoon: return "due-soon";
    case DueState::kMissing: return "missing";
    case DueState::kUpcoming: return "upcoming";
  }
  return "";
}

bool NeedsAction(DueState s) {
  return s == DueState::kMetLate || s == DueState::kRecordsDue || s == DueState::kDueSoon ||
         s == DueState::kMissing;
}

bool ActionableNow(const DueItem& d, const std::string& today) {
  return d.state == DueState::kDueSoon || d.state == DueState::kRecordsDue ||
         (d.state == DueState::kMetLate && !d.records_due.empty()) ||
         (d.state == DueState::kMissing && interact::AddDays(d.period.last_day, 31) >= today);
}

namespace {

// The state of one rule's period from the meetings that meet it.
DueItem StateOf(const Rule& r, std::optional<std::int64_t> group, const Period& p,
                const std::vector<MeetingRecord>& meetings, const std::string& today,
                const interact::WorkCalendar& cal, int offset) {
  DueItem item{std::string(r.id), group, p, DueState::kUpcoming, {}, ""};
  bool held = false, planned = false, late = false, pending = false;
  for (const auto& m : meetings) {
    if (m.held_on < p.first_day || m.held_on > p.last_day || !MeetsRule(r, m, group)) continue;
    item.meetings.push_back(m.id);
    const std::string due = RecordsDeadline(cal, m.held_on);
    switch (RecordsStateOf(m, due, today, offset)) {
      case RecordsState::kNotYet: planned = true; continue;
      case RecordsState::kFiled: break;
      case RecordsState::kLate: late = true; break;
      case RecordsState::kOverdue: late = true; [[fallthrough]];
      case RecordsState::kPending:
        pending = true;
        if (item.records_due.empty() || due < item.records_due) item.records_due = due;
        break;
    }
    held = true;
  }
  if (held) {
    item.state = late ? DueState::kMetLate : pending ? DueState::kRecordsDue : DueState::kMet;
  } else if (today > p.last_day) {
    item.state = DueState::kMissing;
  } else if (planned) {
    item.state = DueState::kScheduled;
  } else if (today >= p.first_day) {
    item.state = interact::AddDays(today, kDueSoonDays) >= p.last_day ? DueState::kDueSoon
                                                                      : DueState::kOpen;
  }
  return item;
}

}  // namespace

std::vector<DueItem> DueItems(const BranchMeetings& b, int year, const std::string& today,
                              const interact::WorkCalendar& cal, int utc_offset_minutes) {
  std::vector<DueItem> out;
  for (const Rule& r : Rules()) {
    if (r.kind == "committee" && !b.has_committee) continue;
    std::vector<std::optional<std::int64_t>> scopes;
    if (r.kind == "group") {
      for (std::int64_t g : b.group_ids) scopes.emplace_back(g);
    } else {
      scopes.emplace_back(std::nullopt);
    }
    for (const auto& scope : scopes)
      for (const Period& p : PeriodsOf(r.every, year))
        out.push_back(StateOf(r, scope, p, b.meetings, today, cal, utc_offset_minutes));
  }
  return out;
}

}  // namespace procura::branchlife
