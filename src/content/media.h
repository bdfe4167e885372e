// MediaService: the newsroom's media library. Uploads are typed by
// content, images are re-encoded (metadata stripped, responsive sizes),
// files get server-generated names under <data>/media (and in the
// database when it shares files: content/file_store.h), and every upload,
// delete and attachment change is audited.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "content/file_store.h"
#include "content/media_files.h"
#include "core/events.h"
#include "core/media_names.h"
#include "storage/storage.h"

namespace procura {

inline constexpr std::size_t kMaxUploadBytes = 20 * 1024 * 1024;
inline constexpr std::size_t kMaxMediaAlt = 300;

class MediaService {
 public:
  MediaService(Storage& storage, auth::Audit& audit, EventBus& events,
               std::filesystem::path media_dir)
      : storage_(storage),
        audit_(audit),
        events_(events),
        dir_(std::move(media_dir)),
        files_(storage, dir_.parent_path()) {}

  // Stores an upload. Invalid naming the field ("file: ...", "alt text:
  // ...") for an empty, oversized, unsupported or malformed file; Denied
  // unless `who` writes articles. Nothing is stored on failure.
  Result<MediaRecord> Upload(std::string_view bytes, const std::string& client_name,
                             const std::string& alt, const auth::Principal& who,
                             const auth::Actor& actor);
  // A photo of a party meeting or training class, as Upload but for the records roles and
  // images only (re-encoded, so EXIF and other metadata are gone). It is
  // private (MediaRecord::is_private): staff see it, the public does not
  // until an article using it is published.
  Result<MediaRecord> UploadRecordsPhoto(std::string_view bytes, const std::string& client_name,
                                         const std::string& alt, const auth::Principal& who,
                                         const auth::Actor& actor);
  // The bytes of a stored file (an upload or one of its sizes), from this
  // node's data dir or the shared copy. NotFound if it exists nowhere.
  Result<std::string> ReadFile(const std::string& stored_name) {
    return files_.Read(dir_.filename().string(), stored_name);
  }
  // Deletes the record and its files. Invalid, naming the first place,
  // while an article (lead image, body, pending revision, attachment), a
  // branch meeting's photos or a training class's photos use it.
  Status Delete(std::int64_t id, const auth::Principal& who, const auth::Actor& actor);
  // Replaces an image's alt text (trimmed; at most kMaxMediaAlt
  // characters), audited, with a "media" change-log row. Invalid for a
  // document, and while a published article shows the image: its pages
  // say what that article's own alt text says, changed through review.
  Status SetAlt(std::int64_t id, const std::string& alt, const auth::Principal& who,
                const auth::Actor& actor);
  // Ok if SetAlt may change `m`'s alt text, `uses` being where it is
  // used (UsesOf); else what it refuses with.
  Status AltChangeRefusal(const MediaRecord& m, const std::vector<MediaUse>& uses);
  // After a records photo is taken off its meeting or class: deletes it
  // when it is still private (no published article ever showed it) and
  // nothing else uses it; otherwise keeps it and answers Ok. Denied unless
  // `who` has a records role.
  Status DeleteRecordsPhotoIfUnused(std::int64_t id, const auth::Principal& who,
                                    const auth::Actor& actor);
  // Where file `id` is used, at most `limit` places, articles first
  // (ContentRepository::FindMediaUses); NotFound if there is no such file.
  Result<std::vector<MediaUse>> UsesOf(std::int64_t id, int limit);
  // Uses are counted up to this many ("100+" beyond).
  static constexpr int kMaxUsesCounted = 100;
  // Ok for no uses; else what Delete refuses with (Invalid, naming the
  // first place and how many there are), so that a form can say so before
  // it asks to confirm.
  static Status RefusalFor(const std::vector<MediaUse>& uses);
  // Lists a document under an article / removes it.
  Status Attach(std::int64_t article_id, std::int64_t media_id, const auth::Principal& who,
                const auth::Actor& actor);
  Status Detach(std::int64_t article_id, std::int64_t media_id, const auth::Principal& who,
                const auth::Actor& actor);

 private:
  // Checks, re-encodes and stores an upload (Upload's work after the
  // permission check); a records photo must be an image and is private.
  Result<MediaRecord> Store(std::string_view bytes, const std::string& client_name,
                            const std::string& alt, const auth::Principal& who,
                            const auth::Actor& actor, bool records_photo);
  // Writes the upload's files under media/ (an image re-encoded, with its
  // narrower sizes), setting the stored names, size and dimensions in `m`;
  // `written` lists what was written, for removal if the upload fails.
  Status WriteStoredFiles(std::string_view bytes, const FileType& type, MediaRecord& m,
                          std::vector<std::string>& written);
  // Inserts `m` (setting its id) with its change entry and audit line.
  Status Record(MediaRecord& m, const auth::Actor& actor);
  Status WriteFile(const std::string& name, std::string_view bytes);
  Status RefuseIfUsed(const MediaRecord& m);
  // Deletes the record, its change entry and audit line, then its files.
  Status Erase(const MediaRecord& m, const auth::Actor& actor);
  Result<std::vector<MediaUse>> Uses(const MediaRecord& m, int limit);
  Status ChangeAttachment(std::int64_t article_id, std::int64_t media_id, bool attach,
                          const auth::Principal& who, const auth::Actor& actor);
  Status ProposeAttachmentChange(ArticleRecord a, std::int64_t media_id, bool attach,
                                 const auth::Principal& who, const auth::Actor& actor);
  Storage& storage_;
  auth::Audit& audit_;
  EventBus& events_;
  std::filesystem::path dir_;
  FileStore files_;  // area dir_.filename() ("media")
};

}  // namespace procura
