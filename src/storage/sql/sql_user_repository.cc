// SqlUserRepository, the accounts: users, their roles, and the columns
// they review or edit. Sign-in state is in sql_user_sessions.cc.
#include "storage/sql/sql_user_repository.h"

#include <map>

namespace procura::sql {
namespace {

constexpr const char* kUserColumns =
    "id, name, display_name, password_hash, disabled, created_at, lang FROM users";

}  // namespace

Result<std::int64_t> SqlUserRepository::Changed(const char* sql,
                                               const std::function<void(Statement&)>& bind) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(sql);
  if (!st.ok()) return st.status();
  bind(*st);
  PROCURA_RETURN_IF_ERROR(st->Run());
  return st->Changes();
}

Status SqlUserRepository::RunWith(const char* sql, const std::function<void(Statement&)>& bind) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(sql);
  if (!st.ok()) return st.status();
  bind(*st);
  return st->Run();
}

Result<std::int64_t> SqlUserRepository::InsertUser(const UserRecord& u) {
  std::lock_guard lock(db_);
  std::int64_t id = 0;
  PROCURA_RETURN_IF_ERROR(db_.Atomically([&](Database& tx) -> Status {  // the user and roles, or nothing
    SqlUserRepository in_tx(tx);
    auto st = tx.Prepare(
        "INSERT INTO users (name, display_name, password_hash, disabled, created_at) "
        "VALUES (?, ?, ?, ?, ?) RETURNING id");
    if (!st.ok()) return st.status();
    st->Bind(1, u.name).Bind(2, u.display_name).Bind(3, u.password_hash);
    st->Bind(4, std::int64_t{u.disabled ? 1 : 0}).Bind(5, u.created_at);
    auto inserted = st->RunReturningId();
    if (!inserted.ok()) return inserted.status();
    id = *inserted;
    return in_tx.SetRoles(id, u.roles);
  }));
  return id;
}

Result<std::optional<UserRecord>> SqlUserRepository::FindUser(const char*, Statement& st) {
  auto row = st.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<UserRecord>();
  UserRecord u;
  u.id = st.Int(0);
  u.name = st.Text(1);
  u.display_name = st.Text(2);
  u.password_hash = st.Text(3);
  u.disabled = st.Int(4) != 0;
  u.created_at = st.Int(5);
  u.lang = st.Text(6);
  auto roles = db_.Prepare("SELECT role FROM user_roles WHERE user_id = ? ORDER BY role");
  if (!roles.ok()) return roles.status();
  roles->Bind(1, u.id);
  auto names = roles->Collect<std::string>([](const Statement& row) { return row.Text(0); });
  if (!names.ok()) return names.status();
  u.roles = std::move(*names);
  return std::optional<UserRecord>(std::move(u));
}

Result<std::optional<UserRecord>> SqlUserRepository::FindUserByName(const std::string& name) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string("SELECT ") + kUserColumns + " WHERE lower(name) = lower(?)");
  if (!st.ok()) return st.status();
  st->Bind(1, name);
  return FindUser("name", *st);
}

Result<std::optional<UserRecord>> SqlUserRepository::FindUserById(std::int64_t id) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string("SELECT ") + kUserColumns + " WHERE id = ?");
  if (!st.ok()) return st.status();
  st->Bind(1, id);
  return FindUser("id", *st);
}

Result<std::vector<UserRecord>> SqlUserRepository::ListUsers() {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(std::string("SELECT ") + kUserColumns + " ORDER BY lower(name), id");
  if (!st.ok()) return st.status();
  auto users = st->Collect<UserRecord>([](const Statement& row) -> UserRecord {
    return {row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Int(4) != 0, row.Int(5), {}};
  });
  if (!users.ok()) return users.status();
  std::vector<UserRecord> out = std::move(*users);
  std::map<std::int64_t, size_t> index;
  for (size_t i = 0; i < out.size(); ++i) index[out[i].id] = i;
  auto roles = db_.Prepare("SELECT user_id, role FROM user_roles ORDER BY role");
  if (!roles.ok()) return roles.status();
  for (;;) {
    auto row = roles->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    if (auto it = index.find(roles->Int(0)); it != index.end())
      out[it->second].roles.push_back(roles->Text(1));
  }
  return out;
}

Status SqlUserRepository::UpdatePasswordHash(std::int64_t id, const std::string& hash) {
  return RunWith("UPDATE users SET password_hash = ? WHERE id = ?",
                 [&](Statement& st) { st.Bind(1, hash).Bind(2, id); });
}

Status SqlUserRepository::SetDisabled(std::int64_t id, bool disabled) {
  return RunWith("UPDATE users SET disabled = ? WHERE id = ?",
                 [&](Statement& st) { st.Bind(1, std::int64_t{disabled ? 1 : 0}).Bind(2, id); });
}

Status SqlUserRepository::SetLanguage(std::int64_t id, const std::string& lang) {
  return RunWith("UPDATE users SET lang = ? WHERE id = ?",
                 [&](Statement& st) { st.Bind(1, lang).Bind(2, id); });
}

