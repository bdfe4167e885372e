#include "app/cmd_remind.h"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/database.h"
#include "app/exit_codes.h"
#include "core/clock.h"
#include "i18n/catalogs.h"
#include "interact/mailbox.h"
#include "render/page_language.h"

namespace procura::app {

void AddSmtpOptions(CLI::App* cmd, branchlife::SmtpConfig* smtp, std::string* password_file) {
  cmd->add_option("--smtp-url", smtp->url,
                  "Mail server for the daily reminders (smtp://host:25)");
  cmd->add_option("--smtp-from", smtp->from, "Sender address of the reminders");
  cmd->add_option("--smtp-user", smtp->user, "User name at the mail server, if it asks");
  cmd->add_option("--smtp-password-file", *password_file,
                  "File holding the mail server password (never on the command line)");
}

Status ReadSmtpPassword(const std::string& file, branchlife::SmtpConfig& smtp) {
  if (file.empty()) return Status::Ok();
  std::ifstream in(file);
  std::stringstream text;
  if (!in || !(text << in.rdbuf())) return Status::Io("cannot read the SMTP password file " + file);
  smtp.password = text.str();
  while (!smtp.password.empty() && (smtp.password.back() == '\n' || smtp.password.back() == '\r'))
    smtp.password.pop_back();
  return Status::Ok();
}

branchlife::Say ReminderWording(Storage& storage, const i18n::Catalogs* catalogs) {
  auto site = storage.content().GetSite();
  const i18n::Lang lang = site.ok() ? PrimaryLang(*site) : i18n::Lang::kZh;
  branchlife::Say say;
  say.text = [catalogs, lang](std::string_view msgid, const MessageArgs& args) {
    return catalogs ? catalogs->TrMessage(lang, msgid, args)
                    : FillPlaceholders(std::string(msgid), args);
  };
  say.plural = [catalogs, lang](std::string_view one, std::string_view many, long n,
                                const MessageArgs& args) {
    return catalogs ? catalogs->TrNMessage(lang, one, many, n, args)
                    : i18n::FillPlural(one, many, n, args);
  };
  return say;
}

void AddRemindCommand(CLI::App& app, int* exit_code) {
  auto data = std::make_shared<std::string>();
  auto database = std::make_shared<std::string>();
  auto smtp = std::make_shared<branchlife::SmtpConfig>();
  auto password_file = std::make_shared<std::string>();
  auto dry = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand(
      "remind", "E-mail branch secretaries what is overdue or due soon in their branch's organisational life, and the records officer every branch's");
  cmd->add_option("--data", *data, "Data directory");
  AddDatabaseOption(cmd, database.get());
  AddSmtpOptions(cmd, smtp.get(), password_file.get());
  cmd->add_flag("--dry-run", *dry, "Print the reminders (recipient, subject, text) without sending them");
  cmd->callback([=] {
    if (!*dry && (smtp->url.empty() || smtp->from.empty())) {
      std::cerr << "procura: remind needs --smtp-url and --smtp-from (or --dry-run)\n";
      *exit_code = kExitUsage;
      return;
    }
    if (!*dry && branchlife::CheckEmailAddress(smtp->from).code() != Status::Code::kOk) {
      std::cerr << "procura: --smtp-from is not an e-mail address: " << smtp->from << "\n";
      *exit_code = kExitUsage;
      return;
    }
    if (Status s = ReadSmtpPassword(*password_file, *smtp); !s.ok()) {
      std::cerr << "procura: " << s.message() << "\n";
      *exit_code = kExitUsage;
      return;
    }
    auto storage = OpenForCommand(*database, *data, {.check_integrity = false}, exit_code);
    if (!storage) return;
    auto catalogs = i18n::Catalogs::Load(PROCURA_LOCALE_DIR);
    auto site = storage->content().GetSite();
    const int offset = site.ok() ? site->utc_offset_minutes : 480;
    auth::Audit audit(storage->audit());
    interact::MailboxService mailbox(*storage, audit, offset);
    auto cal = mailbox.Calendar();
    if (!cal.ok()) {
      std::cerr << "procura: " << cal.status().message() << "\n";
      *exit_code = kExitFailure;
      return;
    }
    const std::string today = interact::LocalDay(NowUnix(), offset);
    auto run = branchlife::RunReminders(*storage, *cal, today, offset,
                                        ReminderWording(*storage, catalogs.ok() ? &*catalogs : nullptr),
                                        *smtp, *dry);
    if (!run.ok()) {
      std::cerr << "procura: " << run.status().message() << "\n";
      *exit_code = kExitFailure;
      return;
    }
    for (const auto& r : run->reminders) {
      std::cout << r.to << "\t" << r.subject << "\n";
      if (*dry)  // what would be sent, indented under its recipient
        for (std::size_t at = 0; at < r.body.size();) {
          const std::size_t end = std::min(r.body.find('\n', at), r.body.size());
          std::cout << "    " << std::string_view(r.body).substr(at, end - at) << "\n";
          at = end + 1;
        }
    }
    std::cout << fmt::format("{} reminders {}, {} failed\n", run->reminders.size(),
                             *dry ? "to send (dry run)" : "sent", run->failed);
    *exit_code = run->failed ? kExitFailure : kExitOk;
  });
}

}  // namespace procura::app
