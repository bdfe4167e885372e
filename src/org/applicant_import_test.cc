// The applicants' import: headers in either language, every problem with
// its row and column, stages and steps checked as on the forms, the reach
// and duplicates.
#include "org/applicant_import.h"

#include <gtest/gtest.h>

#include <algorithm>

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
      Zh, kUnits, std::nullopt, {}, {}, kToday);
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
                                  std::nullopt, {}, {}, kToday);
  EXPECT_EQ(Problems(plan), "0:The file has no data rows.;");
  plan = PlanApplicantImport({{"name", "gender", "birth date", "branch", "colour", "name"}, {"x"}}, Zh,
                             kUnits, std::nullopt, {}, {}, kToday);
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
      Zh, kUnits, 7, {known}, {}, kToday);
  EXPECT_EQ(Problems(plan),
            "2A:This applicant is already on record or earlier in the file.;"
            "3B:Choose male or female.;3D:Choose an existing party branch.;"
            "3E:One applies to join the Party at eighteen or older: on 2028-01-01 or later.;"
            "3G:A candidate is named after a year or more as an activist: on 2024-06-01 or later.;"
            "4D:You may keep only your own branch's applicants.;"
            "4H:This step belongs to a stage not reached yet.;");
}

TEST(ApplicantImport, TheTemplateNamesThePeopleAndLeavesOutWhatFollowsAdmission) {
  std::vector<std::string> keys;
  for (const auto& c : ApplicantImportColumns()) keys.push_back(c.key);
  EXPECT_EQ(keys.front(), "name");
  const auto at = [&](const char* key) { return std::find(keys.begin(), keys.end(), key) - keys.begin(); };
  EXPECT_EQ(at("contacts_people"), at("contacts") + 1) << "each step's people beside it";
  EXPECT_EQ(at("talk_people"), at("talk") + 1);
  EXPECT_EQ(std::count(keys.begin(), keys.end(), "oath"), 0);
  EXPECT_EQ(std::count(keys.begin(), keys.end(), "form"), 1);
  EXPECT_EQ(keys.size(), 8u + 11u + 2u);
}

MemberRecord Member(std::int64_t id, const char* name, std::int64_t branch, const char* status) {
  MemberRecord m;
  m.id = id, m.name = name, m.branch_id = branch, m.status = status;
  return m;
}

TEST(ApplicantImport, NamesTheTalkAndTheContactsByTheirMembers) {
  const std::vector<MemberRecord> members = {
      Member(1, "王芳", 7, "full"), Member(2, "李强", 7, "full"), Member(3, "李强", 8, "full"),
      Member(4, "陈静", 8, "full"), Member(5, "陈静", 8, "full"), Member(6, "周敏", 7, "probationary"),
      Member(7, "赵刚", 7, "transferred-out")};
  const std::vector<std::string> header = {"姓名", "性别", "出生日期", "支部", "入党申请日期",
                                           "Activist since", "talk", "谈话人",
                                           "Two contacts named (培养联系人)", "培养联系人"};
  auto plan = PlanApplicantImport(
      {header,
       {"张三", "女", "1999-01-02", "第一支部", "2023-01-05", "2023-06-01", "2023-01-20", "王芳",
        "2023-06-10", "王芳、李强"}},
      Zh, kUnits, std::nullopt, {}, members, kToday);
  EXPECT_EQ(Problems(plan), "");
  ASSERT_EQ(plan.rows.size(), 1u);
  ASSERT_EQ(plan.rows[0].steps.size(), 2u);
  const auto& contacts = plan.rows[0].steps[0];  // in the steps' key order
  EXPECT_EQ(contacts.step, "contacts");
  EXPECT_EQ(contacts.person1_id, 1);
  EXPECT_EQ(contacts.person2_id, 2) << "two 李强: the one in the applicant's branch";
  EXPECT_EQ(plan.rows[0].steps[1].step, "talk");
  EXPECT_EQ(plan.rows[0].steps[1].person1_id, 1);
  const std::vector<MemberRecord> latin = {Member(1, "Wang Fang", 7, "full"), Member(2, "Li Qiang", 7, "full")};
  plan = PlanApplicantImport({header,
                              {"张三", "女", "1999-01-02", "第一支部", "2023-01-05", "2023-06-01", "2023-01-20",
                               "Wang Fang", "2023-06-10", "Wang Fang; Li Qiang"}},
                             Zh, kUnits, std::nullopt, {}, latin, kToday);
  EXPECT_EQ(Problems(plan), "") << "a space inside a Latin name does not part it";
  EXPECT_EQ(plan.rows[0].steps[0].person2_id, 2);
  plan = PlanApplicantImport(
      {header,
       {"甲", "女", "1999-01-02", "第一支部", "2023-01-05", "2023-06-01", "", "王芳", "2023-06-10", "王芳"},
       {"乙", "女", "1999-01-02", "第一支部", "2023-01-05", "2023-06-01", "2023-01-20", "王芳 李强",
        "2023-06-10", "周敏,陈静"},
       {"丙", "女", "1999-01-02", "第一支部", "2023-01-05", "2023-06-01", "", "", "2023-06-10", "赵刚、无名"}},
      Zh, kUnits, std::nullopt, {}, members, kToday);
  EXPECT_EQ(Problems(plan),
            "2J:Choose two different full members as the contacts.;"
            "2H:Enter the step's date in its own column too.;"
            "3J:A contact must be a full member of the Party.;"
            "3J:More than one member is named \"陈静\": name them on the applicant's page instead.;"
            "3H:Name one member here.;"
            "4J:No member is named \"赵刚\".;"
            "4J:No member is named \"无名\".;");
}

}  // namespace
}  // namespace procura::org
