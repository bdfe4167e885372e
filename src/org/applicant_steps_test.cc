// 发展党员's steps: which steps a stage opens, the dates they may carry,
// the people they name, and the deadlines (the talk within a month, the
// assessment every half year, the approval within three months).
#include "org/applicant_steps.h"

#include <gtest/gtest.h>

namespace procura::org {
namespace {

constexpr const char* kToday = "2026-12-01";

ApplicantRecord Activist() {
  ApplicantRecord a;
  a.id = 5;
  a.name = "张三";
  a.applied_on = "2025-01-10";
  a.activist_on = "2025-03-01";
  return a;
}

ApplicantStepRecord Step(const char* code, const char* day) { return {5, code, day, ""}; }

std::string Problems(const ApplicantRecord& a, const ApplicantStepRecord& s) {
  std::string out;
  for (const Status& one : ValidateStep(a, s, kToday).problems())
    out += one.field() + ":" + one.message() + ";";
  return out;
}

TEST(ApplicantSteps, MonthsAfterClampsToTheEndOfTheMonth) {
  EXPECT_EQ(MonthsAfter("2026-01-31", 1), "2026-02-28");
  EXPECT_EQ(MonthsAfter("2024-01-31", 1), "2024-02-29");
  EXPECT_EQ(MonthsAfter("2026-11-15", 3), "2027-02-15");
  EXPECT_EQ(MonthsAfter("2026-07-01", 6), "2027-01-01");
  EXPECT_EQ(MonthsAfter("not a day", 1), "");
}

TEST(ApplicantSteps, AStepIsDatedWithinItsStage) {
  ApplicantRecord a = Activist();
  EXPECT_EQ(Problems(a, Step("talk", "2025-02-01")), "");
  // The talk belongs to the applicant stage: before the naming as an activist.
  EXPECT_NE(Problems(a, Step("talk", "2025-03-02")).find("done_on:Enter a date from 2025-01-10 to 2025-03-01"),
            std::string::npos);
  EXPECT_NE(Problems(a, Step("talk", "2025-01-09")).find("done_on:"), std::string::npos);
  EXPECT_EQ(Problems(a, Step("activist_filed", "2026-12-01")), "");
  EXPECT_NE(Problems(a, Step("activist_filed", "2026-12-02")).find("done_on:"), std::string::npos);
  EXPECT_NE(Problems(a, Step("activist_filed", "2026-02-30")).find("done_on:"), std::string::npos);
  // A candidate's step is not open to an activist; an unknown step is named.
  EXPECT_EQ(Problems(a, Step("political_review", "2026-01-01")),
            "step:This step belongs to a stage not reached yet.;");
  EXPECT_EQ(Problems(a, Step("picnic", "2026-01-01")), "step:Choose a step of the way in.;");
  ApplicantStepRecord noted = Step("activist_filed", "2025-03-05");
  noted.note = std::string(201, 'x');
  EXPECT_EQ(Problems(a, noted), "note:A note has at most 200 characters.;");
  noted.note = std::string(200, 'x');
  EXPECT_EQ(Problems(a, noted), "");
}

TEST(ApplicantSteps, TheContactsAreTwoDifferentMembersAndOtherStepsFewer) {
  ApplicantRecord a = Activist();
  ApplicantStepRecord contacts = Step("contacts", "2025-03-05");
  EXPECT_NE(Problems(a, contacts).find("person1:Choose two different"), std::string::npos);
  contacts.person1_id = 11;
  contacts.person2_id = 11;
  EXPECT_NE(Problems(a, contacts).find("person1:Choose two different"), std::string::npos);
  contacts.person2_id = 12;
  EXPECT_EQ(Problems(a, contacts), "");
  ApplicantStepRecord talk = Step("talk", "2025-02-01");
  talk.person1_id = 11;
  EXPECT_EQ(Problems(a, talk), "");  // who held the talk
  talk.person2_id = 12;
  EXPECT_EQ(Problems(a, talk), "person1:This step names one member at most.;");
  ApplicantStepRecord filed = Step("activist_filed", "2025-03-05");
  filed.person1_id = 11;
  EXPECT_EQ(Problems(a, filed), "person1:This step names no member.;");
}

TEST(ApplicantSteps, TheChecklistCoversTheStagesReachedWithTheirDeadlines) {
  ApplicantRecord a;
  a.id = 5;
  a.applied_on = "2026-10-15";
  auto list = Checklist(a, {}, kToday, false);
  ASSERT_EQ(list.size(), 1u);  // only the talk, for an applicant
  EXPECT_EQ(std::string(list[0].rule->code), "talk");
  EXPECT_EQ(list[0].due, "2026-11-15");
  EXPECT_TRUE(list[0].overdue);
  list = Checklist(a, {Step("talk", "2026-11-01")}, kToday, false);
  EXPECT_TRUE(list[0].done);
  EXPECT_EQ(list[0].due, "");
  EXPECT_FALSE(list[0].overdue);
  // Another applicant's record is not this one's.
  EXPECT_FALSE(Checklist(a, {{6, "talk", "2026-11-01", ""}}, kToday, false)[0].done);
  // A stopped application has no deadlines.
  a.stopped_on = "2026-11-20";
  EXPECT_FALSE(Checklist(a, {}, kToday, false)[0].overdue);
}

TEST(ApplicantSteps, TheAssessmentIsDueHalfAYearAfterTheLatestWhileAnActivist) {
  ApplicantRecord a = Activist();
  auto list = Checklist(a, {Step("talk", "2025-02-01")}, kToday, false);
  ASSERT_EQ(list.size(), 4u);
  EXPECT_FALSE(list[0].overdue);  // the talk's stage is over
  EXPECT_EQ(std::string(list[3].rule->code), "assessment");
  EXPECT_EQ(list[3].due, "2025-09-01");
  EXPECT_TRUE(list[3].overdue);
  list = Checklist(a, {Step("assessment", "2026-09-01")}, kToday, false);
  EXPECT_EQ(list[3].due, "2027-03-01");
  EXPECT_FALSE(list[3].overdue);
  // Once a candidate, the assessment has no deadline; the talk none either.
  a.candidate_on = "2026-03-02";
  list = Checklist(a, {}, kToday, false);
  EXPECT_EQ(list.size(), 11u);
  for (const auto& step : list) EXPECT_FALSE(step.overdue) << step.rule->code;
  EXPECT_EQ(MissingBeforeAdmission(a, {Step("pre_review", "2026-10-01")}).size(), 6u);
}

TEST(ApplicantSteps, TheApprovalIsDueThreeMonthsAfterAdmission) {
  ApplicantRecord a = Activist();
  a.candidate_on = "2026-03-02";
  a.admitted_on = "2026-08-20";
  auto list = Checklist(a, {}, kToday, false);
  ASSERT_EQ(list.size(), StepRules().size());
  const auto& approval = list[12];
  EXPECT_EQ(std::string(approval.rule->code), "approval");
  EXPECT_EQ(approval.due, "2026-11-20");
  EXPECT_TRUE(approval.overdue);
  // A candidate's step is dated before the admission.
  EXPECT_NE(Problems(a, Step("pre_review", "2026-08-21")).find("done_on:"), std::string::npos);
  EXPECT_EQ(Problems(a, Step("pre_review", "2026-08-20")), "");
  EXPECT_EQ(Problems(a, Step("oath", "2026-11-30")), "");
  // The application for full membership closes the list, with no deadline
  // of its own (the probation's is kept by org/probation.h).
  const auto& application = list.back();
  EXPECT_EQ(std::string(application.rule->code), "full_application");
  EXPECT_EQ(application.due, "");
  EXPECT_FALSE(application.overdue);
  EXPECT_EQ(Problems(a, Step("full_application", "2026-08-19")).substr(0, 8), "done_on:");
  EXPECT_EQ(Problems(a, Step("full_application", "2026-11-30")), "");
}

TEST(ApplicantSteps, TheWayInHasNoDeadlinesOnceTheProbationIsOver) {
  ApplicantRecord a = Activist();
  a.candidate_on = "2025-03-02";
  a.admitted_on = "2025-08-20";
  EXPECT_TRUE(Checklist(a, {}, kToday, false)[12].overdue);  // approval, due 2025-11-20
  const auto list = Checklist(a, {}, kToday, true);
  EXPECT_EQ(list[12].due, "");
  EXPECT_FALSE(list[12].overdue);
  EXPECT_FALSE(list[12].done);  // still shown as not recorded

  MemberRecord m;
  m.id = 40;
  m.status = "probationary";
  EXPECT_FALSE(ProbationOver(a, &m));  // no member record named: not known
  a.member_id = 40;
  EXPECT_FALSE(ProbationOver(a, &m));
  EXPECT_FALSE(ProbationOver(a, std::vector<MemberRecord>{m}));
  m.status = "full";
  EXPECT_TRUE(ProbationOver(a, &m));
  EXPECT_TRUE(ProbationOver(a, std::vector<MemberRecord>{m}));
  EXPECT_TRUE(ProbationOver(a, nullptr));                        // deleted
  EXPECT_TRUE(ProbationOver(a, std::vector<MemberRecord>{}));    // moved to another branch
  a.admitted_on.clear();
  EXPECT_FALSE(ProbationOver(a, &m));  // before admission there is no probation
}

}  // namespace
}  // namespace procura::org
