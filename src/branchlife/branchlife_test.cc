// Branch organisational life on a real SQLite file: the rules' due items
// across a year, the 3-working-day records deadline on the real calendar,
// quorum, who may see which branch, QR check-in for a meeting, the yearly
// appraisal and the committee's overview against hand-computed counts.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <numeric>
#include <random>
#include <thread>

#include "branchlife/branch_life.h"
#include "branchlife/news.h"
#include "branchlife/overview.h"
#include "branchlife/talks.h"
#include "core/clock.h"
#include "org/test_people.h"
#include "storage/photo_list.h"
#include "interact/work_calendar.h"

namespace procura::branchlife {
namespace {

namespace fs = std::filesystem;
using auth::Role;

template <class T>
T Must(Result<T> r) {
  if (!r.ok()) throw std::runtime_error(r.status().message());
  return std::move(r).value();
}

interact::WorkCalendar RealCalendar() {
  return interact::WorkCalendar(Must(interact::ParseCalendar(interact::DefaultCalendarText())));
}

MeetingRecord Held(std::int64_t id, const std::string& kind, const std::string& day,
                   std::optional<UnixSeconds> filed) {
  MeetingRecord m;
  m.id = id;
  m.kind = kind;
  m.held_on = day;
  m.starts_at = "09:00";
  m.topic = "t";
  m.records_filed_at = filed;
  return m;
}

UnixSeconds At(const std::string& day) { return ParseLocalTime(day + "T12:00", 480).value(); }

const DueItem& Find(const std::vector<DueItem>& items, const std::string& rule,
                    const std::string& period) {
  for (const auto& d : items)
    if (d.rule == rule && d.period.label == period) return d;
  throw std::runtime_error("no due item " + rule + " " + period);
}

TEST(Rules, RecordsAreDueThreeWorkingDaysLaterOnTheRealCalendar) {
  const auto cal = RealCalendar();
  EXPECT_EQ(RecordsDeadline(cal, "2026-03-05"), "2026-03-10");  // Thu → Fri, Mon, Tue
  // Across National Day 2026: 9-30 is one, 10-1..10-7 are off, 10-8 and
  // 10-9 are two and three.
  EXPECT_EQ(RecordsDeadline(cal, "2026-09-29"), "2026-10-09");
  // A make-up Saturday counts: 10-10 is a working day.
  EXPECT_EQ(RecordsDeadline(cal, "2026-10-08"), "2026-10-12");
}

TEST(Rules, QuorumIsMoreThanHalfExactlyHalfIsNot) {
  EXPECT_FALSE(HasQuorum(2, 4));
  EXPECT_TRUE(HasQuorum(3, 4));
  EXPECT_FALSE(HasQuorum(2, 5));
  EXPECT_TRUE(HasQuorum(3, 5));
  EXPECT_FALSE(HasQuorum(1, 2));
  EXPECT_TRUE(HasQuorum(2, 2));
  EXPECT_FALSE(HasQuorum(0, 0));
}

TEST(Rules, DueItemsAcrossAYearWithQuarterBoundaries) {
  const auto cal = RealCalendar();
  BranchMeetings b;
  b.group_ids = {7};
  b.meetings = {
      Held(1, "members", "2026-03-31", At("2026-03-31")),  // last day of Q1
      Held(2, "members", "2026-04-01", At("2026-04-10")),  // first day of Q2, filed late
      Held(3, "committee", "2026-01-15", At("2026-01-16")),
      Held(4, "committee", "2026-02-27", std::nullopt),   // never filed: overdue
      Held(5, "committee", "2026-10-20", std::nullopt),   // filed? not yet; deadline ahead
      Held(6, "lesson", "2026-05-10", At("2026-05-11")),  // not by the secretary
      Held(7, "members", "2026-11-20", std::nullopt),     // planned, ahead of today
  };
  const auto items = DueItems(b, 2026, "2026-10-22", cal, 480);
  // Quarterly members' meeting: Q1 met, Q2 met late (filed 4-10, due 4-7),
  // Q3 missing, Q4 scheduled (a meeting is planned in it).
  EXPECT_EQ(Find(items, "members", "2026-Q1").state, DueState::kMet);
  EXPECT_EQ(Find(items, "members", "2026-Q2").state, DueState::kMetLate);
  EXPECT_EQ(Find(items, "members", "2026-Q3").state, DueState::kMissing);
  EXPECT_EQ(Find(items, "members", "2026-Q4").state, DueState::kScheduled);
  EXPECT_EQ(Find(items, "members", "2026-Q1").meetings, std::vector<std::int64_t>{1});
  // Monthly committee: Jan met, Feb overdue records (met late), Mar missing,
  // Oct held with records pending, Nov and Dec upcoming.
  EXPECT_EQ(Find(items, "committee", "2026-01").state, DueState::kMet);
  EXPECT_EQ(Find(items, "committee", "2026-02").state, DueState::kMetLate);
  EXPECT_EQ(Find(items, "committee", "2026-03").state, DueState::kMissing);
  EXPECT_EQ(Find(items, "committee", "2026-10").state, DueState::kRecordsDue);
  EXPECT_EQ(Find(items, "committee", "2026-10").records_due, "2026-10-23");
  EXPECT_EQ(Find(items, "committee", "2026-11").state, DueState::kUpcoming);
  // The themed day of October is still open, and due soon from the 24th.
  EXPECT_EQ(Find(items, "themed-day", "2026-10").state, DueState::kOpen);
  EXPECT_EQ(Find(DueItems(b, 2026, "2026-10-24", cal, 480), "themed-day", "2026-10").state,
            DueState::kDueSoon);
  // What can still be put right on the day: records owed, this month's
  // open item once due soon; not a gap from March, nor an open month.
  EXPECT_TRUE(ActionableNow(Find(items, "committee", "2026-10"), "2026-10-22"));
  EXPECT_TRUE(ActionableNow(Find(items, "committee", "2026-02"), "2026-10-22")) << "records overdue";
  EXPECT_FALSE(ActionableNow(Find(items, "committee", "2026-03"), "2026-10-22"));
  EXPECT_TRUE(ActionableNow(Find(items, "members", "2026-Q3"), "2026-10-22")) << "missed last month";
  EXPECT_FALSE(ActionableNow(Find(items, "themed-day", "2026-10"), "2026-10-22"));
  // A lesson by someone else meets the quarterly rule, not the secretary's.
  EXPECT_EQ(Find(items, "lesson", "2026-Q2").state, DueState::kMet);
  EXPECT_EQ(Find(items, "secretary-lesson", "2026").state, DueState::kOpen);
  // One group: 12 monthly items for it; 12 + 4 + 12 + 4 + 1 + 12 + 1 + 1 in all.
  std::size_t group_items = 0;
  for (const auto& d : items) group_items += d.rule == "group" && d.group_id == 7;
  EXPECT_EQ(group_items, 12u);
  EXPECT_EQ(items.size(), 12u + 4 + 12 + 4 + 1 + 12 + 1 + 1);
}

// 支部工作条例 第九条: a branch of fewer than 7 members has no committee, and
// so owes no committee meetings; committee members on record all the same
// make it one.
TEST(Rules, ABranchWithoutACommitteeOwesNoCommitteeMeetings) {
  EXPECT_FALSE(HasCommittee(6, false));
  EXPECT_TRUE(HasCommittee(7, false));
  EXPECT_TRUE(HasCommittee(4, true));
  EXPECT_TRUE(IsCommitteeMemberPost("organization-member"));
  EXPECT_FALSE(IsCommitteeMemberPost("deputy-secretary"));
  BranchMeetings b;
  b.has_committee = false;
  b.meetings = {Held(1, "committee", "2026-01-15", At("2026-01-16"))};
  const auto items = DueItems(b, 2026, "2026-10-22", RealCalendar(), 480);
  EXPECT_TRUE(std::none_of(items.begin(), items.end(),
                           [](const DueItem& d) { return d.rule == "committee"; }));
  EXPECT_EQ(items.size(), 4u + 4 + 1 + 12 + 1 + 1) << "every other rule, no groups";
}

TEST(Rules, PeriodsOfADay) {
  EXPECT_EQ(PeriodOf(Frequency::kQuarterly, "2026-04-01").label, "2026-Q2");
  EXPECT_EQ(PeriodOf(Frequency::kQuarterly, "2026-03-31").last_day, "2026-03-31");
  EXPECT_EQ(PeriodOf(Frequency::kMonthly, "2028-02-10").last_day, "2028-02-29");
  EXPECT_EQ(PeriodOf(Frequency::kYearly, "2026-07-01").label, "2026");
}

TEST(Validation, NamesTheFields) {
  MeetingRecord m;
  m.kind = "picnic";
  m.held_on = "2026-13-01";
  m.starts_at = "9:00";
  Status s = ValidateMeeting(m);
  std::set<std::string> fields;
  for (const auto& p : s.problems()) fields.insert(p.field());
  EXPECT_EQ(fields, (std::set<std::string>{"kind", "held_on", "starts_at", "topic"}));
  m = Held(0, "group", "2026-03-01", {});
  EXPECT_EQ(ValidateMeeting(m).field(), "group_id");
  m.kind = "committee";
  m.by_secretary = true;
  EXPECT_EQ(ValidateMeeting(m).field(), "by_secretary");
  m.by_secretary = false;
  m.starts_at = "14:30";
  for (const char* bad : {"14:30", "09:00", "4pm", "24:00"}) {
    m.ends_at = bad;
    EXPECT_EQ(ValidateMeeting(m).field(), "ends_at") << bad;
  }
  for (const char* good : {"", "14:31", "23:59"}) {
    m.ends_at = good;
    EXPECT_TRUE(ValidateMeeting(m).ok()) << good;
  }
}

TEST(Talks, TheSecretaryAndWhoIsStillToTalkWithThem) {
  const std::vector<PostRecord> posts = {{7, 2, "deputy-secretary"}, {8, 1, "secretary"}, {5, 2, "secretary"}};
  EXPECT_EQ(branchlife::SecretaryOf(2, posts), 5);
  EXPECT_EQ(branchlife::SecretaryOf(3, posts), 0) << "vacant";
  std::vector<MemberRecord> members(4);
  for (int i = 0; i < 4; ++i) members[i].id = 5 + i, members[i].name = std::string("甲乙丙丁").substr(i * 3, 3);
  members[3].status = "transferred-out";
  EXPECT_EQ(branchlife::JoinNames(branchlife::NotYetTalked(5, members, {})), "乙、丙") << "not the transferred-out";
  // The secretary (5) talks with 6, then 7 leads a talk with them: nobody current is left.
  std::vector<TalkRecord> talks = {{1, 2, "2026-03-01", 5, 6, "x", {}, 0}};
  EXPECT_EQ(branchlife::JoinNames(branchlife::NotYetTalked(5, members, talks)), "丙");
  talks.push_back({2, 2, "2026-03-02", 7, 5, "y", {}, 0});
  EXPECT_EQ(branchlife::NotYetTalked(5, members, talks).size(), 0u) << "either way round";
  EXPECT_EQ(branchlife::JoinNames(members), "甲、乙、丙、丁");
  // Committee members 6, 7 and 8 (8 transferred out) besides the secretary
  // 5: 6 and 7 have talked above only with the secretary, so their one pair
  // is left until they talk.
  const std::vector<PostRecord> committee = {
      {5, 2, "secretary"}, {6, 2, "deputy-secretary"}, {7, 2, "organization-member"},
      {8, 2, "publicity-member"}, {9, 3, "secretary"}};
  auto pairs = branchlife::CommitteePairsNotYetTalked(2, committee, members, talks);
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0].first.id, 6);
  EXPECT_EQ(pairs[0].second.id, 7);
  EXPECT_EQ(branchlife::JoinPairs(pairs, "{a}与{b}"), "乙与丙");
  talks.push_back({3, 2, "2026-03-03", 7, 6, "z", {}, 0});
  EXPECT_TRUE(branchlife::CommitteePairsNotYetTalked(2, committee, members, talks).empty()) << "either way round";
  EXPECT_EQ(branchlife::JoinNames({}), "");
}

