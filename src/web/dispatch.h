// The request handler the server calls: routing, trailing-slash
// redirects, 405 with Allow, the site's 404 and 500 pages.
#pragma once

#include "http/router.h"
#include "http/server.h"
#include "web/portal/portal.h"

namespace procura::web {

// Builds the handler. `router` and `portal` must outlive it.
http::RequestHandler MakeDispatcher(const http::Router& router, Portal& portal);

}  // namespace procura::web
