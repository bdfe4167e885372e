// Party dues: the 2008 rates at their thresholds, money parsing, a year
// computed against a fixed month (owed, open, future, the six-month
// streak across the year's start), and DuesService on a real SQLite file
// (who may see and record what, and what a bad payment leaves behind).
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "core/clock.h"
#include "org/test_people.h"
#include "org/dues.h"
#include "org/dues_year.h"

namespace procura::org {
namespace {

namespace fs = std::filesystem;
using auth::Role;

TEST(DuesRules, RatesAtEachThreshold) {
  EXPECT_EQ(DuesRateBasisPoints("in-service", 300000), 50);
  EXPECT_EQ(DuesRateBasisPoints("in-service", 300001), 100);
  EXPECT_EQ(DuesRateBasisPoints("in-service", 500000), 100);
  EXPECT_EQ(DuesRateBasisPoints("in-service", 500001), 150);
  EXPECT_EQ(DuesRateBasisPoints("in-service", 1000000), 150);
  EXPECT_EQ(DuesRateBasisPoints("in-service", 1000001), 200);
  EXPECT_EQ(DuesRateBasisPoints("retired", 500000), 50);
  EXPECT_EQ(DuesRateBasisPoints("retired", 500001), 100);
  EXPECT_EQ(DuesRateBasisPoints("fixed", 500000), 0);
  EXPECT_EQ(MonthlyDuesFen("in-service", 450000), 4500);   // 4,500 yuan at 1% = 45.00
  EXPECT_EQ(MonthlyDuesFen("in-service", 1234567), 24691);  // 12,345.67 at 2% = 246.9134 → 246.91
  EXPECT_EQ(MonthlyDuesFen("in-service", 300100), 3001);   // 3,001 at 1%
  EXPECT_EQ(MonthlyDuesFen("retired", 280099), 1400);      // 2,800.99 at 0.5% = 14.00495 → 14.00
  EXPECT_EQ(MonthlyDuesFen("retired", 280100), 1401);      // 14.005 → 14.01 (half up)
  EXPECT_EQ(MonthlyDuesFen("fixed", 20), 20);
  EXPECT_EQ(MonthlyDuesFen("in-service", 99), 0) << "too small a base gives nothing";
  EXPECT_TRUE(IsDuesCategory("retired"));
  EXPECT_FALSE(IsDuesCategory("student"));
}

TEST(DuesRules, YuanParsedAndFormatted) {
  EXPECT_EQ(ParseYuan("3500"), 350000);
  EXPECT_EQ(ParseYuan(" 3500.5 "), 350050);
  EXPECT_EQ(ParseYuan("0.20"), 20);
  EXPECT_EQ(ParseYuan("10000000"), 1000000000);
  EXPECT_EQ(ParseYuan("４５００．５０"), 450050) << "typed in full-width (全角)";
  for (const char* bad : {"", " ", "abc", "-5", "1.234", "1.", ".5", "1,000", "10000000.01",
                          "99999999999999999999", "3500元"})
    EXPECT_EQ(ParseYuan(bad), std::nullopt) << bad;
  EXPECT_EQ(FormatYuan(350050), "3500.50");
  EXPECT_EQ(FormatYuan(20), "0.20");
  EXPECT_EQ(FormatYuan(0), "0.00");
  EXPECT_EQ(FormatYuanGrouped(22160940), "221,609.40");
  EXPECT_EQ(FormatYuanGrouped(350050), "3,500.50");
  EXPECT_EQ(FormatYuanGrouped(99999), "999.99");
  EXPECT_EQ(FormatYuanGrouped(100000000000), "1,000,000,000.00");
  EXPECT_EQ(FormatYuanGrouped(-123456789), "-1,234,567.89");
  EXPECT_EQ(FormatYuanGrouped(-5), "-0.05");
}

TEST(DuesRules, AYearAgainstAFixedMonth) {
  MemberRecord m;
  m.id = 7;
  const std::vector<DuesBaseRecord> bases{{7, 2025, "fixed", 0, 50, {}, 0},
                                          {7, 2026, "in-service", 450000, 4500, {}, 0}};
  // Paid up to August 2025; then January and May 2026 (a later month
  // breaks nothing earlier); now is July 2026.
  std::vector<DuesPaymentRecord> paid;
  for (int month = 1; month <= 8; ++month) paid.push_back({7, 2025, month, 50, "2025-09-01", {}, 0});
  paid.push_back({7, 2026, 5, 4500, "2026-05-10", {}, 0});
  const MemberDues d = ComputeMemberDues(m, 2026, {2026, 7}, bases, paid);
  EXPECT_EQ(d.months[4].state, MonthState::kPaid);
  EXPECT_EQ(d.months[4].paid_on, "2026-05-10");
  EXPECT_EQ(d.months[0].state, MonthState::kOwed);
  EXPECT_EQ(d.months[5].state, MonthState::kOwed);
  EXPECT_EQ(d.months[6].state, MonthState::kOpen) << "this month is not late yet";
  EXPECT_EQ(d.months[7].state, MonthState::kFuture);
  EXPECT_EQ(d.paid_fen, 4500);
  EXPECT_EQ(d.owed_fen, 5 * 4500);
  EXPECT_EQ(d.unpaid_streak, 1) << "June only: May is paid";
  // Without the May payment: June back to September 2025 is ten months.
  paid.pop_back();
  EXPECT_EQ(ComputeMemberDues(m, 2026, {2026, 7}, bases, paid).unpaid_streak, 10);
  // A past year counts back from its December; a year without a base is
  // never owed.
  EXPECT_EQ(ComputeMemberDues(m, 2025, {2026, 7}, bases, paid).unpaid_streak, 4);
  const MemberDues none = ComputeMemberDues(m, 2024, {2026, 7}, bases, paid);
  EXPECT_EQ(none.months[0].state, MonthState::kNoBase);
  EXPECT_EQ(none.owed_fen, 0);
  EXPECT_EQ(ComputeMemberDues(m, 2027, {2026, 7}, bases, paid).unpaid_streak, 0);
}

template <class T>
T Must(Result<T> r) {
  if (!r.ok()) throw std::runtime_error(r.status().message());
  return std::move(r).value();
}

// Two branches: A (secretary sa, member a0 with an account) and B (secretary sb).
class DuesServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("procura-dues-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    storage_ = Must(OpenSqliteStorage(dir_));
    audit_ = std::make_unique<auth::Audit>(storage_->audit());
    org_ = std::make_unique<OrgService>(*storage_, *audit_);
    dues_ = std::make_unique<DuesService>(*storage_, *audit_, *org_, 480);
    officer_ = Principal("officer", {Role::kRecordsOfficer});
    sa_ = Principal("sa", {Role::kBranchSecretary});
    sb_ = Principal("sb", {Role::kBranchSecretary});
    a0_user_ = Principal("a0", {Role::kMember});
    const auto inst = Must(storage_->org().InsertUnit({0, {}, "institution", "Procuratorate"}));
    a_ = Must(storage_->org().InsertUnit({0, inst, "branch", "Branch A", "", 1}));
    b_ = Must(storage_->org().InsertUnit({0, inst, "branch", "Branch B", "", 2}));
    const auto sa_member = AddMember("Secretary A", a_, sa_.user_id);
    ASSERT_TRUE(storage_->org().AddPost({sa_member, a_, "secretary"}).ok());
    const auto sb_member = AddMember("Secretary B", b_, sb_.user_id);
    ASSERT_TRUE(storage_->org().AddPost({sb_member, b_, "secretary"}).ok());
    a0_ = AddMember("Member A0", a_, a0_user_.user_id);
    year_ = std::stoi(dues_->Today().substr(0, 4));
  }
  void TearDown() override { fs::remove_all(dir_); }

