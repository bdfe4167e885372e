// Progress on stderr for long commands (reindex, export): a bar redrawn in
// place on a terminal, at most ten times a second,
//   "[#########-----------]  45% 4500/10000, about 1m20s left";
// otherwise (logs, CI) a plain line every 10% and at least once a minute,
//   "export: 4500/10000 pages (45%), about 1m20s left",
// and the time taken at the end, "export: 10000/10000 pages (100%) in 2m30s".
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace procura::app {

class ProgressLine {
 public:
  using Clock = std::chrono::steady_clock;
  // `label` names the command ("export"), `unit` what is counted ("pages").
  ProgressLine(std::string label, std::string unit, bool tty, std::FILE* out = stderr,
               Clock::time_point start = Clock::now())
      : label_(std::move(label)), unit_(std::move(unit)), tty_(tty), out_(out), start_(start),
        last_line_(start) {}
  void operator()(std::size_t done, std::size_t total) { Report(done, total, Clock::now()); }
  // The same at a given time (tests).
  void Report(std::size_t done, std::size_t total, Clock::time_point now);

 private:
  // ", about 1m20s left" once a rate is known, else "".
  std::string Remaining(std::size_t done, std::size_t total, Clock::time_point now) const;

  std::string label_, unit_;
  bool tty_;
  std::FILE* out_;
  Clock::time_point start_, last_line_;
  int last_pct_ = -1;
  bool finished_ = false;
};

// "45s", "2m05s", "1h02m".
std::string FormatDuration(std::chrono::seconds s);

}  // namespace procura::app
