// TrainingReports: members' own reports of training elsewhere, and the
// records officer's decisions on them.
#include "training/training_reports.h"

#include <fmt/format.h>

#include "auth/password.h"
#include "content/media_files.h"
#include "core/fields.h"
#include "core/text.h"

namespace procura::training {
namespace {

Status OfficerOnly(const auth::Principal& who) {
  if (!who.Has(auth::Role::kRecordsOfficer))
    return Status::Denied(N_("Only the records officer decides on training reports."));
  return Status::Ok();
}

// "title (organizer, first to last, hours h, kind)", as the audit log says it.
std::string Described(const OutsideTrainingRecord& t) {
  return fmt::format("{} ({}, {} to {}, {:g} h, {})", t.title, t.organizer, t.start_date,
                     t.end_date, t.hours, t.kind);
}

// The certificate's type when it is one a certificate may be; Invalid
// (field "certificate") otherwise.
Result<FileType> CertificateType(UploadedFile file) {
  if (file.bytes.size() > kMaxCertificateBytes)
    return Status::Invalid(N_("The certificate is too large: at most {mib} MiB."),
                           {{"mib", std::to_string(kMaxCertificateBytes >> 20)}})
        .WithField("certificate");
  auto type = SniffFileType(file.bytes, file.client_name);
  if (!type || (!type->image && type->mime != "application/pdf"))
    return Status::Invalid(N_("Use a PDF, JPEG, PNG or WebP file for the certificate."))
        .WithField("certificate");
  return *type;
}

}  // namespace

Status TrainingReports::StoreCertificate(UploadedFile file, const FileType& type,
                                         OutsideTrainingRecord& record) {
  std::string reencoded;
  if (type.image) {  // no EXIF or GPS survives
    auto img = ReencodeImage(file.bytes, type);
    if (!img.ok()) return Status(img.status()).WithField("certificate");
    reencoded = std::move(img->bytes);
    file.bytes = reencoded;
  }
  record.certificate = auth::RandomHex(16) + type.ext;
  record.certificate_name = SanitizeFileName(file.client_name);
  record.certificate_mime = type.mime;
  return files_.Write(kCertificateArea, record.certificate, file.bytes);
}

Status TrainingReports::Check(const OutsideTrainingInput& in, UploadedFile certificate,
                              const std::string& today, OutsideTrainingRecord& out,
                              std::optional<FileType>& type) {
  std::vector<Status> problems = ValidateOutsideTraining(in, today, out).problems();
  if (!certificate.bytes.empty()) {
    auto checked = CertificateType(certificate);
    if (checked.ok()) type = *checked;
    else problems.push_back(checked.status());
  }
  return Status::AllOf(std::move(problems));
}

Result<std::int64_t> TrainingReports::Report(const auth::Principal& who, const auth::Actor& actor,
                                             const OutsideTrainingInput& in,
                                             UploadedFile certificate, const std::string& today,
                                             UnixSeconds now) {
  auto me = storage_.org().MemberForUser(who.user_id);
  if (!me.ok()) return me.status();
  if (!me->has_value())
    return Status::NotFound(N_("Your account is not linked to a party member record."));
  OutsideTrainingRecord t;
  std::optional<FileType> type;
  PROCURA_RETURN_IF_ERROR(Check(in, certificate, today, t, type));
  if (type) PROCURA_RETURN_IF_ERROR(StoreCertificate(certificate, *type, t));
  t.member_id = (*me)->id, t.recorded_at = now, t.recorded_by = actor.id, t.state = "reported";
  std::int64_t id = 0;
  Status saved = storage_.InTransaction([&](Storage& tx) -> Status {
    auto inserted = tx.attendance().InsertOutsideTraining(t);
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    return audit_.Write(tx, actor, "training.report.add", "member", t.member_id, Described(t));
  });
  if (!saved.ok()) {
    RemoveCertificate(t.certificate);
    return saved;
  }
  return id;
}

Result<std::pair<OutsideTrainingRecord, bool>> TrainingReports::Find(const auth::Principal& who,
                                                                     std::int64_t id) {
  auto t = storage_.attendance().GetOutsideTraining(id);
  if (!t.ok()) return t.status();
  if (!t->has_value()) return Status::NotFound(N_("There is no such training record."));
  auto me = storage_.org().MemberForUser(who.user_id);
  if (!me.ok()) return me.status();
  const bool own = me->has_value() && (*me)->id == (*t)->member_id;
  return std::pair{std::move(**t), own};
}

Result<OutsideTrainingRecord> TrainingReports::Changeable(const auth::Principal& who,
                                                          std::int64_t id) {
  auto found = Find(who, id);
  if (!found.ok()) return found.status();
  auto& [t, own] = *found;
  if (!own)
    return Status::Denied(N_("Only the member who reported it may change or withdraw a report."));
  if (t.counts())
    return Status::Conflict(N_("The records officer has already confirmed this report."));
  return std::move(t);
}

Status TrainingReports::Resubmit(const auth::Principal& who, const auth::Actor& actor,
                                 std::int64_t id, const OutsideTrainingInput& in,
                                 UploadedFile certificate, const std::string& today) {
  auto found = Changeable(who, id);
  if (!found.ok()) return found.status();
  const OutsideTrainingRecord& old = *found;
  OutsideTrainingRecord typed;
  std::optional<FileType> type;
  PROCURA_RETURN_IF_ERROR(Check(in, certificate, today, typed, type));
  OutsideTrainingRecord next = old;
  next.title = typed.title, next.organizer = typed.organizer, next.kind = typed.kind;
  next.start_date = typed.start_date, next.end_date = typed.end_date;
  next.hours = typed.hours, next.note = typed.note;
  if (type) PROCURA_RETURN_IF_ERROR(StoreCertificate(certificate, *type, next));
  Status saved = storage_.InTransaction([&](Storage& tx) -> Status {
    Status moved = tx.attendance().SetOutsideTrainingState(id, old.state, "reported", "");
    if (moved.code() == Status::Code::kConflict || moved.code() == Status::Code::kNotFound)
      return Status::Conflict(N_("The records officer decided on this report meanwhile; "
                                 "reload the page."));
    PROCURA_RETURN_IF_ERROR(moved);
    PROCURA_RETURN_IF_ERROR(tx.attendance().UpdateOutsideTraining(next));
    return audit_.Write(tx, actor, "training.report.edit", "member", next.member_id,
                        Described(next));
  });
  if (!saved.ok()) {
    if (type) RemoveCertificate(next.certificate);
    return saved;
  }
  if (type) RemoveCertificate(old.certificate);  // replaced
  return Status::Ok();
}

Status TrainingReports::Withdraw(const auth::Principal& who, const auth::Actor& actor,
                                 std::int64_t id) {
  auto found = Changeable(who, id);
  if (!found.ok()) return found.status();
  const OutsideTrainingRecord& t = *found;
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    // A conditional update that changes nothing but holds the row: a
    // confirmation that came first wins (Conflict), one that comes later
    // finds the row gone.
    Status moved = tx.attendance().SetOutsideTrainingState(id, t.state, t.state, t.review_note);
    if (moved.code() == Status::Code::kConflict)
      return Status::Conflict(N_("The records officer decided on this report meanwhile; "
                                 "reload the page."));
    PROCURA_RETURN_IF_ERROR(moved);
    PROCURA_RETURN_IF_ERROR(tx.attendance().DeleteOutsideTraining(id));
    return audit_.Write(tx, actor, "training.report.withdraw", "member", t.member_id, Described(t));
  }));
  RemoveCertificate(t.certificate);
  return Status::Ok();
}