TEST(Rules, CheckInClosesWhenTheMeetingEndsOrTwoHoursIn) {
  MeetingRecord m;
  m.held_on = "2026-03-12";
  m.starts_at = "14:00";
  const UnixSeconds start = ParseLocalTime("2026-03-12T14:00", 480).value();
  EXPECT_EQ(CheckinCloses(m, 480), start + kCheckinAfterMin * 60) << "no end given";
  EXPECT_EQ(MeetingHours(m), "14:00");
  m.ends_at = "15:00";
  EXPECT_EQ(CheckinCloses(m, 480), start + 3600);
  EXPECT_EQ(MeetingEnd(m, 480), start + 3600);
  EXPECT_EQ(MeetingHours(m), "14:00–15:00");
  m.held_on = "2026-02-30";
  EXPECT_EQ(CheckinCloses(m, 480), std::nullopt);
}

// Two branches on a real SQLite file: A (secretary sa; members a0..a4,
// the secretary and a0 on the committee; one party group with a1, a2) and
// B (secretary sb, two members).
class BranchLifeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("procura-branchlife-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    storage_ = Must(OpenSqliteStorage(dir_));
    audit_ = std::make_unique<auth::Audit>(storage_->audit());
    org_ = std::make_unique<org::OrgService>(*storage_, *audit_);
    key_.bytes.fill(3);
    service_ = std::make_unique<BranchLifeService>(
        *storage_, *audit_, *org_, [] { return Result<interact::WorkCalendar>(RealCalendar()); },
        key_, 480);
    officer_ = Principal("officer", {Role::kRecordsOfficer});
    const auto inst = Must(storage_->org().InsertUnit({0, {}, "institution", "Procuratorate"}));
    a_ = Must(storage_->org().InsertUnit({0, inst, "branch", "Branch A", "", 1}));
    b_ = Must(storage_->org().InsertUnit({0, inst, "branch", "Branch B", "", 2}));
    sa_ = Principal("sa", {Role::kBranchSecretary});
    sb_ = Principal("sb", {Role::kBranchSecretary});
    const auto sa_member = AddMember("Secretary A", a_, sa_.user_id);
    ASSERT_TRUE(storage_->org().AddPost({sa_member, a_, "secretary"}).ok());
    for (int i = 0; i < 5; ++i) {
      auto p = Principal("a" + std::to_string(i), {});
      member_users_.push_back(p);
      a_members_.push_back(AddMember("Member A" + std::to_string(i), a_, p.user_id));
    }
    ASSERT_TRUE(storage_->org().AddPost({a_members_[0], a_, "organization-member"}).ok());
    group_ = Must(storage_->branch_life().InsertGroup({0, a_, "Group 1"}));
    for (int i : {1, 2}) ASSERT_TRUE(storage_->branch_life().PutGroupMember({group_, a_members_[i], i == 1}).ok());
    const auto sb_member = AddMember("Secretary B", b_, sb_.user_id);
    ASSERT_TRUE(storage_->org().AddPost({sb_member, b_, "secretary"}).ok());
    AddMember("Member B0", b_, std::nullopt);
  }
  void TearDown() override { fs::remove_all(dir_); }

  auth::Principal Principal(const std::string& name, std::set<Role> roles) {
    return testing::AddPrincipal(*storage_, name, std::move(roles));
  }
  std::int64_t AddMember(const std::string& name, std::int64_t branch,
                         std::optional<std::int64_t> user) {
    return testing::AddPartyMember(*storage_, name, branch, user);
  }
  MeetingRecord New(std::int64_t branch, const std::string& kind, const std::string& day,
                    const std::string& time = "09:00") {
    MeetingRecord m;
    m.branch_id = branch;
    m.kind = kind;
    m.held_on = day;
    m.starts_at = time;
    m.topic = "Studying the branch work regulations";
    return m;
  }
  std::string Token(std::int64_t meeting, UnixSeconds shown) {
    return training::MakeCheckinToken(key_, meeting, training::SlotAt(shown));
  }

  fs::path dir_;
  std::unique_ptr<Storage> storage_;
  std::unique_ptr<auth::Audit> audit_;
  std::unique_ptr<org::OrgService> org_;
  training::CheckinKey key_;
  std::unique_ptr<BranchLifeService> service_;
  auth::Principal officer_, sa_, sb_;
  std::vector<auth::Principal> member_users_;
  std::int64_t a_ = 0, b_ = 0, group_ = 0;
  std::vector<std::int64_t> a_members_;
};

