// 发展党员: the stages' order and intervals, the age at application, and
// what the next stage may be recorded from.
#include "org/applicants.h"

#include <gtest/gtest.h>

namespace procura::org {
namespace {

const std::vector<OrgUnitRecord> kUnits = {{7, {}, "branch", "第一支部", "", 0}};
constexpr const char* kToday = "2026-12-01";

ApplicantRecord Applicant() {
  ApplicantRecord a;
  a.name = "张三";
  a.gender = "female";
  a.birth_date = "2000-05-10";
  a.branch_id = 7;
  a.applied_on = "2023-03-01";
  return a;
}

// "field:message;" for each problem, "" when `a` passes.
std::string Problems(const ApplicantRecord& a) {
  std::string out;
  for (const Status& one : ValidateApplicant(a, kUnits, kToday).problems())
    out += one.field() + ":" + one.message() + ";";
  return out;
}

TEST(Applicants, StagesFollowInOrderWithAYearAsAnActivist) {
  ApplicantRecord a = Applicant();
  EXPECT_EQ(Problems(a), "");
  EXPECT_EQ(StageOf(a), ApplicantStage::kApplicant);
  EXPECT_EQ(EarliestNextStage(a), "2023-03-02");
  a.activist_on = "2023-06-01";
  EXPECT_EQ(StageOf(a), ApplicantStage::kActivist);
  EXPECT_EQ(EarliestNextStage(a), "2024-06-01");
  a.candidate_on = "2024-05-31";
  EXPECT_NE(Problems(a).find("candidate_on:A candidate is named after a year"), std::string::npos);
  a.candidate_on = "2024-06-01";
  EXPECT_EQ(Problems(a), "");
  EXPECT_EQ(EarliestNextStage(a), "2024-06-02");
  a.admitted_on = "2024-06-01";
  EXPECT_NE(Problems(a).find("admitted_on:This stage comes after"), std::string::npos);
  a.admitted_on = "2025-01-10";
  EXPECT_EQ(Problems(a), "");
  EXPECT_EQ(StageOf(a), ApplicantStage::kAdmitted);
  EXPECT_EQ(EarliestNextStage(a), "");
}

TEST(Applicants, AStageNeedsTheOneBeforeItAndAPastDate) {
  ApplicantRecord a = Applicant();
  a.candidate_on = "2024-06-01";
  EXPECT_NE(Problems(a).find("candidate_on:Record the stage before"), std::string::npos);
  a = Applicant();
  a.activist_on = "2027-01-01";
  EXPECT_NE(Problems(a).find("activist_on:Enter the date as a past date"), std::string::npos);
  a.activist_on = "2023-02-28";  // before the application
  EXPECT_NE(Problems(a).find("activist_on:This stage comes after"), std::string::npos);
  a = Applicant();
  a.applied_on = "";
  EXPECT_NE(Problems(a).find("applied_on:"), std::string::npos);
}

TEST(Applicants, OneAppliesAtEighteenOrOlder) {
  ApplicantRecord a = Applicant();
  a.applied_on = "2018-05-09";
  EXPECT_NE(Problems(a).find("applied_on:One applies to join the Party at eighteen"),
            std::string::npos);
  a.applied_on = "2018-05-10";
  EXPECT_EQ(Problems(a), "");
}

TEST(Applicants, AStoppedApplicationHasADayAndAReason) {
  ApplicantRecord a = Applicant();
  a.stopped_on = "2024-01-01";
  EXPECT_NE(Problems(a).find("stop_reason:Say why"), std::string::npos);
  a.stop_reason = "本人撤回入党申请";
  EXPECT_EQ(Problems(a), "");
  EXPECT_TRUE(IsStopped(a));
  a.stopped_on = "2023-02-28";  // before the application
  EXPECT_NE(Problems(a).find("stopped_on:Enter the day"), std::string::npos);
  a.stopped_on = "2024-01-01";
  a.activist_on = "2023-06-01", a.candidate_on = "2024-06-01", a.admitted_on = "2025-01-10";
  EXPECT_NE(Problems(a).find("stopped_on:An admitted applicant is a member"), std::string::npos);
}

TEST(Applicants, PersonalFieldsAreChecked) {
  ApplicantRecord a = Applicant();
  a.name = "";
  a.gender = "x";
  a.phone = "call me";
  a.branch_id = 8;
  const std::string p = Problems(a);
  for (const char* field : {"name:", "gender:", "phone:", "branch:"})
    EXPECT_NE(p.find(field), std::string::npos) << field << " in " << p;
}

}  // namespace
}  // namespace procura::org
