#include "app/progress.h"

#include <cstdio>

namespace procura::app {

void ProgressLine::operator()(std::size_t done, std::size_t total) {
  const int pct = total ? static_cast<int>(done * 100 / total) : 100;
  if (tty_) {
    const int bar = pct / 5;
    std::fprintf(stderr, "\r[%s%s] %3d%% %zu/%zu", std::string(bar, '#').c_str(),
                 std::string(20 - bar, '-').c_str(), pct, done, total);
    if (done == total) std::fputc('\n', stderr);
    return;
  }
  if (pct / 10 != last_pct_ / 10 || done == total) {
    if (last_pct_ == 100 && done == total) return;
    std::fprintf(stderr, "%s: %zu/%zu %s (%d%%)\n", label_.c_str(), done, total, unit_.c_str(), pct);
    last_pct_ = pct;
  }
}

}  // namespace procura::app
