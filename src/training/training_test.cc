// Training records on a real SQLite file: check-in tokens, QR check-in
// refusals, manual marks, hours crediting, the 1/7 leave rule and the
// class summary against hand-computed figures.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <numeric>
#include <random>
#include <thread>

#include "auth/audit.h"
#include "core/clock.h"
#include "org/org_service.h"
#include "storage/photo_list.h"
#include "storage/storage.h"
#include "training/attendance.h"
#include "training/class_report.h"
#include "training/hours.h"
#include "training/training_service.h"

namespace procura::training {
namespace {

namespace fs = std::filesystem;
using auth::Role;

// The value, or a test failure that names the error.
template <class T>
T Must(Result<T> r) {
  if (!r.ok()) throw std::runtime_error(r.status().message());
  return std::move(r).value();
}

CheckinKey TestKey(unsigned char fill) {
  CheckinKey k;
  k.bytes.fill(fill);
  return k;
}

TEST(CheckinToken, RoundTripsAndRejectsTampering) {
  const CheckinKey key = TestKey(7);
  const std::string t = MakeCheckinToken(key, 12, 345);
  auto c = VerifyCheckinToken(key, t);
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->session, 12);
  EXPECT_EQ(c->slot, 345);
  std::string moved = t;
  moved.replace(0, 2, "13");  // same tag, another session
  EXPECT_FALSE(VerifyCheckinToken(key, moved).ok());
  EXPECT_FALSE(VerifyCheckinToken(TestKey(8), t).ok());
  for (const char* bad : {"", "x", "1-2", "1-2-", "-1-2-abc", "1-2-zz", "99999999999999999999-1-a"})
    EXPECT_FALSE(VerifyCheckinToken(key, bad).ok()) << bad;
}

TEST(Hours, CreditsPresentFullyLateByShareAndOthersNothing) {
  CreditRow r;
  r.hours = 3;
  r.late_credit = 0.5;
  r.mark = "present";
  EXPECT_DOUBLE_EQ(CreditFor(r), 3);
  r.mark = "late";
  EXPECT_DOUBLE_EQ(CreditFor(r), 1.5);
  r.mark = "excused";
  EXPECT_DOUBLE_EQ(CreditFor(r), 0);
  r.mark = "absent";
  EXPECT_DOUBLE_EQ(CreditFor(r), 0);
}

TEST(Hours, LeaveAboveOneSeventhOfAFullTimeClassIsNotCompleting) {
  EXPECT_FALSE(ExceedsLeaveLimit(2, 14, true));   // exactly 1/7
  EXPECT_TRUE(ExceedsLeaveLimit(2.5, 14, true));  // above
  EXPECT_FALSE(ExceedsLeaveLimit(7, 14, false));  // not full-time
  EXPECT_FALSE(ExceedsLeaveLimit(0, 0, true));
}

TEST(Validation, NamesTheField) {
  ClassRecord c;
  c.title = "Class";
  c.start_date = "2026-03-01";
  c.end_date = "2026-02-28";
  EXPECT_EQ(ValidateClass(c).field(), "end_date");
  EXPECT_EQ(ValidateClass(c).message(), "The end date is before the start date.");
  c.end_date = "2026-03-02";
  EXPECT_TRUE(ValidateClass(c).ok());
  c.capacity = 0;
  EXPECT_EQ(ValidateClass(c).field(), "capacity");
  SessionRow s{0, 1, "2026-03-01 9:00", "", 2, "lecture", "Topic"};
  EXPECT_EQ(ValidateSession(s).field(), "starts_at");
  s.starts_at = "2026-03-01 09:00";
  EXPECT_TRUE(ValidateSession(s).ok());
  s.type = "exchange";
  EXPECT_EQ(ValidateSession(s).field(), "presenting_branch_id");
  // Every problem at once, each naming its field.
  s.hours = 0;
  s.topic.clear();
  std::vector<std::string> fields;
  for (const Status& p : ValidateSession(s).problems()) fields.push_back(p.field());
  EXPECT_EQ(fields, (std::vector<std::string>{"hours", "topic", "presenting_branch_id"}));
}

class AttendanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("procura-training-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    storage_ = Must(OpenSqliteStorage(dir_));
    audit_ = std::make_unique<auth::Audit>(storage_->audit());
    org_ = std::make_unique<org::OrgService>(*storage_, *audit_);
    training_ = std::make_unique<TrainingService>(*storage_, *audit_);
    attendance_ = std::make_unique<AttendanceService>(*storage_, *audit_, *org_, key_, 480);
    UserRecord officer_user;
    officer_user.name = "officer";
    officer_user.password_hash = "x";
    officer_.user_id = Must(storage_->users().InsertUser(officer_user));
    officer_.roles = {Role::kRecordsOfficer};
    const auto inst = Must(storage_->org().InsertUnit({0, {}, "institution", "Procuratorate"}));
    branch_ = Must(storage_->org().InsertUnit({0, inst, "branch", "Cadre Office branch"}));
    for (int i = 0; i < 3; ++i) {
      UserRecord u;
      u.name = "user" + std::to_string(i);
      u.password_hash = "x";
      users_.push_back(Must(storage_->users().InsertUser(u)));
      MemberRecord m;
      m.name = "Member " + std::to_string(i);
      m.branch_id = branch_;
      m.status = "full";
      m.user_id = users_.back();
      m.gender = "female";
      m.birth_date = "1980-01-01";
      m.joined_date = "2005-07-01";
      members_.push_back(Must(storage_->org().InsertMember(m)));
    }
    ClassRecord c;
    c.title = "Secretaries' class";
    c.start_date = c.end_date = "2026-03-01";
    c.full_time = true;
    c.late_credit = 0.5;
    class_ = Must(training_->CreateClass(officer_, {}, c));
    // Two sessions, 7 hours in all: 09:00 (+08:00) for 4 h, 14:00 for 3 h.
    s1_ =
        training_->AddSession(officer_, {}, {0, class_, "2026-03-01 09:00", "", 4, "lecture", "A"})
            .value();
    s2_ =
        training_->AddSession(officer_, {}, {0, class_, "2026-03-01 14:00", "", 3, "lecture", "B"})
            .value();
    for (auto m : {members_[0], members_[1]})
      ASSERT_TRUE(training_->Enroll(officer_, {}, class_, m).ok());
    start1_ = ParseLocalTime("2026-03-01T09:00", 480).value();
  }
  void TearDown() override { fs::remove_all(dir_); }
  auth::Principal Participant(int i) {
    auth::Principal p;
    p.user_id = users_.at(i);
    return p;
  }
  Result<CheckinResult> Scan(int who, std::int64_t session, UnixSeconds shown, UnixSeconds now) {
    return attendance_->CheckIn(Participant(who), {}, session,
                                MakeCheckinToken(key_, session, SlotAt(shown)), now);
  }

