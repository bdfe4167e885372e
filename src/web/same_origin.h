// The origin check of every state-changing form POST (newsroom and the
// public message boxes).
#pragma once

#include <string>
#include <string_view>

#include "http/message.h"

namespace procura::web {

// True if a POST's Origin (or, without one, Referer) names this host, or
// the origin of the site's public address `public_url` ("" when unset).
bool SameOrigin(const http::Request& req, std::string_view public_url = {});
// "https://host:port" of an absolute URL; "" if it has no scheme.
std::string_view OriginOf(std::string_view url);
// An absolute URL for `path` (with its query) that a phone can open, as a
// QR code carries it: at the site's public address when one is set
// (behind a proxy the Host may be an upstream's), otherwise for the host
// the request came to (http on loopback, https elsewhere).
std::string AbsoluteUrl(const http::Request& req, std::string_view public_url,
                        std::string_view path);

}  // namespace procura::web
