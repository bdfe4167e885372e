#include "app/serve_startup.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "app/cmd_remind.h"
#include "app/exit_codes.h"
#include "content/media_files.h"
#include "core/clock.h"
#include "core/text.h"

namespace procura::app {
namespace {

namespace fs = std::filesystem;

int Failed(int code, const Status& s) {
  spdlog::error("{}", s.message());
  return code;
}

// One machine keeps the check-in key in the data dir; nodes on one
// PostgreSQL share it through the database (a code shown by one node's
// projector page is accepted by every node).
Result<training::CheckinKey> LoadCheckinKey(const ServeOptions& opt, Storage& storage) {
  if (opt.database.empty())
    return training::LoadOrCreateCheckinKey((fs::path(opt.data_dir) / "checkin.key").string());
  auto hex = storage.SharedSecret("checkin-key", training::NewCheckinKeyHex);
  if (!hex.ok()) return hex.status();
  return training::CheckinKeyFromHex(*hex);
}

// The reminders' mail server from the options, its password read from
// its file; Invalid when --smtp-url comes without a sender's address.
Result<branchlife::SmtpConfig> SmtpFor(const ServeOptions& opt) {
  branchlife::SmtpConfig smtp = opt.smtp;
  if (smtp.url.empty()) return smtp;
  if (!branchlife::CheckEmailAddress(smtp.from).ok())
    return Status::Invalid("--smtp-url needs --smtp-from with the sender's e-mail address");
  PROCURA_RETURN_IF_ERROR(ReadSmtpPassword(opt.smtp_password_file, smtp));
  return smtp;
}

// The request target as the access log keeps it: a calendar address's
// token is a lasting credential (auth::CalendarLinks), so it is not
// written down where anyone reading the logs could use it.
std::string TargetForLog(std::string_view target) {
  static constexpr std::string_view kCalendar = "/admin/calendar/";
  if (target.substr(0, kCalendar.size()) != kCalendar) return std::string(target);
  return std::string(kCalendar) + "[token]";
}

}  // namespace

Status LoadPageSources(const ServeOptions& opt, const fs::path& share, PageSources& out) {
  const fs::path locale_dir = opt.locale_dir.empty() ? fs::path(PROCURA_LOCALE_DIR) : fs::path(opt.locale_dir);
  auto catalogs = i18n::Catalogs::Load(locale_dir);
  if (!catalogs.ok()) return catalogs.status();
  out.catalogs.emplace(std::move(*catalogs));
  auto templates = TemplateSet::Load(share / "templates", &*out.catalogs);
  if (!templates.ok()) return templates.status();
  out.templates.emplace(std::move(*templates));
  auto assets = AssetTable::Load(share / "static");
  if (!assets.ok()) return assets.status();
  out.assets.emplace(std::move(*assets));
  return Status::Ok();
}

std::optional<int> LoadNodeKeys(const ServeOptions& opt, const fs::path& share, Storage& storage,
                                std::optional<NodeKeys>& out) {
  auto policy = auth::PasswordPolicy::Load(share / "data/security/common-passwords.txt");
  if (!policy.ok()) return Failed(kExitAssets, policy.status());
  if (Status s = auth::InitCrypto(); !s.ok()) return Failed(kExitAssets, s);
  if (Status s = InitImaging(); !s.ok()) return Failed(kExitAssets, s);
  auto visitor_secret = interact::VisitorSecret(storage);
  if (!visitor_secret.ok()) return Failed(kExitDataDir, visitor_secret.status());
  auto checkin_key = LoadCheckinKey(opt, storage);
  if (!checkin_key.ok()) return Failed(kExitDataDir, checkin_key.status());
  auto smtp = SmtpFor(opt);
  if (!smtp.ok()) return Failed(kExitUsage, smtp.status());
  out.emplace(NodeKeys{std::move(*policy), std::move(*visitor_secret), *checkin_key, std::move(*smtp)});
  return std::nullopt;
}

http::AccessLogger MakeAccessLogger(const std::string& target) {
  if (target == "off") return nullptr;
  std::shared_ptr<spdlog::logger> log = target == "-" ? spdlog::stdout_logger_mt("access")
                                                      : spdlog::basic_logger_mt("access", target);
  log->set_pattern("%v");
  log->flush_on(spdlog::level::info);
  return [log](const http::AccessRecord& r) {
    log->info(
        "{{\"ts\":\"{}\",\"remote\":\"{}\",\"method\":\"{}\",\"target\":\"{}\",\"status\":{},"
        "\"bytes\":{},\"ms\":{:.3f},\"cache\":\"{}\",\"ua\":\"{}\"}}",
        FormatLogTimestampNow(), r.remote, JsonEscape(r.method), JsonEscape(TargetForLog(r.target)), r.status,
        r.bytes, r.duration_ms, r.cache, JsonEscape(r.user_agent));
  };
}

NodeChores::NodeChores(Storage& storage, interact::VisitCounter& visits, fs::path data_dir) {
  visit_flusher_ = std::thread([this, &storage, &visits] {
    while (!stop_) {
      for (int i = 0; i < 600 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (Status s = visits.Flush(storage); !s.ok()) spdlog::error("visits: {}", s.message());
    }
  });
  integrity_ = std::thread([this, &storage, data = std::move(data_dir)] {
    // A check still reading a large file ends at once when stopped.
    if (Status s = storage.CheckIntegrity(&stop_); !s.ok() && !stop_)
      spdlog::error("database check: {}. Run `procura check --data {}`, then restore a backup.",
                    s.message(), data.string());
  });
}

void NodeChores::Stop() {
  stop_ = true;
  if (integrity_.joinable()) integrity_.join();
  if (visit_flusher_.joinable()) visit_flusher_.join();
}

}  // namespace procura::app
