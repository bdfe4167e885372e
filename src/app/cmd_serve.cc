#include "app/cmd_serve.h"

#include <spdlog/spdlog.h>

#include <stdlib.h>

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
#include "app/upgrade_on_start.h"
#include "app/scheduler.h"
#include "app/serve_areas.h"
#include "app/serve_jobs.h"
#include "app/serve_options.h"
#include "app/exit_codes.h"
#include "app/export_follower.h"
#include "app/paths.h"
#include "app/serve_startup.h"
#include "auth/accounts.h"
#include "content/body_backfill.h"
#include "content/columns.h"
#include "content/file_store.h"
#include "content/markdown.h"
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
#include "render/page_cache.h"
#include "render/http_error_pages.h"
#include "search/search_index.h"
#include "storage/storage.h"
#include "app/cmd_remind.h"
#include "web/dispatch.h"

namespace procura::app {
namespace {

// Logs `s` (prefixed by `what`, if any) and returns `code`, for Serve's
// early exits.
int Failed(int code, const Status& s, std::string_view what = {}) {
  if (what.empty())
    spdlog::error("{}", s.message());
  else
    spdlog::error("{}: {}", what, s.message());
  return code;
}

// Checks and locks the data dir (and the export's, if any), makes media/,
// opens the database (its integrity check waits for the server: it reads
// the whole file, over a minute at a million articles), loads the demo
// when asked, and renders the stored bodies that have no HTML yet (from
// before schema v10, or bulk-loaded) under the sandbox's budget; an
// article that cannot be rendered is logged, marked and skipped. Returns
// the exit code on failure, having logged why.
std::optional<int> OpenData(const ServeOptions& opt, const std::filesystem::path& share,
                            SandboxedRenderer& renderer, std::unique_ptr<Storage>& storage) {
  const std::filesystem::path data(opt.data_dir), media = data / "media";
  if (Status s = CheckDataDir(data); !s.ok()) return Failed(kExitDataDir, s);
  if (Status s = LockDataDir(data); !s.ok()) return Failed(kExitDataDir, s);
  if (!opt.export_to.empty())
    if (Status s = CheckExportDir(opt.export_to, data); !s.ok())
      return Failed(kExitOutput, s, "--export-to");
  std::error_code ec;
  std::filesystem::create_directories(media, ec);
  if (ec) {
    spdlog::error("cannot create {}: {}", media.string(), ec.message());
    return kExitDataDir;
  }
  auto opened = OpenDatabase(opt.database, data, {.check_integrity = false});
  if (!opened.ok())
    return Failed(ExitCodeForDatabase(opened.status()), opened.status(),
                  opt.database.empty() ? "" : RedactedUrl(opt.database));
  storage = std::move(*opened);
  spdlog::info("database: {} (schema version {})",
               opt.database.empty() ? (data / "procura.db").string() : RedactedUrl(opt.database),
               storage->SchemaVersion());
  bool demo_loaded = false;
  if (opt.demo) {
    auto demo = LoadDemo(*storage, share / "data" / "demo", media);
    if (!demo.ok()) return Failed(kExitAssets, demo.status(), "loading demo data");
    demo_loaded = demo->loaded;
    if (demo->loaded)
      spdlog::info("demo data loaded: {} columns, {} articles", demo->columns, demo->articles);
    else
      spdlog::info("--demo: the data dir already has content; nothing loaded");
  }
  auto backfill = RenderUnrenderedBodies(*storage, renderer, [](std::int64_t id, const std::string& why) {
    spdlog::warn("article {}: its body cannot be formatted and is not shown: {}", id, why);
  });
  if (!backfill.ok()) return Failed(kExitDatabase, backfill.status(), "rendering stored bodies");
  if (backfill->rendered + backfill->failed > 0)
    spdlog::info("rendered {} stored bodies ({} failed)", backfill->rendered, backfill->failed);
  if (demo_loaded)  // every body was just rendered by these rules: no pass to run
    if (Status s = storage->articles().RecordRenderingRules(kMarkdownRules); !s.ok())
      return Failed(kExitDatabase, s, "recording the Markdown rules");
  return std::nullopt;
}

// The server's settings from the options, with its error pages (413, 400,
// 503 and the like) rendered once from the templates.
Result<http::ServerConfig> ServerConfigFor(const ServeOptions& opt, bool shared_files,
                                           const TemplateSet& templates, const AssetTable& assets) {
  http::ServerConfig cfg = opt.server;
  if (!opt.listen.empty()) cfg.listen = opt.listen;
  for (const auto& p : opt.trusted_proxies) cfg.trusted_proxies.push_back(*http::ParseProxyRule(p));
  // The media library, class materials and member imports take files.
  cfg.upload_prefixes = {"/admin/media", "/api/v1/media", "/admin/materials/", "/admin/org/import",
                         "/admin/articles/",  // the article form carries images and documents
                         "/admin/meetings/",  // meeting photos
                         "/admin/training/reports",   // members' certificates
                         "/admin/training/photos/"};  // class photos
  cfg.header_timeout = std::chrono::milliseconds(opt.header_timeout_ms);
  cfg.idle_timeout = std::chrono::milliseconds(opt.idle_timeout_ms);
  cfg.shutdown_grace = std::chrono::milliseconds(opt.grace_ms);
  // Everything but the portal's cached pages can be slow (Argon2id,
  // image work, imports, database writes, Markdown, search): worker pool.
  // With several nodes a media file may first have to be fetched from the
  // database (content/file_store.h): media requests go to the workers too.
  cfg.offload = [shared_files](const http::Request& r) {
    const std::string_view path = r.path;
    return (r.method != "GET" && r.method != "HEAD") || path.starts_with("/admin") ||
           path.starts_with("/api/") || path.starts_with("/search") ||
           (shared_files && path.starts_with("/media/"));
  };
  auto error_pages = RenderHttpErrorPages(templates, assets, {cfg.max_upload_bytes, cfg.max_body_bytes});
  if (!error_pages.ok()) return error_pages.status();
  cfg.error_pages = std::move(*error_pages);
  return cfg;
}

// There is no default account: on a node without any, say how to make
// the first one.
void WarnWhenNoAccounts(const ServeOptions& opt, Storage& storage) {
  if (auto users = storage.users().ListUsers(); users.ok() && users->empty())
    spdlog::warn("no accounts yet: create the first with `procura user add NAME --role admin {}` "
                 "(it asks for the password), then sign in at /admin/",
                 opt.database.empty() ? "--data " + opt.data_dir : "--database URL");
}

// The static export kept in step under --export-to: it follows the log on
// its own thread; the server's ChangeFollower moves the snapshot it reads.
Status StartExport(const ServeOptions& opt, Storage& storage, ContentService& content,
                   const publish::RenderInputs& inputs, std::optional<publish::Exporter>& exporter,
                   std::optional<ExportFollower>& follower) {
  const std::filesystem::path data(opt.data_dir);
  auto files = std::make_shared<FileStore>(storage, data);
  exporter.emplace(inputs, publish::ExportOptions{
                               opt.export_to, data / "media", "", 0,
                               opt.export_precompress != "none", opt.export_precompress == "gzip+br",
                               [files](const std::string& name) {
                                 return files->EnsureLocal("media", name);
                               }});
  PROCURA_RETURN_IF_ERROR(exporter->Open());
  follower.emplace(storage, content, *exporter, /*drive_content=*/false,
                   ExportReportName(opt.export_to));
  if (!opt.export_push.command.empty())
    follower->PushWith(opt.export_push.Command(), std::filesystem::absolute(opt.export_to));
  follower->Run(/*start_first=*/true);
  return Status::Ok();
}

// The read side: the snapshot, the page cache and the search index, moved
// by the change log (the bus only wakes the follower early).
struct ReadSide {
  ReadSide(const ServeOptions& opt, Storage& storage)
      : content(storage),
        cache(opt.page_cache_entries, opt.page_cache_mib << 20),
        search_index(storage, std::filesystem::path(opt.data_dir) / "search"),
        follower(storage, content, cache, &search_index) {}
  // Reads the content, then starts the index's catch-up (or its rebuild,
  // when missing or corrupt) and the follower, which also sees what other
  // processes write.
  Status Start(EventBus& events) {
    PROCURA_RETURN_IF_ERROR(content.Reload());
    follower.SubscribeTo(events);
    search_index.StartBackground();
    follower.Start();
    return Status::Ok();
  }
  ContentService content;
  PageCache cache;
  search::SearchIndex search_index;
  ChangeFollower follower;
};

// The write side: the services that validate, audit and log each change,
// declared in the order they depend on each other.
struct WriteServices {
  WriteServices(const ServeOptions& opt, Storage& storage, EventBus& events,
                SandboxedRenderer& renderer, const NodeKeys& keys, int offset)
      : audit(storage.audit()),
        accounts(storage, keys.policy, audit),
        workflow(storage, audit, events, renderer, offset),
        columns(storage, audit, events),
        site_settings(storage, audit, events),
        word_lists(storage, audit),
        mailbox(storage, audit, offset),
        visits(offset, keys.visitor_secret),  // flushed once a minute on every node
        media_service(storage, audit, events, std::filesystem::path(opt.data_dir) / "media"),
        records(storage, audit, offset, keys.checkin_key, [this] { return mailbox.Calendar(); },
                std::filesystem::path(opt.data_dir) / "materials") {
    // External links are probed when an article is submitted (3 s each).
    workflow.SetLinkProbe([allow = opt.link_check_private](const std::string& url) {
      return safety::ProbeUrl(url, {std::chrono::seconds(3), allow});
    });
  }
  auth::Audit audit;
  auth::AccountService accounts;
  ArticleWorkflow workflow;
  ColumnService columns;
  SiteSettingsService site_settings;
  safety::WordListService word_lists;
  interact::MailboxService mailbox;
  interact::VisitCounter visits;
  MediaService media_service;
  RecordsServices records;
};

int Serve(const ServeOptions& opt) {
  namespace fs = std::filesystem;
  const fs::path data(opt.data_dir), media = data / "media";
  const fs::path share = opt.share_dir.empty() ? DefaultShareDir() : fs::path(opt.share_dir);
  SandboxedRenderer renderer;
  std::unique_ptr<Storage> db;
  if (auto exit = OpenData(opt, share, renderer, db)) return *exit;
  Storage& storage = *db;
  PageSources sources;
  if (Status s = LoadPageSources(opt, share, sources); !s.ok()) return Failed(kExitAssets, s);
  const i18n::Catalogs& catalogs = *sources.catalogs;
  const TemplateSet& templates = *sources.templates;
  const AssetTable& assets = *sources.assets;

  EventBus events;
  ReadSide read(opt, storage);
  if (Status s = read.Start(events); !s.ok()) return Failed(kExitDatabase, s, "reading content");
  ContentService& content = read.content;
  search::SearchIndex& search_index = read.search_index;
  std::optional<NodeKeys> keys;
  if (auto exit = LoadNodeKeys(opt, share, storage, keys)) return *exit;

  const int offset = content.Snapshot()->site().utc_offset_minutes;
  WriteServices w(opt, storage, events, renderer, *keys, offset);
  web::Portal portal({content, read.cache, templates, assets, media, storage, &search_index,
                      opt.media_cache_mib << 20, &catalogs, &w.mailbox, &w.visits});
  if (Status s = portal.Init(); !s.ok()) return Failed(kExitAssets, s, "templates");
  WebAreas areas({storage, w.accounts, w.audit, w.workflow, renderer, w.columns, w.site_settings,
                  w.word_lists, w.mailbox, w.media_service, content, w.records, templates,
                  assets, catalogs, data, opt.require_mfa});
  http::Router router;
  portal.AddRoutes(router);
  areas.AddRoutes(router);
  if (opt.print_routes) {
    search_index.JoinBackground();
    areas.PrintRoutes(router, std::cout);
    return kExitOk;
  }

  LeaderJobs jobs({storage, search_index, w.mailbox, keys->smtp, ReminderWording(storage, &catalogs),
                   data, offset});
  std::optional<Scheduler> scheduler;
  scheduler.emplace(w.workflow, storage.Elect("scheduler"), [&jobs] { jobs.Tick(); });
  auto server_config = ServerConfigFor(opt, storage.SharesFiles(), templates, assets);
  if (!server_config.ok()) return Failed(kExitAssets, server_config.status(), "templates");
  http::Server server(std::move(*server_config),
                      web::MakeDispatcher(router, portal, areas.StaffNotFound()),
                      MakeAccessLogger(opt.access_log));
  if (Status s = server.Bind(); !s.ok()) return Failed(kExitListen, s);
  for (const auto& a : server.BoundAddresses()) spdlog::info("listening on http://{}/", a);
  WarnWhenNoAccounts(opt, storage);
  std::optional<UpgradeOnStart> upgrade;  // renderings and the media index, after an upgrade
  upgrade.emplace(storage, renderer, storage.Elect("rendering-upgrade"));
  std::optional<publish::Exporter> exporter;
  std::optional<ExportFollower> export_follower;
  if (!opt.export_to.empty())
    if (Status s = StartExport(opt, storage, content, {content, templates, assets, &catalogs},
                               exporter, export_follower);
        !s.ok())
      return Failed(kExitOutput, s, "--export-to");
  std::optional<interact::AvailabilityMonitor> monitor;
  if (!opt.probe_url.empty())
    monitor.emplace(storage, storage.Elect("availability-monitor"), opt.probe_url,
                    std::chrono::seconds(opt.probe_every));
  NodeChores chores(storage, w.visits, data);
  const bool finished = server.Run();
  chores.Stop();
  if (!finished) {
    // The grace period ran out with handlers still busy: leave now rather
    // than wait for them (what they committed is on disk; SQLite rolls back
    // the rest at the next start).
    spdlog::default_logger()->flush();
    std::_Exit(kExitOk);
  }
  scheduler.reset();  // before the database closes
  upgrade.reset();
  monitor.reset();
  if (Status s = w.visits.Flush(storage); !s.ok()) spdlog::error("visits: {}", s.message());
  if (export_follower) export_follower->Stop();
  read.follower.Stop();
  search_index.JoinBackground();
  db.reset();  // closes the database cleanly (WAL checkpoint)
  spdlog::info("stopped cleanly");
  return kExitOk;
}

// Serve(), after checking --data. --print-routes alone needs no data: the
// routes are listed from a scratch data dir, removed afterwards.
int ServeOrPrintRoutes(const ServeOptions& given) {
  if (!given.data_dir.empty()) return Serve(given);
  if (!given.print_routes) {
    std::cerr << "serve: --data is required: the data directory (see procura serve --help)\n";
    return kExitUsage;
  }
  namespace fs = std::filesystem;
  std::string pattern = (fs::temp_directory_path() / "procura-routes-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) {
    std::cerr << "serve: cannot make a scratch data directory for --print-routes\n";
    return kExitDataDir;
  }
  ServeOptions opt = given;
  opt.data_dir = pattern;
  const int code = Serve(opt);
  std::error_code ignored;
  fs::remove_all(pattern, ignored);
  return code;
}

}  // namespace

void AddServeCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand("serve", "Run the portal server");
  AddServeOptions(cmd, opt.get());
  cmd->callback([opt, exit_code] { *exit_code = ServeOrPrintRoutes(*opt); });
}

}  // namespace procura::app