TEST_F(BranchLifeTest, ASecretaryCannotSeeOrEditAnotherBranchsMeetings) {
  const auto id = Must(service_->Create(sa_, {}, New(a_, "members", "2026-03-10")));
  EXPECT_EQ(service_->Create(sb_, {}, New(a_, "members", "2026-03-10")).status().code(),
            Status::Code::kDenied);
  EXPECT_EQ(service_->View(sb_, {}, id).status().code(), Status::Code::kNotFound);
  auto m = Must(service_->Find(sa_, id));
  m.topic = "Changed by B";
  EXPECT_EQ(service_->Update(sb_, {}, m).code(), Status::Code::kNotFound);
  EXPECT_EQ(service_->Delete(sb_, {}, id).code(), Status::Code::kNotFound);
  EXPECT_FALSE(service_->SaveMarks(sb_, {}, id, {{a_members_[0], "present", ""}}).ok());
  EXPECT_EQ(service_->Year(sb_, a_, 2026, "2026-06-01").status().code(), Status::Code::kDenied);
  EXPECT_EQ(service_->Appraisal(sb_, {}, a_, 2026).status().code(), Status::Code::kDenied);
  EXPECT_EQ(service_->FilePlan(sb_, {}, a_, 2026, "plan").code(), Status::Code::kDenied);
  // The officer sees and edits every branch; the owner too.
  EXPECT_TRUE(service_->View(officer_, {}, id).ok());
  EXPECT_TRUE(service_->Update(sa_, {}, m).ok());
  EXPECT_EQ(Must(service_->Find(officer_, id)).topic, "Changed by B");
  // A plain member manages nothing.
  EXPECT_FALSE(service_->Find(member_users_[0], id).ok());
}

