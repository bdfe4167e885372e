#include "app/backup.h"

#include <minizip/unzip.h>
#include <minizip/zip.h>
#include <unistd.h>

#include <fstream>
#include <vector>

#include "storage/storage.h"

namespace procura::app {
namespace fs = std::filesystem;
namespace {

constexpr const char* kDatabaseEntry = "procura.db";
constexpr const char* kMarkerEntry = "PROCURA-BACKUP";  // says what the zip is
constexpr std::size_t kMaxEntryBytes = std::size_t{64} << 30;

// The files of a data dir that a backup carries, relative to it.
std::vector<std::string> CarriedFiles(const fs::path& data_dir) {
  std::vector<std::string> out;
  std::error_code ec;
  if (fs::is_regular_file(data_dir / "checkin.key", ec)) out.push_back("checkin.key");
  for (const char* sub : {"media", "materials", "certificates"}) {
    for (const auto& e : fs::directory_iterator(data_dir / sub, ec)) {
      const std::string name = e.path().filename().string();
      if (e.is_regular_file(ec) && name[0] != '.') out.push_back(std::string(sub) + "/" + name);
    }
  }
  return out;
}

Status AddFile(zipFile z, const std::string& entry, const fs::path& file, BackupSummary* sum) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::Ok();  // deleted meanwhile: the snapshot no longer names it
  zip_fileinfo info{};
  if (zipOpenNewFileInZip64(z, entry.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                            Z_DEFAULT_COMPRESSION, 1) != ZIP_OK)
    return Status::Io("backup: cannot add " + entry);
  std::vector<char> buf(1 << 20);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto n = static_cast<unsigned>(in.gcount());
    if (n > 0 && zipWriteInFileInZip(z, buf.data(), n) != ZIP_OK) {
      zipCloseFileInZip(z);
      return Status::Io("backup: cannot write " + entry + " (disk full?)");
    }
    if (sum) sum->bytes += n;
  }
  return zipCloseFileInZip(z) == ZIP_OK ? Status::Ok() : Status::Io("backup: cannot write " + entry);
}

// A zip entry name a restore may write: the database, the key, or one
// plain file name under media/, materials/ or certificates/.
bool IsSafeEntry(const std::string& name) {
  if (name == kDatabaseEntry || name == "checkin.key" || name == kMarkerEntry) return true;
  for (const std::string prefix : {"media/", "materials/", "certificates/"}) {
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string file = name.substr(prefix.size());
    return !file.empty() && file[0] != '.' && file.find('/') == std::string::npos &&
           file.find('\\') == std::string::npos && file.find('\0') == std::string::npos;
  }
  return false;
}

Status ExtractCurrent(unzFile z, const fs::path& to) {
  if (unzOpenCurrentFile(z) != UNZ_OK) return Status::Invalid("the backup is damaged");
  std::ofstream out(to, std::ios::binary | std::ios::trunc);
  std::vector<char> buf(1 << 20);
  std::uint64_t total = 0;
  int n;
  while ((n = unzReadCurrentFile(z, buf.data(), static_cast<unsigned>(buf.size()))) > 0) {
    total += static_cast<std::uint64_t>(n);
    if (total > kMaxEntryBytes) break;
    out.write(buf.data(), n);
  }
  const bool crc_ok = unzCloseCurrentFile(z) == UNZ_OK;
  out.close();
  if (n < 0 || !crc_ok || total > kMaxEntryBytes) return Status::Invalid("the backup is damaged");
  if (!out) return Status::Io("restore: cannot write " + to.string() + " (disk full?)");
  return Status::Ok();
}

}  // namespace

