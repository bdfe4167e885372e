// The export's memory of what it wrote: the change-log position the files
// reflect, the address they link to, and per file its content hash and (for
// built targets) the dependency tags it was built from. Kept in
// OUT/.procura-export, so a restart resumes instead of rewriting.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace procura::publish {

inline constexpr const char* kStateFile = ".procura-export";

struct ExportState {
  std::int64_t seq = -1;  // -1: nothing exported yet
  std::string base_url;
  // Kept small: a site of a million articles has a million of these, and
  // they are the export's only memory that grows with the site beyond the
  // snapshot (about 120 bytes each).
  struct Built {
    std::uint64_t hash = 0;  // ContentHash64 of the bytes written
    std::string deps;        // the dependency tags, comma-separated
    // True if any of the tags is one of `tags`.
    bool DependsOnAny(const std::set<std::string, std::less<>>& tags) const;
  };
  std::map<std::string, Built> built;          // url → what was written
  std::map<std::string, std::string> assets;   // /static/… → hash
  std::set<std::string> media;                 // /media/… copied
};

// The state in `out`, or a fresh one (seq -1) if there is none. A file that
// cannot be read as a state is Invalid (never guessed at).
Result<ExportState> LoadState(const std::filesystem::path& out);
Status SaveState(const std::filesystem::path& out, const ExportState& state);

// Writes `bytes` to `path` through a temporary file in the same directory
// and a rename, creating the directories; readers see the old file or the
// new one, never part of either.
Status WriteFileAtomically(const std::filesystem::path& path, std::string_view bytes);
// The same, when `path`'s directory is known to exist (public, 0755).
Status WriteIntoExistingDir(const std::filesystem::path& path, std::string_view bytes);
// Copies `from` to `to` the same way.
Status CopyFileAtomically(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace procura::publish
