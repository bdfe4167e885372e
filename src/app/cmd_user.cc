#include "app/cmd_user.h"

#include <termios.h>
#include <unistd.h>

#include <functional>
#include <iostream>

#include "app/database.h"
#include "app/exit_codes.h"
#include "app/paths.h"
#include "auth/accounts.h"

namespace procura::app {
namespace {

struct UserOptions {
  std::string data_dir, share_dir, name, database;
  std::vector<std::string> roles;
  std::int64_t member_id = 0;  // links the account to a party member record
};

// Reads one line; on a terminal, prompts twice without echo.
bool ReadPassword(std::string* out) {
  if (!isatty(STDIN_FILENO)) return static_cast<bool>(std::getline(std::cin, *out));
  termios old{};
  tcgetattr(STDIN_FILENO, &old);
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string again;
  std::cerr << "Password: " << std::flush;
  const bool a = static_cast<bool>(std::getline(std::cin, *out));
  std::cerr << "\nAgain: " << std::flush;
  const bool b = static_cast<bool>(std::getline(std::cin, again));
  std::cerr << "\n";
  tcsetattr(STDIN_FILENO, TCSANOW, &old);
  if (a && b && *out != again) {
    std::cerr << "procura: the two passwords differ\n";
    return false;
  }
  return a && b;
}

// Opens the data dir's database and runs `fn` with an AccountService.
int WithAccounts(const UserOptions& o,
                 const std::function<Status(auth::AccountService&, const auth::Actor&)>& fn) {
  int code = 0;
  auto storage = OpenForCommand(o.database, o.data_dir, {}, &code);
  if (!storage) return code;
  const auto share = o.share_dir.empty() ? DefaultShareDir() : std::filesystem::path(o.share_dir);
  auto policy = auth::PasswordPolicy::Load(share / "data/security/common-passwords.txt");
  if (!policy.ok() || !auth::InitCrypto().ok()) {
    std::cerr << "procura: " << policy.status().message() << "\n";
    return kExitAssets;
  }
  auth::Audit audit(storage->audit());
  auth::AccountService accounts(*storage, *policy, audit);
  const Status s = fn(accounts, auth::Actor{std::nullopt, "cli", "local"});
  if (!s.ok()) {
    std::cerr << "procura: " << s.message() << "\n";
    return s.code() == Status::Code::kNotFound ? kExitFailure : kExitUsage;
  }
  return kExitOk;
}

CLI::App* Sub(CLI::App& user, const char* name, const char* help, UserOptions& o) {
  CLI::App* c = user.add_subcommand(name, help);
  c->add_option("--data", o.data_dir, "Data directory (SQLite)");
  AddDatabaseOption(c, &o.database);
  c->add_option("--share-dir", o.share_dir, "Directory with data/security/ (default: built-in)");
  return c;
}

// A subcommand on one account named on the command line ("name"); its
// callback runs `run` with the accounts service and prints nothing else.
using NamedAction =
    std::function<Status(auth::AccountService&, const auth::Actor&, const UserOptions&)>;
CLI::App* NameCommand(CLI::App& user, const char* name, const char* help,
                      const std::shared_ptr<UserOptions>& o, int* exit_code, NamedAction run) {
  CLI::App* c = Sub(user, name, help, *o);
  c->add_option("name", o->name, "Login name")->required();
  c->callback([o, exit_code, run = std::move(run)] {
    *exit_code = WithAccounts(
        *o, [&](auth::AccountService& a, const auth::Actor& by) { return run(a, by, *o); });
  });
  return c;
}

// The password for `add` and `passwd`, read from stdin: false (and a
// usage exit) without one.
bool PasswordFromStdin(std::string* pw, int* exit_code) {
  if (ReadPassword(pw)) return true;
  std::cerr << "procura: no password given on stdin\n";
  *exit_code = kExitUsage;
  return false;
}

void AddCreateCommands(CLI::App& user, const std::shared_ptr<UserOptions>& o, int* exit_code) {
  CLI::App* add = Sub(user, "add", "Add a user; the password is read from stdin", *o);
  add->add_option("name", o->name, "Login name")->required();
  add->add_option("--role", o->roles,
                  "admin, editor, reviewer, records-officer, branch-secretary or member; repeatable")
      ->required();
  add->add_option("--member", o->member_id,
                  "Link the account to this party member's record (a branch secretary's or a member's own)");
  add->callback([o, exit_code] {
    std::string pw;
    if (!PasswordFromStdin(&pw, exit_code)) return;
    *exit_code = WithAccounts(*o, [&](auth::AccountService& a, const auth::Actor& by) {
      auto id = a.AddUser(o->name, pw, o->roles, by);
      if (!id.ok()) return id.status();
      if (o->member_id > 0) PROCURA_RETURN_IF_ERROR(a.LinkMember(*id, o->member_id, by));
      std::cout << "added user " << o->name << " (id " << *id << ")\n";
      return Status::Ok();
    });
  });
  CLI::App* passwd = Sub(user, "passwd", "Set a user's password from stdin; ends their sessions", *o);
  passwd->add_option("name", o->name, "Login name")->required();
  passwd->callback([o, exit_code] {
    std::string pw;
    if (!PasswordFromStdin(&pw, exit_code)) return;
    *exit_code = WithAccounts(*o, [&](auth::AccountService& a, const auth::Actor& by) {
      Status s = a.SetPassword(o->name, pw, by);
      if (s.ok()) std::cout << "password set for " << o->name << "\n";
      return s;
    });
  });
}

void AddAccessCommands(CLI::App& user, const std::shared_ptr<UserOptions>& o, int* exit_code) {
  NameCommand(user, "disable", "Disable a user and end their sessions", o, exit_code,
              [](auth::AccountService& a, const auth::Actor& by, const UserOptions& u) {
                Status s = a.Disable(u.name, by);
                if (s.ok()) std::cout << "disabled " << u.name << "\n";
                return s;
              });
  NameCommand(user, "enable", "Enable a disabled user again (their old sessions, API tokens "
              "and calendar address stay ended)", o, exit_code,
              [](auth::AccountService& a, const auth::Actor& by, const UserOptions& u) {
                Status s = a.Enable(u.name, by);
                if (s.ok()) std::cout << "enabled " << u.name << "\n";
                return s;
              });
  auto label = std::make_shared<std::string>();
  CLI::App* token =
      NameCommand(user, "token", "Create an API token for /api/v1 (printed once)", o, exit_code,
                  [label](auth::AccountService& a, const auth::Actor& by, const UserOptions& u) {
                    auto t = a.CreateApiToken(u.name, *label, by);
                    if (t.ok()) std::cout << *t << "\n";
                    return t.status();
                  });
  token->add_option("--label", *label, "What the token is for");
  NameCommand(user, "revoke-tokens", "Revoke every API token of a user", o, exit_code,
              [](auth::AccountService& a, const auth::Actor& by, const UserOptions& u) {
                Status s = a.RevokeApiTokens(u.name, by);
                if (s.ok()) std::cout << "revoked the API tokens of " << u.name << "\n";
                return s;
              });
  NameCommand(user, "mfa-reset", "Turn off a user's two-step sign-in (lost phone)", o, exit_code,
              [](auth::AccountService& a, const auth::Actor& by, const UserOptions& u) {
                Status s = a.ResetMfa(u.name, by);
                if (s.ok()) std::cout << "two-step sign-in is off for " << u.name << "\n";
                return s;
              });
}

void AddListCommand(CLI::App& user, const std::shared_ptr<UserOptions>& o, int* exit_code) {
  CLI::App* list = Sub(user, "list", "List users with their roles", *o);
  list->callback([o, exit_code] {
    *exit_code = WithAccounts(*o, [&](auth::AccountService& a, const auth::Actor&) {
      auto users = a.ListUsers();
      if (!users.ok()) return users.status();
      for (const auto& u : *users) {
        std::string roles;
        for (const auto& r : u.roles) roles += (roles.empty() ? "" : ",") + r;
        std::cout << u.name << "\t" << roles << "\t" << (u.disabled ? "disabled" : "active")
                  << "\n";
      }
      return Status::Ok();
    });
  });
}

}  // namespace

void AddUserCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<UserOptions>();
  CLI::App* user = app.add_subcommand("user", "Manage newsroom accounts");
  user->require_subcommand(1);
  AddCreateCommands(*user, o, exit_code);
  AddAccessCommands(*user, o, exit_code);
  AddListCommand(*user, o, exit_code);
}

}  // namespace procura::app
