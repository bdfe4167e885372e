// The steps of 发展党员 between and after the stages. The 2014 rules
// (发展党员工作细则) set out the way in as 25 steps; the four stages in
// applicants.h are the branch's decisions, and these are the rest that a
// branch must be able to show it did: the talk within a month of the
// application, the activist's report and two contacts (培养联系人) with an
// assessment every half year, the candidate's report, political review,
// short training, committee review, public notice, pre-review and form,
// and after admission the higher committee's talk, its approval within
// three months, the oath, and the probationary member's written application
// for full membership when the year ends. Each is recorded once per
// applicant (the assessment keeps its latest date).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "org/applicant_stages.h"

namespace procura::org {

struct StepRule {
  const char* code;      // stored in applicant_steps.step
  ApplicantStage stage;  // recorded from the day this stage was reached
  const char* label;     // msgid
  int people;            // members named with it: 0; 1 (optional, who held it); 2 (required)
  int due_months;        // due this many months after the stage's date (0: no deadline);
                         // for the assessment, after the latest one
};

// Every step, in the order the rules give them.
const std::vector<StepRule>& StepRules();
// The rule for `code`, or nullptr.
const StepRule* FindStep(std::string_view code);

// `day` plus `months` calendar months, the day clamped to the month's end
// (31 January + 1 month is 28 or 29 February); "" for an invalid date.
std::string MonthsAfter(const std::string& day, int months);

// Ok, or Invalid naming each field: step (a known step of a stage
// reached), done_on (a date from the day its stage was reached to the
// next stage's, if reached, and not after today), note (≤ 200 characters),
// person1 (two different members for the contacts, at most one otherwise).
// Whether the people are members, full ones for the contacts, is the
// service's check.
Status ValidateStep(const ApplicantRecord& a, const ApplicantStepRecord& s,
                    const std::string& today);

struct StepView {
  const StepRule* rule = nullptr;
  std::optional<ApplicantStepRecord> done;  // its record, if any
  std::string due;                  // when a deadline applies and it is not done ("" otherwise)
  bool overdue = false;             // due before today while the applicant is in its stage
  std::vector<std::string> people;  // names, filled in by the service
};

// The steps of every stage `a` has reached, in the rules' order, with
// their records from `steps` (any applicant's records are ignored but
// `a`'s). A stopped application has no deadlines, nor has the way in once
// the probation is over (`probation_over`: the member record made on
// admission is no longer probationary, see ProbationOver): a step after
// admission that nobody recorded is then shown as not recorded, not late.
std::vector<StepView> Checklist(const ApplicantRecord& a,
                                const std::vector<ApplicantStepRecord>& steps,
                                const std::string& today, bool probation_over);

// Whether the probation of admitted applicant `a` is over: its member
// record (`member`, looked up by a.member_id; null when there is none)
// became full, moved away, or was deleted. False before admission and
// when `a` names no member record.
bool ProbationOver(const ApplicantRecord& a, const MemberRecord* member);
// The same, looking a.member_id up in `members` (the records of a.branch_id
// or of every branch); one not among them has moved away or is gone.
bool ProbationOver(const ApplicantRecord& a, const std::vector<MemberRecord>& members);

// The candidate-stage steps not recorded (before admission, the branch
// meeting should have them all: shown beside the admission form).
std::vector<const StepRule*> MissingBeforeAdmission(const ApplicantRecord& a,
                                                    const std::vector<ApplicantStepRecord>& steps);

}  // namespace procura::org
