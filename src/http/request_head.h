// The parsed request head as the handlers see it, and the checks that
// refuse ambiguous heads. Internal to the http module (and its fuzz target).
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string>

#include "http/message.h"

namespace procura::http {

// False for a head a proxy in front could read differently: HTTP/1.1
// without Host, a Transfer-Encoding other than exactly "chunked", or more
// than one Transfer-Encoding (request smuggling).
bool HeadIsUnambiguous(const boost::beast::http::request<boost::beast::http::string_body>& head);

// The handlers' view of a parsed request: lower-case header names, path
// and query split at the first '?'.
Request ToRequest(const boost::beast::http::request<boost::beast::http::string_body>& in,
                  const std::string& remote);

}  // namespace procura::http
