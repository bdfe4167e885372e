#include "app/paths.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace procura::app {

namespace fs = std::filesystem;

fs::path DefaultShareDir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "procura";
    if (fs::is_directory(installed / "templates", ec)) return installed;
  }
  return fs::path(PROCURA_SOURCE_DIR);
}

Status CheckDataDir(const fs::path& dir) {
  std::error_code ec;
  const auto st = fs::status(dir, ec);
  if (!fs::exists(st)) {
    return Status::Io("data dir " + dir.string() + " does not exist. Create it first (mkdir -p " +
                      dir.string() + ").");
  }
  if (!fs::is_directory(st)) return Status::Io("data dir " + dir.string() + " is not a directory.");
  const fs::path probe = dir / (".procura-write-probe-" + std::to_string(getpid()));
  const int fd = ::open(probe.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::Io("data dir " + dir.string() + " is not writable: " + std::strerror(errno) +
                      ". Fix its permissions or choose another --data.");
  }
  ::close(fd);
  ::unlink(probe.c_str());
  // The data dir holds personal data: owner only, also for dirs made before.
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  for (const char* name : {"procura.db", "procura.db-wal", "procura.db-shm", "checkin.key"})
    if (fs::exists(dir / name, ec))
      fs::permissions(dir / name, fs::perms::owner_read | fs::perms::owner_write,
                      fs::perm_options::replace, ec);
  return Status::Ok();
}

Status LockDataDir(const fs::path& dir) {
  const fs::path lock = dir / "procura.lock";
  const int fd = ::open(lock.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Io("cannot open " + lock.string() + ": " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return Status::Io("data dir " + dir.string() + " is in use by another procura process (" +
                      lock.string() + " is locked).");
  }
  return Status::Ok();  // fd stays open: the lock lasts until exit
}

}  // namespace procura::app
