// The one check of a typed text field: valid UTF-8, filled in when
// required, at most `max` characters. Used by every form's validation.
#pragma once

#include <cstddef>
#include <string>

#include "core/status.h"

namespace procura {

// Invalid naming `key` (the form field) if `value` is not UTF-8, is blank
// while `required`, or has more than `max` characters. `label` is the
// field's msgid (marked N_), translated with the message.
Status CheckTextField(const char* key, const char* label, const std::string& value,
                      std::size_t max, bool required);

}  // namespace procura
