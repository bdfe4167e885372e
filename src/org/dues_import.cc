// DuesService::ImportBases: a year's dues for many members from a CSV or
// XLSX sheet (the template the dues pages offer, filled in), all or
// nothing: every problem is named with its row and column, and nothing is
// written unless there is none.
#include <fmt/format.h>

#include <map>
#include <set>

#include "core/clock.h"
#include "core/text.h"
#include "org/dues.h"
#include "org/dues_year.h"
#include "tabular/table.h"

namespace procura::org {
namespace {

// Column key for a header cell (either language), or "".
std::string ColumnOf(const std::string& header) {
  static const std::map<std::string, std::string> kNames = {
      {"id", "id"},         {"编号", "id"},           {"name", "name"},
      {"姓名", "name"},     {"branch", "branch"},     {"所在支部", "branch"},
      {"支部", "branch"},   {"category", "category"}, {"类别", "category"},
      {"amount (yuan)", "amount"}, {"amount", "amount"}, {"金额（元）", "amount"},
      {"金额", "amount"},   {"月收入或定额（元）", "amount"}};
  std::string key = Trim(header);
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  auto it = kNames.find(key);
  return it == kNames.end() ? "" : it->second;
}

std::string CategoryOf(const std::string& cell) {
  static const std::map<std::string, std::string> kNames = {
      {"in-service", "in-service"}, {"在职", "in-service"}, {"in service", "in-service"},
      {"retired", "retired"},       {"离退休", "retired"},  {"退休", "retired"},
      {"fixed", "fixed"},           {"定额", "fixed"},      {"fixed amount", "fixed"}};
  std::string key = Trim(cell);
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  auto it = kNames.find(key);
  return it == kNames.end() ? "" : it->second;
}

// The header's columns by field; what is missing goes to out.problems.
std::map<std::string, std::size_t> ReadHeader(const std::vector<std::string>& header, DuesImport& out) {
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < header.size(); ++i)
    if (const std::string key = ColumnOf(header[i]); !key.empty()) col.emplace(key, i);
  for (const char* need : {"category", "amount"})
    if (!col.count(need))
      out.problems.push_back({1, "", Status::Invalid(N_("The header has no \"{column}\" column."), {{"column", need}})});
  if (!col.count("id") && !col.count("name"))
    out.problems.push_back({1, "", Status::Invalid(N_("The header needs an \"id\" or a \"name\" column."))});
  return col;
}

// The one current member in a branch within `reach` that a row names: by
// `id` when given, else by name (and branch, when given). Invalid when
// none or several match.
Result<const MemberRecord*> RowMember(const std::vector<MemberRecord>& members,
                                      const std::map<std::int64_t, std::string>& reach,
                                      std::optional<std::int64_t> id, const std::string& name,
                                      const std::string& branch) {
  const MemberRecord* found = nullptr;
  int matches = 0;
  for (const auto& m : members) {
    const auto in_reach = reach.find(m.branch_id);
    if (in_reach == reach.end() || !m.current()) continue;
    const bool hit = id ? m.id == *id : m.name == name && (branch.empty() || in_reach->second == branch);
    if (hit) found = &m, ++matches;
  }
  if (matches == 0) return Status::Invalid(N_("No member of yours matches this row."));
  if (matches > 1) return Status::Invalid(N_("Several members have this name: give the id."));
  return found;
}

}  // namespace

Result<DuesImport> DuesService::ImportBases(const auth::Principal& who, const auth::Actor& actor,
                                            int year, const std::vector<std::vector<std::string>>& table) {
  PROCURA_RETURN_IF_ERROR(CheckDuesYear(year));
  auto branches = org_.Branches(who);  // Denied for anyone without records
  if (!branches.ok()) return branches.status();
  std::map<std::int64_t, std::string> reach;
  for (const auto& b : *branches) reach[b.unit.id] = b.unit.name;
  DuesImport out;
  auto problem = [&](std::size_t line, std::string column, Status s) {
    out.problems.push_back({line, std::move(column), std::move(s)});
  };
  if (table.size() < 2) {
    problem(0, "", Status::Invalid(N_("The file has a header row and no members.")));
    return out;
  }
  auto col = ReadHeader(table[0], out);
  if (!out.problems.empty()) return out;

  auto members = storage_.org().ListMembers(std::nullopt);
  if (!members.ok()) return members.status();
  std::vector<DuesBaseRecord> bases;
  std::set<std::int64_t> seen;
  for (std::size_t r = 1; r < table.size(); ++r) {
    const auto& row = table[r];
    auto cell = [&](const char* key) {
      auto it = col.find(key);
      return it == col.end() || it->second >= row.size() ? std::string() : Trim(row[it->second]);
    };
    // A row without category and amount leaves the member as they are (the
    // template lists everyone, with last year's dues where there were any).
    if (cell("category").empty() && cell("amount").empty()) continue;
    const std::size_t line = r + 1;
    const auto id = ParsePositiveId(cell("id"));
    const std::string who_col = tabular::ColumnLetter(col.count("id") && id ? col["id"] : col.count("name") ? col["name"] : 0);
    auto found = RowMember(*members, reach, id, cell("name"), cell("branch"));
    if (!found.ok())
      problem(line, who_col, found.status());
    else if (!seen.insert((*found)->id).second)
      problem(line, who_col, Status::Invalid(N_("This member is on an earlier row too.")));
    const std::string category = CategoryOf(cell("category"));
    if (category.empty())
      problem(line, tabular::ColumnLetter(col["category"]), Status::Invalid(N_("Choose in service, retired or a fixed amount.")));
    const auto fen = ParseYuan(cell("amount"));
    if (!fen)
      problem(line, tabular::ColumnLetter(col["amount"]), Status::Invalid(N_("Enter the amount in yuan, such as 4500 or 0.20.")));
    else if (!category.empty() && MonthlyDuesFen(category, *fen) <= 0)
      problem(line, tabular::ColumnLetter(col["amount"]), Status::Invalid(N_("The amount is too small to give any dues.")));
    if (found.ok() && !category.empty() && fen && MonthlyDuesFen(category, *fen) > 0)
      bases.push_back({(*found)->id, year, category, category == "fixed" ? 0 : *fen,
                       MonthlyDuesFen(category, *fen), who.user_id, NowUnix()});
  }
  if (!out.problems.empty()) return out;
  if (bases.empty()) {
    problem(0, "", Status::Invalid(N_("The file has a header row and no members.")));
    return out;
  }
  Status s = storage_.InTransaction([&](Storage& tx) -> Status {
    for (const auto& b : bases) PROCURA_RETURN_IF_ERROR(tx.dues().PutBase(b));
    return audit_.Write(tx, actor, "dues.import", "", std::nullopt,
                        fmt::format("{}: {} members", year, bases.size()));
  });
  if (!s.ok()) return s;
  out.set = bases.size();
  return out;
}

}  // namespace procura::org
