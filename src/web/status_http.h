// The one mapping from a service's Status to an HTTP status code, shared
// by the admin pages and the API.
#pragma once

#include "core/status.h"

namespace procura::web {

// Malformed → 400, Denied → 403, NotFound → 404, Conflict and
// AlreadyExists → 409, InvalidArgument → 422, Unavailable → 503,
// NoSpace → 507, anything else → 500.
inline int HttpStatusFor(const Status& s) {
  switch (s.code()) {
    case Status::Code::kMalformed:
      return 400;
    case Status::Code::kUnavailable:
      return 503;
    case Status::Code::kNoSpace:
      return 507;
    case Status::Code::kDenied:
      return 403;
    case Status::Code::kNotFound:
      return 404;
    case Status::Code::kConflict:
    case Status::Code::kAlreadyExists:
      return 409;
    case Status::Code::kInvalidArgument:
      return 422;
    default:
      return 500;
  }
}

// A message page's title (a msgid) for a failed read: "Not allowed" only
// when the error is a denial, "Not found" for a missing record, "Not
// available" for anything else (a storage failure is not a refusal).
inline const char* TitleFor(const Status& s) {
  switch (s.code()) {
    case Status::Code::kDenied:
      return N_("Not allowed");
    case Status::Code::kNotFound:
      return N_("Not found");
    default:
      return N_("Not available");
  }
}

}  // namespace procura::web
