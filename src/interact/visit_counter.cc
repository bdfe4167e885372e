#include "interact/visit_counter.h"

#include <sodium.h>

#include <vector>

#include "interact/work_calendar.h"

namespace procura::interact {

void VisitCounter::StartDay(const std::string& day) {
  day_ = day;
  crypto_shorthash_keygen(key_);
  seen_.clear();
}

void VisitCounter::Count(const char* kind, std::int64_t id, std::string_view client,
                         std::string_view user_agent, UnixSeconds now) {
  std::string who;
  who.reserve(client.size() + user_agent.size() + 1);
  who.append(client).push_back('\n');
  who.append(user_agent);
  std::lock_guard lock(mu_);
  if (now < day_start_ || now >= day_start_ + 86400) {  // a new local day (or a clock step)
    const UnixSeconds local = now + offset_ * 60;
    day_start_ = local - ((local % 86400) + 86400) % 86400 - offset_ * 60;
    StartDay(LocalDay(now, offset_));
  }
  const std::string& day = day_;
  std::uint64_t hash = 0;
  crypto_shorthash(reinterpret_cast<unsigned char*>(&hash),
                   reinterpret_cast<const unsigned char*>(who.data()), who.size(), key_);
  if (seen_.insert(hash).second) ++new_visitors_[day];
  ++views_[{day, kind, id}];
}

Status VisitCounter::Flush(Storage& storage) {
  decltype(views_) views;
  decltype(new_visitors_) visitors;
  {
    std::lock_guard lock(mu_);
    views.swap(views_);
    visitors.swap(new_visitors_);
  }
  std::vector<PageViewRecord> rows;
  for (const auto& [key, n] : views)
    rows.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), n});
  const Status views_stored = rows.empty() ? Status::Ok() : storage.inspection().AddPageViews(rows);
  Status visitors_stored = Status::Ok();
  decltype(new_visitors_) unstored;
  for (const auto& [day, n] : visitors)
    if (Status s = storage.inspection().AddVisitors(day, n); !s.ok()) {
      unstored[day] += n;
      visitors_stored = s;
    }
  {  // what failed waits for the next flush
    std::lock_guard lock(mu_);
    if (!views_stored.ok())
      for (const auto& [key, n] : views) views_[key] += n;
    for (const auto& [day, n] : unstored) new_visitors_[day] += n;
  }
  const Status s = views_stored.ok() ? visitors_stored : views_stored;
  return s;
}

}  // namespace procura::interact
