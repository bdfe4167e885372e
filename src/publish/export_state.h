// The export's memory of what it wrote: the change-log position the files
// reflect, the address they link to and the assets; kept in
// OUT/.procura-export, so a restart resumes instead of rewriting. (The
// pages are in OUT/.procura-export.db, export_pages.h.) The file is
// rewritten last in every run, after the pages: a watcher of it (a systemd
// path unit pushing the export to the DMZ) sees a finished export.
#pragma once

#include <filesystem>
#include <map>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace procura::publish {

inline constexpr const char* kStateFile = ".procura-export";

struct ExportState {
  std::int64_t seq = -1;  // -1: nothing exported yet
  std::string base_url;
  std::int64_t pages = 0;   // pages the export holds
  std::map<std::string, std::string> assets;   // /static/… → hash
};

// The state in `out`, or a fresh one (seq -1) if there is none. A file that
// cannot be read as a state is Invalid (never guessed at).
Result<ExportState> LoadState(const std::filesystem::path& out);
Status SaveState(const std::filesystem::path& out, const ExportState& state);

// Creates `dir` and its missing parents, each 0755 whatever the process's
// umask (procura runs with 077): a web server running as another user must
// be able to read the export. Existing directories are left as they are.
Status CreatePublicDirs(const std::filesystem::path& dir);

// Writes `bytes` to `path` through a temporary file in the same directory
// and a rename, creating the directories; readers see the old file or the
// new one, never part of either.
Status WriteFileAtomically(const std::filesystem::path& path, std::string_view bytes);
// The same, when `path`'s directory is known to exist (public, 0755).
Status WriteIntoExistingDir(const std::filesystem::path& path, std::string_view bytes);
// Copies `from` to `to` the same way.
Status CopyFileAtomically(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace procura::publish
