#include "core/fields.h"

#include "core/text.h"

namespace procura {

Status CheckTextField(const char* key, const char* label, const std::string& value,
                      std::size_t max, bool required) {
  if (!IsValidUtf8(value))
    return Status::Invalid(N_("{field_label}: this is not valid text (UTF-8)."),
                           {{"field_label", label}})
        .WithField(key);
  if (required && value.find_first_not_of(" \t\r\n") == std::string::npos)
    return Status::Invalid(N_("{field_label}: please fill this in."), {{"field_label", label}})
        .WithField(key);
  if (Utf8Length(value) > max)
    return Status::Invalid(N_("{field_label}: too long, at most {max} characters."),
                           {{"field_label", label}, {"max", std::to_string(max)}})
        .WithField(key);
  return Status::Ok();
}

}  // namespace procura
