// MaterialsService: files for a class or one of its sessions (slides,
// handouts), kept under <data>/materials/ with server-chosen names. The
// records officer uploads and deletes; the officer and members enrolled in
// the class download. Types are sniffed by content, as in the media library.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "content/file_store.h"
#include "storage/storage.h"

namespace procura::training {

inline constexpr std::size_t kMaxMaterialBytes = 20u << 20;

struct MaterialFile {
  MaterialRecord record;
  std::string bytes;
};

class MaterialsService {
 public:
  MaterialsService(Storage& storage, auth::Audit& audit, std::filesystem::path dir)
      : storage_(storage), audit_(audit), dir_(std::move(dir)), files_(storage, dir_.parent_path()) {}

  // Stores a file for `class_id` (and `session` if set). Invalid for an
  // empty, oversized or unsupported file, or a missing title.
  Result<std::int64_t> Upload(const auth::Principal& who, const auth::Actor& actor,
                              std::int64_t class_id, std::optional<std::int64_t> session,
                              std::string title, std::string_view bytes,
                              std::string_view client_name);
  // The file, for the records officer or a member enrolled in its class.
  Result<MaterialFile> Open(const auth::Principal& who, std::int64_t id);
  Status Delete(const auth::Principal& who, const auth::Actor& actor, std::int64_t id);

 private:
  Storage& storage_;
  auth::Audit& audit_;
  std::filesystem::path dir_;
  FileStore files_;  // area dir_.filename() ("materials")
};

}  // namespace procura::training
