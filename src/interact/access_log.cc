#include "interact/access_log.h"

#include <array>
#include <charconv>

#include <fmt/format.h>

#include "core/text.h"

namespace procura::interact {
namespace {

// The quoted field starting at `at` (which must be a '"'); `at` moves past
// it. nginx escapes '"' inside as \x22, Apache as \", both handled.
std::optional<std::string_view> Quoted(std::string_view line, std::size_t& at) {
  if (at >= line.size() || line[at] != '"') return std::nullopt;
  std::size_t end = at + 1;
  while (end < line.size() && line[end] != '"') end += line[end] == '\\' ? 2 : 1;
  if (end >= line.size()) return std::nullopt;
  std::string_view v = line.substr(at + 1, end - at - 1);
  at = end + 1;
  return v;
}

std::optional<int> Number(std::string_view s) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// "01/Dec/2026:08:15:02 +0800" → UTC seconds.
std::optional<UnixSeconds> ParseLogTime(std::string_view t) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (t.size() != 26 || t[2] != '/' || t[6] != '/' || t[11] != ':' || t[20] != ' ' ||
      (t[21] != '+' && t[21] != '-'))
    return std::nullopt;
  int month = 0;
  while (month < 12 && kMonths[month] != t.substr(3, 3)) ++month;
  if (month == 12) return std::nullopt;
  // As ISO 8601, which ParseLocalTime checks field by field.
  const std::string iso = fmt::format("{}-{:02}-{}T{}{}:{}", t.substr(7, 4), month + 1,
                                      t.substr(0, 2), t.substr(12, 8), t.substr(21, 3),
                                      t.substr(24, 2));
  return ParseLocalTime(iso, 0);
}

}  // namespace

std::optional<LogRequest> ParseCombinedLogLine(std::string_view line) {
  LogRequest r;
  std::size_t at = line.find(' ');
  if (at == std::string_view::npos || at == 0) return std::nullopt;
  r.client = std::string(line.substr(0, at));
  const std::size_t open = line.find(" [", at), close = line.find("] ", at);
  if (open == std::string_view::npos || close == std::string_view::npos || close < open)
    return std::nullopt;
  const auto at_time = ParseLogTime(line.substr(open + 2, close - open - 2));
  if (!at_time) return std::nullopt;
  r.at = *at_time;
  at = close + 2;
  const auto request = Quoted(line, at);  // "GET /articles/38/ HTTP/1.1"
  if (!request || at >= line.size() || line[at] != ' ') return std::nullopt;
  const std::size_t sp1 = request->find(' '), sp2 = request->rfind(' ');
  if (sp1 == std::string_view::npos || sp2 == sp1) return std::nullopt;
  r.method = std::string(request->substr(0, sp1));
  r.target = std::string(request->substr(sp1 + 1, sp2 - sp1 - 1));
  const std::size_t status_end = line.find(' ', at + 1);
  if (status_end == std::string_view::npos) return std::nullopt;
  const auto status = Number(line.substr(at + 1, status_end - at - 1));
  if (!status) return std::nullopt;
  r.status = *status;
  at = line.find(" \"", status_end);  // past the byte count, to the referer
  if (at == std::string_view::npos || !Quoted(line, ++at) || at >= line.size()) return std::nullopt;
  const auto agent = Quoted(line, ++at);
  if (!agent) return std::nullopt;
  r.user_agent = std::string(*agent);
  return r;
}

std::optional<PageHit> PageViewOf(const LogRequest& r,
                                  const std::map<std::string, std::int64_t>& column_ids) {
  if (r.method != "GET" || (r.status != 200 && r.status != 304)) return std::nullopt;
  std::string_view path(r.target);
  path = path.substr(0, path.find_first_of("?#"));
  if (path.ends_with("/index.html")) path.remove_suffix(10);  // keeps the '/'
  for (std::string_view lang : {"/en/", "/zh/"})
    if (path.starts_with(lang)) path.remove_prefix(3);
  if (path == "/") return PageHit{"home", 0};
  if (!path.ends_with('/')) return std::nullopt;  // a redirect, or a file
  const auto parts = Split(path, '/');             // "articles", "38"
  if (parts.size() == 2 && parts[0] == "articles")
    if (auto id = ParsePositiveId(parts[1])) return PageHit{"article", *id};
  const bool list = parts.size() == 2 ||
                    (parts.size() == 4 && parts[2] == "page" && ParsePositiveId(parts[3]));
  if (list && parts[0] == "columns")
    if (auto col = column_ids.find(parts[1]); col != column_ids.end())
      return PageHit{"column", col->second};
  return std::nullopt;
}

}  // namespace procura::interact
