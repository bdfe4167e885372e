// The pages the HTTP server sends by itself, without a handler (a request
// refused while it is read, a handler that threw, too busy): one page per
// status in both languages, Chinese first, since nothing about such a
// request says which language its reader reads.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "core/status.h"
#include "render/assets.h"
#include "render/templates.h"

namespace procura {

struct HttpErrorLimits {
  std::size_t max_upload_bytes = 0;  // named on the 413 page
  std::size_t max_body_bytes = 0;
};

// status → HTML for 400, 413, 431, 500 and 503, from the http_error
// templates. Internal if a template fails to render.
Result<std::map<int, std::string>> RenderHttpErrorPages(const TemplateSet& templates,
                                                        const AssetTable& assets,
                                                        HttpErrorLimits limits);

}  // namespace procura
