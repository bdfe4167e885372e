// The fast path for cached pages: a response head serialized once, when
// the page was cached, and written as it is on every hit, with only the
// Date header (refreshed once a second) and the connection header added.
#pragma once

#include <string>
#include <string_view>

#include "http/message.h"

namespace procura::http {

// "HTTP/1.1 <status> <reason>\r\n" and every header the server would send
// for `res` (Server, the security headers, `res.headers`, Content-Type,
// Content-Length of its body), each ending in CRLF; no Date, no
// Connection, no blank line. Headers must be safe (IsSafeHeaderText).
std::string SerializeHead(const Response& res);

// The current time as an HTTP date ("Sun, 29 Nov 2026 22:14:17 GMT"),
// formatted at most once a second per thread. The view stays valid until
// the same thread calls again: copy it before an asynchronous write.
std::string_view CurrentHttpDate();

}  // namespace procura::http
