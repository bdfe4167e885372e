#include "training/materials.h"

#include <fmt/format.h>

#include <fstream>
#include <iterator>

#include "auth/password.h"
#include "content/media_files.h"
#include "core/clock.h"
#include "core/text.h"

namespace procura::training {

Result<std::int64_t> MaterialsService::Upload(const auth::Principal& who, const auth::Actor& actor,
                                              std::int64_t class_id,
                                              std::optional<std::int64_t> session,
                                              std::string title, std::string_view bytes,
                                              std::string_view client_name) {
  if (!who.Has(auth::Role::kRecordsOfficer))
    return Status::Denied(N_("Only the records officer adds materials."));
  if (bytes.empty()) return Status::Invalid(N_("Choose a file to upload."));
  if (bytes.size() > kMaxMaterialBytes)
    return Status::Invalid(N_("The file is too large: at most {mib} MiB."),
                           {{"mib", std::to_string(kMaxMaterialBytes >> 20)}});
  const auto type = SniffFileType(bytes, client_name);
  if (!type) return Status::Invalid(N_("Use a PDF, Word, Excel, JPEG, PNG or WebP file."));
  const std::string file_name = SanitizeFileName(client_name);
  if (title.empty()) title = file_name;
  if (!IsValidUtf8(title) || Utf8Length(title) > 200)
    return Status::Invalid(N_("The title is too long: at most 200 characters."));
  if (session) {
    auto s = storage_.training().GetSession(*session);
    if (!s.ok()) return s.status();
    if (!s->has_value() || (*s)->class_id != class_id)
      return Status::Invalid(N_("That session is not part of this class."));
  }
  // Images are re-encoded like the media library's: no EXIF/GPS survives.
  std::string reencoded;
  if (type->image) {
    auto img = ReencodeImage(bytes, *type);
    if (!img.ok()) return img.status();
    reencoded = std::move(img->bytes);
    bytes = reencoded;
  }
  const std::string stored = auth::RandomHex(16) + type->ext;
  PROCURA_RETURN_IF_ERROR(files_.Write(dir_.filename().string(), stored, bytes));
  MaterialRecord m{0,          class_id,
                   session,    title,
                   file_name,  stored,
                   type->mime, static_cast<std::int64_t>(bytes.size()),
                   NowUnix(),  std::optional<std::int64_t>(who.user_id)};
  std::int64_t id = 0;
  const Status saved = storage_.InTransaction([&](Storage& tx) -> Status {
    auto inserted = tx.attendance().InsertMaterial(m);
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    return audit_.Write(tx, actor, "training.material.add", "class", class_id, title);
  });
  if (!saved.ok()) {
    (void)files_.Remove(dir_.filename().string(), stored);
    return saved;
  }
  return id;
}

Result<MaterialFile> MaterialsService::Open(const auth::Principal& who, std::int64_t id) {
  auto m = storage_.attendance().GetMaterial(id);
  if (!m.ok()) return m.status();
  if (!m->has_value()) return Status::NotFound(N_("There is no such file."));
  if (!who.Has(auth::Role::kRecordsOfficer)) {
    auto me = storage_.org().MemberForUser(who.user_id);
    if (!me.ok()) return me.status();
    auto list = storage_.training().ListEnrollments((*m)->class_id);
    if (!list.ok()) return list.status();
    if (!me->has_value() || !IsActivelyEnrolled(*list, (*me)->id))
      return Status::Denied(N_("Materials are for the members enrolled in the class."));
  }
  auto bytes = files_.Read(dir_.filename().string(), (*m)->stored_name);
  if (!bytes.ok()) return Status::NotFound(N_("The file is missing from the data directory."));
  return MaterialFile{**m, std::move(bytes).value()};
}

Status MaterialsService::Delete(const auth::Principal& who, const auth::Actor& actor,
                                std::int64_t id) {
  if (!who.Has(auth::Role::kRecordsOfficer))
    return Status::Denied(N_("Only the records officer removes materials."));
  auto m = storage_.attendance().GetMaterial(id);
  if (!m.ok()) return m.status();
  if (!m->has_value()) return Status::NotFound("There is no such file.");
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.attendance().DeleteMaterial(id));
    return audit_.Write(tx, actor, "training.material.delete", "class", (*m)->class_id, (*m)->title);
  }));
  // The file goes only once its row is gone.
  (void)files_.Remove(dir_.filename().string(), (*m)->stored_name);
  return Status::Ok();
}

}  // namespace procura::training
