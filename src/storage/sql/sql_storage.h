// What the SQLite and PostgreSQL storages share: the repositories, each
// over the backend's sql::Database, and the settings kept in `meta`. A
// backend derives from it and adds transactions, health and its own
// services. The repositories hold only a reference to the database, so a
// SqlStorage over a transaction's context (PostgreSQL) costs nothing to
// make for each transaction.
#pragma once

#include "storage/sql/sql.h"
#include "storage/sql/sql_attendance_repository.h"
#include "storage/sql/sql_branch_life_repository.h"
#include "storage/sql/sql_change_log.h"
#include "storage/sql/sql_content_repository.h"
#include "storage/sql/sql_dues_repository.h"
#include "storage/sql/sql_inspection_repository.h"
#include "storage/sql/sql_mailbox_repository.h"
#include "storage/sql/sql_newsroom_repositories.h"
#include "storage/sql/sql_org_repository.h"
#include "storage/sql/sql_safety_repository.h"
#include "storage/sql/sql_training_repository.h"
#include "storage/sql/sql_user_repository.h"
#include "storage/storage.h"

namespace procura::sql {

class SqlStorage : public Storage {
 public:
  ContentRepository& content() override { return content_; }
  ArticleRepository& articles() override { return articles_; }
  UserRepository& users() override { return users_; }
  AuditRepository& audit() override { return audit_; }
  OrgRepository& org() override { return org_; }
  TrainingRepository& training() override { return training_; }
  AttendanceRepository& attendance() override { return attendance_; }
  ChangeLogRepository& changes() override { return changes_; }
  SafetyRepository& safety() override { return safety_; }
  MailboxRepository& mailbox() override { return mailbox_; }
  InspectionRepository& inspection() override { return inspection_; }
  BranchLifeRepository& branch_life() override { return branch_life_; }
  DuesRepository& dues() override { return dues_; }

  Result<std::string> SharedSecret(const std::string& name,
                                   const std::function<std::string()>& make) override {
    return SharedMetaValue(db_, "secret:" + name, make);
  }

 protected:
  Database& db() { return db_; }
  // `db` must outlive this object (the derived storage owns it, or it is
  // a transaction's context that outlives the transaction's storage).
  explicit SqlStorage(Database& db)
      : db_(db),
        content_(db),
        articles_(db),
        users_(db),
        audit_(db),
        org_(db),
        training_(db),
        attendance_(db),
        changes_(db),
        safety_(db),
        mailbox_(db),
        inspection_(db),
        branch_life_(db),
        dues_(db) {}

 private:
  Database& db_;
  SqlContentRepository content_;
  SqlArticleRepository articles_;
  SqlUserRepository users_;
  SqlAuditRepository audit_;
  SqlOrgRepository org_;
  SqlTrainingRepository training_;
  SqlAttendanceRepository attendance_;
  SqlChangeLog changes_;
  SqlSafetyRepository safety_;
  SqlMailboxRepository mailbox_;
  SqlInspectionRepository inspection_;
  SqlBranchLifeRepository branch_life_;
  SqlDuesRepository dues_;
};

}  // namespace procura::sql