Result<BackupSummary> WriteBackup(const fs::path& data_dir, const fs::path& out) {
  std::error_code ec;
  if (fs::exists(out, ec)) return Status::Exists(out.string() + " exists; choose a new file");
  const fs::path snapshot = out.string() + ".db.tmp";
  const fs::path partial = out.string() + ".tmp";
  fs::remove(snapshot, ec);
  fs::remove(partial, ec);
  {
    auto storage = OpenSqliteStorage(data_dir);
    if (!storage.ok()) return storage.status();
    PROCURA_RETURN_IF_ERROR((*storage)->CopyTo(snapshot.string()));
  }
  BackupSummary sum;
  zipFile z = zipOpen64(partial.c_str(), APPEND_STATUS_CREATE);
  if (!z) {
    fs::remove(snapshot, ec);
    return Status::Io("cannot create " + partial.string());
  }
  Status s = [&]() -> Status {
    zip_fileinfo info{};
    const std::string marker = "procura backup\n";
    if (zipOpenNewFileInZip64(z, kMarkerEntry, &info, nullptr, 0, nullptr, 0, nullptr, 0, 0, 0) !=
            ZIP_OK ||
        zipWriteInFileInZip(z, marker.data(), static_cast<unsigned>(marker.size())) != ZIP_OK ||
        zipCloseFileInZip(z) != ZIP_OK)
      return Status::Io("backup: cannot write " + partial.string());
    PROCURA_RETURN_IF_ERROR(AddFile(z, kDatabaseEntry, snapshot, nullptr));
    for (const auto& rel : CarriedFiles(data_dir)) {
      PROCURA_RETURN_IF_ERROR(AddFile(z, rel, data_dir / rel, &sum));
      ++sum.files;
    }
    return Status::Ok();
  }();
  const bool closed = zipClose(z, nullptr) == ZIP_OK;
  fs::remove(snapshot, ec);
  if (s.ok() && !closed) s = Status::Io("backup: cannot finish " + partial.string());
  if (!s.ok()) {
    fs::remove(partial, ec);
    return s;
  }
  fs::rename(partial, out, ec);
  if (ec) return Status::Io("cannot move the backup to " + out.string() + ": " + ec.message());
  return sum;
}

Result<BackupSummary> RestoreBackup(const fs::path& backup, const fs::path& data_dir,
                                    bool replace) {
  std::error_code ec;
  if (fs::exists(data_dir / "procura.db", ec) && !replace)
    return Status::Exists(data_dir.string() +
                          " already holds a database; add --replace to put the backup over it");
  unzFile z = unzOpen64(backup.c_str());
  if (!z) return Status::Invalid(backup.string() + " is not a procura backup");
  // Check every name before writing anything.
  bool has_db = false, has_marker = false;
  for (int r = unzGoToFirstFile(z); r == UNZ_OK; r = unzGoToNextFile(z)) {
    char name[512];
    unz_file_info64 info;
    unzGetCurrentFileInfo64(z, &info, name, sizeof name, nullptr, 0, nullptr, 0);
    if (!IsSafeEntry(name)) {
      unzClose(z);
      return Status::Invalid(std::string("the backup names a path outside the data dir: ") + name);
    }
    has_db |= std::string(name) == kDatabaseEntry;
    has_marker |= std::string(name) == kMarkerEntry;
  }
  if (!has_db || !has_marker) {
    unzClose(z);
    return Status::Invalid(backup.string() + " is not a procura backup");
  }
  // The old database's WAL must not be replayed onto the restored file;
  // the index and previews belong to the old data.
  for (const char* stale : {"procura.db-wal", "procura.db-shm", "procura.db"})
    fs::remove(data_dir / stale, ec);
  for (const char* dir : {"search", "search.new", "imports", "media", "materials", "certificates"})
    fs::remove_all(data_dir / dir, ec);
  fs::create_directories(data_dir / "media", ec);
  fs::create_directories(data_dir / "materials", ec);
  fs::create_directories(data_dir / "certificates", ec);
  BackupSummary sum;
  Status s = Status::Ok();
  for (int r = unzGoToFirstFile(z); r == UNZ_OK && s.ok(); r = unzGoToNextFile(z)) {
    char name[512];
    unz_file_info64 info;
    unzGetCurrentFileInfo64(z, &info, name, sizeof name, nullptr, 0, nullptr, 0);
    if (std::string(name) == kMarkerEntry) continue;
    s = ExtractCurrent(z, data_dir / name);
    if (std::string(name) != kDatabaseEntry) ++sum.files, sum.bytes += info.uncompressed_size;
  }
  unzClose(z);
  if (!s.ok()) return s;
  auto storage = OpenSqliteStorage(data_dir);
  if (!storage.ok()) return storage.status();
  PROCURA_RETURN_IF_ERROR((*storage)->NewGeneration());
  return sum;
}

}  // namespace procura::app
