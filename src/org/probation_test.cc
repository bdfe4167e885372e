// Probation: the year's end, including a member admitted on 29 February;
// full membership (转正) and party standing (党龄).
#include "org/probation.h"

#include <gtest/gtest.h>

#include "org/member_records.h"

namespace procura::org {
namespace {

TEST(Probation, EndsOneYearAfterAdmission) {
  EXPECT_EQ(ProbationEnds("2025-12-20"), "2026-12-20");
  EXPECT_EQ(ProbationEnds("2024-02-29"), "2025-02-28");
  EXPECT_EQ(ProbationEnds("2023-02-28"), "2024-02-28");
  EXPECT_EQ(ProbationEnds("2026-13-01"), "");
  EXPECT_EQ(ProbationEnds(""), "");
  EXPECT_EQ(ProbationEnds("2026-1-5"), "");
}

TEST(Probation, EighteenthBirthdayKeepsALeapDayWhereTheYearHasOne) {
  EXPECT_EQ(EighteenthBirthday("1990-06-10"), "2008-06-10");
  EXPECT_EQ(EighteenthBirthday("1988-02-29"), "2006-02-28");
  EXPECT_EQ(EighteenthBirthday("1982-02-28"), "2000-02-28");
  EXPECT_EQ(YearsAfter("1996-02-29", 4), "2000-02-29");
  EXPECT_EQ(YearsAfter("1996-02-29", 104), "2100-02-28");
  EXPECT_EQ(EighteenthBirthday("1990-6-10"), "");
}

TEST(Probation, OneJoinsThePartyAtEighteenOrOlder) {
  const std::vector<OrgUnitRecord> units = {{7, {}, "branch", "第一支部", "", 0}};
  const auto fields = [&](const std::string& birth, const std::string& joined) {
    std::string out;
    const MemberRecord m{0, "张三", "male", birth, joined, 7, "", "full"};
    for (const Status& one : ValidateMember(m, units).problems()) out += one.field() + ";";
    return out;
  };
  EXPECT_EQ(fields("1990-06-10", "2008-06-10"), "");  // the eighteenth birthday
  EXPECT_EQ(fields("1990-06-10", "2008-06-09"), "joined_date;");
  EXPECT_EQ(fields("1994-02-10", "1992-06-01"), "joined_date;");  // before birth
  EXPECT_EQ(fields("1990-13-10", "1992-06-01"), "birth_date;");   // one problem, not two
}

TEST(Probation, PartyStandingCountsWholeYearsFromFullMembership) {
  EXPECT_EQ(PartyStandingYears("2001-07-01", "2026-06-30"), 24);
  EXPECT_EQ(PartyStandingYears("2001-07-01", "2026-07-01"), 25);
  EXPECT_EQ(PartyStandingYears("2026-07-01", "2026-12-01"), 0);
  EXPECT_EQ(PartyStandingYears("2027-01-01", "2026-12-01"), 0);
  EXPECT_EQ(PartyStandingYears("", "2026-12-01"), 0);
}

// The field a member's validation blames, or "" when it passes.
std::string FullDateProblem(const std::string& status, const std::string& joined,
                            const std::string& full) {
  const std::vector<OrgUnitRecord> units = {{7, {}, "branch", "第一支部", "", 0}};
  MemberRecord m{0, "张三", "male", "1980-01-01", joined, 7, "", status};
  m.full_date = full;
  const Status s = ValidateMember(m, units);
  if (s.ok()) return "";
  std::string out;
  for (const Status& one : s.problems()) out += one.field() + ":" + one.message() + ";";
  return out;
}

TEST(Probation, FullMembershipDateFollowsTheProbationYear) {
  EXPECT_EQ(FullDateProblem("full", "2020-03-15", "2021-03-15"), "");
  EXPECT_EQ(FullDateProblem("full", "2020-03-15", "2022-03-15"), "");  // extended a year
  EXPECT_EQ(FullDateProblem("full", "2020-03-15", ""), "");            // not recorded
  EXPECT_EQ(FullDateProblem("transferred-out", "2020-03-15", "2021-09-01"), "");
  EXPECT_NE(FullDateProblem("full", "2020-03-15", "2021-03-14").find("full_date:Full membership "
                                                                     "starts"),
            std::string::npos);
  EXPECT_NE(FullDateProblem("full", "2020-03-15", "2022-03-16").find("at most a year"),
            std::string::npos);
  EXPECT_NE(FullDateProblem("probationary", "2020-03-15", "2021-03-15").find("full_date:"),
            std::string::npos);
  EXPECT_NE(FullDateProblem("full", "2020-03-15", "2021-3-15").find("full_date:Enter"),
            std::string::npos);
  EXPECT_NE(FullDateProblem("full", "2020-03-15", "2999-01-01").find("full_date:Enter"),
            std::string::npos);
}

TEST(Probation, TheApprovalOfFullMembershipFollowsItsDayAndIsDueInThreeMonths) {
  const std::vector<OrgUnitRecord> units = {{7, {}, "branch", "第一支部", "", 0}};
  MemberRecord m{0, "张三", "male", "1980-01-01", "2025-03-15", 7, "", "full"};
  m.full_date = "2026-03-15";
  const auto problem = [&](const std::string& approved) {
    m.full_approved_on = approved;
    std::string out;
    for (const Status& one : ValidateMember(m, units).problems()) out += one.field() + ";";
    return out;
  };
  EXPECT_EQ(problem(""), "");
  EXPECT_EQ(problem("2026-03-15"), "");
  EXPECT_EQ(problem("2026-05-01"), "");
  EXPECT_EQ(problem("2026-03-14"), "full_approved_on;");  // before the day of full membership
  EXPECT_EQ(problem("2999-01-01"), "full_approved_on;");  // in the future
  EXPECT_EQ(problem("soon"), "full_approved_on;");
  m.full_date = "";
  m.status = "probationary";
  EXPECT_EQ(problem("2026-05-01"), "full_approved_on;");  // nothing to approve
  // Due three months after the day; nothing awaited once approved, or for
  // a record more than a year old.
  m.status = "full", m.full_date = "2026-08-31", m.full_approved_on = "";
  EXPECT_EQ(FullApprovalDue(m, "2026-12-01"), "2026-11-30");
  m.full_approved_on = "2026-10-01";
  EXPECT_EQ(FullApprovalDue(m, "2026-12-01"), "");
  m.full_approved_on = "", m.full_date = "2025-11-30";
  EXPECT_EQ(FullApprovalDue(m, "2026-12-01"), "");
  EXPECT_EQ(FullApprovalDue(m, "2026-11-30"), "2026-02-28");
  m.full_date = "";
  EXPECT_EQ(FullApprovalDue(m, "2026-12-01"), "");
}

TEST(Probation, AnImportReadsTheFullMembershipColumnInEitherLanguage) {
  const std::vector<OrgUnitRecord> units = {{7, {}, "branch", "第一支部", "", 0}};
  auto p = PreviewImport({{"姓名", "性别", "出生日期", "入党日期", "转正日期", "支部", "状态"},
                          {"张三", "男", "1980-01-01", "2020-03-15", "2021-03-15", "第一支部",
                           "正式党员"},
                          {"李四", "女", "1985-01-01", "2020-03-15", "2020-12-01", "第一支部",
                           "正式党员"}},
                         units, {});
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_TRUE(p.rows[0].errors.empty());
  EXPECT_EQ(p.rows[0].member.full_date, "2021-03-15");
  ASSERT_EQ(p.rows[1].errors.size(), 1u);
  EXPECT_EQ(p.rows[1].errors[0].column, "E");
  // Without the column every member is still read.
  p = PreviewImport({{"name", "gender", "birth date", "joined date", "branch", "status"},
                     {"王五", "male", "1980-01-01", "2020-03-15", "第一支部", "full"}},
                    units, {});
  EXPECT_EQ(p.error_count, 0u);
}

TEST(Probation, AnImportReadsTheApprovalOfFullMembership) {
  const std::vector<OrgUnitRecord> units = {{7, {}, "branch", "第一支部", "", 0}};
  auto p = PreviewImport({{"姓名", "性别", "出生日期", "入党日期", "转正日期", "转正批准日期", "支部", "状态"},
                          {"张三", "男", "1980-01-01", "2020-03-15", "2021-03-15", "2021-05-10",
                           "第一支部", "正式党员"},
                          // Approved before the day of full membership: named in its column.
                          {"李四", "女", "1985-01-01", "2020-03-15", "2021-03-15", "2021-01-10",
                           "第一支部", "正式党员"},
                          // An Excel date serial is read as a date (44326 = 2021-05-10).
                          {"王五", "男", "1986-01-01", "2020-03-15", "2021-03-15", "44326",
                           "第一支部", "正式党员"}},
                         units, {});
  ASSERT_EQ(p.rows.size(), 3u);
  EXPECT_TRUE(p.rows[0].errors.empty());
  EXPECT_EQ(p.rows[0].member.full_approved_on, "2021-05-10");
  ASSERT_EQ(p.rows[1].errors.size(), 1u);
  EXPECT_EQ(p.rows[1].errors[0].column, "F");
  EXPECT_TRUE(p.rows[2].errors.empty());
  EXPECT_EQ(p.rows[2].member.full_approved_on, "2021-05-10");
  // The English header of the export reads too.
  p = PreviewImport({{"name", "gender", "birth date", "joined date", "full member date",
                      "full membership approved", "branch", "status"},
                     {"赵六", "male", "1980-01-01", "2020-03-15", "2021-03-15", "2021-04-01",
                      "第一支部", "full"}},
                    units, {});
  EXPECT_EQ(p.error_count, 0u);
  EXPECT_EQ(p.rows[0].member.full_approved_on, "2021-04-01");
}

}  // namespace
}  // namespace procura::org