  auth::Principal Principal(const std::string& name, std::set<Role> roles) {
    return testing::AddPrincipal(*storage_, name, std::move(roles));
  }
  std::int64_t AddMember(const std::string& name, std::int64_t branch,
                         std::optional<std::int64_t> user) {
    return testing::AddPartyMember(*storage_, name, branch, user);
  }

  fs::path dir_;
  std::unique_ptr<Storage> storage_;
  std::unique_ptr<auth::Audit> audit_;
  std::unique_ptr<OrgService> org_;
  std::unique_ptr<DuesService> dues_;
  auth::Principal officer_, sa_, sb_, a0_user_;
  std::int64_t a_ = 0, b_ = 0, a0_ = 0;
  int year_ = 0;
};

TEST_F(DuesServiceTest, WhoMaySeeAndRecord) {
  ASSERT_TRUE(dues_->SetBase(sa_, {}, a0_, year_, "in-service", 450000).ok());
  EXPECT_EQ(dues_->SetBase(sb_, {}, a0_, year_, "fixed", 20).code(), Status::Code::kDenied);
  EXPECT_EQ(dues_->SetBase(a0_user_, {}, a0_, year_, "fixed", 20).code(), Status::Code::kDenied)
      << "a member sees but never records their own dues";
  EXPECT_EQ(dues_->Branch(sb_, a_, year_).status().code(), Status::Code::kDenied);
  EXPECT_EQ(dues_->Overview(a0_user_, year_).status().code(), Status::Code::kDenied);
  auto mine = dues_->Member(a0_user_, a0_, year_);
  ASSERT_TRUE(mine.ok()) << mine.status().message();
  EXPECT_EQ(mine->base->monthly_fen, 4500);
  EXPECT_EQ(dues_->Member(sb_, a0_, year_).status().code(), Status::Code::kDenied);
  auto all = dues_->Overview(officer_, year_);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].rows.size(), 2u);
  EXPECT_EQ((*all)[0].without_base, 1u) << "the secretary's own base is not set";
  auto own = dues_->Overview(sb_, year_);
  ASSERT_EQ(own->size(), 1u);
  EXPECT_EQ(own->front().branch.id, b_);
  EXPECT_EQ(dues_->Branch(officer_, 999, year_).status().code(), Status::Code::kNotFound);
}

