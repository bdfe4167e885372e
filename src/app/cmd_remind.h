// `procura remind --data DIR [--database URL] --smtp-url URL --smtp-from
// ADDR [--smtp-user U --smtp-password-file F] [--dry-run]`: sends the
// branch secretaries' reminder e-mails now (what `serve --smtp-url` does
// once a day after 08:00) and prints each recipient. Exit 0 when every
// reminder went, 1 when one failed.
#pragma once

#include <CLI/CLI.hpp>

#include "branchlife/reminders.h"
#include "i18n/catalogs.h"

namespace procura::app {

void AddRemindCommand(CLI::App& app, int* exit_code);

// Adds --smtp-url, --smtp-from, --smtp-user and --smtp-password-file to
// `cmd`, filling `smtp` (the password read from the file when parsed).
void AddSmtpOptions(CLI::App* cmd, branchlife::SmtpConfig* smtp, std::string* password_file);
// Reads the password file named by the option, if any; Io naming it.
Status ReadSmtpPassword(const std::string& file, branchlife::SmtpConfig& smtp);
// The reminder wording in the site's primary language.
branchlife::Say ReminderWording(Storage& storage, const i18n::Catalogs* catalogs);

}  // namespace procura::app
