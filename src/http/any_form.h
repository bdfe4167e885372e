// A form that may come either way: urlencoded, or multipart/form-data
// (forms that carry files, such as the article form).
#pragma once

#include <vector>

#include "core/status.h"
#include "http/forms.h"
#include "http/message.h"
#include "http/multipart.h"

namespace procura::http {

struct FormWithFiles {
  Form fields;                  // every field that is not a file
  std::vector<FormPart> files;  // parts with a file name; point into the request body
};

// The fields of an urlencoded body, or of a multipart one with its files
// apart. Invalid only for a malformed multipart body.
Result<FormWithFiles> ParseAnyForm(const Request& req);

}  // namespace procura::http
