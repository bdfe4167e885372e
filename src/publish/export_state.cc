#include "publish/export_state.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <atomic>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "core/text.h"

namespace procura::publish {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kHeader = "procura-export 1";

// A state line's fields, split at tabs.
std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> parts;
  std::size_t at = 0;
  for (std::size_t tab; (tab = line.find('\t', at)) != std::string_view::npos; at = tab + 1)
    parts.push_back(line.substr(at, tab - at));
  parts.push_back(line.substr(at));
  return parts;
}

// A change-log position: digits, or -1.
bool ParseSeq(std::string_view text, std::int64_t* out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size();
}

// 16 hex digits (the file's form of a page hash).
bool ParseHash(std::string_view hex, std::uint64_t* out) {
  if (hex.size() != 16) return false;
  std::uint64_t h = 0;
  for (char c : hex) {
    const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) return false;
    h = h << 4 | static_cast<std::uint64_t>(d);
  }
  *out = h;
  return true;
}

// Exported files are public: readable by the web server's user whatever
// this process's umask (rsync -a carries the modes to the DMZ).
constexpr fs::perms kFileMode = fs::perms::owner_read | fs::perms::owner_write |
                                fs::perms::group_read | fs::perms::others_read;
constexpr fs::perms kDirMode = kFileMode | fs::perms::owner_exec | fs::perms::group_exec |
                               fs::perms::others_exec;

// Creates the missing directories of `dir`, each 0755.
Status CreatePublicDirs(const fs::path& dir) {
  std::error_code ec;
  if (dir.empty() || fs::is_directory(dir, ec)) return Status::Ok();
  PROCURA_RETURN_IF_ERROR(CreatePublicDirs(dir.parent_path()));
  if (!fs::create_directory(dir, ec) && ec)
    return Status::Io(fmt::format("cannot create {}: {}", dir.string(), ec.message()));
  fs::permissions(dir, kDirMode, ec);
  return Status::Ok();
}

fs::path TempBeside(const fs::path& path) {
  static std::atomic<std::uint64_t> counter{0};
  return path.parent_path() /
         fmt::format(".{}.tmp.{}.{}", path.filename().string(), getpid(), counter++);
}

}  // namespace

Result<ExportState> LoadState(const fs::path& out) {
  ExportState state;
  std::ifstream in(out / kStateFile);
  if (!in) return state;
  std::string line;
  if (!std::getline(in, line) || line != kHeader)
    return Status::Invalid(fmt::format("{} is not a procura export state; remove it to export "
                                       "everything again", (out / kStateFile).string()));
  while (std::getline(in, line)) {
    const std::vector<std::string_view> f = Fields(line);
    ExportState::Built b;
    std::int64_t seq = 0;
    if (f[0] == "seq" && f.size() == 2 && ParseSeq(f[1], &seq)) state.seq = seq;
    else if (f[0] == "base" && f.size() == 2) state.base_url = f[1];
    else if (f[0] == "p" && f.size() == 4 && ParseHash(f[2], &b.hash))
      state.built[std::string(f[1])] = {b.hash, std::string(f[3])};
    else if (f[0] == "a" && f.size() == 3) state.assets[std::string(f[1])] = f[2];
    else if (f[0] == "m" && f.size() == 2) state.media.insert(std::string(f[1]));
    else return Status::Invalid(fmt::format("{}: unreadable line '{}'", (out / kStateFile).string(),
                                            Utf8Prefix(line, 80)));
  }
  return state;
}

bool ExportState::Built::DependsOnAny(const std::set<std::string, std::less<>>& tags) const {
  for (std::size_t at = 0; at < deps.size();) {
    std::size_t comma = deps.find(',', at);
    if (comma == std::string::npos) comma = deps.size();
    if (comma > at && tags.count(std::string_view(deps).substr(at, comma - at))) return true;
    at = comma + 1;
  }
  return false;
}

Status SaveState(const fs::path& out, const ExportState& state) {
  // Streamed through a buffer, not built whole: a million pages make a
  // state of a hundred megabytes.
  PROCURA_RETURN_IF_ERROR(CreatePublicDirs(out));
  const fs::path file = out / kStateFile, tmp = TempBeside(file);
  std::FILE* f = std::fopen(tmp.c_str(), "wbx");
  if (!f) return Status::Io(fmt::format("cannot create {}: {}", tmp.string(), std::strerror(errno)));
  fmt::print(f, "{}\nseq\t{}\nbase\t{}\n", kHeader, state.seq, state.base_url);
  for (const auto& [url, b] : state.built) fmt::print(f, "p\t{}\t{:016x}\t{}\n", url, b.hash, b.deps);
  for (const auto& [url, hash] : state.assets) fmt::print(f, "a\t{}\t{}\n", url, hash);
  for (const auto& url : state.media) fmt::print(f, "m\t{}\n", url);
  const bool written = !std::ferror(f);
  if (std::fclose(f) != 0 || !written || std::rename(tmp.c_str(), file.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::remove(tmp.c_str());
    return Status::Io(fmt::format("cannot write {}: {}", file.string(), why));
  }
  return Status::Ok();
}

Status WriteFileAtomically(const fs::path& path, std::string_view bytes) {
  PROCURA_RETURN_IF_ERROR(CreatePublicDirs(path.parent_path()));
  return WriteIntoExistingDir(path, bytes);
}

Status WriteIntoExistingDir(const fs::path& path, std::string_view bytes) {
  // Plain system calls: the export writes three files a page, and a
  // stream, a chmod by path and a directory check each cost a fifth of
  // its time on tmpfs.
  const fs::path tmp = TempBeside(path);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Status::Io(fmt::format("cannot create {}: {}", tmp.string(), std::strerror(errno)));
  int failed = ::fchmod(fd, 0644) == 0 ? 0 : errno;  // public whatever the umask
  for (std::size_t done = 0; !failed && done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) failed = n < 0 ? errno : EIO;
    else done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0 && !failed) failed = errno;
  if (!failed && ::rename(tmp.c_str(), path.c_str()) == 0) return Status::Ok();
  const std::string why = std::strerror(failed ? failed : errno);
  ::unlink(tmp.c_str());
  return Status::Io(fmt::format("cannot write {}: {}", path.string(), why));
}

Status CopyFileAtomically(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  PROCURA_RETURN_IF_ERROR(CreatePublicDirs(to.parent_path()));
  const fs::path tmp = TempBeside(to);
  fs::copy_file(from, tmp, fs::copy_options::overwrite_existing, ec);
  if (!ec) fs::permissions(tmp, kFileMode, ec);
  if (!ec) fs::rename(tmp, to, ec);
  if (ec) {
    const std::string why = ec.message();
    fs::remove(tmp, ec);
    return Status::Io(fmt::format("cannot copy {} to {}: {}", from.string(), to.string(), why));
  }
  return Status::Ok();
}

}  // namespace procura::publish
