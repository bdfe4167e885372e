// Party dues (党费): the rates of the Central Organization Department's
// 2008 rules, and DuesService, which keeps each member's yearly base and
// the months paid with the same access rules as the member records: the
// records officer sees and records everything, a branch secretary their
// own branch, a member only their own dues. Every change is audited.
// Amounts are whole fen (1 yuan = 100 fen).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "org/org_service.h"
#include "storage/storage.h"
#include "tabular/table.h"

namespace procura::org {

// "in-service" (在职: a share of the monthly income after tax), "retired"
// (离退休: a share of the pension), "fixed" (定额: students, members
// without income or in hardship, 0.2–1 yuan; or an amount a member
// chooses to pay).
bool IsDuesCategory(std::string_view category);

// The rate in basis points (1/100 %) for a monthly base: in service 0.5%
// up to 3,000 yuan, 1% up to 5,000, 1.5% up to 10,000, 2% above; retired
// 0.5% up to 5,000, 1% above. 0 for "fixed".
int DuesRateBasisPoints(std::string_view category, std::int64_t base_fen);

// The monthly dues: the base × the rate, rounded half up to the fen; for
// "fixed", `amount_fen` itself.
std::int64_t MonthlyDuesFen(std::string_view category, std::int64_t amount_fen);

// "3500", "3500.5", "3500.50" (and surrounding spaces) → fen; nullopt for
// anything else, and above 10,000,000 yuan. Full-width digits and point
// are read as typed in 全角 ("４５００．５０").
std::optional<std::int64_t> ParseYuan(std::string_view text);
// 350050 → "3500.50" (as a form or an import file takes it back).
std::string FormatYuan(std::int64_t fen);
// 22160940 → "221,609.40": a total for reading, its thousands grouped.
std::string FormatYuanGrouped(std::int64_t fen);

enum class MonthState {
  kPaid,     // paid (amount and day known)
  kOwed,     // a past month not paid
  kOpen,     // this month, not paid yet
  kFuture,   // a month still to come
  kNoBase,   // no base for the year: nothing can be due
};

struct DuesMonth {
  MonthState state = MonthState::kNoBase;
  std::int64_t amount_fen = 0;  // paid, or due
  std::string paid_on;          // YYYY-MM-DD when paid
};

struct MemberDues {
  MemberRecord member;
  std::string branch_name;
  int year = 0;
  std::optional<DuesBaseRecord> base;
  std::array<DuesMonth, 12> months{};
  std::int64_t paid_fen = 0;    // paid for this year's months
  std::int64_t owed_fen = 0;    // past months not paid
  // Consecutive past months not paid, counted back from last month into
  // the year before: 6 or more is the rules' "连续六个月不交纳党费".
  int unpaid_streak = 0;
};

struct BranchDues {
  OrgUnitRecord branch;
  int year = 0;
  std::vector<MemberDues> rows;  // by name
  std::int64_t paid_fen = 0, owed_fen = 0;
  std::size_t without_base = 0, six_months_behind = 0;
};

// One branch's dues of the year `today` falls in, for the system's own
// use (the daily reminder); no access check. NotFound for a unit that is
// not a branch.
Result<BranchDues> BranchDuesOn(Storage& storage, std::int64_t branch, const std::string& today);

// What an import found: each problem with its row (the header is 1; 0
// for the whole file) and column letter ("" for none); or how many
// members' dues were set.
using DuesImportProblem = tabular::CellProblem;
struct DuesImport {
  std::vector<DuesImportProblem> problems;
  std::size_t set = 0;
};

class DuesService {
 public:
  DuesService(Storage& storage, auth::Audit& audit, OrgService& org, int offset_minutes)
      : storage_(storage), audit_(audit), org_(org), offset_minutes_(offset_minutes) {}

  // Every branch `who` may see (all for the records officer, their own for
  // a branch secretary), each with its members' year; Denied otherwise.
  Result<std::vector<BranchDues>> Overview(const auth::Principal& who, int year);
  // One branch's year. Denied outside `who`'s reach.
  Result<BranchDues> Branch(const auth::Principal& who, std::int64_t branch, int year);
  // One member's year: within `who`'s branches, or `who`'s own record.
  Result<MemberDues> Member(const auth::Principal& who, std::int64_t member, int year);
  // True if `who` keeps any branch's dues (the records officer, or a
  // secretary of a branch).
  bool KeepsDues(const auth::Principal& who) {
    if (who.Has(auth::Role::kRecordsOfficer)) return true;
    auto own = org_.OwnBranch(who);
    return own.ok() && own->has_value();
  }
  // True if `who` may set dues and record payments in `branch`.
  bool CanRecord(const auth::Principal& who, std::int64_t branch) {
    return CheckBranch(who, branch).ok();
  }
  // Ok if `who` may set dues and record payments for `member`; Denied or
  // NotFound otherwise.
  Status CheckRecorder(const auth::Principal& who, std::int64_t member) {
    auto m = MemberInReach(who, member);
    return m.ok() ? Status::Ok() : m.status();
  }
  // The member record linked to `who`'s account, if any.
  Result<std::optional<std::int64_t>> OwnMember(const auth::Principal& who);

  // Sets the member's category and base (or fixed amount) for `year`;
  // the monthly dues are computed and kept. Invalid names the field.
  Status SetBase(const auth::Principal& who, const auth::Actor& actor, std::int64_t member,
                 int year, const std::string& category, std::int64_t amount_fen);
  // Sets `year`'s dues of every member now in `branch` who has none for it
  // from their dues of the year before (the same category and base, the
  // monthly dues worked out again; a fixed amount kept). Returns how many
  // were set; 0 is not an error.
  Result<std::size_t> CarryOver(const auth::Principal& who, const auth::Actor& actor,
                                std::int64_t branch, int year);
  // Sets `year`'s dues from a table (header first: id or name, optionally
  // branch, category, amount in yuan; either language) for members in
  // `who`'s branches. All or nothing (dues_import.cc).
  Result<DuesImport> ImportBases(const auth::Principal& who, const auth::Actor& actor, int year,
                                 const std::vector<std::vector<std::string>>& table);
  // Records `months` of `year` as paid on `paid_on` (not after today), each
  // at the year's monthly dues. Nothing is written if any month is paid
  // already or the year has no base.
  Status RecordPayments(const auth::Principal& who, const auth::Actor& actor,
                        std::int64_t member, int year, const std::vector<int>& months,
                        const std::string& paid_on);
  // Records `month` of `year` as paid on `paid_on` for each of `members`
  // (all now in `branch`), each at their own monthly dues: the branch's
  // collection in one step. All or nothing: a member not in the branch,
  // without the year's dues or with the month paid already is named and
  // nothing is written.
  Status RecordMonth(const auth::Principal& who, const auth::Actor& actor, std::int64_t branch,
                     int year, int month, const std::vector<std::int64_t>& members,
                     const std::string& paid_on);
  // Removes a month's payment recorded in error, with the reason audited.
  Status UndoPayment(const auth::Principal& who, const auth::Actor& actor, std::int64_t member,
                     int year, int month, const std::string& reason);

  std::string Today() const;

 private:
  Status CheckBranch(const auth::Principal& who, std::int64_t branch);
  Result<MemberRecord> MemberInReach(const auth::Principal& who, std::int64_t member);

  Storage& storage_;
  auth::Audit& audit_;
  OrgService& org_;
  int offset_minutes_;
};

}  // namespace procura::org