TEST_F(BranchLifeTest, QuorumOfAMembersMeetingIsMoreThanHalf) {
  // Branch A has 6 current members: 3 present is exactly half.
  const auto id = Must(service_->Create(sa_, {}, New(a_, "members", "2026-03-10")));
  std::vector<training::MarkChange> rows;
  for (int i = 0; i < 3; ++i) rows.push_back({a_members_[i], "present", ""});
  for (int i = 3; i < 5; ++i) rows.push_back({a_members_[i], "absent", ""});
  EXPECT_EQ(Must(service_->SaveMarks(sa_, {}, id, rows)), 5u);
  auto v = Must(service_->View(sa_, {}, id));
  EXPECT_EQ(v.expected, 6u);
  EXPECT_TRUE(v.quorum_required);
  EXPECT_FALSE(v.quorum);
  EXPECT_EQ(Must(service_->SaveMarks(sa_, {}, id, {{a_members_[3], "late", ""}})), 1u);
  v = Must(service_->View(sa_, {}, id));
  EXPECT_TRUE(v.quorum);
  // A committee meeting expects the committee only: the secretary and a0.
  const auto c = Must(service_->Create(sa_, {}, New(a_, "committee", "2026-03-11")));
  EXPECT_EQ(Must(service_->View(sa_, {}, c)).expected, 2u);
  // Someone not expected cannot be marked.
  Status s = service_->SaveMarks(sa_, {}, c, {{a_members_[4], "present", ""}}).status();
  EXPECT_EQ(s.field(), "mark-" + std::to_string(a_members_[4]));
}