TEST_F(DuesServiceTest, PaymentsAreAllOrNothingAndAudited) {
  const std::string today = dues_->Today();
  EXPECT_EQ(dues_->RecordPayments(sa_, {}, a0_, year_, {1}, today).field(), "months")
      << "no base yet";
  EXPECT_EQ(dues_->SetBase(sa_, {}, a0_, year_, "in-service", 99).field(), "amount");
  EXPECT_EQ(dues_->SetBase(sa_, {}, a0_, year_, "student", 2000).field(), "category");
  EXPECT_EQ(dues_->SetBase(sa_, {}, a0_, 1999, "fixed", 20).field(), "year");
  ASSERT_TRUE(dues_->SetBase(sa_, {}, a0_, year_, "fixed", 50).ok());
  EXPECT_EQ(dues_->RecordPayments(sa_, {}, a0_, year_, {}, today).field(), "months");
  EXPECT_EQ(dues_->RecordPayments(sa_, {}, a0_, year_, {0}, today).field(), "months");
  EXPECT_EQ(dues_->RecordPayments(sa_, {}, a0_, year_, {1}, "2026-13-01").field(), "paid_on");
  EXPECT_EQ(dues_->RecordPayments(sa_, {}, a0_, year_, {1}, "2999-01-01").field(), "paid_on");
  EXPECT_EQ(dues_->RecordPayments(sa_, {}, a0_, year_, {1}, std::to_string(year_ - 2) + "-12-31").field(),
            "paid_on")
      << "not paid years ahead";
  ASSERT_TRUE(dues_->RecordPayments(sa_, {}, a0_, year_, {2, 1, 2}, today).ok());
  // March is new but February is paid: nothing of the request is written.
  EXPECT_EQ(dues_->RecordPayments(sa_, {}, a0_, year_, {3, 2}, today).code(),
            Status::Code::kAlreadyExists);
  auto d = dues_->Member(officer_, a0_, year_);
  EXPECT_EQ(d->paid_fen, 100);
  EXPECT_NE(d->months[2].state, MonthState::kPaid);
  EXPECT_EQ(dues_->UndoPayment(sa_, {}, a0_, year_, 1, "").field(), "reason");
  EXPECT_EQ(dues_->UndoPayment(sa_, {}, a0_, year_, 1, std::string(501, 'x')).field(), "reason")
      << "a reason is at most 500 bytes";
  EXPECT_EQ(dues_->UndoPayment(sa_, {}, a0_, year_, 0, "x").field(), "month");
  ASSERT_TRUE(dues_->UndoPayment(sa_, {}, a0_, year_, 1, "entered twice").ok());
  EXPECT_EQ(dues_->UndoPayment(sa_, {}, a0_, year_, 1, "again").code(), Status::Code::kNotFound);
  EXPECT_EQ(dues_->Member(officer_, a0_, year_)->paid_fen, 50);
  AuditFilter f;
  auto log = storage_->audit().Query(f);
  ASSERT_TRUE(log.ok());
  std::vector<std::string> actions;
  for (const auto& e : *log) actions.push_back(e.action);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "dues.base"), 1);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "dues.pay"), 1);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "dues.undo"), 1);
}

