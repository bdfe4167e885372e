// A Status's words kept in one text column (an export's last error, its
// push's), so that whoever reads them later gets them in their own
// language: the msgid and its placeholder values, not the English text.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace procura {

// `error`'s msgid and args as a small JSON object, at most `max_bytes`
// long: the longest values are cut (at a character boundary, marked "…")
// until it fits (a msgid too long for `max_bytes` is kept as its English
// text, cut); "" for ok and only for ok.
std::string StoreMessage(const Status& error, std::size_t max_bytes);

// What StoreMessage kept, as an Unavailable status whose msgid and args
// are the stored ones. Text that is not such an object (a row written
// before messages were kept this way) is the msgid itself, without args.
// Ok for "".
Status LoadMessage(std::string_view stored);

}  // namespace procura