TEST_F(BranchLifeTest, QrCheckInForAMeeting) {
  const auto id = Must(service_->Create(sa_, {}, New(a_, "members", "2026-03-12", "14:00")));
  EXPECT_EQ(service_->Create(sa_, {}, New(a_, "group", "2026-03-12")).status().field(), "group_id");
  const UnixSeconds start = ParseLocalTime("2026-03-12T14:00", 480).value();
  auto m = New(a_, "group", "2026-03-12", "14:00");
  m.group_id = group_;
  const auto meeting = Must(service_->Create(sa_, {}, m));
  // a1 is in the group: present on time, then again is "already".
  auto r = service_->CheckIn(member_users_[1], {}, meeting, Token(meeting, start), start + 60);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->mark, "present");
  EXPECT_TRUE(Must(service_->CheckIn(member_users_[1], {}, meeting, Token(meeting, start + 90),
                                     start + 90)).already);
  // a2 comes 20 minutes in: late.
  EXPECT_EQ(Must(service_->CheckIn(member_users_[2], {}, meeting, Token(meeting, start + 1200),
                                   start + 1200)).mark, "late");
  // a3 is not in the group.
  EXPECT_EQ(service_->CheckIn(member_users_[3], {}, meeting, Token(meeting, start), start).status().code(),
            Status::Code::kDenied);
  // An old code, another meeting's code, a forged code, before the window.
  EXPECT_FALSE(service_->CheckIn(member_users_[1], {}, meeting, Token(meeting, start - 600), start).ok());
  EXPECT_FALSE(service_->CheckIn(member_users_[1], {}, meeting, Token(id, start), start).ok());
  EXPECT_FALSE(service_->CheckIn(member_users_[1], {}, meeting,
                                 training::MakeCheckinToken(training::CheckinKey{}, meeting, training::SlotAt(start)),
                                 start).ok());
  EXPECT_EQ(service_->CheckIn(member_users_[2], {}, meeting, Token(meeting, start - 3600), start - 3600)
                .status().code(), Status::Code::kDenied);
  // A meeting with an end closes its check-in then, not two hours in.
  auto short_one = New(a_, "group", "2026-03-13", "14:00");
  short_one.group_id = group_;
  short_one.ends_at = "14:45";
  const auto brief = Must(service_->Create(sa_, {}, short_one));
  const UnixSeconds brief_start = ParseLocalTime("2026-03-13T14:00", 480).value();
  const UnixSeconds after_end = brief_start + 50 * 60;
  auto closed = service_->CheckIn(member_users_[1], {}, brief, Token(brief, after_end), after_end);
  EXPECT_EQ(closed.status().code(), Status::Code::kDenied);
  EXPECT_EQ(Must(service_->CheckIn(member_users_[1], {}, brief, Token(brief, brief_start + 40 * 60),
                                   brief_start + 40 * 60)).mark, "late");
  // A training class's code never opens a meeting: the keys differ.
  EXPECT_NE(MeetingKeyFrom(key_).bytes, key_.bytes);
  auto v = Must(service_->View(officer_, {}, meeting));
  EXPECT_EQ(v.tally.present, 1u);
  EXPECT_EQ(v.tally.late, 1u);
  EXPECT_EQ(v.expected, 2u);
}

