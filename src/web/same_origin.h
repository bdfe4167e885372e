// The origin check of every state-changing form POST (newsroom and the
// public message boxes).
#pragma once

#include <string_view>

#include "http/message.h"

namespace procura::web {

// True if a POST's Origin (or, without one, Referer) names this host, or
// the origin of the site's public address `public_url` ("" when unset).
bool SameOrigin(const http::Request& req, std::string_view public_url = {});
// "https://host:port" of an absolute URL; "" if it has no scheme.
std::string_view OriginOf(std::string_view url);

}  // namespace procura::web
