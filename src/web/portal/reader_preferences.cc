#include "web/portal/reader_preferences.h"

#include <fmt/format.h>

#include "core/text.h"
#include "http/forms.h"

namespace procura::web {
namespace {

using http::Request;

// Preferences, but named by the same rule as every cookie: __Host-,
// Secure (browsers keep them on https and on localhost).
constexpr const char* kCareCookie = "__Host-procura_care";
constexpr const char* kFontSizeCookie = "__Host-procura_fs";

std::optional<std::string> QueryValue(const Request& req, const char* name) {
  if (req.query.empty()) return std::nullopt;
  auto q = ParseQuery(req.query);
  auto it = q.find(name);
  if (it == q.end()) return std::nullopt;
  return std::move(it->second);
}

std::string PreferenceCookie(const char* name, std::string_view value) {
  return fmt::format("{}={}; Path=/; Max-Age={}; SameSite=Lax; Secure", name, value,
                     value.empty() ? 0 : 31536000);
}

}  // namespace

std::optional<bool> CareFromQuery(const Request& req) {
  const auto value = QueryValue(req, "care");
  if (value == "1") return true;
  if (value == "0") return false;
  return std::nullopt;
}

bool RequestedCare(const Request& req) {
  if (auto asked = CareFromQuery(req)) return *asked;
  return http::CookieValue(req, kCareCookie) == "1";
}

std::optional<FontSize> FontSizeFromQuery(const Request& req) {
  const auto value = QueryValue(req, "fs");
  if (!value) return std::nullopt;
  return ParseFontSize(*value);  // anything unknown → the default size
}

FontSize RequestedFontSize(const Request& req) {
  if (auto asked = FontSizeFromQuery(req)) return *asked;
  return ParseFontSize(http::CookieValue(req, kFontSizeCookie));
}

void RememberPreferences(const Request& req, http::Response& res) {
  if (auto asked = CareFromQuery(req))
    res.headers.emplace_back("Set-Cookie", PreferenceCookie(kCareCookie, *asked ? "1" : "0"));
  if (auto size = FontSizeFromQuery(req))
    res.headers.emplace_back("Set-Cookie", PreferenceCookie(kFontSizeCookie, FontSizeName(*size)));
}

}  // namespace procura::web