TEST_F(BranchLifeTest, MinutesFileTheRecordsAndViewsAreAudited) {
  auto m = New(a_, "themed-day", "2026-03-13");
  m.minutes = "Discussed the regulations.";
  const auto id = Must(service_->Create(sa_, {}, m));
  EXPECT_TRUE(Must(service_->Find(sa_, id)).records_filed_at.has_value());
  // Ahead of its day, minutes do not file the records.
  auto later = New(a_, "themed-day", "2099-03-13");
  later.minutes = "Written in advance";
  EXPECT_FALSE(Must(service_->Find(sa_, Must(service_->Create(sa_, {}, later)))).records_filed_at);
  AuditFilter f;
  f.action = "meeting.view";
  f.object_type = "meeting";
  f.object_id = id;
  EXPECT_TRUE(Must(storage_->audit().Query(f)).empty());
  auth::Actor officer_actor;
  officer_actor.id = officer_.user_id;
  officer_actor.name = "officer";
  ASSERT_TRUE(service_->View(officer_, officer_actor, id).ok());
  const auto rows = Must(storage_->audit().Query(f));
  ASSERT_EQ(rows.size(), 1u);
}

TEST_F(BranchLifeTest, AppraisalCountsAndRefusals) {
  std::map<std::int64_t, std::string> ratings = {{a_members_[0], "excellent"},
                                                 {a_members_[1], "qualified"},
                                                 {a_members_[2], "qualified"},
                                                 {a_members_[3], "basically-qualified"}};
  ASSERT_TRUE(service_->SaveAppraisal(sa_, {}, a_, 2026, ratings).ok());
  EXPECT_EQ(service_->SaveAppraisal(sa_, {}, a_, 2026, {{a_members_[4], "great"}}).field(),
            "rating-" + std::to_string(a_members_[4]));
  const auto counts = BranchLifeService::Count(Must(storage_->branch_life().ListAppraisals(2026, {})));
  EXPECT_EQ(counts.excellent, 1u);
  EXPECT_EQ(counts.qualified, 2u);
  EXPECT_EQ(counts.basically, 1u);
  EXPECT_EQ(counts.unqualified, 0u);
  auto lines = Must(service_->Appraisal(sa_, {}, a_, 2026));
  EXPECT_EQ(lines.size(), 6u);
}

