#include "app/cmd_inspect.h"

#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <iostream>

#include "app/database.h"
#include "app/exit_codes.h"
#include "core/clock.h"
#include "interact/inspection.h"
#include "safety/links.h"

namespace procura::app {

void AddInspectCommand(CLI::App& app, int* exit_code) {
  auto data = std::make_shared<std::string>();
  auto database = std::make_shared<std::string>();
  auto xlsx = std::make_shared<std::string>();
  auto external = std::make_shared<bool>(false);
  auto private_links = std::make_shared<bool>(false);
  auto slow_ms = std::make_shared<int>(interact::kSlowProbeMillis);
  CLI::App* cmd = app.add_subcommand(
      "inspect", "Check the site against the national indicators for government sites");
  cmd->add_option("--data", *data, "Data directory");
  AddDatabaseOption(cmd, database.get());
  cmd->add_flag("--external", *external, "Also fetch external links (5 s each)");
  cmd->add_flag("--link-check-private", *private_links,
                "Let link checks connect to loopback and private addresses (an intranet site)");
  cmd->add_option("--xlsx", *xlsx, "Write the report to this XLSX file");
  cmd->add_option("--slow-ms", *slow_ms, "A home-page probe this slow counts as failed (15000)")
      ->check(CLI::Range(100, 600000));
  cmd->callback([data, database, xlsx, external, private_links, slow_ms, exit_code] {
    auto storage = OpenForCommand(*database, *data, {.check_integrity = false}, exit_code);
    if (!storage) return;
    interact::InspectOptions opt;
    auto site = storage->content().GetSite();
    if (site.ok()) opt.utc_offset_minutes = site->utc_offset_minutes;
    opt.media_dir = std::filesystem::path(*data) / "media";
    opt.slow_probe_millis = *slow_ms;
    if (!database->empty()) opt.media_dir.clear();  // files live in the database
    if (*external)
      opt.probe = [allow = *private_links](const std::string& url) {
        return safety::ProbeUrl(url, {std::chrono::seconds(5), allow});
      };
    auto report = interact::InspectAndRecord(*storage, NowUnix(), opt);
    if (!report.ok()) {
      std::cerr << "procura: " << report.status().message() << "\n";
      *exit_code = kExitFailure;
      return;
    }
    bool veto_failed = false;
    for (const auto& i : report->indicators) {
      std::string state = i.state;
      for (auto& ch : state) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      std::cout << fmt::format("[{}] {} — {} ({})\n", state, i.name,
                               FillPlaceholders(i.measured, i.measured_args), i.rule);
      for (const auto& o : i.items)
        std::cout << fmt::format("    {} {} {}\n", o.title, o.url, o.detail);
      veto_failed |= i.veto && i.state == "fail";
    }
    std::cout << fmt::format("{} failing, {} about to fail\n", report->Count("fail"),
                             report->Count("warn"));
    if (!xlsx->empty()) {
      auto bytes = tabular::ToXlsx({interact::InspectionSheet(
          *report, opt.utc_offset_minutes,
          [](std::string_view msgid, const MessageArgs& args) {
            return FillPlaceholders(std::string(msgid), args);
          })});
      std::ofstream out(*xlsx, std::ios::binary);
      if (!bytes.ok() || !(out << *bytes)) {
        std::cerr << "procura: cannot write " << *xlsx << "\n";
        *exit_code = kExitFailure;
        return;
      }
    }
    *exit_code = veto_failed ? kExitFindings : kExitOk;
  });
}

}  // namespace procura::app
