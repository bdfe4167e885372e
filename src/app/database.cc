#include "app/database.h"

#include <iostream>

#include "app/exit_codes.h"
#include "app/paths.h"

namespace procura::app {

void AddDatabaseOption(CLI::App* cmd, std::string* url) {
  cmd->add_option("--database", *url,
                  "PostgreSQL URL (postgresql://user:password@host:5432/db); without it, SQLite "
                  "in --data")
      ->envname("PROCURA_DATABASE_URL");
}

Result<std::unique_ptr<Storage>> OpenDatabase(const std::string& url,
                                              const std::filesystem::path& data_dir,
                                              OpenOptions options) {
  if (url.empty()) return OpenSqliteStorage(data_dir, options);
  if (!url.starts_with("postgresql://") && !url.starts_with("postgres://"))
    return Status::Invalid("--database must be a postgresql:// URL, not '" + RedactedUrl(url) +
                           "' (leave it out to use SQLite in --data)");
  return OpenPostgresStorage(url);
}

Result<std::unique_ptr<Storage>> OpenExistingDatabase(const std::string& url,
                                                      const std::filesystem::path& data_dir,
                                                      OpenOptions options) {
  std::error_code ec;
  if (url.empty() && !std::filesystem::exists(data_dir / "procura.db", ec))
    return Status::Io(data_dir.string() +
                      " holds no database (procura.db). If the site's database is PostgreSQL, "
                      "give --database URL or set PROCURA_DATABASE_URL; a new site's database "
                      "is made by procura serve.");
  return OpenDatabase(url, data_dir, options);
}

std::unique_ptr<Storage> OpenForCommand(const std::string& url, const std::string& data_dir,
                                        OpenOptions options, int* exit_code) {
  if (url.empty()) {
    if (data_dir.empty()) {
      std::cerr << "procura: give --data DIR (SQLite) or --database URL (PostgreSQL)\n";
      *exit_code = kExitUsage;
      return nullptr;
    }
    if (Status s = CheckDataDir(data_dir); !s.ok()) {
      std::cerr << "procura: " << s.message() << "\n";
      *exit_code = kExitDataDir;
      return nullptr;
    }
  }
  auto storage = OpenDatabase(url, data_dir, options);
  if (!storage.ok()) {
    std::cerr << "procura: " << storage.status().message() << "\n";
    *exit_code = ExitCodeForDatabase(storage.status());
    return nullptr;
  }
  return std::move(storage).value();
}

int ExitCodeForDatabase(const Status& s) {
  switch (s.code()) {
    case Status::Code::kUnavailable:
      return kExitDbUnreachable;
    case Status::Code::kDenied:
      return kExitDbDenied;
    case Status::Code::kNotFound:
      return kExitDbNotMigrated;
    case Status::Code::kInvalidArgument:
      return kExitUsage;
    case Status::Code::kIo:
      return kExitDataDir;
    default:
      return kExitDatabase;
  }
}

std::string RedactedUrl(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const auto at = url.find('@', scheme + 3);
  if (at == std::string::npos) return url;
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace procura::app