// The overview's counts against a fixture computed by hand: branch A in Q1
// of 2026 seen on 2026-04-20.
TEST_F(BranchLifeTest, OverviewCountsMatchAHandComputedFixture) {
  auto add = [&](const std::string& kind, const std::string& day, bool filed,
                 std::optional<std::int64_t> group = {}) {
    auto m = New(a_, kind, day);
    m.group_id = group;
    const auto id = Must(storage_->branch_life().InsertMeeting(m));
    if (filed) {
      auto r = Must(service_->Find(officer_, id));
      r.records_filed_at = At(day);
      EXPECT_TRUE(storage_->branch_life().UpdateMeeting(r).ok());
    }
    return id;
  };
  add("committee", "2026-01-10", true);
  add("committee", "2026-02-10", false);  // records never filed: late
  add("themed-day", "2026-01-20", true);
  add("themed-day", "2026-02-20", true);
  add("themed-day", "2026-03-20", true);
  const auto members = add("members", "2026-03-25", true);
  add("lesson", "2026-02-25", true);
  add("group", "2026-01-12", true, group_);
  // Attendance at the members' meeting: 4 of 6 attend.
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE(storage_->branch_life().SetMeetingMark({members, a_members_[i], i == 3 ? "late" : "present", "", "manual", 0, {}}).ok());
  ASSERT_TRUE(storage_->branch_life().SetMeetingMark({members, a_members_[4], "absent", "", "manual", 0, {}}).ok());
  const auto o = Must(BuildOverview(*storage_, RealCalendar(), 2026, 1, "2026-04-20", 480));
  ASSERT_EQ(o.rows.size(), 2u);
  const BranchRow& a = o.rows[0];
  EXPECT_EQ(a.branch.name, "Branch A");
  ASSERT_EQ(a.months.size(), 3u);
  // Items ending in Q1: committee ×3, group ×3, themed day ×3, members Q1,
  // lesson Q1 = 11. Met: committee Jan, group Jan, themed ×3, members,
  // lesson = 7. Late: committee Feb. Missing: committee Mar, group Feb and
  // Mar = 3.
  EXPECT_EQ(a.met, 7);
  EXPECT_EQ(a.late, 1);
  EXPECT_EQ(a.missing, 3);
  EXPECT_EQ(a.pending, 0);
  EXPECT_EQ(a.months[0].state, "ok");
  EXPECT_EQ(a.months[1].state, "missing");
  EXPECT_EQ(a.months[2].state, "missing");
  EXPECT_EQ(a.months[2].attended, 4u);
  EXPECT_EQ(a.months[2].expected, 6u);
  EXPECT_EQ(a.attended, 4u);
  EXPECT_EQ(a.expected, 6u);
  EXPECT_EQ(a.months[0].held, (std::vector<std::string>{"committee", "group", "themed-day"}));
  // Branch B held nothing: themed ×3, members, lesson missing. Under 7
  // members and no committee member on record, it owes no committee
  // meetings (支部工作条例 第九条).
  EXPECT_EQ(o.rows[1].missing, 5);
  EXPECT_EQ(o.missing, 8);
  EXPECT_EQ(o.met, 7);
}

