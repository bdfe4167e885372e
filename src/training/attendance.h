// AttendanceService: QR check-in, the projector view, manual marking and
// attendance sheets. The records officer runs all of it; a participant
// checks themselves in; a branch secretary reads their own branch's rows.
//
// Check-in refuses, with a message for the participant and no record:
// a forged or malformed code, a code for another session, an expired code
// (older than kTokenGracePeriods periods), a code this member already
// spent, a member not enrolled, and a time outside the session's window.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "org/org_service.h"
#include "storage/storage.h"
#include "training/checkin_token.h"

namespace procura::training {

// When check-in opens and closes around a session's start, and when a
// check-in starts to count as late.
struct CheckinWindow {
  UnixSeconds opens = 0, starts = 0, closes = 0, late_after = 0;
};

// The window of `s` in `c`, reading starts_at at `utc_offset_minutes`.
Result<CheckinWindow> WindowOf(const ClassRecord& c, const SessionRow& s, int utc_offset_minutes);

// Marks a member can have; "" is unmarked.
bool IsValidMark(const std::string& mark);
// True for the marks that count as attending: "present" and "late".
bool Attended(const std::string& mark);

// "2022-07-14 09:00" (a session's starts_at) read at `utc_offset_minutes`;
// nullopt unless it is exactly that shape and a real time.
// True once a class is completed or archived: no check-in, nothing ahead.
bool IsOver(const ClassRecord& c);

std::optional<UnixSeconds> ParseSessionStart(const std::string& starts_at, int utc_offset_minutes);

// How many members have each mark.
struct MarkTally {
  std::size_t present = 0, late = 0, excused = 0, absent = 0, unmarked = 0;
  // Counts one mark; "" (or anything unknown) counts as unmarked.
  void Add(const std::string& mark);
  std::size_t attended() const { return present + late; }
};

struct ProjectorView {
  ClassRecord cls;
  SessionRow session;
  CheckinWindow window;
  std::string closed;             // why check-in is closed (a msgid), or "" while it is not
  MessageArgs closed_args;        // the values of `closed`'s placeholders
  std::string token;              // the current slot's token; "" when closed
  UnixSeconds token_expires = 0;  // when the screen should show the next one
  std::size_t enrolled = 0, checked_in = 0;
};

struct CheckinResult {
  ClassRecord cls;
  SessionRow session;
  std::string mark;      // "present" or "late"
  bool already = false;  // was checked in before; nothing recorded
  UnixSeconds at = 0;
  std::string member_name;
};

// What a check-in code is for: its class and session, and the name of the
// member signed in (empty when no one is, or the account has no member).
struct CheckinInvitation {
  ClassRecord cls;
  SessionRow session;
  std::string member_name;
};

struct SheetLine {
  MemberRecord member;
  std::string branch;
  std::optional<AttendanceRecord> mark;
};

// One row of a whole-sheet save: the member's new mark ("" leaves the row
// as it is) and the reason for excused leave.
struct MarkChange {
  std::int64_t member = 0;
  std::string mark;
  std::string reason;
};

struct SessionSheet {
  ClassRecord cls;
  SessionRow session;
  std::vector<SheetLine> lines;  // enrolled members (withdrawn ones excluded), by branch, name
  MarkTally tally;
};

class AttendanceService {
 public:
  AttendanceService(Storage& storage, auth::Audit& audit, org::OrgService& org,
                    const CheckinKey& key, int utc_offset_minutes = 480)
      : storage_(storage), audit_(audit), org_(org), key_(key), offset_(utc_offset_minutes) {}

  // The projector page's content at `now`: the current check-in code, or
  // why check-in is closed (the class is over, or the session's window has
  // passed). Records officer only.
  Result<ProjectorView> Projector(const auth::Principal& who, std::int64_t session,
                                  UnixSeconds now);
  // Checks in the member linked to `who` with a token from the projector.
  Result<CheckinResult> CheckIn(const auth::Principal& who, const auth::Actor& actor,
                                std::int64_t session, std::string_view token, UnixSeconds now);
  // The class and session a check-in code names, for the sign-in and
  // check-in pages, so a participant sees what they are signing in for. The
  // code's tag must verify (it may have expired: CheckIn says so); Invalid
  // otherwise, so nobody learns a session's name without a real code.
  // `who` may be null (not signed in).
  Result<CheckinInvitation> Invitation(std::string_view token, const auth::Principal* who);
  // The session's attendance sheet: every enrolled member for the records
  // officer; only their own branch for a branch secretary.
  Result<SessionSheet> Sheet(const auth::Principal& who, std::int64_t session);
  // Ok if `who` may open the session's check-in page: the records roles,
  // or a member enrolled in the class. Denied (or NotFound) otherwise.
  Status MayOpenCheckin(const auth::Principal& who, std::int64_t session);
  // Sets a member's mark by hand (reason required for excused leave).
  // Records officer only; audited with the old and the new value.
  Status Mark(const auth::Principal& who, const auth::Actor& actor, std::int64_t session,
              std::int64_t member, const std::string& mark, const std::string& reason);
  // Saves a whole attendance sheet in one transaction. Rows whose mark is
  // "" get `fill_blank` ("present", "absent" or "" to leave them unmarked)
  // unless the member already has a mark; rows that do not change are not
  // rewritten. Every row is checked first and nothing is saved unless all
  // are valid; each problem names its field ("mark-<member>" or
  // "reason-<member>"). Returns how many marks changed; each is audited.
  Result<std::size_t> MarkMany(const auth::Principal& who, const auth::Actor& actor,
                               std::int64_t session, const std::vector<MarkChange>& rows,
                               const std::string& fill_blank);

 private:
  struct Loaded {
    ClassRecord cls;
    SessionRow session;
  };
  Result<Loaded> Load(std::int64_t session);
  Result<bool> IsEnrolled(std::int64_t class_id, std::int64_t member);
  // The problem with setting `row` (field named per member), or Ok.
  static Status CheckMark(const MarkChange& row);
  // One mark and its audit row, inside the caller's transaction `tx`.
  Status WriteMark(Storage& tx, const auth::Principal& who, const auth::Actor& actor, std::int64_t session,
                   const MarkChange& row, const std::string& before);
  Storage& storage_;
  auth::Audit& audit_;
  org::OrgService& org_;
  const CheckinKey& key_;
  int offset_;
};

}  // namespace procura::training
