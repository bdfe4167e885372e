#include "app/progress.h"

#include <fmt/format.h>

namespace procura::app {
namespace {

constexpr auto kRedrawEvery = std::chrono::milliseconds(100);  // terminal
constexpr auto kLineAtLeastEvery = std::chrono::minutes(1);     // logs

}  // namespace

std::string FormatDuration(std::chrono::seconds s) {
  const long long n = s.count();
  if (n < 60) return fmt::format("{}s", n);
  if (n < 3600) return fmt::format("{}m{:02}s", n / 60, n % 60);
  return fmt::format("{}h{:02}m", n / 3600, n % 3600 / 60);
}

std::string ProgressLine::Remaining(std::size_t done, std::size_t total,
                                    Clock::time_point now) const {
  const auto elapsed = std::chrono::duration<double>(now - start_).count();
  if (done == 0 || done >= total || elapsed < 1) return "";
  const double left = elapsed * static_cast<double>(total - done) / static_cast<double>(done);
  return ", about " + FormatDuration(std::chrono::seconds(static_cast<long long>(left) + 1)) + " left";
}

void ProgressLine::Report(std::size_t done, std::size_t total, Clock::time_point now) {
  if (finished_) return;
  const bool end = done >= total;
  const int pct = total ? static_cast<int>(done * 100 / total) : 100;
  const std::string took =
      end ? " in " + FormatDuration(std::chrono::duration_cast<std::chrono::seconds>(now - start_)) : "";
  if (tty_) {
    if (!end && now - last_line_ < kRedrawEvery) return;
    const int bar = pct / 5;
    fmt::print(out_, "\r[{}{}] {:3}% {}/{}{}{}\033[K", std::string(bar, '#'), std::string(20 - bar, '-'),
               pct, done, total, Remaining(done, total, now), took);
    if (end) std::fputc('\n', out_);
  } else {
    if (!end && pct / 10 == last_pct_ / 10 && now - last_line_ < kLineAtLeastEvery) return;
    fmt::print(out_, "{}: {}/{} {} ({}%){}{}\n", label_, done, total, unit_, pct,
               Remaining(done, total, now), took);
  }
  std::fflush(out_);
  last_line_ = now;
  last_pct_ = pct;
  finished_ = end;
}

}  // namespace procura::app
