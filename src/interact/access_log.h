// AccessLog: visits to a static copy of the site (procura export served by
// a web server in the DMZ) counted from that server's access log, so the
// annual report's figures include them. Lines are in the "combined" format
// of nginx and Apache:
//   $remote_addr - $remote_user [$time_local] "$request" $status
//   $body_bytes_sent "$http_referer" "$http_user_agent"
// A page view is what the dynamic server would count (visit_counter.h): a
// GET of the home page, a column page or an article page answered 200 or
// 304, in either language, with or without "index.html".
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace procura::interact {

struct LogRequest {
  std::string client;  // the address as logged
  UnixSeconds at = 0;  // UTC
  std::string method;
  std::string target;  // path and query as requested
  int status = 0;
  std::string user_agent;
};

// nullopt for a line not in the combined format (or with a bad time).
std::optional<LogRequest> ParseCombinedLogLine(std::string_view line);

struct PageHit {
  const char* kind = "home";  // "home", "column" or "article"
  std::int64_t id = 0;        // column or article id; 0 for home
};

// The page `r` viewed, if it is one that counts; `column_ids` maps column
// slugs to ids.
std::optional<PageHit> PageViewOf(const LogRequest& r,
                                  const std::map<std::string, std::int64_t>& column_ids);

}  // namespace procura::interact