  fs::path dir_;
  CheckinKey key_ = TestKey(3);
  std::unique_ptr<Storage> storage_;
  std::unique_ptr<auth::Audit> audit_;
  std::unique_ptr<org::OrgService> org_;
  std::unique_ptr<TrainingService> training_;
  std::unique_ptr<AttendanceService> attendance_;
  auth::Principal officer_;
  std::int64_t branch_ = 0, class_ = 0, s1_ = 0, s2_ = 0;
  std::vector<std::int64_t> members_, users_;
  UnixSeconds start1_ = 0;
};

TEST_F(AttendanceTest, ValidTokenChecksInOnceAndLateAfterTheStart) {
  auto r = Scan(0, s1_, start1_ - 60, start1_ - 50);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->mark, "present");
  EXPECT_FALSE(r->already);
  auto again = Scan(0, s1_, start1_ - 20, start1_ - 10);  // a fresh code: already in
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already);
  auto late = Scan(1, s1_, start1_ + 120, start1_ + 130);
  ASSERT_TRUE(late.ok()) << late.status().message();
  EXPECT_EQ(late->mark, "late");
}

TEST_F(AttendanceTest, RefusalsLeaveNoRecord) {
  const UnixSeconds now = start1_ - 60;
  // Expired: shown five periods ago.
  EXPECT_EQ(Scan(0, s1_, now - 5 * kTokenPeriodSeconds, now).status().message(),
            "This code has expired. Scan the code on the screen again.");
  // Another session's code.
  auto other =
      attendance_->CheckIn(Participant(0), {}, s1_, MakeCheckinToken(key_, s2_, SlotAt(now)), now);
  EXPECT_NE(other.status().message().find("another session"), std::string::npos);
  // Not enrolled (member 2).
  EXPECT_EQ(Scan(2, s1_, now, now).status().code(), Status::Code::kDenied);
  // Outside the window: 31 minutes early, 16 minutes after the start.
  EXPECT_NE(
      Scan(0, s1_, start1_ - 31 * 60, start1_ - 31 * 60).status().message().find("opens at 08:30"),
      std::string::npos);
  EXPECT_NE(
      Scan(0, s1_, start1_ + 16 * 60, start1_ + 16 * 60).status().message().find("closed at 09:15"),
      std::string::npos);
  EXPECT_TRUE(storage_->attendance().ListMarks(s1_).value().empty());
}

