// The security headers procura puts on every response, including the
// server's own error answers (431, 413, 503 ...).
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace procura::http {

// A strict CSP: no inline script or style, no plugins, no framing, no
// <base>, forms only to this origin.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

// Name/value pairs of every security header.
const std::vector<std::pair<std::string_view, std::string_view>>& SecurityHeaders();

}  // namespace procura::http
