// The workflow tests' fixture: an SQLite storage in a temporary directory
// with two columns (party-building, notices), an editor, a reviewer of
// the party column, an admin and a reviewer of the notices column.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "auth/audit.h"
#include "content/markdown_sandbox.h"
#include "content/workflow.h"
#include "core/events.h"

namespace procura::testing_support {

namespace fs = std::filesystem;
using auth::Principal;
using auth::Role;

class WorkflowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("procura-wf-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    storage_ = std::move(OpenSqliteStorage(dir_)).value();
    ColumnRecord c;
    c.slug = "party-building";
    c.name = "Party Building";
    party_ = *storage_->content().InsertColumn(c);
    c.slug = "notices";
    c.name = "Notices";
    notices_ = *storage_->content().InsertColumn(c);
    audit_ = std::make_unique<auth::Audit>(storage_->audit());
    wf_ = std::make_unique<ArticleWorkflow>(*storage_, *audit_, bus_, renderer_);
    bus_.Subscribe([this](const ContentChanged&) { ++public_changes_; });
    auto user = [&](const char* name) {
      UserRecord u;
      u.name = name;
      u.password_hash = "$argon2id$unused";
      return *storage_->users().InsertUser(u);
    };
    editor_ = {user("ed"), "ed", {Role::kEditor}, {}};
    reviewer_ = {user("rev"), "rev", {Role::kReviewer}, {party_}};
    admin_ = {user("adm"), "adm", {Role::kAdmin}, {}};
    other_ = {user("rev2"), "rev2", {Role::kReviewer}, {notices_}};
  }
  void TearDown() override {
    wf_.reset();
    storage_.reset();
    fs::remove_all(dir_);
  }
  ArticleInput Input(std::string title = "Branch secretaries trained") {
    ArticleInput in;
    in.column_id = party_;
    in.title = std::move(title);
    in.body_md = "The class was held.";
    return in;
  }
  ArticleRecord Get(std::int64_t id) { return **storage_->content().GetArticle(id); }
  std::int64_t V(std::int64_t id) { return Get(id).version; }
  // A second reviewer of the party column.
  Principal other_with_party() {
    Principal p = other_;
    p.reviewer_columns.insert(party_);
    return p;
  }

  fs::path dir_;
  std::unique_ptr<Storage> storage_;
  std::unique_ptr<auth::Audit> audit_;
  SandboxedRenderer renderer_;
  EventBus bus_;
  std::unique_ptr<ArticleWorkflow> wf_;
  int public_changes_ = 0;
  std::int64_t party_ = 0, notices_ = 0;
  Principal editor_, reviewer_, admin_, other_;
  auth::Actor actor_{std::nullopt, "t", "127.0.0.1"};
};

}  // namespace procura::testing_support