TEST_F(AttendanceTest, ReplayedTokenIsRefused) {
  const UnixSeconds now = start1_ - 60;
  ASSERT_TRUE(Scan(0, s1_, now, now).ok());
  // The officer resets the mark; the same code cannot be spent twice.
  ASSERT_TRUE(attendance_->Mark(officer_, {}, s1_, members_[0], "absent", "").ok());
  auto replay = Scan(0, s1_, now, now + 5);
  EXPECT_EQ(replay.status().code(), Status::Code::kConflict);
  EXPECT_EQ(storage_->attendance().GetMark(s1_, members_[0]).value()->mark, "absent");
}

TEST_F(AttendanceTest, ManualMarksAreAuditedWithOldAndNewValues) {
  EXPECT_EQ(attendance_->Mark(officer_, {}, s1_, members_[0], "excused", "").message(),
            "Excused leave needs a reason. Write it in the reason box.");
  ASSERT_TRUE(attendance_->Mark(officer_, {}, s1_, members_[0], "present", "").ok());
  ASSERT_TRUE(attendance_->Mark(officer_, {}, s1_, members_[0], "excused", "court duty").ok());
  auto page = storage_->audit().Query(AuditFilter{}).value();
  bool found = false;
  for (const auto& e : page)
    found |= e.action == "attendance.mark" &&
             e.detail.find("present -> excused (court duty)") != std::string::npos;
  EXPECT_TRUE(found);
  EXPECT_EQ(attendance_->Mark(Participant(0), {}, s1_, members_[0], "present", "").code(),
            Status::Code::kDenied);
}

TEST_F(AttendanceTest, HoursAndSummaryMatchHandComputedFigures) {
  // Member 0: present 4 h + late 3 h (credit 0.5) = 5.5 h.
  // Member 1: present 4 h, excused 3 h: 3 > 7/7 = 1 → not completing.
  ASSERT_TRUE(attendance_->Mark(officer_, {}, s1_, members_[0], "present", "").ok());
  ASSERT_TRUE(attendance_->Mark(officer_, {}, s2_, members_[0], "late", "").ok());
  ASSERT_TRUE(attendance_->Mark(officer_, {}, s1_, members_[1], "present", "").ok());
  ASSERT_TRUE(attendance_->Mark(officer_, {}, s2_, members_[1], "excused", "ill").ok());
  HoursService hours(*storage_, *audit_, *org_);
  ASSERT_TRUE(hours.SetRequirements(officer_, {}, 2026, {40, 5}).ok());
  auto report = hours.AnnualReport(officer_, 2026, std::nullopt).value();
  ASSERT_EQ(report.size(), 3u);
  EXPECT_DOUBLE_EQ(report[0].total, 5.5);
  EXPECT_FALSE(report[0].below());  // a member: 5 h required
  EXPECT_DOUBLE_EQ(report[1].total, 4);
  EXPECT_TRUE(report[1].below());
  EXPECT_TRUE(report[1].classes.at(0).not_completing);
  EXPECT_FALSE(report[0].classes.at(0).not_completing);
  EXPECT_DOUBLE_EQ(report[2].total, 0);

  auto s = SummarizeClass(*storage_, *training_, officer_, class_).value();
  EXPECT_EQ(s.enrolled, 2u);
  EXPECT_EQ(s.attended, 2u);
  EXPECT_DOUBLE_EQ(s.attendance_rate, 75.0);  // 3 of 4 possible marks
  ASSERT_EQ(s.sessions.size(), 2u);
  EXPECT_EQ(s.sessions[1].tally.late, 1u);
  EXPECT_EQ(s.sessions[1].tally.excused, 1u);
  ASSERT_EQ(s.branches.size(), 1u);
  EXPECT_EQ(s.branches[0].attended, 2u);
  ASSERT_EQ(s.not_completing.size(), 1u);
  EXPECT_EQ(s.not_completing[0], "Member 1");
  const NewsFacts facts = DraftNewsFacts(s);
  EXPECT_NE(facts.body_md.find("2 of the 2 enrolled attended"), std::string::npos);
  // The opening reads as a sentence: "On <date>" for one day, "From <a>
  // to <b>" for several (not "On a to b").
  EXPECT_EQ(facts.body_md.rfind("On 2026-03-01, the organ Party Committee held Secretaries' class.", 0), 0u)
      << facts.body_md;
  s.detail.cls.end_date = "2026-03-03";
  s.detail.cls.venue = "Lecture hall";
  EXPECT_EQ(DraftNewsFacts(s).body_md.rfind(
                "From 2026-03-01 to 2026-03-03, the organ Party Committee held Secretaries' class "
                "at Lecture hall.",
                0),
            0u);
}

