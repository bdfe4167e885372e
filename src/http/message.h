// Request and Response as handlers see them: plain values, no Beast types,
// so handlers are testable without a socket.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace procura::http {

struct Request {
  std::string method;  // upper case, e.g. "GET"; HEAD is passed as "HEAD"
  std::string target;  // as received: path plus optional "?query"
  std::string path;    // target before '?', still percent-encoded
  std::string query;   // target after '?', without it
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_addr;  // peer IP
  int version = 11;         // HTTP/1.1 → 11, HTTP/1.0 → 10

  // True if a response with a serialized head may answer this request (a
  // GET over HTTP/1.1: HEAD and HTTP/1.0 answers are built field by field).
  bool TakesSerializedHead() const { return method == "GET" && version == 11; }

  // The first header named `name` (lower case), or "".
  std::string_view Header(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::shared_ptr<const std::string> body;                   // null means empty
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
  std::string cache_note;  // "hit" / "miss" for the access log; may be empty
  // Set by a cache hit: the head as SerializeHead() made it when the page
  // was cached. When present (and the request is a GET over HTTP/1.1), the
  // connection writes it, Date, the connection header and `body`, and
  // ignores status, content_type and headers. Anything that changes a
  // header must reset it.
  std::shared_ptr<const std::string> serialized_head;

  void SetHeader(std::string name, std::string value);
  std::size_t body_size() const { return body ? body->size() : 0; }

  static Response Text(int status, std::string text,
                       std::string content_type = "text/plain; charset=utf-8");
  static Response Redirect(int status, std::string location);
};

// True if `target` is a path on this site under `prefix` that is safe to
// redirect to: printable ASCII only (no CR, LF, NUL or other controls, no
// spaces), starting with `prefix`, with no "//" or backslash that a browser
// could read as another host.
bool IsLocalRedirectTarget(std::string_view target, std::string_view prefix = "/");

// True if a header name or value may be written: no CR, LF or NUL.
bool IsSafeHeaderText(std::string_view text);

// The standard reason phrase for `status` ("Not Found").
std::string_view ReasonPhrase(int status);

}  // namespace procura::http
