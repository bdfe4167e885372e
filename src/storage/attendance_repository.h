// AttendanceRepository: attendance marks, spent check-in tokens, class
// materials and annual hour requirements. Same contract as storage.h:
// thread-safe, errors as values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "storage/records.h"

namespace procura {

struct AttendanceRecord {
  std::int64_t session_id = 0;
  std::int64_t member_id = 0;
  std::string mark;    // present, late, excused, absent
  std::string reason;  // for excused leave
  std::string method;  // qr, manual
  UnixSeconds marked_at = 0;
  std::optional<std::int64_t> marked_by;
};

// One attendance mark with what crediting hours needs to know.
struct CreditRow {
  std::int64_t member_id = 0;
  std::int64_t class_id = 0;
  std::string class_title;
  bool full_time = false;
  double late_credit = 1;
  std::int64_t session_id = 0;
  std::string starts_at;
  double hours = 0;
  std::string mark;
  bool online = false;  // the class's (ClassRecord::online)
};

struct MaterialRecord {
  std::int64_t id = 0;
  std::int64_t class_id = 0;
  std::optional<std::int64_t> session_id;
  std::string title, file_name, stored_name, mime;
  std::int64_t size = 0;
  UnixSeconds uploaded_at = 0;
  std::optional<std::int64_t> uploaded_by;
};

// Training received outside the organ's own classes (上级调训, 网络培训).
struct OutsideTrainingRecord {
  std::int64_t id = 0;
  std::int64_t member_id = 0;
  std::string title, organizer;
  std::string kind;  // centralized, online
  std::string start_date, end_date;  // YYYY-MM-DD
  double hours = 0;
  std::string note;
  UnixSeconds recorded_at = 0;
  std::optional<std::int64_t> recorded_by;
  // "confirmed" counts; "reported" (by the member, awaiting the records
  // officer) and "returned" (with review_note saying why) do not.
  std::string state = "confirmed";
  // The member's certificate, if any: its stored name in the
  // "certificates" file area, its name as uploaded, its type.
  std::string certificate, certificate_name, certificate_mime;
  std::string review_note;
  bool counts() const { return state == "confirmed"; }
};

class AttendanceRepository {
 public:
  virtual ~AttendanceRepository() = default;
  // Inserts or replaces the member's mark for the session.
  virtual Status SetMark(const AttendanceRecord& a) = 0;
  virtual Result<std::optional<AttendanceRecord>> GetMark(std::int64_t session,
                                                          std::int64_t member) = 0;
  virtual Result<std::vector<AttendanceRecord>> ListMarks(std::int64_t session) = 0;
  // Every mark of every session of classes whose sessions start in `year`
  // (by starts_at), or of one class when `class_id` is set.
  virtual Result<std::vector<CreditRow>> CreditRows(std::optional<int> year,
                                                    std::optional<std::int64_t> class_id) = 0;
  // Every mark of one member, of every year, by session start.
  virtual Result<std::vector<CreditRow>> MemberCreditRows(std::int64_t member) = 0;
  // Records a spent token; Conflict if this member already spent it.
  virtual Status SpendToken(std::int64_t session, std::int64_t slot, std::int64_t member,
                            UnixSeconds at) = 0;

  virtual Result<std::int64_t> InsertMaterial(const MaterialRecord& m) = 0;
  virtual Result<std::optional<MaterialRecord>> GetMaterial(std::int64_t id) = 0;
  virtual Result<std::vector<MaterialRecord>> ListMaterials(std::int64_t class_id) = 0;
  virtual Status DeleteMaterial(std::int64_t id) = 0;

  virtual Result<std::int64_t> InsertOutsideTraining(const OutsideTrainingRecord& t) = 0;
  virtual Result<std::optional<OutsideTrainingRecord>> GetOutsideTraining(std::int64_t id) = 0;
  // One member's (when `member` is set) or everyone's, ending in `year`
  // when set; by member, last day, id.
  virtual Result<std::vector<OutsideTrainingRecord>> ListOutsideTraining(
      std::optional<std::int64_t> member, std::optional<int> year) = 0;
  // Rewrites what was typed (title to note) and the certificate of record
  // `t.id`; its member, who recorded it when, its state and review note
  // stay. NotFound if there is no such record.
  virtual Status UpdateOutsideTraining(const OutsideTrainingRecord& t) = 0;
  virtual Status DeleteOutsideTraining(std::int64_t id) = 0;
  // Every record in `state` ("reported": the records officer's queue), the
  // oldest first.
  virtual Result<std::vector<OutsideTrainingRecord>> ListOutsideTrainingIn(
      const std::string& state) = 0;
  // Moves record `id` from state `from` to `to` with `review_note`, in one
  // conditional UPDATE. NotFound if there is no such record, Conflict if
  // it is no longer in `from` (someone else decided first).
  virtual Status SetOutsideTrainingState(std::int64_t id, const std::string& from,
                                         const std::string& to, const std::string& review_note) = 0;

  // The year's requirement for `category` ("leader" or "member"), if set.
  virtual Result<std::optional<double>> Requirement(int year, const std::string& category) = 0;
  virtual Status SetRequirement(int year, const std::string& category, double hours) = 0;
};

}  // namespace procura
