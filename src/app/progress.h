// Progress on stderr for long commands (reindex, export): a bar redrawn in
// place on a terminal, "[#########-----------]  45% 4500/10000"; a plain
// line every 10% otherwise (logs, CI), "export: 4500/10000 pages (45%)".
#pragma once

#include <cstddef>
#include <string>

namespace procura::app {

class ProgressLine {
 public:
  // `label` names the command ("export"), `unit` what is counted ("pages").
  ProgressLine(std::string label, std::string unit, bool tty)
      : label_(std::move(label)), unit_(std::move(unit)), tty_(tty) {}
  void operator()(std::size_t done, std::size_t total);

 private:
  std::string label_, unit_;
  bool tty_;
  int last_pct_ = -1;
};

}  // namespace procura::app
