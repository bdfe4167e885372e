// CalendarLinks: a user's calendar address (日历订阅). A phone's or a
// desktop's calendar subscribes to a secret link and fetches the user's
// meetings and training sessions from it without signing in, so the
// calendar stays current without downloading a file again. The link
// carries a random 256-bit token; only its hash is stored, so the address
// is shown once, when made. Making a new one replaces the old (which then
// finds nobody); the user can also stop it. Disabling the user stops it
// for good. Making and stopping are audited.
#pragma once

#include <optional>
#include <string>

#include "auth/accounts.h"
#include "auth/audit.h"
#include "storage/storage.h"

namespace procura::auth {

// What a calendar address's token opens: whose calendar it is.
struct CalendarReader {
  Principal principal;
  std::int64_t user_id = 0;
};

class CalendarLinks {
 public:
  // All references must outlive the object.
  CalendarLinks(Storage& storage, AccountService& accounts, Audit& audit)
      : storage_(storage), accounts_(accounts), audit_(audit) {}

  // A new token for `user_id`, replacing any earlier one. Returned once.
  Result<std::string> Make(std::int64_t user_id, const Actor& by);
  // Stops the user's address (Ok if there was none).
  Status Stop(std::int64_t user_id, const Actor& by);
  // The user's address as kept (when made, last fetched), or nullopt.
  Result<std::optional<CalendarLinkRecord>> Find(std::int64_t user_id);
  // The reader behind `token`, or nullopt for a malformed, unknown or
  // replaced token or a disabled user. Notes the fetch (at most hourly:
  // a calendar polls often, and the user only needs to see it works).
  Result<std::optional<CalendarReader>> Open(const std::string& token, UnixSeconds now);

 private:
  Storage& storage_;
  AccountService& accounts_;
  Audit& audit_;
};

// The tokens Make returns are this long (URL-safe base64 of 32 bytes).
inline constexpr std::size_t kCalendarTokenLength = 43;

}  // namespace procura::auth
