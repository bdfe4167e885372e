// The parsed request head as the handlers see it, and the checks that
// refuse ambiguous heads. Internal to the http module (and its fuzz target).
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"

namespace procura::http {

// False for a head a proxy in front could read differently: HTTP/1.1
// without Host, a Transfer-Encoding other than exactly "chunked", or more
// than one Transfer-Encoding (request smuggling).
bool HeadIsUnambiguous(const boost::beast::http::request<boost::beast::http::string_body>& head);

// The path as routing and the page cache see it: percent-escapes decoded
// (so /articles/%31/ and /articles/1/ are one page and one cache entry),
// except an escaped '/' or '\\', which stays escaped (upper-case hex) and so
// never becomes a separator. nullopt for a path that must be refused: a
// malformed escape, a NUL or control character, or bytes that are not
// UTF-8.
std::optional<std::string> NormalizePath(std::string_view raw);

// The handlers' view of a parsed request: lower-case header names, path
// and query split at the first '?'.
Request ToRequest(const boost::beast::http::request<boost::beast::http::string_body>& in,
                  const std::string& remote);

}  // namespace procura::http