TEST_F(BranchLifeTest, NewsDraftCarriesFactsButNoMinutes) {
  auto m = New(a_, "themed-day", "2026-03-13");
  m.place = "Room 5";
  m.minutes = "PRIVATE MINUTES";
  m.resolutions = "Visit the memorial hall.";
  const auto id = Must(service_->Create(sa_, {}, m));
  const auto facts = DraftMeetingNews(Must(service_->View(sa_, {}, id)), training::NewsWording::English());
  EXPECT_NE(facts.body_md.find("Room 5"), std::string::npos);
  EXPECT_NE(facts.body_md.find("Visit the memorial hall."), std::string::npos);
  EXPECT_EQ(facts.body_md.find("PRIVATE"), std::string::npos);
  EXPECT_FALSE(MayBecomeNews("life-meeting"));
  EXPECT_TRUE(MayBecomeNews("themed-day"));
}

}  // namespace
}  // namespace procura::branchlife

namespace procura::branchlife {
namespace {

// Photos uploaded at the same moment as each other and as an edit of the
// meeting all land: a write made from a version someone else has saved is
// refused by the storage and made again from the new one.
TEST_F(BranchLifeTest, SimultaneousPhotosAndAnEditAllLand) {
  const auto id = Must(service_->Create(sa_, {}, New(a_, "members", "2026-03-10")));
  constexpr int kThreads = 4, kEach = 5;
  std::atomic<int> failed{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t)
    writers.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i)
        if (!service_->AddPhoto(sa_, {}, id, 100 + t * kEach + i).ok()) ++failed;
    });
  for (auto& w : writers) w.join();
  EXPECT_EQ(failed.load(), 0);
  std::vector<std::int64_t> ids = PhotoIds(Must(service_->Find(sa_, id)).photos);
  std::sort(ids.begin(), ids.end());
  std::vector<std::int64_t> all(kThreads * kEach);
  std::iota(all.begin(), all.end(), 100);
  EXPECT_EQ(ids, all) << "every photo is kept once";
  ASSERT_TRUE(service_->LeadWithPhoto(sa_, {}, id, 117).ok());
  EXPECT_EQ(PhotoIds(Must(service_->Find(sa_, id)).photos).front(), 117);
  EXPECT_EQ(service_->LeadWithPhoto(sb_, {}, id, 100).code(), Status::Code::kNotFound)
      << "another branch's meeting is absent";
  EXPECT_EQ(service_->LeadWithPhoto(sa_, {}, id, 99).code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace procura::branchlife
