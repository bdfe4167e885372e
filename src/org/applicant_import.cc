// PlanApplicantImport: reading and checking an applicants' table.
#include "org/applicant_import.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

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
                                                      {"列为发展对象", "candidate_on"},
                                                      {"谈话人", "talk_people"},
                                                      {"培养联系人", "contacts_people"}};

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

// A step's people column: its key is the step's code and this.
constexpr std::string_view kPeople = "_people";

// The label of the column naming a step's people (nullptr: it names none).
const char* PeopleLabel(std::string_view step) {
  if (step == "talk") return N_("Talked with them (谈话人)");
  if (step == "contacts") return N_("The two contacts (培养联系人)");
  return nullptr;
}

// The names in a people cell: "张三、李四", "张三，李四", "Wang Fang; Li Qiang";
// a space parts names only when the cell has no other mark and no Latin
// letters ("张三 李四", but "Wang Fang" is one name).
std::vector<std::string> NamesIn(const std::string& cell) {
  std::string parted = cell;
  bool marked = false;
  for (std::string_view mark : {"、", "，", "；", ",", ";", "/"})
    for (std::size_t at; (at = parted.find(mark)) != std::string::npos; marked = true)
      parted.replace(at, mark.size(), "\n");
  const bool latin = std::any_of(cell.begin(), cell.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
  if (!marked && !latin) std::replace(parted.begin(), parted.end(), ' ', '\n');
  std::vector<std::string> names;
  std::size_t from = 0;
  while (from <= parted.size()) {
    const std::size_t end = std::min(parted.find('\n', from), parted.size());
    if (std::string name = Trim(parted.substr(from, end - from)); !name.empty())
      names.push_back(std::move(name));
    from = end + 1;
  }
  return names;
}

// The member a name means: the only one on record by that name (not
// transferred out), or the only one of them in `branch`; a contact must
// be a full member.
Result<std::int64_t> MemberNamed(const std::string& name, std::int64_t branch, bool contact,
                                 const std::vector<MemberRecord>& members) {
  std::vector<const MemberRecord*> found, in_branch;
  for (const auto& m : members)
    if (m.name == name && m.current()) {
      found.push_back(&m);
      if (m.branch_id == branch) in_branch.push_back(&m);
    }
  if (found.size() > 1 && in_branch.size() == 1) found = in_branch;
  if (found.empty())
    return Status::Invalid(N_("No member is named \"{name}\"."), {{"name", name}});
  if (found.size() > 1)
    return Status::Invalid(
        N_("More than one member is named \"{name}\": name them on the applicant's page instead."),
        {{"name", name}});
  if (contact && found.front()->status != "full")
    return Status::Invalid(N_("A contact must be a full member of the Party."));
  return found.front()->id;
}

// Fills `step`'s people from its people cell; the problems, if any.
std::vector<Status> NamePeople(const StepRule& rule, const std::string& cell, std::int64_t branch,
                               const std::vector<MemberRecord>& members, ApplicantStepRecord& step) {
  const std::vector<std::string> names = NamesIn(cell);
  if (names.size() > static_cast<std::size_t>(rule.people))
    return {Status::Invalid(rule.people == 1 ? N_("Name one member here.") : N_("Name two members here."))};
  std::vector<Status> problems;
  for (std::size_t i = 0; i < names.size(); ++i) {
    auto id = MemberNamed(names[i], branch, rule.people == 2, members);
    if (!id.ok()) problems.push_back(id.status());
    else (i == 0 ? step.person1_id : step.person2_id) = *id;
  }
  return problems;
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
    for (const auto& rule : StepRules()) {
      if (rule.stage == ApplicantStage::kAdmitted) continue;
      c.push_back({rule.code, rule.label, false});
      if (const char* people = PeopleLabel(rule.code)) c.push_back({std::string(rule.code) + std::string(kPeople), people, false});
    }
    return c;
  }();
  return columns;
}

ApplicantImportPlan PlanApplicantImport(const std::vector<std::vector<std::string>>& table,
                                        const std::function<std::string(const char*)>& label,
                                        const std::vector<OrgUnitRecord>& units,
                                        const std::optional<std::int64_t>& reach,
                                        const std::vector<ApplicantRecord>& existing,
                                        const std::vector<MemberRecord>& members,
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
      if (keys[i] == "birth_date" || keys[i].ends_with("_on") || FindStep(keys[i]))
        value = tabular::CellToDate(value);  // a spreadsheet's date cell, as a date
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
    a.phone = Trim(NarrowForms(cells["phone"])), a.applied_on = cells["applied_on"];
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
      const StepRule* rule = FindStep(key);
      const std::string people_key = key + std::string(kPeople);
      const std::string people = cells.count(people_key) ? cells[people_key] : "";
      if (!rule || value.empty()) {
        if (rule && !people.empty())
          problem(people_key, Status::Invalid(N_("Enter the step's date in its own column too.")));
        continue;
      }
      ApplicantStepRecord step{0, key, value, ""};
      std::vector<Status> named = NamePeople(*rule, people, a.branch_id, members, step);
      for (const Status& p : named) problem(people_key, p);
      if (named.empty())  // (a name not found would also read as no one named)
        for (const Status& p : ValidateStep(a, step, today).problems())
          problem(p.field() == "person1" && cells.count(people_key) ? people_key : key, p);
      row.steps.push_back(step);
    }
    plan.rows.push_back(std::move(row));
  }
  if (plan.rows.empty() && plan.problems.empty())
    plan.problems.push_back({0, "", Status::Invalid(N_("The file has no data rows."))});
  return plan;
}

}  // namespace procura::org
