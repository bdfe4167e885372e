#include "http/serialized_head.h"

#include "core/clock.h"
#include "http/security_headers.h"

namespace procura::http {

std::string SerializeHead(const Response& res) {
  std::string out;
  out.reserve(1024);
  out += "HTTP/1.1 ";
  out += std::to_string(res.status);
  out += ' ';
  out += ReasonPhrase(res.status);
  out += "\r\nServer: procura\r\n";
  for (const auto& [k, v] : SecurityHeaders()) {
    out.append(k).append(": ").append(v).append("\r\n");
  }
  for (const auto& [k, v] : res.headers) out.append(k).append(": ").append(v).append("\r\n");
  out.append("Content-Type: ").append(res.content_type).append("\r\n");
  out.append("Content-Length: ").append(std::to_string(res.body_size())).append("\r\n");
  return out;
}

std::string_view CurrentHttpDate() {
  thread_local UnixSeconds formatted_at = -1;
  thread_local std::string date;
  const UnixSeconds now = NowUnix();
  if (now != formatted_at) {
    date = FormatHttpDate(now);
    formatted_at = now;
  }
  return date;
}

}  // namespace procura::http
