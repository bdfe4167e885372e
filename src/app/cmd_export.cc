#include "app/cmd_export.h"

#include <signal.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>
#include <optional>

#include "app/database.h"
#include "content/file_store.h"
#include "app/exit_codes.h"
#include "app/export_follower.h"
#include "app/paths.h"
#include "app/progress.h"
#include "content/body_backfill.h"
#include "content/site_settings.h"
#include "i18n/catalogs.h"

namespace procura::app {
namespace fs = std::filesystem;
namespace {

struct ExportCommand {
  std::string data_dir, out, base_url, share_dir, locale_dir, database;
  bool follow = false;
  bool no_precompress = false;
  std::string precompress = "gzip+br";
  unsigned threads = 0;
  PushOptions push;
};

// Blocks until SIGINT or SIGTERM (for --follow).
void WaitForSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  int sig = 0;
  sigwait(&set, &sig);
}

// kExitOk when the command line, the data dir and the output dir are usable;
// otherwise the exit code, its reason said on stderr.
int CheckArguments(const ExportCommand& cmd) {
  const fs::path data(cmd.data_dir), out(cmd.out);
  if (!cmd.base_url.empty() && !IsValidPublicUrl(NormalizePublicUrl(cmd.base_url))) {
    std::cerr << "procura: --base-url must be http:// or https:// and a host, such as "
                 "https://www.example.gov.cn, without '?' or '#'\n";
    return kExitUsage;
  }
  if (Status s = CheckDataDir(data); !s.ok()) {
    std::cerr << "procura: " << s.message() << "\n";
    return kExitDataDir;
  }
  if (Status s = CheckExportDir(out, data); !s.ok()) {
    std::cerr << "procura: " << s.message() << "\n";
    return kExitOutput;
  }
  return kExitOk;
}

// SIGINT and SIGTERM wait for WaitForSignal (--follow); called before any
// thread starts, so every thread inherits the mask.
void BlockStopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

// What the pages are made with: the catalogs (kept where the templates'
// pointer finds them), the templates and the assets.
struct Presentation {
  std::unique_ptr<i18n::Catalogs> catalogs;
  std::optional<TemplateSet> templates;
  std::optional<AssetTable> assets;
};

Result<Presentation> LoadPresentation(const ExportCommand& cmd) {
  const fs::path share = cmd.share_dir.empty() ? DefaultShareDir() : fs::path(cmd.share_dir);
  const fs::path locale_dir =
      cmd.locale_dir.empty() ? fs::path(PROCURA_LOCALE_DIR) : fs::path(cmd.locale_dir);
  auto catalogs = i18n::Catalogs::Load(locale_dir);
  if (!catalogs.ok()) return catalogs.status();
  Presentation p{std::make_unique<i18n::Catalogs>(std::move(*catalogs)), {}, {}};
  auto templates = TemplateSet::Load(share / "templates", p.catalogs.get());
  if (!templates.ok()) return templates.status();
  auto assets = AssetTable::Load(share / "static");
  if (!assets.ok()) return assets.status();
  p.templates.emplace(std::move(*templates));
  p.assets.emplace(std::move(*assets));
  return p;
}

// The first pass (a progress line on stderr, the sum on stdout), then,
// with `follow`, every change until SIGINT or SIGTERM.
int ExportAndFollow(ExportFollower& follower, const fs::path& out, bool follow) {
  ProgressLine progress("export", "pages", isatty(STDERR_FILENO));
  // A follower pushes from its own thread, which a stop signal can interrupt.
  auto first = follower.Start([&progress](std::size_t d, std::size_t t) { progress(d, t); },
                              /*push=*/!follow);
  if (!first.ok()) {
    std::cerr << "procura: " << first.status().message() << "\n";
    return kExitFailure;
  }
  std::cout << "exported " << first->targets << " pages to " << out.string() << ": "
            << first->written << " written, " << first->deleted << " deleted, "
            << first->other_files << " assets and media files"
            << (first->media_deleted ? fmt::format(", {} unused media files deleted", first->media_deleted) : "")
            << " (change " << first->seq << ")\n";
  if (follower.pushes() && !follow) {
    if (Status s = follower.push_status(); !s.ok()) {
      std::cerr << "procura: the files are written, but the push failed: " << s.message() << "\n";
      return kExitPushFailed;
    }
    std::cout << "pushed change " << first->seq << " with the push command\n";
  }
  if (!follow) return kExitOk;
  std::cout << "following the change log; stop with Ctrl-C\n" << std::flush;
  follower.Run();
  WaitForSignal();
  follower.Stop();
  return kExitOk;
}

int Run(const ExportCommand& cmd) {
  if (int exit = CheckArguments(cmd); exit != kExitOk) return exit;
  const fs::path data(cmd.data_dir), out(cmd.out);
  if (cmd.follow) BlockStopSignals();
  else if (!cmd.push.command.empty()) publish::StopPushOnStopSignals();
  auto storage = OpenExistingDatabase(cmd.database, data, {.check_integrity = false});
  if (!storage.ok()) {
    std::cerr << "procura: " << storage.status().message() << "\n";
    return ExitCodeForDatabase(storage.status());
  }
  auto look = LoadPresentation(cmd);
  if (!look.ok()) {
    std::cerr << "procura: " << look.status().message() << "\n";
    return kExitAssets;
  }
  SandboxedRenderer renderer;  // bodies a bulk load left unrendered, as `serve` does
  auto rendered = RenderUnrenderedBodies(**storage, renderer, [](std::int64_t, const std::string&) {});
  ContentService content(**storage);
  if (Status s = rendered.ok() ? content.Reload() : rendered.status(); !s.ok()) {
    std::cerr << "procura: " << s.message() << "\n";
    return kExitDatabase;
  }
  FileStore files(**storage, data);  // media another node uploaded come from the database
  publish::Exporter exporter(
      {content, *look->templates, *look->assets, look->catalogs.get()},
      {out, data / "media", cmd.base_url, cmd.threads,
       !cmd.no_precompress && cmd.precompress != "none",
       !cmd.no_precompress && cmd.precompress == "gzip+br",
       [&files](const std::string& name) { return files.EnsureLocal("media", name); }});
  if (Status s = exporter.Open(); !s.ok()) {
    std::cerr << "procura: " << s.message() << "\n";
    return kExitOutput;
  }
  ExportFollower follower(**storage, content, exporter, /*drive_content=*/true,
                          ExportReportName(out));
  if (!cmd.push.command.empty()) follower.PushWith(cmd.push.Command(), fs::absolute(out));
  return ExportAndFollow(follower, out, cmd.follow);
}

}  // namespace

