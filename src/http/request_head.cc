#include "http/request_head.h"

#include <cctype>

namespace procura::http {

namespace bhttp = boost::beast::http;

bool HeadIsUnambiguous(const bhttp::request<bhttp::string_body>& head) {
  if (head.version() == 11 && head.find(bhttp::field::host) == head.end()) return false;
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
  r.target = std::string(in.target());
  const size_t q = r.target.find('?');
  r.path = r.target.substr(0, q);
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
