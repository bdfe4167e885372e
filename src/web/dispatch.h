// The request handler the server calls: routing, trailing-slash
// redirects, 405 with Allow, the site's (or the newsroom's) 404 and the
// 500 page.
#pragma once

#include <functional>
#include <optional>

#include "http/router.h"
#include "http/server.h"
#include "web/portal/portal.h"

namespace procura::web {

// A "no page here" answer of the staff's own, or nullopt to leave the
// request to the portal's 404.
using StaffNotFound = std::function<std::optional<http::Response>(const http::Request&)>;

// Builds the handler. `router` and `portal` must outlive it. A GET that no
// route answers gets `staff_not_found`'s page when it gives one (a
// signed-in user under /admin/), else the portal's 404.
http::RequestHandler MakeDispatcher(const http::Router& router, Portal& portal,
                                    StaffNotFound staff_not_found = {});

}  // namespace procura::web
