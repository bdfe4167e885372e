#include "app/cmd_article.h"

#include <iostream>

#include "app/database.h"
#include "app/exit_codes.h"
#include "app/paths.h"
#include "auth/audit.h"
#include "content/markdown_sandbox.h"
#include "content/workflow.h"
#include "core/events.h"

namespace procura::app {
namespace {

struct ArticleOptions {
  std::string data_dir, reason, database;
  std::int64_t id = 0;
};

// Opens the data dir and runs `fn` with a workflow acting as the local
// operator: the reviewer of the article's column, audited as "cli".
int WithWorkflow(const ArticleOptions& o,
                 const std::function<Status(ArticleWorkflow&, const auth::Principal&,
                                            const auth::Actor&)>& fn) {
  int code = 0;
  auto storage = OpenForCommand(o.database, o.data_dir, {.check_integrity = false}, &code);
  if (!storage) return code;
  auth::Audit audit(storage->audit());
  EventBus events;  // nobody listens here: a running server follows the change log
  SandboxedRenderer renderer;
  ArticleWorkflow workflow(*storage, audit, events, renderer);
  const Status s = [&]() -> Status {
    auto article = storage->content().GetArticle(o.id);
    if (!article.ok()) return article.status();
    if (!article->has_value()) return Status::NotFound("no such article");
    const auth::Principal operator_{0, "cli", {auth::Role::kReviewer}, {(*article)->column_id}, {}};
    return fn(workflow, operator_, auth::Actor{std::nullopt, "cli", "local"});
  }();
  if (!s.ok()) {
    std::cerr << "procura: article " << o.id << ": " << s.message() << "\n";
    return s.code() == Status::Code::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  return kExitOk;
}

}  // namespace

void AddArticleCommand(CLI::App& app, int* exit_code) {
  CLI::App* article = app.add_subcommand("article", "Withdraw or republish an article");
  article->require_subcommand(1);
  auto o = std::make_shared<ArticleOptions>();

  CLI::App* withdraw = article->add_subcommand("withdraw", "Take a published article off the site");
  withdraw->add_option("--data", o->data_dir, "Data directory (SQLite)");
  AddDatabaseOption(withdraw, &o->database);
  withdraw->add_option("--id", o->id, "The article's number")->required();
  withdraw->add_option("--reason", o->reason, "Why (kept in the audit log)")->required();
  withdraw->callback([o, exit_code] {
    *exit_code = WithWorkflow(*o, [&](ArticleWorkflow& wf, const auth::Principal& who,
                                      const auth::Actor& actor) {
      return wf.Withdraw(o->id, o->reason, who, actor);
    });
    if (*exit_code == kExitOk) std::cout << "withdrew article " << o->id << "\n";
  });

  CLI::App* republish = article->add_subcommand("republish", "Put a withdrawn article back");
  republish->add_option("--data", o->data_dir, "Data directory (SQLite)");
  AddDatabaseOption(republish, &o->database);
  republish->add_option("--id", o->id, "The article's number")->required();
  republish->callback([o, exit_code] {
    *exit_code = WithWorkflow(*o, [&](ArticleWorkflow& wf, const auth::Principal& who,
                                      const auth::Actor& actor) {
      return wf.Republish(o->id, who, actor);
    });
    if (*exit_code == kExitOk) std::cout << "republished article " << o->id << "\n";
  });
}

}  // namespace procura::app
