#include "http/forms.h"

#include "core/text.h"

namespace procura::http {

Form Form::Parse(std::string_view body) {
  Form f;
  while (!body.empty()) {
    const size_t amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    std::string key, value;
    if (!UrlDecode(pair.substr(0, eq), key, true)) continue;
    if (eq != std::string_view::npos && !UrlDecode(pair.substr(eq + 1), value, true)) continue;
    f.values_.emplace(std::move(key), std::move(value));
  }
  return f;
}

const std::string& Form::Get(const std::string& name) const {
  static const std::string kEmpty;
  auto it = values_.find(name);
  return it == values_.end() ? kEmpty : it->second;
}

std::vector<std::string> Form::All(const std::string& name) const {
  std::vector<std::string> out;
  auto [b, e] = values_.equal_range(name);
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  return out;
}

std::string CookieValue(const Request& req, std::string_view name) {
  for (const auto& [k, v] : req.headers) {
    if (k != "cookie") continue;
    std::string_view rest = v;
    while (!rest.empty()) {
      const size_t semi = rest.find(';');
      std::string_view item = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      const size_t eq = item.find('=');
      if (eq != std::string_view::npos && item.substr(0, eq) == name)
        return std::string(item.substr(eq + 1));
    }
  }
  return "";
}

std::string SetCookie(std::string_view name, std::string_view value, long max_age_seconds) {
  std::string c =
      std::string(name) + "=" + std::string(value) + "; Path=/; Secure; HttpOnly; SameSite=Lax";
  if (max_age_seconds >= 0) c += "; Max-Age=" + std::to_string(max_age_seconds);
  return c;
}

}  // namespace procura::http
