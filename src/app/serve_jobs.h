// The leader's work under `procura serve`, besides publishing what is
// scheduled: the Scheduler calls LeaderJobs::Tick once a minute on the
// node that leads. Each tick sends the day's reminders to branch
// secretaries and records officers once, from 08:00 site time (when a mail
// server is set; the audit log says whether a node already sent them),
// runs the self-inspection once a day (for its trend), and sweeps what
// has expired (sessions, sign-in throttles and tickets, applied change-log
// rows, import previews).
#pragma once

#include <filesystem>
#include <string>

#include "branchlife/reminders.h"
#include "interact/mailbox.h"
#include "search/search_index.h"
#include "storage/storage.h"

namespace procura::app {

class LeaderJobs {
 public:
  struct Deps {
    Storage& storage;
    search::SearchIndex& search;      // the change-log rows it has applied may go
    interact::MailboxService& mailbox;  // the working calendar
    branchlife::SmtpConfig smtp;      // "" url: no reminders
    branchlife::Say wording;          // the reminders' text in the site's language
    std::filesystem::path data_dir;   // imports/ and media/ live here
    int utc_offset_minutes = 480;
  };
  explicit LeaderJobs(Deps d) : d_(std::move(d)) {}
  // One tick; errors are logged, never thrown, and the next tick tries again
  // (a failed reminder run waits for the next day or `procura remind`).
  void Tick();

 private:
  void SendReminders(UnixSeconds now);
  void InspectDaily();
  void SweepExpired();

  Deps d_;
  std::string reminded_day_;  // the day the reminders are known to have gone
};

}  // namespace procura::app
