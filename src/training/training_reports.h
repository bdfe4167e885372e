// Members report the training they took elsewhere themselves (学时申报):
// the course, its dates and hours, and a certificate (结业证书, or a
// screenshot of an online course's record). A report waits for the
// records officer, who confirms it (its hours then count, as if the
// officer had recorded it) or returns it saying why. The member may
// withdraw a report until it is confirmed, and file a new one.
//
// Certificates live in the "certificates" file area with server-chosen
// names; images are re-encoded without metadata, as in the media library.
// Only the member and the records officer open one, and only as a
// download.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "content/file_store.h"
#include "content/media_files.h"
#include "storage/storage.h"
#include "training/outside_training.h"

namespace procura::training {

inline constexpr std::size_t kMaxCertificateBytes = 10u << 20;
inline constexpr std::size_t kMaxReturnReason = 200;
inline constexpr const char* kCertificateArea = "certificates";

// A file as uploaded; empty `bytes` when none was chosen.
struct UploadedFile {
  std::string_view bytes, client_name;
};

struct CertificateFile {
  OutsideTrainingRecord record;
  std::string bytes;
};

class TrainingReports {
 public:
  // `data_dir` holds the "certificates" area.
  TrainingReports(Storage& storage, auth::Audit& audit, std::filesystem::path data_dir)
      : storage_(storage), audit_(audit), files_(storage, std::move(data_dir)) {}

  // Files a report for the signed-in member. NotFound when the account
  // has no member record. Invalid with every problem, each naming its
  // field: those of ValidateOutsideTraining, and a certificate that is
  // not a PDF, JPEG, PNG or WebP file or is over 10 MiB ("certificate";
  // a certificate may be left out). Audited. Returns the record's id.
  Result<std::int64_t> Report(const auth::Principal& who, const auth::Actor& actor,
                              const OutsideTrainingInput& in, UploadedFile certificate,
                              const std::string& today, UnixSeconds now);
  // Report `id` when it is the signed-in member's own and not yet
  // confirmed, so still theirs to change or withdraw: NotFound for no
  // such record, Denied for someone else's, Conflict once confirmed.
  Result<OutsideTrainingRecord> Changeable(const auth::Principal& who, std::int64_t id);
  // The member corrects their own report, awaiting or returned, with
  // what was typed (checked as in Report) and, if one was chosen, a new
  // certificate in place of the old. It awaits the records officer again,
  // without the reason it was returned for. Denied for someone else's;
  // Conflict once confirmed (or confirmed meanwhile); NotFound for no such
  // record. Audited.
  Status Resubmit(const auth::Principal& who, const auth::Actor& actor, std::int64_t id,
                  const OutsideTrainingInput& in, UploadedFile certificate,
                  const std::string& today);
  // The member takes back their own report, awaiting or returned; it and
  // its certificate go. Denied for someone else's; Conflict once
  // confirmed; NotFound for no such record. Audited.
  Status Withdraw(const auth::Principal& who, const auth::Actor& actor, std::int64_t id);
  // Records officer only. The report's hours count from now on. Conflict
  // when it is no longer awaiting (withdrawn, or decided by someone
  // else); NotFound for no such record. Audited.
  Status Confirm(const auth::Principal& who, const auth::Actor& actor, std::int64_t id);
  // Records officer only; as Confirm, but the report goes back to the
  // member with `reason` (1–200 characters, field "reason").
  Status Return(const auth::Principal& who, const auth::Actor& actor, std::int64_t id,
                const std::string& reason);
  // The certificate of record `id`, for its member or the records
  // officer (Denied for anyone else). NotFound when it has none. The
  // officer's reading is audited.
  Result<CertificateFile> OpenCertificate(const auth::Principal& who, const auth::Actor& actor,
                                          std::int64_t id);
  // Records officer only: every report awaiting a decision, the oldest first.
  Result<std::vector<OutsideTrainingRecord>> Queue(const auth::Principal& who);
  // Member `member`'s reports that do not count (yet): awaiting or
  // returned, by last day.
  Result<std::vector<OutsideTrainingRecord>> NotCounted(std::int64_t member);
  // Removes a certificate whose record the officer deleted.
  void RemoveCertificate(const std::string& stored_name);

 private:
  // The record, and whether `who` is its member.
  Result<std::pair<OutsideTrainingRecord, bool>> Find(const auth::Principal& who, std::int64_t id);
  // Moves an awaiting report to `to`, audited as `action`.
  Status Decide(const auth::Principal& who, const auth::Actor& actor, std::int64_t id,
                const char* to, const char* action, const std::string& reason);
  // Every problem with what was typed and the certificate (as Report
  // says); on success the record's fields in `out` and the certificate's
  // type in `type` (none when no file was chosen).
  Status Check(const OutsideTrainingInput& in, UploadedFile certificate, const std::string& today,
               OutsideTrainingRecord& out, std::optional<FileType>& type);
  // Stores the certificate (of a type CertificateType allowed), images
  // re-encoded; its stored name, name as uploaded and type in `record`.
  Status StoreCertificate(UploadedFile file, const FileType& type, OutsideTrainingRecord& record);

  Storage& storage_;
  auth::Audit& audit_;
  FileStore files_;
};

}  // namespace procura::training
