// Internal to the admin module: the names every AdminSite handler file
// uses, declared once here rather than at the top of each file.
#pragma once

#include "web/admin/admin_site.h"

namespace procura::web {

using http::Request;
using http::Response;
using http::RouteParams;
using kainjow::mustache::data;

}  // namespace procura::web
