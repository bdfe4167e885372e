#include "org/member_records.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/clock.h"
#include "core/text.h"
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

std::string Trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
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
  if (key == "id" || key == "posts" || key == "sample") return "ignore";  // our own export's
  auto it = kNames.find(key);
  return it == kNames.end() ? "" : it->second;
}

std::string ColumnLetter(std::size_t i) {
  std::string s;
  for (++i; i; i = (i - 1) / 26) s.insert(s.begin(), char('A' + (i - 1) % 26));
  return s;
}

const char* kLabels[][2] = {{"name", "name"},
                            {"gender", "gender"},
                            {"birth_date", "birth date"},
                            {"joined_date", "joined date"},
                            {"branch", "branch"},
                            {"phone", "phone"},
                            {"status", "status"}};

}  // namespace

Status ValidateMember(const MemberRecord& m, const std::vector<OrgUnitRecord>& units) {
  if (m.name.empty() || !IsValidUtf8(m.name) || Utf8Length(m.name) > 50)
    return Status::Invalid("name: 1 to 50 characters");
  if (m.gender != "male" && m.gender != "female") return Status::Invalid("gender: male or female");
  const std::string today = FormatDate(NowUnix(), 480);
  if (!IsIsoDate(m.birth_date) || m.birth_date > today)
    return Status::Invalid("birth date: a past date as YYYY-MM-DD");
  if (!IsIsoDate(m.joined_date) || m.joined_date > today)
    return Status::Invalid("joined date: a past date as YYYY-MM-DD");
  if (m.joined_date <= m.birth_date) return Status::Invalid("joined date: before the birth date");
  if (m.phone.size() > 20 || m.phone.find_first_not_of("0123456789+- ") != std::string::npos)
    return Status::Invalid("phone: digits, spaces, + and - only, at most 20");
  if (m.status != "full" && m.status != "probationary" && m.status != "transferred-out")
    return Status::Invalid("status: full, probationary or transferred-out");
  if (std::none_of(units.begin(), units.end(), [&](const OrgUnitRecord& u) {
        return u.id == m.branch_id && u.kind == "branch";
      }))
    return Status::Invalid("branch: choose an existing party branch");
  return Status::Ok();
}

ImportPreview PreviewImport(const std::vector<std::vector<std::string>>& table,
                            const std::vector<OrgUnitRecord>& units,
                            const std::vector<MemberRecord>& existing) {
  ImportPreview p;
  if (table.size() < 2) {
    p.file_errors.push_back(table.empty() ? "The file is empty." : "The file has no data rows.");
    p.error_count = p.file_errors.size();
    return p;
  }
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < table[0].size(); ++i) {
    const std::string f = FieldOf(table[0][i]);
    if (f.empty() && !Trim(table[0][i]).empty())
      p.file_errors.push_back(
          fmt::format("column {} (\"{}\"): not a known column", ColumnLetter(i), table[0][i]));
    else if (!f.empty() && !col.emplace(f, i).second)
      p.file_errors.push_back(
          fmt::format("column {}: \"{}\" appears twice", ColumnLetter(i), table[0][i]));
  }
  for (const auto& [key, label] : kLabels)
    if (std::string(key) != "phone" && !col.count(key))
      p.file_errors.push_back(fmt::format("header: the \"{}\" column is missing", label));
  if (!p.file_errors.empty()) {
    p.error_count = p.file_errors.size();
    return p;
  }
  std::map<std::string, std::int64_t> branch_by_name;
  for (const auto& u : units)
    if (u.kind == "branch") {
      branch_by_name[u.name] = u.id;
      if (!u.department.empty()) branch_by_name.emplace(u.department, u.id);
    }
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& m : existing) seen.insert({m.name, m.birth_date});
  for (std::size_t r = 1; r < table.size(); ++r) {
    ImportRow row{r + 1};
    auto cell = [&](const char* key) {
      auto it = col.find(key);
      return it == col.end() || it->second >= table[r].size() ? std::string()
                                                              : Trim(table[r][it->second]);
    };
    auto problem = [&](const char* key, const std::string& label, const std::string& msg) {
      row.errors.push_back(
          fmt::format("column {} ({}): {}", ColumnLetter(col.at(key)), label, msg));
    };
    MemberRecord& m = row.member;
    m.name = cell("name");
    const std::string g = cell("gender");
    const std::string gender = Fold(g);
    m.gender = (g == "男" || gender == "male" || gender == "m")     ? "male"
               : (g == "女" || gender == "female" || gender == "f") ? "female"
                                                                    : g;
    m.birth_date = cell("birth_date");
    m.joined_date = cell("joined_date");
    for (std::string* d : {&m.birth_date, &m.joined_date})
      if (const std::string conv = tabular::ExcelSerialToDate(*d); !conv.empty()) *d = conv;
    m.phone = cell("phone");
    const std::string st = cell("status");
    m.status = st == "正式党员" ? "full" : st == "预备党员" ? "probationary" : Fold(st);
    const std::string branch = cell("branch");
    if (auto it = branch_by_name.find(branch); it != branch_by_name.end())
      m.branch_id = it->second;
    else
      problem("branch", "branch",
              branch.empty() ? "required" : "no branch is named \"" + branch + "\"");
    if (m.branch_id) {
      Status s = ValidateMember(m, units);
      if (!s.ok()) {
        const std::string msg = s.message();
        // ValidateMember names the field first: find its column by label.
        const std::string field = msg.substr(0, msg.find(':'));
        const char* key = nullptr;
        for (const auto& [k, label] : kLabels)
          if (field == label) key = k;
        if (key && col.count(key))
          problem(key, field, msg.substr(msg.find(':') + 2));
        else
          row.errors.push_back(msg);
      }
    }
    if (!m.name.empty() && !seen.insert({m.name, m.birth_date}).second)
      problem("name", "name",
              "\"" + m.name + "\" born " + m.birth_date +
                  " is already on record or earlier in the file");
    p.error_count += row.errors.size();
    p.rows.push_back(std::move(row));
  }
  return p;
}

