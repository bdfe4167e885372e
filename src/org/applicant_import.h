// The all-or-nothing import of applicants (发展党员) kept on paper until
// now, from a CSV or XLSX table: one row per applicant with their stages
// up to candidate (admission makes a member record: members are imported
// on their own) and the dates of the steps done (the template the
// applicants' pages offer, filled in). Every problem is named with its row
// and column, and nothing is written unless there is none.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "org/applicant_steps.h"
#include "tabular/table.h"

namespace procura::org {

// A column of the import: its key (a record field, or a step's code) and
// its label (a msgid; the header names it in English or in the reader's
// language).
struct ApplicantColumn {
  std::string key;
  const char* label;
  bool required;
};
// The columns in the template's order: the person, the stages, then the
// steps up to candidate, each that names people followed by a column of
// their names (the talk's one member, the two contacts, "张三、李四").
const std::vector<ApplicantColumn>& ApplicantImportColumns();

using ApplicantImportProblem = tabular::CellProblem;

struct ApplicantImportRow {
  std::size_t line = 0;
  ApplicantRecord applicant;
  std::vector<ApplicantStepRecord> steps;  // applicant_id unset
};

struct ApplicantImportPlan {
  std::vector<ApplicantImportRow> rows;
  std::vector<ApplicantImportProblem> problems;
};

// Reads `table` (header first). `label` gives a column label in the
// reader's language (a header may be that, the English label, a Chinese
// name such as 姓名, or the key). Branches are named as in `units`
// (a branch's name or its department) and must be in `reach` (nullopt:
// any); an applicant already on record (`existing`, same name and birth
// date) or twice in the file is a problem. A step's people are named as
// in `members`: the only member of that name (not transferred out), or
// the only one in the applicant's branch; a contact must be a full member.
// Each row is checked as ValidateApplicant and each step as ValidateStep
// on `today`.
ApplicantImportPlan PlanApplicantImport(const std::vector<std::vector<std::string>>& table,
                                        const std::function<std::string(const char*)>& label,
                                        const std::vector<OrgUnitRecord>& units,
                                        const std::optional<std::int64_t>& reach,
                                        const std::vector<ApplicantRecord>& existing,
                                        const std::vector<MemberRecord>& members,
                                        const std::string& today);

}  // namespace procura::org