TEST_F(DuesServiceTest, LastYearsDuesCarryOverToMembersWithoutThisYears) {
  ASSERT_TRUE(dues_->SetBase(officer_, {}, a0_, year_ - 1, "retired", 600000).ok());
  const auto sa_member = Must(storage_->org().MemberForUser(sa_.user_id))->id;
  ASSERT_TRUE(dues_->SetBase(officer_, {}, sa_member, year_ - 1, "fixed", 100).ok());
  ASSERT_TRUE(dues_->SetBase(officer_, {}, sa_member, year_, "fixed", 50).ok());
  EXPECT_EQ(dues_->CarryOver(sb_, {}, a_, year_).status().code(), Status::Code::kDenied);
  auto set = dues_->CarryOver(sa_, {}, a_, year_);
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_EQ(*set, 1u) << "the secretary's own dues were set already";
  auto got = Must(storage_->dues().GetBase(a0_, year_));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->category, "retired");
  EXPECT_EQ(got->base_fen, 600000);
  EXPECT_EQ(got->monthly_fen, 6000) << "worked out again: 6,000 yuan retired at 1%";
  EXPECT_EQ(Must(storage_->dues().GetBase(sa_member, year_))->monthly_fen, 50) << "kept";
  EXPECT_EQ(*dues_->CarryOver(sa_, {}, a_, year_), 0u) << "nothing left to carry";
}

