#include "app/cmd_serve.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <thread>

#include "app/database.h"
#include "app/demo.h"
#include "app/change_follower.h"
#include "app/housekeeping.h"
#include "app/scheduler.h"
#include "app/exit_codes.h"
#include "app/export_follower.h"
#include "app/paths.h"
#include "auth/accounts.h"
#include "content/body_backfill.h"
#include "content/columns.h"
#include "content/file_store.h"
#include "content/content_service.h"
#include "content/media.h"
#include "content/site_settings.h"
#include "safety/links.h"
#include "safety/word_lists.h"
#include "content/media_files.h"
#include "content/workflow.h"
#include "interact/inspection.h"
#include "interact/mailbox.h"
#include "interact/monitor.h"
#include "interact/visit_counter.h"
#include "core/clock.h"
#include "core/events.h"
#include "core/text.h"
#include "http/server.h"
#include "org/member_records.h"
#include "org/org_service.h"
#include "render/page_cache.h"
#include "search/search_index.h"
#include "storage/storage.h"
#include "training/attendance.h"
#include "training/hours.h"
#include "training/materials.h"
#include "training/training_service.h"
#include "app/cmd_remind.h"
#include "org/dues.h"
#include "web/admin/admin_applicants.h"
#include "web/admin/admin_attendance.h"
#include "web/admin/admin_dues.h"
#include "web/admin/admin_media.h"
#include "web/admin/admin_messages.h"
#include "web/admin/admin_newsroom.h"
#include "web/admin/admin_org.h"
#include "web/admin/admin_site.h"
#include "web/admin/admin_system.h"
#include "web/admin/admin_site_reports.h"
#include "web/admin/admin_training.h"
#include "web/admin/admin_word_lists.h"
#include "web/admin/branch_life/branch_life_admin.h"
#include "web/api/api.h"
#include "web/dispatch.h"

namespace procura::app {
namespace {

struct ServeOptions {
  std::string data_dir;
  std::string database;  // PostgreSQL URL ("" → SQLite in data_dir)
  std::string share_dir;
  std::string access_log = "-";
  bool demo = false;
  bool require_mfa = false;
  bool print_routes = false;
  std::size_t page_cache_entries = 20000;
  std::size_t page_cache_mib = 256;
  std::size_t media_cache_mib = 64;
  std::string locale_dir;  // compiled message catalogs ("" → the build's)
  std::string export_to;   // keep a static export here in step ("" → none)
  std::string export_precompress = "gzip+br";  // its variants: gzip+br, gzip, none
  std::string probe_url;   // the availability monitor's target ("" → off)
  branchlife::SmtpConfig smtp;  // the daily reminders' mail server ("" url → off)
  std::string smtp_password_file;
  int probe_every = 300;   // seconds between probes
  bool link_check_private = false;  // link checks may reach loopback and private addresses
  http::ServerConfig server;
  std::vector<std::string> listen;
  std::vector<std::string> trusted_proxies;  // --trusted-proxy
  long header_timeout_ms = 10000, idle_timeout_ms = 30000, grace_ms = 10000;
};

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
        FormatLogTimestampNow(), r.remote, JsonEscape(r.method), JsonEscape(r.target), r.status,
        r.bytes, r.duration_ms, r.cache, JsonEscape(r.user_agent));
  };
}

