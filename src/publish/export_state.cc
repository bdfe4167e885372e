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
#include <vector>

#include <fmt/format.h>

#include "core/text.h"

namespace procura::publish {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kHeader = "procura-export 2";
// The first format held every page in this file; its pages are not carried
// over (the next run checks every page once).
constexpr std::string_view kHeaderV1 = "procura-export 1";

// A state line's fields, split at tabs.
std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> parts;
  std::size_t at = 0;
  for (std::size_t tab; (tab = line.find('\t', at)) != std::string_view::npos; at = tab + 1)
    parts.push_back(line.substr(at, tab - at));
  parts.push_back(line.substr(at));
  return parts;
}

// A number: digits, or -1.
bool ParseNumber(std::string_view text, std::int64_t* out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size();
}

// Exported files are public: readable by the web server's user whatever
// this process's umask (rsync -a carries the modes to the DMZ).
constexpr fs::perms kFileMode = fs::perms::owner_read | fs::perms::owner_write |
                                fs::perms::group_read | fs::perms::others_read;
constexpr fs::perms kDirMode = kFileMode | fs::perms::owner_exec | fs::perms::group_exec |
                               fs::perms::others_exec;

fs::path TempBeside(const fs::path& path) {
  static std::atomic<std::uint64_t> counter{0};
  return path.parent_path() /
         fmt::format(".{}.tmp.{}.{}", path.filename().string(), getpid(), counter++);
}

}  // namespace

Status CreatePublicDirs(const fs::path& dir) {
  std::error_code ec;
  if (dir.empty() || fs::is_directory(dir, ec)) return Status::Ok();
  PROCURA_RETURN_IF_ERROR(CreatePublicDirs(dir.parent_path()));
  if (!fs::create_directory(dir, ec) && ec)
    return Status::Io(fmt::format("cannot create {}: {}", dir.string(), ec.message()));
  fs::permissions(dir, kDirMode, ec);
  return Status::Ok();
}

Result<ExportState> LoadState(const fs::path& out) {
  ExportState state;
  std::ifstream in(out / kStateFile);
  if (!in) return state;
  std::string line;
  if (std::getline(in, line) && line == kHeaderV1) return state;
  if (!in || line != kHeader)
    return Status::Invalid(fmt::format("{} is not a procura export state; remove it to export "
                                       "everything again", (out / kStateFile).string()));
  while (std::getline(in, line)) {
    const std::vector<std::string_view> f = Fields(line);
    std::int64_t n = 0;
    const bool number = f.size() == 2 && ParseNumber(f[1], &n);
    if (f[0] == "seq" && number) state.seq = n;
    else if (f[0] == "pages" && number && n >= 0) state.pages = n;
    else if (f[0] == "base" && f.size() == 2) state.base_url = f[1];
    else if (f[0] == "a" && f.size() == 3) state.assets[std::string(f[1])] = f[2];
    else return Status::Invalid(fmt::format("{}: unreadable line '{}'", (out / kStateFile).string(),
                                            Utf8Prefix(line, 80)));
  }
  return state;
}

Status SaveState(const fs::path& out, const ExportState& state) {
  PROCURA_RETURN_IF_ERROR(CreatePublicDirs(out));
  const fs::path file = out / kStateFile, tmp = TempBeside(file);
  std::FILE* f = std::fopen(tmp.c_str(), "wbx");
  if (!f) return Status::Io(fmt::format("cannot create {}: {}", tmp.string(), std::strerror(errno)));
  fmt::print(f, "{}\nseq\t{}\nbase\t{}\npages\t{}\n", kHeader, state.seq, state.base_url,
             state.pages);
  for (const auto& [url, hash] : state.assets) fmt::print(f, "a\t{}\t{}\n", url, hash);
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