TEST_F(AttendanceTest, CapacityIsEnforced) {
  ClassRecord c = training_->Find(class_).value();
  c.capacity = 2;
  ASSERT_TRUE(training_->UpdateClass(officer_, {}, c).ok());
  EXPECT_EQ(training_->Enroll(officer_, {}, class_, members_[2]).code(),
            Status::Code::kInvalidArgument);
  ASSERT_TRUE(training_->Withdraw(officer_, {}, class_, members_[1]).ok());
  EXPECT_TRUE(training_->Enroll(officer_, {}, class_, members_[2]).ok());
}

TEST_F(AttendanceTest, AClassKeepsItsPhotosInOrderUpToTheLimit) {
  EXPECT_EQ(training_->AddPhoto(Participant(0), {}, class_, 5).code(), Status::Code::kDenied)
      << "the records officer's";
  ASSERT_TRUE(training_->AddPhoto(officer_, {}, class_, 5).ok());
  ASSERT_TRUE(training_->AddPhoto(officer_, {}, class_, 3).ok());
  EXPECT_EQ(training_->Find(class_)->photos, "5,3");
  EXPECT_EQ(training_->RemovePhoto(officer_, {}, class_, 4).code(), Status::Code::kNotFound);
  ASSERT_TRUE(training_->RemovePhoto(officer_, {}, class_, 5).ok());
  EXPECT_EQ(training_->Find(class_)->photos, "3");
  for (std::int64_t id = 10; id < 29; ++id)  // 19 more: 20 in all
    ASSERT_TRUE(training_->AddPhoto(officer_, {}, class_, id).ok()) << id;
  EXPECT_EQ(PhotoIds(training_->Find(class_)->photos).size(), kMaxClassPhotos);
  const Status full = training_->AddPhoto(officer_, {}, class_, 99);
  EXPECT_EQ(full.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(full.message(), "A class keeps at most 20 photos.");
  EXPECT_EQ(PhotoIds(training_->Find(class_)->photos).size(), kMaxClassPhotos) << "unchanged";
  AuditFilter removals;
  removals.action = "training.photo.remove";
  EXPECT_EQ(storage_->audit().Query(removals)->size(), 1u);
}

TEST_F(AttendanceTest, AnyPhotoOfTheClassCanLead) {
  for (std::int64_t id : {5, 3, 8}) ASSERT_TRUE(training_->AddPhoto(officer_, {}, class_, id).ok());
  EXPECT_EQ(training_->LeadWithPhoto(Participant(0), {}, class_, 8).code(), Status::Code::kDenied);
  ASSERT_TRUE(training_->LeadWithPhoto(officer_, {}, class_, 8).ok());
  EXPECT_EQ(training_->Find(class_)->photos, "8,5,3");
  ASSERT_TRUE(training_->LeadWithPhoto(officer_, {}, class_, 8).ok()) << "already first";
  EXPECT_EQ(training_->Find(class_)->photos, "8,5,3");
  EXPECT_EQ(training_->LeadWithPhoto(officer_, {}, class_, 4).code(), Status::Code::kNotFound);
  EXPECT_EQ(training_->Find(class_)->photos, "8,5,3");
  AuditFilter leads;
  leads.action = "training.photo.lead";
  EXPECT_EQ(storage_->audit().Query(leads)->size(), 2u);
}

// Uploads that land at the same moment each keep their photo: a write made
// from a list another upload has changed is refused by the storage and
// made again from the new list.
TEST_F(AttendanceTest, SimultaneousUploadsKeepEveryPhoto) {
  constexpr int kThreads = 4, kEach = 5;
  std::vector<std::thread> uploaders;
  std::atomic<int> failed{0};
  for (int t = 0; t < kThreads; ++t)
    uploaders.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i)
        if (!training_->AddPhoto(officer_, {}, class_, 100 + t * kEach + i).ok()) ++failed;
    });
  for (auto& u : uploaders) u.join();
  EXPECT_EQ(failed.load(), 0);
  std::vector<std::int64_t> ids = PhotoIds(training_->Find(class_)->photos);
  std::sort(ids.begin(), ids.end());
  std::vector<std::int64_t> all(kThreads * kEach);
  std::iota(all.begin(), all.end(), 100);
  EXPECT_EQ(ids, all) << "every upload's photo is kept once";
}

}  // namespace
}  // namespace procura::training

