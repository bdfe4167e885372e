// What `procura serve` loads and starts beside the server, kept out of
// Serve() so that it reads as the order things happen in: the page
// sources (catalogs, templates, assets), the node's keys and outside
// services (password policy, crypto and imaging, the visitor secret, the
// check-in key, the mail server), the access log, and the chores that run
// on their own threads while the server does.
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>

#include "app/serve_options.h"
#include "auth/password.h"
#include "branchlife/reminders.h"
#include "core/status.h"
#include "http/server.h"
#include "i18n/catalogs.h"
#include "interact/visit_counter.h"
#include "render/assets.h"
#include "render/templates.h"
#include "storage/storage.h"
#include "training/checkin_token.h"

namespace procura::app {

// What every page is made from. Filled in place: the templates keep a
// pointer to the catalogs, so the struct must not move once loaded.
struct PageSources {
  std::optional<i18n::Catalogs> catalogs;
  std::optional<TemplateSet> templates;
  std::optional<AssetTable> assets;
};

// Loads the catalogs (--locale-dir or the built-in directory), then the
// templates and static assets under `share`. The first error, if any.
Status LoadPageSources(const ServeOptions& opt, const std::filesystem::path& share, PageSources& out);

// The node's secrets and the services it talks to.
struct NodeKeys {
  auth::PasswordPolicy policy;        // the common-password list
  std::string visitor_secret;         // the same on every node
  training::CheckinKey checkin_key;   // likewise, through the database
  branchlife::SmtpConfig smtp;        // "" url: no reminders
};

// Loads NodeKeys and sets up crypto and imaging. On failure, the exit
// code (exit_codes.h), having logged why.
std::optional<int> LoadNodeKeys(const ServeOptions& opt, const std::filesystem::path& share,
                                Storage& storage, std::optional<NodeKeys>& out);

// --access-log: "off", "-" (stdout) or a file; one JSON object a request.
http::AccessLogger MakeAccessLogger(const std::string& target);

// Chores on their own threads while the server runs: the visit counts
// flushed once a minute, and the database's integrity check once (it
// reads the whole file; a failure is logged with what to do). Stop()
// ends both at once and joins them; so does the destructor.
class NodeChores {
 public:
  NodeChores(Storage& storage, interact::VisitCounter& visits, std::filesystem::path data_dir);
  ~NodeChores() { Stop(); }
  NodeChores(const NodeChores&) = delete;
  NodeChores& operator=(const NodeChores&) = delete;
  void Stop();

 private:
  std::atomic<bool> stop_{false};
  std::thread visit_flusher_;
  std::thread integrity_;
};

}  // namespace procura::app