Result<std::int64_t> MemberRecords::Create(const auth::Principal& who, const auth::Actor& actor,
                                           MemberRecord m) {
  if (!who.Has(auth::Role::kRecordsOfficer))
    return Status::Denied("only the records officer adds members");
  auto units = storage_.org().ListUnits();
  if (!units.ok()) return units.status();
  PROCURA_RETURN_IF_ERROR(ValidateMember(m, *units));
  m.user_id.reset();
  m.is_sample = false;
  std::int64_t id = 0;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&]() -> Status {
    auto inserted = storage_.org().InsertMember(m);
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    return audit_.Write(actor, "member.create", "member", id, m.name);
  }));
  return id;
}

Status MemberRecords::Update(const auth::Principal& who, const auth::Actor& actor,
                             const MemberRecord& in) {
  if (!who.Has(auth::Role::kRecordsOfficer))
    return Status::Denied("only the records officer edits members");
  auto old = storage_.org().GetMember(in.id);
  if (!old.ok()) return old.status();
  if (!old->has_value()) return Status::NotFound("There is no such member.");
  MemberRecord m = **old;
  m.name = in.name, m.gender = in.gender, m.birth_date = in.birth_date;
  m.joined_date = in.joined_date, m.phone = in.phone, m.status = in.status;
  auto units = storage_.org().ListUnits();
  if (!units.ok()) return units.status();
  PROCURA_RETURN_IF_ERROR(ValidateMember(m, *units));
  std::string changed;
  for (const auto& [label, a, b] : {std::tuple{"name", (*old)->name, m.name},
                                    {"gender", (*old)->gender, m.gender},
                                    {"birth date", (*old)->birth_date, m.birth_date},
                                    {"joined date", (*old)->joined_date, m.joined_date},
                                    {"status", (*old)->status, m.status}})
    if (a != b) changed += fmt::format("{}{}: {} -> {}", changed.empty() ? "" : "; ", label, a, b);
  if (m.phone != (*old)->phone)  // the number itself stays out of the log
    changed += std::string(changed.empty() ? "" : "; ") + "phone changed";
  return storage_.InTransaction([&]() -> Status {
    PROCURA_RETURN_IF_ERROR(storage_.org().UpdateMember(m));
    return audit_.Write(actor, "member.edit", "member", m.id, changed.empty() ? "no change" : changed);
  });
}

Result<ImportPreview> MemberRecords::Import(const auth::Principal& who, const auth::Actor& actor,
                                            const std::vector<std::vector<std::string>>& table,
                                            bool write, std::size_t& imported) {
  imported = 0;
  if (!who.Has(auth::Role::kRecordsOfficer))
    return Status::Denied("only the records officer imports members");
  auto units = storage_.org().ListUnits();
  auto existing = storage_.org().ListMembers(std::nullopt);
  if (!units.ok() || !existing.ok()) return Status::Internal("import: records could not be read");
  ImportPreview p = PreviewImport(table, *units, *existing);
  if (!write || p.error_count > 0) return p;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&]() -> Status {
    for (const auto& row : p.rows) {
      auto id = storage_.org().InsertMember(row.member);
      if (!id.ok()) return id.status();
    }
    return audit_.Write(actor, "member.import", "member", {},
                        fmt::format("{} members", p.rows.size()));
  }));
  imported = p.rows.size();
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