Status TrainingReports::Decide(const auth::Principal& who, const auth::Actor& actor,
                               std::int64_t id, const char* to, const char* action,
                               const std::string& reason) {
  PROCURA_RETURN_IF_ERROR(OfficerOnly(who));
  auto t = storage_.attendance().GetOutsideTraining(id);
  if (!t.ok()) return t.status();
  if (!t->has_value()) return Status::NotFound(N_("There is no such training report."));
  return storage_.InTransaction([&](Storage& tx) -> Status {
    Status moved = tx.attendance().SetOutsideTrainingState(id, "reported", to, reason);
    if (moved.code() == Status::Code::kConflict || moved.code() == Status::Code::kNotFound)
      return Status::Conflict(N_("This report is no longer awaiting a decision: it was "
                                 "withdrawn, or someone decided first."));
    PROCURA_RETURN_IF_ERROR(moved);
    const std::string detail =
        reason.empty() ? Described(**t) : fmt::format("{}: {}", Described(**t), reason);
    return audit_.Write(tx, actor, action, "member", (*t)->member_id, detail);
  });
}

Status TrainingReports::Confirm(const auth::Principal& who, const auth::Actor& actor,
                                std::int64_t id) {
  return Decide(who, actor, id, "confirmed", "training.report.confirm", "");
}

Status TrainingReports::Return(const auth::Principal& who, const auth::Actor& actor,
                               std::int64_t id, const std::string& reason) {
  PROCURA_RETURN_IF_ERROR(OfficerOnly(who));
  const std::string why = Trim(reason);
  PROCURA_RETURN_IF_ERROR(
      CheckTextField("reason", N_("Why it goes back"), why, kMaxReturnReason, true));
  return Decide(who, actor, id, "returned", "training.report.return", why);
}

Result<CertificateFile> TrainingReports::OpenCertificate(const auth::Principal& who,
                                                         const auth::Actor& actor,
                                                         std::int64_t id) {
  auto found = Find(who, id);
  if (!found.ok()) return found.status();
  auto& [t, own] = *found;
  if (!own && !who.Has(auth::Role::kRecordsOfficer))
    return Status::Denied(N_("A certificate is for its member and the records officer."));
  if (t.certificate.empty()) return Status::NotFound(N_("This record has no certificate."));
  auto bytes = files_.Read(kCertificateArea, t.certificate);
  if (!bytes.ok()) return Status::NotFound(N_("The file is missing from the data directory."));
  if (!own)
    PROCURA_RETURN_IF_ERROR(audit_.RecordChecked(actor, "training.report.certificate", "member",
                                                 t.member_id, t.title));
  return CertificateFile{std::move(t), std::move(bytes).value()};
}

Result<std::vector<OutsideTrainingRecord>> TrainingReports::Queue(const auth::Principal& who) {
  PROCURA_RETURN_IF_ERROR(OfficerOnly(who));
  return storage_.attendance().ListOutsideTrainingIn("reported");
}

Result<std::vector<OutsideTrainingRecord>> TrainingReports::NotCounted(std::int64_t member) {
  auto all = storage_.attendance().ListOutsideTraining(member, std::nullopt);
  if (!all.ok()) return all.status();
  std::vector<OutsideTrainingRecord> out;
  for (auto& t : *all)
    if (!t.counts()) out.push_back(std::move(t));
  return out;
}

void TrainingReports::RemoveCertificate(const std::string& stored_name) {
  if (!stored_name.empty()) (void)files_.Remove(kCertificateArea, stored_name);
}

}  // namespace procura::training
