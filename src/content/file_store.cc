#include "content/file_store.h"

#include <fstream>
#include <sstream>

#include "content/media_files.h"

namespace procura {

Status FileStore::Write(const std::string& area, const std::string& name, std::string_view bytes) {
  std::error_code ec;
  std::filesystem::create_directories(Dir(area), ec);
  PROCURA_RETURN_IF_ERROR(WriteFileDurably(Dir(area).string(), name, bytes));
  if (!storage_.SharesFiles()) return Status::Ok();
  Status shared = storage_.PutSharedFile(Key(area, name), bytes);
  if (!shared.ok()) std::filesystem::remove(Dir(area) / name, ec);
  return shared;
}

Result<std::string> FileStore::Read(const std::string& area, const std::string& name) {
  std::ifstream in(Dir(area) / name, std::ios::binary);
  if (in) {
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  if (!storage_.SharesFiles()) return Status::NotFound("no file " + Key(area, name));
  auto bytes = storage_.GetSharedFile(Key(area, name));
  if (!bytes.ok()) return bytes.status();
  std::error_code ec;
  std::filesystem::create_directories(Dir(area), ec);
  (void)WriteFileDurably(Dir(area).string(), name, *bytes);  // the cache; a failure costs a refetch
  return bytes;
}

Status FileStore::EnsureLocal(const std::string& area, const std::string& name) {
  std::error_code ec;
  if (std::filesystem::exists(Dir(area) / name, ec)) return Status::Ok();
  return Read(area, name).status();
}

Status FileStore::Remove(const std::string& area, const std::string& name) {
  std::error_code ec;
  std::filesystem::remove(Dir(area) / name, ec);
  if (!storage_.SharesFiles()) return Status::Ok();
  return storage_.DeleteSharedFile(Key(area, name));
}

}  // namespace procura
