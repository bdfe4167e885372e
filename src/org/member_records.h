// Member records: validation, creating and editing one member, and the
// all-or-nothing import of a CSV / XLSX table of members.
//
// An import table has a header row naming its columns (English or
// Chinese, any order): name/姓名, gender/性别, birth date/出生日期,
// joined date/入党日期, full member date/转正日期, branch/支部, phone/电话,
// status/状态. Every column but phone and the full member date is required. Dates are YYYY-MM-DD (or Excel date numbers);
// gender male/female/男/女; status full/probationary/正式党员/预备党员;
// branch is a branch's exact name or its department.
#pragma once

#include <filesystem>
#include <functional>

#include "core/clock.h"

#include <map>
#include <string>
#include <vector>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "storage/storage.h"

namespace procura::org {

// Ok, or Invalid naming the field: name 1–50 characters, gender, dates
// (joined after birth, neither in the future; a full member's date, if
// any, from the end of the probation year to a year after it, none for a
// probationary member; the approval of it, if any, from that day to
// today), phone digits/+/- (≤ 20), status, an existing
// branch.
Status ValidateMember(const MemberRecord& m, const std::vector<OrgUnitRecord>& units);

// A member field's label (a msgid: "birth_date" → "Birth date"); "" for
// an unknown field.
const char* MemberFieldLabel(std::string_view field);

// One data row of an import, with its problems ("column C (birth date):
// not a date"), each naming the file's column letter.
// One problem with a cell: its column ("C"; "" when none fits), the
// column's label (a msgid) and the problem (a msgid with its values).
struct ImportProblem {
  std::string column;
  std::string field_label;
  Status problem;
};

struct ImportRow {
  std::size_t line = 0;  // the row number in the file (header is 1)
  MemberRecord member;
  std::vector<ImportProblem> errors;
};

struct ImportPreview {
  std::vector<Status> file_errors;  // header or whole-file problems
  std::vector<ImportRow> rows;
  std::size_t error_count = 0;  // file_errors + every row's errors
};

// The branches by exact name and by department (a name wins over another
// branch's department), as the imports name them.
std::map<std::string, std::int64_t> BranchesByName(const std::vector<OrgUnitRecord>& units);

// Checks a parsed table (header first) against the branches in `units`
// and the members already on record (duplicates by name and birth date).
ImportPreview PreviewImport(const std::vector<std::vector<std::string>>& table,
                            const std::vector<OrgUnitRecord>& units,
                            const std::vector<MemberRecord>& existing);

// A member whose stored record ValidateMember refuses today (kept before a
// rule was, or changed since), with every problem, each naming its field.
struct RecordProblems {
  MemberRecord member;
  std::vector<Status> problems;
};

class MemberRecords {
 public:
  MemberRecords(Storage& storage, auth::Audit& audit) : storage_(storage), audit_(audit) {}

  // Records officer only; validated; audited.
  Result<std::int64_t> Create(const auth::Principal& who, const auth::Actor& actor, MemberRecord m);
  // Rewrites the member's own fields; branch and account link stay (a
  // branch change is a transfer).
  Status Update(const auth::Principal& who, const auth::Actor& actor, const MemberRecord& m);
  // 转正: a probationary member becomes a full member from `date`
  // ("YYYY-MM-DD", validated as ValidateMember does). Records officer
  // only; audited as member.full.
  Status RecordFullMembership(const auth::Principal& who, const auth::Actor& actor,
                              std::int64_t id, const std::string& date);
  // 转正审批: the higher committee approved `id`'s full membership on
  // `date` (from the day of full membership to today; due within three
  // months of it, FullApprovalDue). Records officer only; audited as
  // member.full_approval.
  Status RecordFullApproval(const auth::Principal& who, const auth::Actor& actor, std::int64_t id,
                            const std::string& date);
  // Validates `table` and, only if it has no problem at all, inserts every
  // row in one transaction. Returns the preview either way; `imported` is
  // the number of members written (0 when anything was wrong).
  Result<ImportPreview> Import(const auth::Principal& who, const auth::Actor& actor,
                               const std::vector<std::vector<std::string>>& table, bool write,
                               std::size_t& imported);
  // 档案核查: every member whose record breaks the rules, in ListMembers's
  // order (by branch, then name), so that the records officer can mend it
  // before it blocks recording a full membership or its approval. Records officer only.
  Result<std::vector<RecordProblems>> Check(const auth::Principal& who);

 private:
  // Records officer only: reads member `id`, lets `change` alter it (or
  // refuse), validates, writes and audits as `action` with `detail`, in
  // one transaction.
  Status ChangeOne(const auth::Principal& who, const auth::Actor& actor, std::int64_t id,
                   const std::function<Status(MemberRecord&)>& change, const std::string& action,
                   const std::string& detail);
  Storage& storage_;
  auth::Audit& audit_;
};

// Import previews keep the uploaded file (full phone numbers) under
// <data>/imports/ until confirmed; they expire after this long.
inline constexpr UnixSeconds kImportPreviewSeconds = 3600;
// True if the preview file at `path` is younger than kImportPreviewSeconds.
bool IsImportPreviewFresh(const std::filesystem::path& path, UnixSeconds now);
// Deletes every expired preview under `dir`; returns how many.
int SweepImportPreviews(const std::filesystem::path& dir, UnixSeconds now);

}  // namespace procura::org