TEST_F(DuesServiceTest, ABranchsMonthIsRecordedForEveryTickedMemberOrNone) {
  const std::string today = dues_->Today();
  const auto sa_member = Must(storage_->org().MemberForUser(sa_.user_id))->id;
  const auto b0 = AddMember("Member B0", b_, std::nullopt);
  ASSERT_TRUE(dues_->SetBase(officer_, {}, a0_, year_, "in-service", 450000).ok());
  ASSERT_TRUE(dues_->SetBase(officer_, {}, b0, year_, "fixed", 20).ok());
  auto count = [&] { return Must(storage_->dues().ListPayments(year_, year_, std::nullopt)).size(); };
  // The secretary has no dues set; B0 is in another branch.
  Status s = dues_->RecordMonth(sa_, {}, a_, year_, 1, {a0_, sa_member}, today);
  EXPECT_EQ(s.field(), "members");
  EXPECT_EQ(s.problems().size(), 1u);
  EXPECT_EQ(dues_->RecordMonth(sa_, {}, a_, year_, 1, {a0_, b0}, today).field(), "members");
  EXPECT_EQ(dues_->RecordMonth(sb_, {}, a_, year_, 1, {a0_}, today).code(), Status::Code::kDenied);
  EXPECT_EQ(dues_->RecordMonth(sa_, {}, a_, year_, 13, {a0_}, today).field(), "month");
  EXPECT_EQ(dues_->RecordMonth(sa_, {}, a_, year_, 1, {}, today).field(), "members");
  EXPECT_EQ(count(), 0u) << "nothing written by a refused request";
  ASSERT_TRUE(dues_->SetBase(officer_, {}, sa_member, year_, "in-service", 1200000).ok());
  ASSERT_TRUE(dues_->RecordMonth(sa_, {}, a_, year_, 1, {a0_, sa_member, a0_}, today).ok());
  auto paid = Must(storage_->dues().ListPayments(year_, year_, a_));
  ASSERT_EQ(paid.size(), 2u);
  EXPECT_EQ(paid[0].amount_fen + paid[1].amount_fen, 4500 + 24000) << "each at their own dues";
  s = dues_->RecordMonth(sa_, {}, a_, year_, 1, {a0_}, today);
  EXPECT_EQ(s.code(), Status::Code::kAlreadyExists);
  EXPECT_NE(s.message().find("Member A0"), std::string::npos) << s.message();
  EXPECT_EQ(count(), 2u);
}

TEST_F(DuesServiceTest, AnImportSetsEveryRowOrNothingAndNamesEachProblem) {
  const auto b0 = AddMember("Member B0", b_, std::nullopt);
  const auto sa_member = Must(storage_->org().MemberForUser(sa_.user_id))->id;
  const std::vector<std::vector<std::string>> bad{
      {"编号", "姓名", "类别", "金额（元）"},
      {std::to_string(a0_), "", "在职", "4500"},
      {"", "Nobody", "在职", "4500"},
      {"", "Secretary A", "student", "4500"},
      {"", "Member A0", "离退休", "45,00"},
      {"", "", "", ""},
      {std::to_string(b0), "", "定额", "1"}};
  auto got = dues_->ImportBases(sa_, {}, year_, bad);
  ASSERT_TRUE(got.ok()) << got.status().message();
  std::vector<std::string> where;
  for (const auto& p : got->problems) where.push_back(std::to_string(p.line) + p.column);
  EXPECT_EQ(where, (std::vector<std::string>{"3B", "4C", "5B", "5D", "7A"}))
      << "Member A0 twice (row 5, by name) and B0 outside the secretary's branch (row 7)";
  EXPECT_TRUE(Must(storage_->dues().ListBases(year_, std::nullopt)).empty()) << "nothing written";
  const std::vector<std::vector<std::string>> good{
      {"name", "branch", "category", "amount (yuan)"},
      {"Member A0", "Branch A", "retired", "6000"},
      {"Secretary A", "", "fixed", "0.2"},
      {"Member A0 extra", "", "", ""}};
  got = dues_->ImportBases(sa_, {}, year_, good);
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(got->problems.empty());
  EXPECT_EQ(got->set, 2u);
  EXPECT_EQ(Must(storage_->dues().GetBase(a0_, year_))->monthly_fen, 6000);
  EXPECT_EQ(Must(storage_->dues().GetBase(sa_member, year_))->monthly_fen, 20);
  EXPECT_EQ(dues_->ImportBases(a0_user_, {}, year_, good).status().code(), Status::Code::kDenied);
  got = dues_->ImportBases(officer_, {}, year_, {{"name", "amount"}});
  EXPECT_EQ(got->problems.size(), 1u) << "a header and nothing else";
}

}  // namespace
}  // namespace procura::org
