// The member import's reading of a table (CSV or XLSX, headers in either
// language) into a preview of rows with their problems, and the preview
// files' lifetime: split from member_records.cc, the records' rules and
// the service that writes them.
#include "org/member_records.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>

#include "core/clock.h"
#include "core/text.h"
#include "org/probation.h"
#include "tabular/table.h"

namespace procura::org {
namespace {

// Lower-cases ASCII and reads '_' as a space ("Birth_Date" → "birth date").
std::string Fold(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z')
      c = char(c - 'A' + 'a');
    else if (c == '_')
      c = ' ';
  return s;
}

// Column key for a header cell, or "".
std::string FieldOf(const std::string& header) {
  static const std::map<std::string, std::string> kNames = {{"name", "name"},
                                                            {"姓名", "name"},
                                                            {"gender", "gender"},
                                                            {"sex", "gender"},
                                                            {"性别", "gender"},
                                                            {"birth date", "birth_date"},
                                                            {"date of birth", "birth_date"},
                                                            {"出生日期", "birth_date"},
                                                            {"joined date", "joined_date"},
                                                            {"date joined", "joined_date"},
                                                            {"入党日期", "joined_date"},
                                                            {"full member date", "full_date"},
                                                            {"date of full membership", "full_date"},
                                                            {"转正日期", "full_date"},
                                                            {"转正时间", "full_date"},
                                                            {"full membership approved", "full_approved_on"},
                                                            {"approved by the higher committee", "full_approved_on"},
                                                            {"转正批准日期", "full_approved_on"},
                                                            {"转正审批日期", "full_approved_on"},
                                                            {"上级党委批准转正日期", "full_approved_on"},
                                                            {"branch", "branch"},
                                                            {"支部", "branch"},
                                                            {"所在支部", "branch"},
                                                            {"phone", "phone"},
                                                            {"电话", "phone"},
                                                            {"联系电话", "phone"},
                                                            {"status", "status"},
                                                            {"状态", "status"},
                                                            {"党员状态", "status"}};
  const std::string key = Fold(Trim(header));
  // Our own export's extra columns, in either language.
  if (key == "id" || key == "posts" || key == "sample" || key == "编号" || key == "党内职务" ||
      key == "示例")
    return "ignore";
  auto it = kNames.find(key);
  return it == kNames.end() ? "" : it->second;
}


// Column keys and their labels (msgids).
const char* kLabels[][2] = {{"name", N_("Name")},
                            {"gender", N_("Gender")},
                            {"birth_date", N_("Birth date")},
                            {"joined_date", N_("Date joined")},
                            {"full_date", N_("Full member since")},
                            {"full_approved_on", N_("Full membership approved")},
                            {"branch", N_("Branch")},
                            {"phone", N_("Phone")},
                            {"status", N_("Status")}};

// A file may leave these out: a member without them has none.
bool IsOptionalColumn(std::string_view key) {
  return key == "phone" || key == "full_date" || key == "full_approved_on";
}

const char* LabelOf(std::string_view key) {
  for (const auto& [k, label] : kLabels)
    if (key == k) return label;
  return "";
}

}  // namespace

const char* MemberFieldLabel(std::string_view field) { return LabelOf(field); }

std::map<std::string, std::int64_t> BranchesByName(const std::vector<OrgUnitRecord>& units) {
  std::map<std::string, std::int64_t> out;
  for (const auto& u : units)
    if (u.standing_branch()) {
      out[u.name] = u.id;
      if (!u.department.empty()) out.emplace(u.department, u.id);
    }
  return out;
}

namespace {

// The header row's fields by column; what is wrong with it goes to
// p.file_errors.
std::map<std::string, std::size_t> ReadHeader(const std::vector<std::string>& header,
                                              ImportPreview& p) {
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string f = FieldOf(header[i]);
    if (f.empty() && !Trim(header[i]).empty())
      p.file_errors.push_back(Status::Invalid(N_("Column {column} (\"{header}\") is not a known column."),
                                              {{"column", tabular::ColumnLetter(i)}, {"header", header[i]}}));
    else if (!f.empty() && f != "ignore" && !col.emplace(f, i).second)
      p.file_errors.push_back(Status::Invalid(N_("Column {column}: \"{header}\" appears twice."),
                                              {{"column", tabular::ColumnLetter(i)}, {"header", header[i]}}));
  }
  for (const auto& [key, label] : kLabels)
    if (!IsOptionalColumn(key) && !col.count(key))
      p.file_errors.push_back(Status::Invalid(N_("The \"{field_label}\" column is missing."),
                                              {{"field_label", label}}));
  return col;
}

// A gender or status as written (男, Female, 预备党员) in its stored form.
std::string GenderOf(const std::string& written) {
  const std::string folded = Fold(written);
  return (written == "男" || folded == "male" || folded == "m")     ? "male"
         : (written == "女" || folded == "female" || folded == "f") ? "female"
                                                                   : written;
}

std::string StatusOf(const std::string& written) {
  const std::string folded = Fold(written);
  return written == "正式党员" || folded == "full member"            ? "full"
         : written == "预备党员" || folded == "probationary member" ? "probationary"
         : written == "已转出" || folded == "transferred out"       ? "transferred-out"
                                                                   : folded;
}

// Data row `r` (1-based after the header) as a member, with its problems
// (all but duplicates, which need the rows before it).
ImportRow ReadRow(std::size_t r, const std::vector<std::string>& cells,
                  const std::map<std::string, std::size_t>& col,
                  const std::map<std::string, std::int64_t>& branch_by_name,
                  const std::vector<OrgUnitRecord>& units) {
  ImportRow row{r + 1};
  auto cell = [&](const char* key) {
    auto it = col.find(key);
    return it == col.end() || it->second >= cells.size() ? std::string() : Trim(cells[it->second]);
  };
  auto problem = [&](const char* key, Status s) {
    row.errors.push_back({tabular::ColumnLetter(col.at(key)), LabelOf(key), std::move(s)});
  };
  MemberRecord& m = row.member;
  m.name = cell("name");
  m.gender = GenderOf(cell("gender"));
  m.birth_date = cell("birth_date");
  m.joined_date = cell("joined_date");
  m.full_date = cell("full_date");
  m.full_approved_on = cell("full_approved_on");
  for (std::string* d : {&m.birth_date, &m.joined_date, &m.full_date, &m.full_approved_on})
    *d = tabular::CellToDate(*d);
  m.phone = Trim(NarrowForms(cell("phone")));
  m.status = StatusOf(cell("status"));
  const std::string branch = cell("branch");
  if (auto it = branch_by_name.find(branch); it != branch_by_name.end())
    m.branch_id = it->second;
  else
    problem("branch", branch.empty()
                          ? Status::Invalid(N_("Enter the branch."))
                          : Status::Invalid(N_("No branch is named \"{name}\"."), {{"name", branch}}));
  if (m.branch_id) {
    Status s = ValidateMember(m, units);
    for (Status& one : s.problems()) {
      const std::string key = one.field();
      if (col.count(key))
        problem(key.c_str(), std::move(one));
      else
        row.errors.push_back({"", "", std::move(one)});
    }
  }
  return row;
}

}  // namespace

