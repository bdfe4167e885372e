#include "interact/visit_counter.h"

#include <sodium.h>

#include <vector>

#include "auth/password.h"
#include "interact/work_calendar.h"

namespace procura::interact {
Result<std::string> VisitorSecret(Storage& storage) {
  return storage.SharedSecret("visitor-key", [] { return auth::RandomHex(32); });
}

VisitCounter::VisitCounter(int utc_offset_minutes, std::string_view secret)
    : offset_(utc_offset_minutes), node_(auth::RandomHex(8)) {
  // A secret of any length becomes a key of the size the day keys are made with.
  crypto_generichash(secret_key_, sizeof secret_key_,
                     reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), nullptr, 0);
}

void VisitCounter::StartDay(UnixSeconds now) {
  const UnixSeconds local = now + offset_ * 60;
  day_start_ = local - ((local % 86400) + 86400) % 86400 - offset_ * 60;
  day_ = LocalDay(now, offset_);
  static_assert(sizeof key_ == crypto_shorthash_KEYBYTES);
  crypto_generichash(key_, sizeof key_, reinterpret_cast<const unsigned char*>(day_.data()),
                     day_.size(), secret_key_, sizeof secret_key_);
}

void VisitCounter::Count(const char* kind, std::int64_t id, std::string_view client,
                         std::string_view user_agent, UnixSeconds now) {
  std::string who;
  who.reserve(client.size() + user_agent.size() + 1);
  who.append(client).push_back('\n');
  who.append(user_agent);
  std::lock_guard lock(mu_);
  if (now < day_start_ || now >= day_start_ + 86400) StartDay(now);  // a new day, or a clock step
  std::uint64_t hash = 0;
  crypto_shorthash(reinterpret_cast<unsigned char*>(&hash),
                   reinterpret_cast<const unsigned char*>(who.data()), who.size(), key_);
  DaySketch& today = sketches_[day_];
  if (today.sketch.Add(hash)) today.unstored = true;
  ++views_[{day_, kind, id}];
}

Status VisitCounter::Flush(Storage& storage) {
  decltype(views_) views;
  {
    std::lock_guard lock(mu_);
    views.swap(views_);
  }
  std::vector<PageViewRecord> rows;
  for (const auto& [key, n] : views)
    rows.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), n});
  const Status views_stored = rows.empty() ? Status::Ok() : storage.inspection().AddPageViews(rows);
  if (!views_stored.ok()) {
    std::lock_guard lock(mu_);
    for (const auto& [key, n] : views) views_[key] += n;
  }
  const Status visitors_stored = StoreVisitors(storage);
  return views_stored.ok() ? visitors_stored : views_stored;
}

Status VisitCounter::StoreDay(Storage& storage, const std::string& day,
                              const VisitorSketch& sketch) {
  PROCURA_RETURN_IF_ERROR(storage.inspection().StoreVisitorSketch(day, node_, sketch.Bytes()));
  auto stored = storage.inspection().VisitorSketches(day);
  if (!stored.ok()) return stored.status();
  VisitorSketch all;
  for (const std::string& bytes : *stored) {
    VisitorSketch other;
    if (other.FromBytes(bytes)) all.Merge(other);
  }
  return storage.inspection().RaiseVisitors(day, all.Estimate());
}

Status VisitCounter::StoreVisitors(Storage& storage) {
  std::vector<std::pair<std::string, VisitorSketch>> unstored;
  std::string yesterday;
  {
    std::lock_guard lock(mu_);
    for (auto& [day, d] : sketches_)
      if (d.unstored) {
        unstored.emplace_back(day, d.sketch);
        d.unstored = false;
      }
    if (day_start_ >= 0) yesterday = LocalDay(day_start_ - 1, offset_);
  }
  Status result = Status::Ok();
  std::vector<std::string> failed;
  for (const auto& [day, sketch] : unstored)
    if (Status s = StoreDay(storage, day, sketch); !s.ok()) {
      failed.push_back(day);
      result = s;
    }
  {
    std::lock_guard lock(mu_);
    for (const std::string& day : failed) sketches_[day].unstored = true;
    std::erase_if(sketches_, [&](const auto& d) { return d.first < day_ && !d.second.unstored; });
  }
  if (!yesterday.empty())
    if (Status s = storage.inspection().DropVisitorSketchesBefore(yesterday); !s.ok()) result = s;
  return result;
}

}  // namespace procura::interact
