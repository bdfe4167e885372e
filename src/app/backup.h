// Online backup and restore of a data dir (issue 11, item 17).
//
// A backup is one zip file holding a consistent copy of the database
// (SQLite's VACUUM INTO, taken while the server keeps running), the media
// library, class materials and the check-in key. Media and material files
// are never rewritten in place and their names are never reused, so the
// files copied after the database snapshot include every one it names.
//
// Restoring puts the files in place in a stopped data dir, drops the old
// WAL, search index and import previews, and gives the database a new
// generation, so every read model rebuilds itself from the restored data.
#pragma once

#include <filesystem>
#include <string>

#include "core/status.h"

namespace procura::app {

struct BackupSummary {
  std::size_t files = 0;  // besides the database
  std::uint64_t bytes = 0;
};

// Writes the backup of `data_dir` to `out` (via a temporary file and a
// rename). Exists if `out` exists; Io on write errors.
Result<BackupSummary> WriteBackup(const std::filesystem::path& data_dir,
                                  const std::filesystem::path& out);

// Restores `backup` into `data_dir`, which must not be in use. A data dir
// that already holds a database is replaced only with `replace`.
// Invalid for a file that is not a procura backup or names a path outside
// the data dir.
Result<BackupSummary> RestoreBackup(const std::filesystem::path& backup,
                                    const std::filesystem::path& data_dir, bool replace);

}  // namespace procura::app
