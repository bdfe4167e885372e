// multipart/form-data bodies (RFC 7578), as sent by upload forms.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "http/message.h"

namespace procura::http {

struct FormPart {
  std::string name;      // the field name
  std::string filename;  // as the client sent it (untrusted), "" for plain fields
  std::string content_type;
  std::string_view data;  // points into the request body
};

// Parses `body` with the boundary from `content_type`. Invalid with a
// reason for a missing boundary, more than 32 parts, or a malformed body.
Result<std::vector<FormPart>> ParseMultipart(std::string_view content_type, std::string_view body);

// The first part named `name`, or nullptr.
const FormPart* FindPart(const std::vector<FormPart>& parts, std::string_view name);


}  // namespace procura::http