ImportPreview PreviewImport(const std::vector<std::vector<std::string>>& table,
                            const std::vector<OrgUnitRecord>& units,
                            const std::vector<MemberRecord>& existing) {
  ImportPreview p;
  if (table.size() < 2) {
    p.file_errors.push_back(Status::Invalid(table.empty() ? N_("The file is empty.")
                                                          : N_("The file has no data rows.")));
    p.error_count = p.file_errors.size();
    return p;
  }
  const auto col = ReadHeader(table[0], p);
  if (!p.file_errors.empty()) {
    p.error_count = p.file_errors.size();
    return p;
  }
  const auto branch_by_name = BranchesByName(units);
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& m : existing) seen.insert({m.name, m.birth_date});
  for (std::size_t r = 1; r < table.size(); ++r) {
    ImportRow row = ReadRow(r, table[r], col, branch_by_name, units);
    const MemberRecord& m = row.member;
    if (!m.name.empty() && !seen.insert({m.name, m.birth_date}).second)
      row.errors.push_back({tabular::ColumnLetter(col.at("name")), LabelOf("name"),
                            Status::Invalid(N_("\"{name}\" born {birth} is already on record or "
                                               "earlier in the file."),
                                            {{"name", m.name}, {"birth", m.birth_date}})});
    p.error_count += row.errors.size();
    p.rows.push_back(std::move(row));
  }
  return p;
}

namespace {
UnixSeconds ModifiedAt(const std::filesystem::path& path, std::error_code& ec) {
  const auto t = std::filesystem::last_write_time(path, ec);
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::file_clock::to_sys(t).time_since_epoch())
      .count();
}
}  // namespace

bool IsImportPreviewFresh(const std::filesystem::path& path, UnixSeconds now) {
  std::error_code ec;
  const UnixSeconds at = ModifiedAt(path, ec);
  return !ec && now - at < kImportPreviewSeconds;
}

int SweepImportPreviews(const std::filesystem::path& dir, UnixSeconds now) {
  std::error_code ec;
  int removed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file(ec) || IsImportPreviewFresh(entry.path(), now)) continue;
    if (std::filesystem::remove(entry.path(), ec)) ++removed;
  }
  return removed;
}

}  // namespace procura::org
