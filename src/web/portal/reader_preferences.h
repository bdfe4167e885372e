// A reader's display preferences on the public site: the elderly-friendly
// mode (长者模式) and the font size. The switches are plain links (?care=1,
// ?fs=large) that work without script; the answer to such a link sets a
// cookie, and later pages follow the cookie. No server state: every reader
// who asks for the same mode and size gets the same cached page.
#pragma once

#include <optional>

#include "http/message.h"
#include "render/urls.h"

namespace procura::web {

// What the query asks for (?care=1 / ?care=0), if anything.
std::optional<bool> CareFromQuery(const http::Request& req);
// The mode to show: the query's, else the cookie's, else off.
bool RequestedCare(const http::Request& req);

// What the query asks for (?fs=…; an unknown size is the default), if anything.
std::optional<FontSize> FontSizeFromQuery(const http::Request& req);
// The size to show: the query's, else the cookie's, else the default.
FontSize RequestedFontSize(const http::Request& req);

// Adds to `res` the Set-Cookie headers that remember what `req`'s query
// asked for (none when it asked for nothing).
void RememberPreferences(const http::Request& req, http::Response& res);

}  // namespace procura::web
