#include "interact/monitor.h"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include "core/clock.h"

namespace procura::interact {
namespace {
size_t Discard(char*, size_t size, size_t n, void*) { return size * n; }
}  // namespace

ProbeRecord ProbeOnce(const std::string& url, std::chrono::milliseconds timeout) {
  ProbeRecord r;
  r.at = NowUnix();
  CURL* curl = curl_easy_init();
  if (!curl) return r;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Discard);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "procura-availability-monitor");
  const auto start = std::chrono::steady_clock::now();
  const CURLcode rc = curl_easy_perform(curl);
  r.millis = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::steady_clock::now() - start)
                                  .count());
  long status = 0;
  if (rc == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  r.status = static_cast<int>(status);
  curl_easy_cleanup(curl);
  return r;
}

AvailabilityMonitor::AvailabilityMonitor(Storage& storage, std::unique_ptr<Leadership> leadership,
                                         std::string url, std::chrono::seconds every)
    : storage_(storage),
      leadership_(std::move(leadership)),
      url_(std::move(url)),
      every_(every),
      thread_([this] { Loop(); }) {}

AvailabilityMonitor::~AvailabilityMonitor() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void AvailabilityMonitor::Loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    lock.unlock();
    if (!leadership_ || leadership_->Check()) {
      // Past 20 s nobody waits: the indicator counts 15 s as failed anyway.
      const ProbeRecord r = ProbeOnce(url_, std::chrono::seconds(20));
      if (Status s = storage_.inspection().AppendProbe(r); !s.ok())
        spdlog::error("availability monitor: {}", s.message());
    }
    lock.lock();
    cv_.wait_for(lock, every_, [this] { return stop_; });
  }
}

}  // namespace procura::interact