Status SqlUserRepository::SetRoles(std::int64_t id, const std::vector<std::string>& roles) {
  std::lock_guard lock(db_);
  return db_.Atomically([&](Database& tx) -> Status {
    SqlUserRepository in_tx(tx);
    PROCURA_RETURN_IF_ERROR(in_tx.RunWith("DELETE FROM user_roles WHERE user_id = ?",
                                    [&](Statement& st) { st.Bind(1, id); }));
    for (const auto& role : roles) {
      PROCURA_RETURN_IF_ERROR(
          in_tx.RunWith("INSERT INTO user_roles (user_id, role) VALUES (?, ?) ON CONFLICT (user_id, role) DO NOTHING",
                  [&](Statement& st) { st.Bind(1, id).Bind(2, role); }));
    }
    return Status::Ok();
  });
}

Result<std::vector<std::int64_t>> SqlUserRepository::Ids(const char* sql, std::int64_t arg) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(sql);
  if (!st.ok()) return st.status();
  st->Bind(1, arg);
  return st->Collect<std::int64_t>([](const Statement& row) { return row.Int(0); });
}

Result<std::vector<std::int64_t>> SqlUserRepository::ReviewerColumns(std::int64_t user_id) {
  return Ids("SELECT column_id FROM column_reviewers WHERE user_id = ? ORDER BY column_id",
             user_id);
}

Result<std::vector<std::int64_t>> SqlUserRepository::ColumnReviewers(std::int64_t column_id) {
  return Ids("SELECT user_id FROM column_reviewers WHERE column_id = ? ORDER BY user_id",
             column_id);
}

Result<std::vector<ReviewerGrant>> SqlUserRepository::Grants(const char* sql, std::int64_t arg) {
  std::lock_guard lock(db_);
  auto st = db_.Prepare(sql);
  if (!st.ok()) return st.status();
  st->Bind(1, arg);
  return st->Collect<ReviewerGrant>([](const Statement& row) {
    return ReviewerGrant{row.Int(0), static_cast<int>(row.Int(1))};
  });
}

Result<std::vector<ReviewerGrant>> SqlUserRepository::ColumnReviewerGrants(
    std::int64_t column_id) {
  return Grants("SELECT user_id, steps FROM column_reviewers WHERE column_id = ? ORDER BY user_id",
                column_id);
}

Result<std::vector<ReviewerGrant>> SqlUserRepository::ReviewerGrants(std::int64_t user_id) {
  return Grants(
      "SELECT column_id, steps FROM column_reviewers WHERE user_id = ? ORDER BY column_id",
      user_id);
}

Status SqlUserRepository::SetColumnReviewers(std::int64_t column_id,
                                             const std::vector<ReviewerGrant>& grants) {
  for (const auto& g : grants)
    if (g.steps < 1 || g.steps > kAllReviewSteps)
      return Status::Invalid("review steps must be a mask of 1 to 7");
  std::lock_guard lock(db_);
  return db_.Atomically([&](Database& tx) -> Status {
    SqlUserRepository in_tx(tx);
    PROCURA_RETURN_IF_ERROR(in_tx.RunWith("DELETE FROM column_reviewers WHERE column_id = ?",
                                          [&](Statement& st) { st.Bind(1, column_id); }));
    for (const auto& g : grants) {
      PROCURA_RETURN_IF_ERROR(in_tx.RunWith(
          "INSERT INTO column_reviewers (column_id, user_id, steps) VALUES (?, ?, ?) "
          "ON CONFLICT DO NOTHING",
          [&](Statement& st) {
            st.Bind(1, column_id).Bind(2, g.user_id).Bind(3, std::int64_t{g.steps});
          }));
    }
    return Status::Ok();
  });
}

Result<std::vector<std::int64_t>> SqlUserRepository::EditorColumns(std::int64_t user_id) {
  return Ids("SELECT column_id FROM column_editors WHERE user_id = ? ORDER BY column_id", user_id);
}

Result<std::vector<std::int64_t>> SqlUserRepository::ColumnEditors(std::int64_t column_id) {
  return Ids("SELECT user_id FROM column_editors WHERE column_id = ? ORDER BY user_id",
             column_id);
}

Status SqlUserRepository::SetColumnEditors(std::int64_t column_id,
                                              const std::vector<std::int64_t>& user_ids) {
  return ReplaceColumnUsers("column_editors", column_id, user_ids);
}

Status SqlUserRepository::ReplaceColumnUsers(const std::string& table, std::int64_t column_id,
                                                const std::vector<std::int64_t>& user_ids) {
  std::lock_guard lock(db_);
  return db_.Atomically([&](Database& tx) -> Status {
    SqlUserRepository in_tx(tx);
    PROCURA_RETURN_IF_ERROR(in_tx.RunWith(("DELETE FROM " + table + " WHERE column_id = ?").c_str(),
                                    [&](Statement& st) { st.Bind(1, column_id); }));
    for (auto uid : user_ids) {
      PROCURA_RETURN_IF_ERROR(in_tx.RunWith(
          ("INSERT INTO " + table + " (column_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
              .c_str(),
          [&](Statement& st) { st.Bind(1, column_id).Bind(2, uid); }));
    }
    return Status::Ok();
  });
}

}  // namespace procura::sql
