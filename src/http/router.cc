#include "http/router.h"

#include "core/text.h"

namespace procura::http {
namespace {

// Splits "/a/b/" into {"a", "b", ""}: a trailing slash yields an empty
// final segment, so "/a" and "/a/" differ.
std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') return out;
  path.remove_prefix(1);
  for (;;) {
    const size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler) {
  Route r{std::move(method), pattern, {}, std::move(handler)};
  for (auto s : Split(pattern)) r.segments.emplace_back(s);
  routes_.push_back(std::move(r));
}

bool Router::MatchSegments(const Route& r, const std::vector<std::string_view>& parts,
                           RouteParams& params) {
  params.clear();
  for (size_t i = 0; i < r.segments.size(); ++i) {
    const std::string& seg = r.segments[i];
    const bool capture = seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
    if (capture && seg[seg.size() - 2] == '*') {
      if (i >= parts.size()) return false;
      std::string rest;
      for (size_t k = i; k < parts.size(); ++k) {
        if (k > i) rest += '/';
        rest += parts[k];
      }
      std::string decoded;
      if (rest.empty() || !UrlDecode(rest, decoded) || !IsValidUtf8(decoded)) return false;
      params[seg.substr(1, seg.size() - 3)] = decoded;
      return true;
    }
    if (i >= parts.size()) return false;
    if (capture) {
      std::string decoded;
      if (parts[i].empty() || !UrlDecode(parts[i], decoded) || !IsValidUtf8(decoded)) return false;
      params[seg.substr(1, seg.size() - 2)] = decoded;
    } else if (parts[i] != seg) {
      return false;
    }
  }
  return parts.size() == r.segments.size();
}

std::vector<std::pair<std::string, std::string>> Router::Routes() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Route& r : routes_) out.emplace_back(r.method, r.pattern);
  return out;
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  const auto parts = Split(path);
  const std::string_view m = method == "HEAD" ? std::string_view("GET") : method;
  Match result;
  RouteParams params;
  for (const Route& r : routes_) {
    if (!MatchSegments(r, parts, params)) continue;
    if (r.method == m) {
      result.handler = &r.handler;
      result.params = std::move(params);
      result.allowed.clear();
      return result;
    }
    result.allowed.push_back(r.method);
    if (r.method == "GET") result.allowed.push_back("HEAD");
  }
  return result;
}

}  // namespace procura::http