int Serve(const ServeOptions& opt) {
  namespace fs = std::filesystem;
  const fs::path data(opt.data_dir);
  if (Status s = CheckDataDir(data); !s.ok()) {
    spdlog::error("{}", s.message());
    return kExitDataDir;
  }
  if (Status s = LockDataDir(data); !s.ok()) {
    spdlog::error("{}", s.message());
    return kExitDataDir;
  }
  if (!opt.export_to.empty())
    if (Status s = CheckExportDir(opt.export_to, data); !s.ok()) {
      spdlog::error("--export-to: {}", s.message());
      return kExitOutput;
    }
  const fs::path media = data / "media";
  std::error_code ec;
  fs::create_directories(media, ec);
  if (ec) {
    spdlog::error("cannot create {}: {}", media.string(), ec.message());
    return kExitDataDir;
  }
  // The integrity check reads the whole file (over a minute at a million
  // articles): it runs in the background once the server listens.
  auto storage = OpenDatabase(opt.database, data, {.check_integrity = false});
  if (!storage.ok()) {
    spdlog::error("{}{}", opt.database.empty() ? "" : RedactedUrl(opt.database) + ": ",
                  storage.status().message());
    return ExitCodeForDatabase(storage.status());
  }
  spdlog::info("database: {} (schema version {})",
               opt.database.empty() ? (data / "procura.db").string() : RedactedUrl(opt.database),
               (*storage)->SchemaVersion());
  const fs::path share = opt.share_dir.empty() ? DefaultShareDir() : fs::path(opt.share_dir);
  if (opt.demo) {
    auto demo = LoadDemo(**storage, share / "data" / "demo", media);
    if (!demo.ok()) {
      spdlog::error("loading demo data: {}", demo.status().message());
      return kExitAssets;
    }
    if (demo->loaded)
      spdlog::info("demo data loaded: {} columns, {} articles", demo->columns, demo->articles);
    else
      spdlog::info("--demo: the data dir already has content; nothing loaded");
  }
  // Bodies are rendered when saved; render any row that has none yet (from
  // before schema v10, or bulk-loaded) under the sandbox's budget. An
  // article that cannot be rendered is logged, marked and skipped.
  SandboxedRenderer renderer;
  auto backfill = RenderUnrenderedBodies(**storage, renderer, [](std::int64_t id, const std::string& why) {
    spdlog::warn("article {}: its body cannot be formatted and is not shown: {}", id, why);
  });
  if (!backfill.ok()) {
    spdlog::error("rendering stored bodies: {}", backfill.status().message());
    return kExitDatabase;
  }
  if (backfill->rendered + backfill->failed > 0)
    spdlog::info("rendered {} stored bodies ({} failed)", backfill->rendered, backfill->failed);
  const fs::path locale_dir = opt.locale_dir.empty() ? fs::path(PROCURA_LOCALE_DIR) : fs::path(opt.locale_dir);
  auto catalogs = i18n::Catalogs::Load(locale_dir);
  if (!catalogs.ok()) {
    spdlog::error("{}", catalogs.status().message());
    return kExitAssets;
  }
  auto templates = TemplateSet::Load(share / "templates", &*catalogs);
  auto assets = AssetTable::Load(share / "static");
  if (!templates.ok() || !assets.ok()) {
    spdlog::error("{}", !templates.ok() ? templates.status().message() : assets.status().message());
    return kExitAssets;
  }

  ContentService content(**storage);
  if (Status s = content.Reload(); !s.ok()) {
    spdlog::error("reading content: {}", s.message());
    return kExitDatabase;
  }
  EventBus events;  // wake-ups only: the read models trust the change log
  PageCache cache(opt.page_cache_entries, opt.page_cache_mib << 20);
  search::SearchIndex search_index(**storage, data / "search");
  ChangeFollower follower(**storage, content, cache, &search_index);
  follower.SubscribeTo(events);
  search_index.StartBackground();  // catches up, or rebuilds a missing/corrupt index
  follower.Start();  // also sees what other processes write

  auto policy = auth::PasswordPolicy::Load(share / "data/security/common-passwords.txt");
  if (!policy.ok() || !auth::InitCrypto().ok()) {
    spdlog::error("{}", policy.status().message());
    return kExitAssets;
  }
  auth::Audit audit((*storage)->audit());
  auth::AccountService accounts(**storage, *policy, audit);
  const int offset = content.Snapshot()->site().utc_offset_minutes;
  ArticleWorkflow workflow(**storage, audit, events, renderer, offset);
  ColumnService columns(**storage, audit, events);
  SiteSettingsService site_settings(**storage, audit, events);
  safety::WordListService word_lists(**storage, audit);
  interact::MailboxService mailbox(**storage, audit, offset);
  auto visitor_secret = interact::VisitorSecret(**storage);  // the same on every node
  if (!visitor_secret.ok()) {
    spdlog::error("{}", visitor_secret.status().message());
    return kExitDataDir;
  }
  interact::VisitCounter visits(offset, *visitor_secret);  // flushed once a minute on every node
  // External links are probed when an article is submitted (3 s each).
  workflow.SetLinkProbe([allow = opt.link_check_private](const std::string& url) {
    return safety::ProbeUrl(url, {std::chrono::seconds(3), allow});
  });
  if (Status s = InitImaging(); !s.ok()) {
    spdlog::error("{}", s.message());
    return kExitAssets;
  }
  MediaService media_service(**storage, audit, events, media);

  web::Portal portal({content, cache, *templates, *assets, media, **storage, &search_index,
                      opt.media_cache_mib << 20, &*catalogs, &mailbox, &visits});
  if (Status s = portal.Init(); !s.ok()) {
    spdlog::error("templates: {}", s.message());
    return kExitAssets;
  }
  // One machine keeps the check-in key in the data dir; nodes on one
  // PostgreSQL share it through the database (a code shown by one node's
  // projector page is accepted by every node).
  auto checkin_key =
      opt.database.empty()
          ? training::LoadOrCreateCheckinKey((data / "checkin.key").string())
          : [&]() -> Result<training::CheckinKey> {
              auto hex = (*storage)->SharedSecret("checkin-key", training::NewCheckinKeyHex);
              if (!hex.ok()) return hex.status();
              return training::CheckinKeyFromHex(*hex);
            }();
  if (!checkin_key.ok()) {
    spdlog::error("{}", checkin_key.status().message());
    return kExitDataDir;
  }
  org::OrgService org_service(**storage, audit);
  org::MemberRecords member_records(**storage, audit);
  training::TrainingService training_service(**storage, audit, offset);
  training::AttendanceService attendance(**storage, audit, org_service, *checkin_key, offset);
  training::HoursService hours(**storage, audit, org_service);
  training::MaterialsService materials(**storage, audit, data / "materials");
  web::AdminSite admin({**storage, accounts, audit, org_service, training_service, content,
                        *templates, *assets, opt.require_mfa, &*catalogs});
  web::NewsroomAdmin newsroom_admin(
      {admin, **storage, workflow, renderer, media_service, content, &*catalogs});
  web::MediaAdmin media_admin({admin, **storage, media_service, org_service, content});
  // Branch meetings' check-in codes use a key of their own, derived from
  // the training key, so a class's code never opens a meeting.
  const training::CheckinKey meeting_key = branchlife::MeetingKeyFrom(*checkin_key);
  branchlife::BranchLifeService branch_life(
      **storage, audit, org_service, [&mailbox] { return mailbox.Calendar(); }, meeting_key, offset);
  web::BranchLifeAdmin branch_life_admin(
      {admin, branch_life, **storage, content, workflow, media_service, &*catalogs});
  org::DuesService dues(**storage, audit, org_service, offset);
  web::SystemAdmin system_admin({admin, **storage, accounts, columns, site_settings, content});
  web::OrgAdmin org_admin({admin, **storage, org_service, member_records, accounts, audit, content, data});
  web::DuesAdmin dues_admin({admin, dues, audit});
  org::ApplicantService applicants(**storage, org_service, audit, offset);
  web::ApplicantsAdmin applicants_admin({admin, applicants, org_service});
  web::TrainingAdmin training_admin({admin, **storage, training_service, hours, materials,
                                     org_service, workflow, content, &*catalogs});
  web::AttendanceAdmin attendance_admin({admin, attendance, content});
  web::MessagesAdmin messages_admin({admin, **storage, mailbox, content});
  web::SiteReportsAdmin reports_admin({admin, **storage, content, mailbox, audit, data});
  web::WordListsAdmin word_lists_admin({admin, **storage, word_lists, workflow});
  web::Api api({**storage, accounts, audit, workflow, columns, media_service, &branch_life});
  http::Router router;
  portal.AddRoutes(router);
  admin.AddRoutes(router);
  newsroom_admin.AddRoutes(router);
  media_admin.AddRoutes(router);
  org_admin.AddRoutes(router);
  system_admin.AddRoutes(router);
  attendance_admin.AddRoutes(router);  // its /admin/training/sessions/ before the class's {id}
  training_admin.AddRoutes(router);
  branch_life_admin.AddRoutes(router);
  dues_admin.AddRoutes(router);
  applicants_admin.AddRoutes(router);
  messages_admin.AddRoutes(router);
  reports_admin.AddRoutes(router);
  word_lists_admin.AddRoutes(router);
  api.AddRoutes(router);
  if (opt.print_routes) {
    search_index.JoinBackground();
    std::map<std::string, std::string> needs;
    for (const auto& r : admin.routes()) needs[r.method + " " + r.pattern] = r.requirement;
    for (const auto& r : api.routes()) needs[r.method + " " + r.pattern] = r.requirement;
    for (const auto& [method, pattern] : router.Routes()) {
      auto it = needs.find(method + " " + pattern);
      std::cout << method << "\t" << pattern << "\t" << (it == needs.end() ? "public" : it->second)
                << "\n";
    }
    return kExitOk;
  }
  // The daily reminders to branch secretaries and the records officer,
  // when a mail server is set.
  branchlife::SmtpConfig smtp = opt.smtp;
  if (!smtp.url.empty()) {
    if (!branchlife::CheckEmailAddress(smtp.from).ok()) {
      spdlog::error("--smtp-url needs --smtp-from with the sender's e-mail address");
      return kExitUsage;
    }
    if (Status s = ReadSmtpPassword(opt.smtp_password_file, smtp); !s.ok()) {
      spdlog::error("{}", s.message());
      return kExitUsage;
    }
  }
  const branchlife::Say reminder_wording = ReminderWording(**storage, &*catalogs);
  std::string reminded_day;  // the day the reminders are known to have gone
  std::optional<Scheduler> scheduler;
  scheduler.emplace(workflow, (*storage)->Elect("scheduler"),
                    [&storage, &search_index, &mailbox, &smtp, &reminder_wording, &reminded_day,
                     imports = data / "imports", media = data / "media", offset] {
    // Reminders go once a day from 08:00 (site time), from the leader; the
    // audit log says whether a node already sent today's.
    const UnixSeconds now = NowUnix();
    const std::string today = interact::LocalDay(now, offset);
    const bool morning = interact::LocalDay(now - 8 * 3600, offset) == today;
    if (!smtp.url.empty() && morning && reminded_day != today) {
      auto ran = branchlife::RemindersRanOn(**storage, today, offset);
      auto cal = mailbox.Calendar();
      if (ran.ok() && *ran) reminded_day = today;
      if (ran.ok() && !*ran && cal.ok()) {
        auto run = branchlife::RunReminders(**storage, *cal, today, offset, reminder_wording, smtp, false);
        if (!run.ok()) spdlog::error("reminders: {}", run.status().message());
        else spdlog::info("reminders: {} sent, {} failed", run->sent, run->failed);
        reminded_day = today;  // a failed run is not retried every tick; `procura remind` can
      }
    }
    // The self-inspection runs once a day (on the leader), for the trend.
    auto runs = (*storage)->inspection().ListRuns(1);
    if (runs.ok() && (runs->empty() || NowUnix() - runs->front().at >= 86400)) {
      interact::InspectOptions opt;
      opt.utc_offset_minutes = offset;
      if (!(*storage)->SharesFiles()) opt.media_dir = media;
      auto report = interact::InspectAndRecord(**storage, NowUnix(), opt);
      if (!report.ok()) spdlog::error("inspection: {}", report.status().message());
      else if (report->Count("fail") > 0)
        spdlog::warn("inspection: {} indicators fail ({})", report->Count("fail"), report->Summary());
    }
    // The index reports 0 until it is open, and then nothing is swept.
    auto n = SweepExpired(**storage, auth::SessionPolicy{}, search_index.AppliedSeq(), imports,
                          NowUnix());
    if (!n.ok())
      spdlog::error("housekeeping: {}", n.status().message());
    else if (n->sessions + n->throttle_rows + n->mfa_tickets + n->changes + n->import_previews > 0)
      spdlog::info(
          "housekeeping: removed {} expired sessions, {} throttle rows, {} sign-in tickets, {} "
          "applied change-log rows, {} import previews",
          n->sessions, n->throttle_rows, n->mfa_tickets, n->changes, n->import_previews);
  });

  http::ServerConfig cfg = opt.server;
  if (!opt.listen.empty()) cfg.listen = opt.listen;
  for (const auto& p : opt.trusted_proxies) cfg.trusted_proxies.push_back(*http::ParseProxyRule(p));
  // The media library, class materials and member imports take files.
  cfg.upload_prefixes = {"/admin/media", "/api/v1/media", "/admin/materials/", "/admin/org/import",
                         "/admin/articles/",  // the article form carries images and documents
                         "/admin/meetings/"};  // meeting photos
  cfg.header_timeout = std::chrono::milliseconds(opt.header_timeout_ms);
  cfg.idle_timeout = std::chrono::milliseconds(opt.idle_timeout_ms);
  cfg.shutdown_grace = std::chrono::milliseconds(opt.grace_ms);
  // Everything but the portal's cached pages can be slow (Argon2id,
  // image work, imports, database writes, Markdown, search): worker pool.
  // With several nodes a media file may first have to be fetched from the
  // database (content/file_store.h): media requests go to the workers too.
  cfg.offload = [shared_files = (*storage)->SharesFiles()](const http::Request& r) {
    const std::string_view path = r.path;
    return (r.method != "GET" && r.method != "HEAD") || path.starts_with("/admin") ||
           path.starts_with("/api/") || path.starts_with("/search") ||
           (shared_files && path.starts_with("/media/"));
  };
  http::Server server(cfg, web::MakeDispatcher(router, portal), MakeAccessLogger(opt.access_log));
  if (Status s = server.Bind(); !s.ok()) {
    spdlog::error("{}", s.message());
    return kExitListen;
  }
  for (const auto& a : server.BoundAddresses()) spdlog::info("listening on http://{}/", a);
  // There is no default account: say how to make the first one.
  if (auto users = (*storage)->users().ListUsers(); users.ok() && users->empty())
    spdlog::warn("no accounts yet: create the first with `procura user add NAME --role admin {}` "
                 "(it asks for the password), then sign in at /admin/",
                 opt.database.empty() ? "--data " + data.string() : "--database URL");
  // The static export follows the log on its own thread; the server's
  // ChangeFollower moves the snapshot it reads.
  std::optional<publish::Exporter> exporter;
  std::optional<ExportFollower> export_follower;
  if (!opt.export_to.empty()) {
    exporter.emplace(publish::RenderInputs{content, *templates, *assets, &*catalogs},
                     publish::ExportOptions{opt.export_to, media, "", 0,
                                            opt.export_precompress != "none",
                                            opt.export_precompress == "gzip+br",
                                            [files = std::make_shared<FileStore>(**storage, data)](
                                                const std::string& name) {
                                              return files->EnsureLocal("media", name);
                                            }});
    if (Status s = exporter->Open(); !s.ok()) {
      spdlog::error("--export-to: {}", s.message());
      return kExitOutput;
    }
    export_follower.emplace(**storage, content, *exporter, /*drive_content=*/false);
    export_follower->Run(/*start_first=*/true);
  }
  std::atomic<bool> stop_visits{false};
  std::thread visit_flusher([&] {
    while (!stop_visits) {
      for (int i = 0; i < 600 && !stop_visits; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (Status s = visits.Flush(**storage); !s.ok()) spdlog::error("visits: {}", s.message());
    }
  });
  std::optional<interact::AvailabilityMonitor> monitor;
  if (!opt.probe_url.empty())
    monitor.emplace(**storage, (*storage)->Elect("availability-monitor"), opt.probe_url,
                    std::chrono::seconds(opt.probe_every));
  std::atomic<bool> stop_check{false};
  std::thread integrity([&storage, &data, &stop_check] {
    if (Status s = (*storage)->CheckIntegrity(&stop_check); !s.ok() && !stop_check)
      spdlog::error("database check: {}. Run `procura check --data {}`, then restore a backup.",
                    s.message(), data.string());
  });
  const bool finished = server.Run();
  stop_check = true;  // a check still reading a large file ends at once
  integrity.join();
  stop_visits = true;
  visit_flusher.join();
  if (!finished) {
    // The grace period ran out with handlers still busy: leave now rather
    // than wait for them (what they committed is on disk; SQLite rolls back
    // the rest at the next start).
    spdlog::default_logger()->flush();
    std::_Exit(kExitOk);
  }
  scheduler.reset();  // before the database closes
  monitor.reset();
  if (Status s = visits.Flush(**storage); !s.ok()) spdlog::error("visits: {}", s.message());
  if (export_follower) export_follower->Stop();
  follower.Stop();
  search_index.JoinBackground();
  storage->reset();  // closes the database cleanly (WAL checkpoint)
  spdlog::info("stopped cleanly");
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand("serve", "Run the portal server");
  cmd->add_option("--data", opt->data_dir,
                  "Data directory (must exist): the SQLite database, media, search index")
      ->required();
  AddDatabaseOption(cmd, &opt->database);
  cmd->add_option("--trusted-proxy", opt->trusted_proxies,
                  "A reverse proxy (address or network, such as 10.0.0.5 or 10.0.0.0/8) whose "
                  "X-Forwarded-For names the client; repeatable")
      ->check([](const std::string& value) -> std::string {
        auto r = http::ParseProxyRule(value);
        return r.ok() ? "" : r.status().message();
      });
  cmd->add_option("--listen", opt->listen,
                  "Address to listen on, HOST:PORT or [IPv6]:PORT; repeatable "
                  "(default 127.0.0.1:8080)")
      ->check([](const std::string& value) -> std::string {
        std::string host;
        unsigned short port = 0;
        const Status s = http::ParseListenAddress(value, &host, &port);
        return s.ok() ? std::string() : s.message();
      });
  cmd->add_flag("--demo", opt->demo, "Load the demo data into an empty data dir");
  cmd->add_flag("--require-mfa", opt->require_mfa,
                "Admins and reviewers must set up two-step sign-in before anything else");
  cmd->add_flag("--print-routes", opt->print_routes,
                "Print every route with the permission it needs, then exit");
  cmd->add_option("--threads", opt->server.threads, "I/O threads (default: one per core)")
      ->check(CLI::Range(0, 256));
  cmd->add_option("--max-connections", opt->server.max_connections, "Open connections allowed")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--max-header-bytes", opt->server.max_header_bytes, "Request header limit (431)")
      ->check(CLI::Range(1024, 1024 * 1024));
  cmd->add_option("--max-body-bytes", opt->server.max_body_bytes, "Request body limit (413)")
      ->check(CLI::Range(0, 1024 * 1024 * 1024));
  cmd->add_option("--header-timeout-ms", opt->header_timeout_ms, "Time to receive a request header")
      ->check(CLI::Range(100, 600000));
  cmd->add_option("--idle-timeout-ms", opt->idle_timeout_ms, "Keep-alive idle time")
      ->check(CLI::Range(100, 3600000));
  cmd->add_option("--worker-threads", opt->server.worker_threads,
                  "Threads for slow requests (default: one per core, at least 2)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--max-queued-work", opt->server.max_queued_work,
                  "Slow requests waiting or running before new ones get 503")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--shutdown-grace-ms", opt->grace_ms, "Longest wait for requests at shutdown")
      ->check(CLI::Range(0, 600000));
  cmd->add_option("--page-cache-mib", opt->page_cache_mib,
                  "Memory for rendered pages, in MiB (keys and bodies)")
      ->check(CLI::Range(1, 1 << 20));
  cmd->add_option("--locale-dir", opt->locale_dir,
                  "Directory of compiled message catalogs (<lang>/LC_MESSAGES/procura.mo)");
  cmd->add_option("--media-cache-mib", opt->media_cache_mib,
                  "Memory for media files read from disk, in MiB")
      ->check(CLI::Range(1, 1 << 20));
  cmd->add_option("--page-cache-entries", opt->page_cache_entries, "Rendered pages kept in memory")
      ->check(CLI::Range(0, 10000000));
  cmd->add_option("--access-log", opt->access_log, "Access log: '-' (stdout), a file, or 'off'");
  cmd->add_option("--export-to", opt->export_to,
                  "Keep a static export of the public site in this directory");
  cmd->add_option("--export-precompress", opt->export_precompress,
                  "Compressed files beside each exported text file: gzip+br; gzip (a site over "
                  "plain HTTP); none (a CDN compresses)")
      ->check(CLI::IsMember({"gzip+br", "gzip", "none"}))
      ->capture_default_str();
  cmd->add_option("--probe-url", opt->probe_url,
                  "Probe this public address of the home page for the availability indicator");
  cmd->add_option("--probe-every", opt->probe_every, "Seconds between availability probes")
      ->check(CLI::Range(1, 86400));
  cmd->add_flag("--link-check-private", opt->link_check_private,
                "Let link checks on submit connect to loopback and private addresses "
                "(an intranet site; by default such links count as dead)");
  AddSmtpOptions(cmd, &opt->smtp, &opt->smtp_password_file);
  cmd->add_option("--share-dir", opt->share_dir,
                  "Directory with templates/, static/ and data/demo/ (default: built-in)");
  cmd->callback([opt, exit_code] { *exit_code = Serve(*opt); });
}

}  // namespace procura::app
