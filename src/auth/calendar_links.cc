#include "auth/calendar_links.h"

#include "auth/password.h"
#include "core/clock.h"

namespace procura::auth {

namespace {
constexpr UnixSeconds kNoteFetchEvery = 60 * 60;
}

Result<std::string> CalendarLinks::Make(std::int64_t user_id, const Actor& by) {
  std::string token = RandomToken();
  auto had = storage_.users().GetCalendarLink(user_id);
  if (!had.ok()) return had.status();
  PROCURA_RETURN_IF_ERROR(storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.users().PutCalendarLink(user_id, HashToken(token), NowUnix()));
    return audit_.Write(tx, by, "user.calendar-link", "user", user_id,
                        had->has_value() ? "replaced" : "made");
  }));
  return token;
}

Status CalendarLinks::Stop(std::int64_t user_id, const Actor& by) {
  auto had = storage_.users().GetCalendarLink(user_id);
  if (!had.ok()) return had.status();
  if (!had->has_value()) return Status::Ok();
  return storage_.InTransaction([&](Storage& tx) -> Status {
    PROCURA_RETURN_IF_ERROR(tx.users().DeleteCalendarLink(user_id));
    return audit_.Write(tx, by, "user.calendar-link", "user", user_id, "stopped");
  });
}

Result<std::optional<CalendarLinkRecord>> CalendarLinks::Find(std::int64_t user_id) {
  return storage_.users().GetCalendarLink(user_id);
}

Result<std::optional<CalendarReader>> CalendarLinks::Open(const std::string& token,
                                                          UnixSeconds now) {
  const std::optional<CalendarReader> none;
  if (token.size() != kCalendarTokenLength) return none;
  auto uid = storage_.users().FindCalendarLinkUser(HashToken(token));
  if (!uid.ok()) return uid.status();
  if (!uid->has_value()) return none;
  auto user = storage_.users().FindUserById(**uid);
  if (!user.ok()) return user.status();
  if (!user->has_value() || (*user)->disabled) return none;
  auto principal = accounts_.LoadPrincipal(**user);
  if (!principal.ok()) return principal.status();
  // A note only: the feed is served whether or not it is written.
  (void)storage_.users().TouchCalendarLink(**uid, now, kNoteFetchEvery);
  return std::optional<CalendarReader>(CalendarReader{std::move(principal).value(), **uid});
}

}  // namespace procura::auth
