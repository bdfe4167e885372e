#include "http/request_head.h"

#include <cctype>

#include "core/text.h"

namespace procura::http {

namespace bhttp = boost::beast::http;

std::optional<std::string> NormalizePath(std::string_view raw) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '%') {
      if (i + 2 >= raw.size() || hex(raw[i + 1]) < 0 || hex(raw[i + 2]) < 0) return std::nullopt;
      c = static_cast<char>(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
      i += 2;
      if (c == '/' || c == '\\') {  // stays data, never a separator
        out += c == '/' ? "%2F" : "%5C";
        continue;
      }
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return std::nullopt;
    out += c;
  }
  if (!IsValidUtf8(out)) return std::nullopt;
  return out;
}

bool HeadIsUnambiguous(const bhttp::request<bhttp::string_body>& head) {
  if (head.version() == 11 && head.find(bhttp::field::host) == head.end()) return false;
  const std::string_view target(head.target().data(), head.target().size());
  if (!NormalizePath(target.substr(0, target.find('?')))) return false;
  int encodings = 0;
  for (const auto& f : head) {
    if (f.name() != bhttp::field::transfer_encoding) continue;
    std::string v(f.value());
    for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.pop_back();
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.erase(v.begin());
    if (++encodings > 1 || v != "chunked") return false;
  }
  return true;
}

Request ToRequest(const bhttp::request<bhttp::string_body>& in, const std::string& remote) {
  Request r;
  r.method = std::string(in.method_string());
  r.version = static_cast<int>(in.version());
  r.target = std::string(in.target());
  const size_t q = r.target.find('?');
  r.path = NormalizePath(r.target.substr(0, q)).value_or(r.target.substr(0, q));
  if (q != std::string::npos) r.query = r.target.substr(q + 1);
  for (const auto& f : in) {
    std::string name(f.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.emplace_back(std::move(name), std::string(f.value()));
  }
  r.body = in.body();
  r.remote_addr = remote;
  return r;
}

}  // namespace procura::http
