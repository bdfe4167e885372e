#include "http/any_form.h"

namespace procura::http {

Result<FormWithFiles> ParseAnyForm(const Request& req) {
  const std::string_view type = req.Header("content-type");
  if (type.rfind("multipart/form-data", 0) != 0) return FormWithFiles{Form::Parse(req.body), {}};
  auto parts = ParseMultipart(type, req.body);
  if (!parts.ok()) return parts.status();
  FormWithFiles out;
  for (FormPart& part : *parts) {
    if (part.filename.empty())
      out.fields.Add(part.name, std::string(part.data));
    else
      out.files.push_back(std::move(part));
  }
  return out;
}

}  // namespace procura::http
