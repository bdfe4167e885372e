// PlanApplicantImport: reading and checking an applicants' table.
#include "org/applicant_import.h"

#include <map>
#include <set>

#include "core/text.h"
#include "org/applicants.h"
#include "org/member_records.h"
#include "tabular/table.h"

namespace procura::org {

namespace {

// Lower-cases ASCII, reads '_' as a space and trims ("Birth_Date " →
// "birth date").
std::string Fold(std::string s) {
  s = Trim(s);
  for (char& c : s)
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
    else if (c == '_')
      c = ' ';
  return s;
}

// Chinese names of the person's and the stages' columns, besides the labels.
const std::map<std::string, std::string> kSynonyms = {{"姓名", "name"},
                                                      {"性别", "gender"},
                                                      {"出生日期", "birth_date"},
                                                      {"支部", "branch"},
                                                      {"所在支部", "branch"},
                                                      {"电话", "phone"},
                                                      {"联系电话", "phone"},
                                                      {"申请日期", "applied_on"},
                                                      {"入党申请日期", "applied_on"},
                                                      {"递交入党申请", "applied_on"},
                                                      {"积极分子日期", "activist_on"},
                                                      {"确定为入党积极分子", "activist_on"},
                                                      {"发展对象日期", "candidate_on"},
                                                      {"列为发展对象", "candidate_on"}};

// The key of each header cell ("" when unknown), or problems.
std::vector<std::string> ReadHeader(const std::vector<std::string>& header,
                                    const std::function<std::string(const char*)>& label,
                                    std::vector<ApplicantImportProblem>& problems) {
  std::map<std::string, std::string> names = kSynonyms;
  for (const auto& c : ApplicantImportColumns()) {
    names[Fold(c.key)] = c.key;
    names[Fold(c.label)] = c.key;
    names[Fold(label(c.label))] = c.key;
  }
  std::vector<std::string> keys;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string folded = Fold(header[i]);
    auto it = names.find(folded);
    keys.push_back(it == names.end() ? "" : it->second);
    if (folded.empty()) continue;
    if (it == names.end())
      problems.push_back({1, tabular::ColumnLetter(i),
                          Status::Invalid(N_("\"{header}\" is not a known column."),
                                          {{"header", Trim(header[i])}})});
    else if (!seen.insert(it->second).second)
      problems.push_back(
          {1, tabular::ColumnLetter(i),
           Status::Invalid(N_("\"{header}\" appears twice."), {{"header", Trim(header[i])}})});
  }
  for (const auto& c : ApplicantImportColumns())
    if (c.required && !seen.count(c.key))
      problems.push_back({1, "",
                          Status::Invalid(N_("The \"{field_label}\" column is missing."),
                                          {{"field_label", c.label}})});
  return keys;
}

std::string GenderOf(const std::string& cell) {
  const std::string g = Fold(cell);
  if (g == "男" || g == "male" || g == "m") return "male";
  if (g == "女" || g == "female" || g == "f") return "female";
  return g;
}

}  // namespace

const std::vector<ApplicantColumn>& ApplicantImportColumns() {
  static const std::vector<ApplicantColumn> columns = [] {
    std::vector<ApplicantColumn> c = {{"name", N_("Name"), true},
                                      {"gender", N_("Gender"), true},
                                      {"birth_date", N_("Date of birth"), true},
                                      {"branch", N_("Branch"), true},
                                      {"phone", N_("Phone"), false},
                                      {"applied_on", N_("Applied"), true},
                                      {"activist_on", N_("Activist since"), false},
                                      {"candidate_on", N_("Candidate since"), false}};
    for (const auto& rule : StepRules())
      if (rule.people < 2 && rule.stage != ApplicantStage::kAdmitted)
        c.push_back({rule.code, rule.label, false});
    return c;
  }();
  return columns;
}

ApplicantImportPlan PlanApplicantImport(const std::vector<std::vector<std::string>>& table,
                                        const std::function<std::string(const char*)>& label,
                                        const std::vector<OrgUnitRecord>& units,
                                        const std::optional<std::int64_t>& reach,
                                        const std::vector<ApplicantRecord>& existing,
                                        const std::string& today) {
  ApplicantImportPlan plan;
  if (table.size() < 2) {
    plan.problems.push_back({0, "",
                             Status::Invalid(table.empty() ? N_("The file is empty.")
                                                           : N_("The file has no data rows."))});
    return plan;
  }
  const std::vector<std::string> keys = ReadHeader(table[0], label, plan.problems);
  if (!plan.problems.empty()) return plan;
  const auto branch_by_name = BranchesByName(units);
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& a : existing) seen.insert({a.name, a.birth_date});
  for (std::size_t r = 1; r < table.size(); ++r) {
    ApplicantImportRow row{r + 1};
    std::map<std::string, std::string> cells;  // key → value
    std::map<std::string, std::string> letters;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (keys[i].empty()) continue;
      std::string value = i < table[r].size() ? Trim(table[r][i]) : "";
      if (keys[i] == "birth_date" || keys[i].ends_with("_on")) value = tabular::CellToDate(value);
      cells[keys[i]] = value;
      letters[keys[i]] = tabular::ColumnLetter(i);
    }
    bool blank = true;
    for (const auto& [k, v] : cells) blank = blank && v.empty();
    if (blank) continue;  // an empty line
    const auto problem = [&](const std::string& key, Status s) {
      plan.problems.push_back({row.line, letters.count(key) ? letters[key] : "", std::move(s)});
    };
    ApplicantRecord& a = row.applicant;
    a.name = cells["name"], a.gender = GenderOf(cells["gender"]),
    a.birth_date = cells["birth_date"];
    a.phone = cells["phone"], a.applied_on = cells["applied_on"];
    a.activist_on = cells["activist_on"], a.candidate_on = cells["candidate_on"];
    auto branch = branch_by_name.find(cells["branch"]);
    a.branch_id = branch == branch_by_name.end() ? 0 : branch->second;
    for (const Status& p : ValidateApplicant(a, units, today).problems()) problem(p.field(), p);
    if (a.branch_id != 0 && reach && *reach != a.branch_id)
      problem("branch", Status::Invalid(N_("You may keep only your own branch's applicants.")));
    if (!seen.insert({a.name, a.birth_date}).second)
      problem("name",
              Status::Invalid(N_("This applicant is already on record or earlier in the file.")));
    for (const auto& [key, value] : cells) {
      if (value.empty() || !FindStep(key)) continue;
      ApplicantStepRecord step{0, key, value, ""};
      for (const Status& p : ValidateStep(a, step, today).problems()) problem(key, p);
      row.steps.push_back(step);
    }
    plan.rows.push_back(std::move(row));
  }
  if (plan.rows.empty() && plan.problems.empty())
    plan.problems.push_back({0, "", Status::Invalid(N_("The file has no data rows."))});
  return plan;
}

}  // namespace procura::org
