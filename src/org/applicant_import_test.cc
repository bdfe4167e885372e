// The applicants' import: headers in either language, every problem with
// its row and column, stages and steps checked as on the forms, the reach
// and duplicates.
#include "org/applicant_import.h"

#include <gtest/gtest.h>

#include "org/applicants.h"

namespace procura::org {
namespace {

constexpr const char* kToday = "2026-12-01";
const std::vector<OrgUnitRecord> kUnits = {{7, {}, "branch", "第一支部", "一部", 0},
                                           {8, {}, "branch", "第二支部", "", 0}};

// The reader's language: Chinese for the labels the test names.
std::string Zh(const char* msgid) {
  const std::string m = msgid;
  if (m == "Political review (政治审查)") return "政治审查";
  return m;
}

std::string Problems(const ApplicantImportPlan& p) {
  std::string out;
  for (const auto& x : p.problems)
    out += std::to_string(x.line) + x.column + ":" + x.problem.message() + ";";
  return out;
}

TEST(ApplicantImport, ReadsEitherLanguageWithStagesAndSteps) {
  const auto plan = PlanApplicantImport(
      {{"姓名", "性别", "出生日期", "Branch", "入党申请日期", "Activist since", "政治审查", "talk"},
       {"张三", "女", "1999-01-02", "第一支部", "2023-01-05", "2023-06-01", "", "2023-01-20"},
       {"", "", "", "", "", "", "", ""},
       {"李四", "male", "36000", "一部", "2024-03-01", "", "", ""}},
      Zh, kUnits, std::nullopt, {}, kToday);
  EXPECT_EQ(Problems(plan), "");
  ASSERT_EQ(plan.rows.size(), 2u);  // the blank line is skipped
  EXPECT_EQ(plan.rows[0].applicant.gender, "female");
  EXPECT_EQ(plan.rows[0].applicant.branch_id, 7);
  ASSERT_EQ(plan.rows[0].steps.size(), 1u);
  EXPECT_EQ(plan.rows[0].steps[0].step, "talk");
  EXPECT_EQ(plan.rows[1].line, 4u);
  EXPECT_EQ(plan.rows[1].applicant.birth_date, "1998-07-24");  // an Excel day number
  EXPECT_EQ(plan.rows[1].applicant.branch_id, 7);               // by its department
}

TEST(ApplicantImport, NamesEachProblemWithItsRowAndColumn) {
  auto plan = PlanApplicantImport({{"name", "gender", "birth date", "branch", "phone"}}, Zh, kUnits,
                                  std::nullopt, {}, kToday);
  EXPECT_EQ(Problems(plan), "0:The file has no data rows.;");
  plan = PlanApplicantImport({{"name", "gender", "birth date", "branch", "colour", "name"}, {"x"}}, Zh,
                             kUnits, std::nullopt, {}, kToday);
  EXPECT_EQ(Problems(plan),
            "1E:\"colour\" is not a known column.;1F:\"name\" appears twice.;"
            "1:The \"Applied\" column is missing.;");
  ApplicantRecord known;
  known.name = "张三", known.birth_date = "1999-01-02";
  plan = PlanApplicantImport(
      {{"name", "gender", "birth date", "branch", "applied", "activist since", "candidate since",
        "political_review"},
       {"张三", "女", "1999-01-02", "第一支部", "2023-01-05", "", "", ""},
       {"王五", "x", "2010-01-01", "第九支部", "2023-01-05", "2023-06-01", "2023-12-01", "2023-12-05"},
       {"赵六", "女", "1990-01-01", "第二支部", "2023-01-05", "2023-06-01", "", "2023-12-05"}},
      Zh, kUnits, 7, {known}, kToday);
  EXPECT_EQ(Problems(plan),
            "2A:This applicant is already on record or earlier in the file.;"
            "3B:Choose male or female.;3D:Choose an existing party branch.;"
            "3E:One applies to join the Party at eighteen or older: on 2028-01-01 or later.;"
            "3G:A candidate is named after a year or more as an activist: on 2024-06-01 or later.;"
            "4D:You may keep only your own branch's applicants.;"
            "4H:This step belongs to a stage not reached yet.;");
}

TEST(ApplicantImport, TheTemplateLeavesOutTheContactsAndWhatFollowsAdmission) {
  std::vector<std::string> keys;
  for (const auto& c : ApplicantImportColumns()) keys.push_back(c.key);
  EXPECT_EQ(keys.front(), "name");
  EXPECT_EQ(std::count(keys.begin(), keys.end(), "contacts"), 0);
  EXPECT_EQ(std::count(keys.begin(), keys.end(), "oath"), 0);
  EXPECT_EQ(std::count(keys.begin(), keys.end(), "form"), 1);
  EXPECT_EQ(keys.size(), 8u + 10u);
}

}  // namespace
}  // namespace procura::org