namespace procura::training {
namespace {

TEST(CentralizedTraining, OnlyACompletedClassOrACentralizedCourseCounts) {
  MemberLedger leader{MemberRecord{}, "支部", "leader"};
  EXPECT_TRUE(leader.lacks_centralized());  // nothing yet
  ClassCredit online{0, "网络专题班", 6, 0, 6};
  online.outside = true, online.centralized = false;
  leader.classes.push_back(online);
  EXPECT_TRUE(leader.lacks_centralized());
  ClassCredit left_early{7, "轮训班", 20, 8, 28};
  left_early.not_completing = true;  // leave over 1/7
  leader.classes.push_back(left_early);
  EXPECT_TRUE(leader.lacks_centralized());
  ClassCredit absent{8, "示范班", 0, 0, 16};  // enrolled, nothing credited
  leader.classes.push_back(absent);
  EXPECT_TRUE(leader.lacks_centralized());
  leader.required = 0;
  EXPECT_FALSE(leader.below());
  EXPECT_TRUE(leader.falls_short());
  ClassCredit course{0, "县委党校", 24, 0, 24};
  course.outside = true;  // a centralized course elsewhere
  leader.classes.push_back(course);
  EXPECT_FALSE(leader.lacks_centralized());
  EXPECT_FALSE(leader.falls_short());
  leader.classes = {ClassCredit{9, "书记培训班", 4, 0, 4}};  // the organ's own class
  EXPECT_FALSE(leader.lacks_centralized());
  // A member without a post needs hours only.
  MemberLedger member{MemberRecord{}, "支部", "member"};
  EXPECT_FALSE(member.lacks_centralized());
}

TEST(CentralizedTraining, AClassHeldOnlineCountsItsHoursButIsNoCentralizedTraining) {
  CreditRow in_person{1, 10, "集中轮训", false, 1, 100, "2026-03-01 09:00", 4, "present"};
  CreditRow online{1, 11, "网络专题班", false, 1, 101, "2026-03-02 09:00", 6, "present", true};
  auto folded = FoldCredits({online}, {{11, 6.0}});
  ASSERT_EQ(folded[1].size(), 1u);
  EXPECT_DOUBLE_EQ(folded[1][0].credited, 6);
  EXPECT_FALSE(folded[1][0].centralized);
  MemberLedger leader{MemberRecord{}, "支部", "leader"};
  leader.classes = folded[1];
  EXPECT_TRUE(leader.lacks_centralized()) << "online hours alone leave a leader short";
  folded = FoldCredits({online, in_person}, {{10, 4.0}, {11, 6.0}});
  leader.classes = folded[1];
  EXPECT_FALSE(leader.lacks_centralized());
}

TEST(CentralizedTraining, TheYearEndReminderRunsFromOctoberToTheYearsEnd) {
  EXPECT_FALSE(InYearEndReminder("2026-01-01"));
  EXPECT_FALSE(InYearEndReminder("2026-09-30"));
  EXPECT_TRUE(InYearEndReminder("2026-10-01"));
  EXPECT_TRUE(InYearEndReminder("2026-12-31"));
  EXPECT_FALSE(InYearEndReminder(""));
}

}  // namespace
}  // namespace procura::training
