// procura's process exit codes, documented in the README.
#pragma once

namespace procura::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;   // unexpected runtime failure
inline constexpr int kExitUsage = 2;     // bad command line
inline constexpr int kExitDataDir = 3;   // data dir missing, unwritable, locked
inline constexpr int kExitDatabase = 4;  // database corrupt or from a newer procura
inline constexpr int kExitListen = 5;    // cannot bind a listen address
inline constexpr int kExitAssets = 6;    // templates, static files or demo data unusable
inline constexpr int kExitOutput = 7;    // export directory unusable
inline constexpr int kExitDbUnreachable = 8;  // the PostgreSQL server cannot be reached
inline constexpr int kExitDbDenied = 9;       // the server refused the credentials or database
inline constexpr int kExitDbNotMigrated = 10; // the schema is older: run `procura migrate`
inline constexpr int kExitFindings = 11;      // check-content: published text the word lists flag
inline constexpr int kExitExportTrouble = 12;  // export-status: an export is failing or not responding
inline constexpr int kExitPushFailed = 13;     // export: the files are written, the push command failed

}  // namespace procura::app
