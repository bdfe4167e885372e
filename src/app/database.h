// Which database a command works on: PostgreSQL when --database (or
// PROCURA_DATABASE_URL) gives a postgresql:// URL, otherwise SQLite in the
// data directory, as on a single machine.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>
#include <string>

#include "storage/storage.h"

namespace procura::app {

// Adds `--database URL` to `cmd`, read from PROCURA_DATABASE_URL when the
// option is not given.
void AddDatabaseOption(CLI::App* cmd, std::string* url);

// Opens the chosen database. `url` empty: SQLite in `data_dir` (migrated
// on open, as always). Otherwise PostgreSQL, which is never migrated here.
// Invalid if `url` is not a postgresql:// or postgres:// URL.
Result<std::unique_ptr<Storage>> OpenDatabase(const std::string& url,
                                              const std::filesystem::path& data_dir,
                                              OpenOptions options = {});

// OpenDatabase for a command that reads a site (export, export-status,
// stats): with `url` empty, `data_dir` must already hold procura.db (Io,
// saying so, otherwise), so that the command run on a PostgreSQL site
// without --database says what is missing instead of reporting an empty
// site from a new, empty SQLite file.
Result<std::unique_ptr<Storage>> OpenExistingDatabase(const std::string& url,
                                                      const std::filesystem::path& data_dir,
                                                      OpenOptions options = {});

// For a command that takes --data (SQLite) or --database: checks that one
// is given and the data dir is usable, opens the database, and on failure
// prints why to stderr and returns nullptr with `*exit_code` set.
std::unique_ptr<Storage> OpenForCommand(const std::string& url, const std::string& data_dir,
                                        OpenOptions options, int* exit_code);

// The process exit code for a failure to open the database.
int ExitCodeForDatabase(const Status& s);

// `url` with any password replaced by "***", for logs and messages.
std::string RedactedUrl(const std::string& url);

}  // namespace procura::app
