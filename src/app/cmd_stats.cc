#include "app/cmd_stats.h"

#include <sodium.h>
#include <zlib.h>

#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

#include "app/database.h"
#include "app/exit_codes.h"
#include "app/paths.h"
#include "interact/access_log.h"
#include "interact/visit_counter.h"
#include "storage/storage.h"

namespace procura::app {
namespace {

struct LogCount {
  std::string digest;  // SHA-256 of the file, hex
  long lines = 0, views = 0, other = 0, unreadable = 0;
};

// Longer than any request line nginx accepts (8 KiB by default) with its
// referer and browser: past it, a "line" is counted unreadable and skipped,
// so a file without line breaks is not read into memory whole.
constexpr std::size_t kMaxLogLineBytes = 64 * 1024;

// Calls `each` with every line of `path` (without its '\n'), gunzipped
// if it is gzip (logrotate's access.log.2.gz…; zlib reads a plain file as
// it is), and returns the SHA-256 of the content: a log and its
// compressed copy are the same log.
Result<std::string> ForEachLogLine(const std::string& path,
                                   const std::function<void(std::string_view)>& each) {
  std::unique_ptr<gzFile_s, int (*)(gzFile)> in(gzopen(path.c_str(), "rb"), gzclose);
  if (!in) return Status::NotFound("cannot read " + path);
  crypto_hash_sha256_state sha;
  crypto_hash_sha256_init(&sha);
  std::string pending;
  bool skipping = false;
  std::vector<char> chunk(1 << 16);
  for (;;) {
    const int n = gzread(in.get(), chunk.data(), static_cast<unsigned>(chunk.size()));
    int err = Z_OK;
    const char* why = gzerror(in.get(), &err);
    if (n < 0 || (err != Z_OK && err != Z_STREAM_END))
      return Status::Invalid("reading " + path + " failed (" + (err == Z_BUF_ERROR
                                                                      ? "the compressed file ends early"
                                                                      : std::string(why)) + ")");
    if (n == 0) break;
    crypto_hash_sha256_update(&sha, reinterpret_cast<const unsigned char*>(chunk.data()),
                              static_cast<unsigned long long>(n));
    std::string_view data(chunk.data(), static_cast<std::size_t>(n));
    if (skipping) {  // the rest of an overlong line
      const std::size_t end = data.find('\n');
      if (end == std::string_view::npos) continue;
      data.remove_prefix(end + 1);
      skipping = false;
    }
    pending.append(data);
    std::size_t start = 0;
    for (std::size_t end; (end = pending.find('\n', start)) != std::string::npos; start = end + 1)
      each(std::string_view(pending).substr(start, end - start));
    pending.erase(0, start);
    if (pending.size() > kMaxLogLineBytes) {  // no log line is this long: one unreadable line
      each(std::string_view(pending).substr(0, kMaxLogLineBytes));
      pending.clear();
      skipping = true;
    }
  }
  if (!pending.empty()) each(pending);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&sha, digest);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex);
}

// Reads `path` into `counter`.
Result<LogCount> CountLog(const std::string& path, interact::VisitCounter& counter,
                          const std::map<std::string, std::int64_t>& column_ids) {
  LogCount count;
  auto digest = ForEachLogLine(path, [&](std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) return;
    ++count.lines;
    const auto request = interact::ParseCombinedLogLine(line);
    if (!request) {
      ++count.unreadable;
      return;
    }
    const auto page = interact::PageViewOf(*request, column_ids);
    if (!page) {
      ++count.other;
      return;
    }
    counter.Count(page->kind, page->id, request->client, request->user_agent, request->at);
    ++count.views;
  });
  if (!digest.ok()) return digest.status();
  // Nothing recognisable is not a log: it is not recorded as counted.
  if (count.lines == 0) return Status::Invalid(path + " is empty; nothing counted");
  if (count.unreadable == count.lines)
    return Status::Invalid("no line of " + path +
                           " is in the combined log format (is it an access log?); nothing counted");
  count.digest = *std::move(digest);
  return count;
}

// Counts one log into `storage`; false (with the reason on stderr) if not.
bool ImportLog(Storage& storage, const std::string& path, int offset, const std::string& secret,
               const std::map<std::string, std::int64_t>& column_ids) {
  interact::VisitCounter counter(offset, secret);
  auto count = CountLog(path, counter, column_ids);
  if (!count.ok()) {
    std::cerr << "procura: " << count.status().message() << "\n";
    return false;
  }
  auto claimed = storage.inspection().ClaimLogImport(count->digest, path, NowUnix());
  if (!claimed.ok() || !*claimed) {
    std::cerr << "procura: " << path
              << (claimed.ok() ? ": this log was counted before (the same content); nothing added"
                               : ": " + claimed.status().message())
              << "\n";
    return false;
  }
  if (Status s = counter.Flush(storage); !s.ok()) {
    (void)storage.inspection().ReleaseLogImport(count->digest);
    std::cerr << "procura: " << path << ": storing the counts failed (" << s.message()
              << "); some may be stored, and counting this log again may count them twice\n";
    return false;
  }
  std::cout << path << ": " << count->views << " page views counted from " << count->lines
            << " lines (" << count->other << " other requests, " << count->unreadable
            << " lines not in the combined log format)\n";
  return true;
}

}  // namespace

void AddStatsCommand(CLI::App& app, int* exit_code) {
  CLI::App* stats = app.add_subcommand("stats", "Visit statistics");
  stats->require_subcommand(1);
  auto data = std::make_shared<std::string>();
  auto database = std::make_shared<std::string>();
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = stats->add_subcommand(
      "import-log",
      "Count the page views and visitors in web server access logs (nginx or Apache combined "
      "format) of the site's static copy; each log once");
  cmd->add_option("--data", *data, "Data directory")->required();
  AddDatabaseOption(cmd, database.get());
  cmd->add_option("logs", *files,
                  "Access log files, plain or gzip-compressed (rotated ones: access.log.1, "
                  "access.log.2.gz; not access.log)")
      ->required();
  cmd->callback([data, database, files, exit_code] {
    if (Status s = CheckDataDir(*data); !s.ok()) {
      std::cerr << "procura: " << s.message() << "\n";
      *exit_code = kExitDataDir;
      return;
    }
    auto storage = OpenExistingDatabase(*database, *data);
    if (!storage.ok()) {
      std::cerr << "procura: " << storage.status().message() << "\n";
      *exit_code = ExitCodeForDatabase(storage.status());
      return;
    }
    auto site = (*storage)->content().GetSite();
    auto columns = (*storage)->content().ListColumns();
    auto secret = interact::VisitorSecret(**storage);
    if (!site.ok() || !columns.ok() || !secret.ok() || sodium_init() < 0) {
      const Status& why = !site.ok() ? site.status() : !columns.ok() ? columns.status() : secret.status();
      std::cerr << "procura: " << (why.message().empty() ? "no site in this data dir yet" : why.message())
                << "\n";
      *exit_code = kExitFailure;
      return;
    }
    std::map<std::string, std::int64_t> column_ids;
    for (const ColumnRecord& c : *columns) column_ids[c.slug] = c.id;
    bool all = true;
    for (const std::string& path : *files)
      all = ImportLog(**storage, path, site->utc_offset_minutes, *secret, column_ids) && all;
    *exit_code = all ? kExitOk : kExitFailure;
  });
}

}  // namespace procura::app