void AddExportCommand(CLI::App& app, int* exit_code) {
  auto cmd = std::make_shared<ExportCommand>();
  CLI::App* sub = app.add_subcommand("export", "Write the public site as static files");
  sub->add_option("--data", cmd->data_dir, "Data directory")->required();
  AddDatabaseOption(sub, &cmd->database);
  sub->add_option("--out", cmd->out, "Output directory (new, empty, or an earlier export)")->required();
  sub->add_option("--base-url", cmd->base_url,
                  "Address the files will be served at [the site's public address]");
  sub->add_flag("--follow", cmd->follow, "Keep the files in step with every change until stopped");
  sub->add_option("--threads", cmd->threads, "Rendering threads [one per core]");
  sub->add_option("--precompress", cmd->precompress,
                  "Compressed files beside each text file: gzip+br; gzip (a site over plain "
                  "HTTP, where browsers never ask for brotli); none (a CDN compresses)")
      ->check(CLI::IsMember({"gzip+br", "gzip", "none"}))
      ->capture_default_str();
  sub->add_flag("--no-precompress", cmd->no_precompress, "The same as --precompress none");
  AddPushOptions(sub, &cmd->push);
  sub->add_option("--share-dir", cmd->share_dir, "Where templates/ and static/ are [the source tree]");
  sub->add_option("--locale-dir", cmd->locale_dir, "Compiled message catalogs [the build's]");
  sub->callback([cmd, exit_code] { *exit_code = Run(*cmd); });
}

CLI::Option* AddPushOptions(CLI::App* cmd, PushOptions* push) {
  CLI::Option* command =
      cmd->add_option("--push-command", push->command,
                      "After each pass that changed files, run this shell command to copy the "
                      "export to the web server (rsync to the DMZ host); its outcome is reported "
                      "to the newsroom")
          ->check([](const std::string& v) {
            const Status s = publish::CheckPushCommand({v});
            return s.ok() ? std::string() : s.message();
          });
  cmd->add_option("--push-timeout", push->timeout_s,
                  "Seconds a push may run before it is stopped and counted as failed")
      ->check(CLI::Range(1, static_cast<int>(publish::kMaxPushTimeout.count())))
      ->capture_default_str()
      ->needs(command);
  return command;
}

}  // namespace procura::app
