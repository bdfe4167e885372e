// 发展党员: the way into the Party, kept as a record. By the 2014 rules on
// developing members (中国共产党发展党员工作细则), someone of eighteen or
// more applies (入党申请); the branch names them an activist (入党积极分子);
// after a year or more of training and observation it names them a
// candidate (发展对象); the branch meeting then admits them as a
// probationary member (接收为预备党员), which makes their member record.
// The records officer keeps every branch's applicants, a branch secretary
// their own branch's; nobody else sees them. Views and changes are audited.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "org/applicant_import.h"
#include "org/applicant_stages.h"
#include "org/applicant_steps.h"
#include "org/org_service.h"
#include "storage/storage.h"

namespace procura::org {

// The first day the next stage may be recorded ("" once admitted): the
// day after the application or the naming as a candidate, a year after
// the naming as an activist.
std::string EarliestNextStage(const ApplicantRecord& a);

// Ok, or Invalid naming each field: name 1–50 characters, gender, a past
// birth date, phone digits/+/- (≤ 20), an existing branch; the application
// a past date at eighteen or older; each later stage's date, if any, after
// the stage before it is reached (a candidate a year or more after being
// named an activist), none in the future; a stop, if any, dated from the
// application on, with a reason of 1–200 characters, and never after an
// admission.
Status ValidateApplicant(const ApplicantRecord& a, const std::vector<OrgUnitRecord>& units,
                         const std::string& today);

struct ApplicantView {
  ApplicantRecord applicant;
  std::string branch_name;
  ApplicantStage stage = ApplicantStage::kApplicant;
  std::string next_from;  // EarliestNextStage
  std::vector<std::string> sponsor_names;  // 入党介绍人 (Get only)
  std::vector<StepView> steps;             // the checklist (without people's names from List)
};

class ApplicantService {
 public:
  ApplicantService(Storage& storage, OrgService& org, auth::Audit& audit, int offset_minutes)
      : storage_(storage), org_(org), audit_(audit), offset_minutes_(offset_minutes) {}

  // The applicants in `who`'s branches, by stage (the furthest first) and
  // then the stage's date. Denied for anyone but the records officer and
  // branch secretaries.
  Result<std::vector<ApplicantView>> List(const auth::Principal& who);
  // One applicant; audited (applicant.view). NotFound / Denied.
  Result<ApplicantView> Get(const auth::Principal& who, const auth::Actor& actor, std::int64_t id);
  // A new applicant in a branch in `who`'s reach (any stage reached so
  // far may be entered, for records kept on paper until now); audited.
  Result<std::int64_t> Create(const auth::Principal& who, const auth::Actor& actor,
                              ApplicantRecord a);
  // Rewrites the personal fields and the dates of an applicant not yet
  // admitted (after admission the member record is the record); a
  // secretary keeps them in their branch. Audited.
  Status Update(const auth::Principal& who, const auth::Actor& actor, const ApplicantRecord& in);
  // Records the next stage on `date` (YYYY-MM-DD). Admission needs two
  // different full members as sponsors (入党介绍人; full on `date` when
  // their record has the day of full membership) and also makes the
  // probationary member's record (joined on `date`), in the same
  // transaction, and returns its id. Not for a stopped application.
  // Audited.
  Result<std::optional<std::int64_t>> Advance(const auth::Principal& who, const auth::Actor& actor,
                                              std::int64_t id, const std::string& date,
                                              const std::vector<std::int64_t>& sponsors = {});
  // Marks an application not admitted as no longer pursued, on `date`,
  // for `reason` (withdrawn, left, not accepted…). Audited.
  Status Stop(const auth::Principal& who, const auth::Actor& actor, std::int64_t id,
              const std::string& date, const std::string& reason);
  // Records a step of the way in (applicant_steps.h) for applicant
  // `s.applicant_id`, replacing an earlier record of it: ValidateStep's
  // rules, the people members (full ones for the contacts), the
  // application not stopped. Audited (applicant.step).
  Status RecordStep(const auth::Principal& who, const auth::Actor& actor,
                    const ApplicantStepRecord& s);
  // Removes a step recorded by mistake; NotFound when it was not
  // recorded. Audited (applicant.step_clear).
  Status ClearStep(const auth::Principal& who, const auth::Actor& actor, std::int64_t id,
                   const std::string& step);
  // Imports applicants kept on paper (applicant_import.h) into `who`'s
  // reach, all or nothing: the problems when there are any (nothing
  // written), else the number written with their steps, in one
  // transaction. Audited (applicant.import).
  Result<ApplicantImportPlan> Import(const auth::Principal& who, const auth::Actor& actor,
                                     const std::vector<std::vector<std::string>>& table,
                                     const std::function<std::string(const char*)>& label);
  // Ok if `who` keeps applicants (the records officer, a branch
  // secretary); Denied otherwise.
  Status MayKeep(const auth::Principal& who) { return ReachOf(who).status(); }
  // Ok if applicant `id` exists and is in `who`'s reach (NotFound, Denied),
  // without reading it for display (not audited): for a question asked
  // before a change.
  Status MayKeep(const auth::Principal& who, std::int64_t id);
  // Today in the site's zone, YYYY-MM-DD.
  std::string Today() const;

 private:
  // The branch `who` keeps (nullopt: every branch, the records officer).
  // Read before a transaction: on PostgreSQL a transaction holds its own
  // connection, and the check inside it must not use another.
  Result<std::optional<std::int64_t>> ReachOf(const auth::Principal& who);
  static Status CheckReach(const std::optional<std::int64_t>& reach, std::int64_t branch);
  // The applicant `id`, if within `reach`.
  // `a`'s checklist with the names of the people of each step.
  Result<std::vector<StepView>> StepsOf(Storage& s, const ApplicantRecord& a) const;
  static Result<ApplicantRecord> Load(Storage& s, const std::optional<std::int64_t>& reach,
                                      std::int64_t id);
  Storage& storage_;
  OrgService& org_;
  auth::Audit& audit_;
  int offset_minutes_;
};

}  // namespace procura::org
