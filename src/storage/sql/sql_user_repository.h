// UserRepository over the SQL layer (both backends).
#pragma once

#include <functional>
#include <mutex>

#include "storage/newsroom_repositories.h"
#include "storage/sql/sql.h"

namespace procura::sql {

class SqlUserRepository final : public UserRepository {
 public:
  SqlUserRepository(Database& db) : db_(db) {}

  Result<std::int64_t> InsertUser(const UserRecord& u) override;
  Result<std::optional<UserRecord>> FindUserByName(const std::string& name) override;
  Result<std::optional<UserRecord>> FindUserById(std::int64_t id) override;
  Result<std::vector<UserRecord>> ListUsers() override;
  Status UpdatePasswordHash(std::int64_t user_id, const std::string& hash) override;
  Status SetDisabled(std::int64_t user_id, bool disabled) override;
  Status SetLanguage(std::int64_t user_id, const std::string& lang) override;
  Status SetRoles(std::int64_t user_id, const std::vector<std::string>& roles) override;
  Result<std::vector<std::int64_t>> ReviewerColumns(std::int64_t user_id) override;
  Result<std::vector<std::int64_t>> ColumnReviewers(std::int64_t column_id) override;
  Result<std::vector<std::int64_t>> EditorColumns(std::int64_t user_id) override;
  Result<std::vector<std::int64_t>> ColumnEditors(std::int64_t column_id) override;
  Status SetColumnEditors(std::int64_t column_id,
                          const std::vector<std::int64_t>& user_ids) override;
  Result<std::vector<ReviewerGrant>> ColumnReviewerGrants(std::int64_t column_id) override;
  Result<std::vector<ReviewerGrant>> ReviewerGrants(std::int64_t user_id) override;
  Status SetColumnReviewers(std::int64_t column_id,
                            const std::vector<ReviewerGrant>& grants) override;
  Status InsertSession(const SessionRecord& s) override;
  Result<std::optional<SessionRecord>> FindSession(const std::string& token_hash) override;
  Status TouchSession(const std::string& token_hash, UnixSeconds at) override;
  Status DeleteSession(const std::string& token_hash) override;
  Status DeleteUserSessions(std::int64_t user_id) override;
  Result<std::vector<SessionRecord>> ListUserSessions(std::int64_t user_id) override;
  Result<int> DeleteOtherSessions(std::int64_t user_id, const std::string& keep) override;
  Status InsertApiToken(std::int64_t user_id, const std::string& token_hash,
                        const std::string& label, UnixSeconds at) override;
  Result<std::optional<std::int64_t>> FindApiTokenUser(const std::string& token_hash) override;
  Status RevokeApiTokens(std::int64_t user_id) override;
  Status PutCalendarLink(std::int64_t user_id, const std::string& token_hash,
                         UnixSeconds at) override;
  Status DeleteCalendarLink(std::int64_t user_id) override;
  Result<std::optional<CalendarLinkRecord>> GetCalendarLink(std::int64_t user_id) override;
  Result<std::optional<std::int64_t>> FindCalendarLinkUser(const std::string& token_hash) override;
  Status TouchCalendarLink(std::int64_t user_id, UnixSeconds at, UnixSeconds every) override;
  Status RecordLoginFailure(const std::string& name, const std::string& client,
                            UnixSeconds at) override;
  Result<std::pair<int, UnixSeconds>> LoginFailures(const std::string& name,
                                                    const std::string& client) override;
  Result<int> ClientFailuresSince(const std::string& client, UnixSeconds since) override;
  Status ClearLoginFailures(const std::string& name, const std::string& client) override;
  Result<TotpState> GetTotp(std::int64_t user_id) override;
  Status SetTotp(std::int64_t user_id, const TotpState& state) override;
  Result<bool> AdvanceTotpStep(std::int64_t user_id, std::int64_t step) override;
  Status ReplaceRecoveryCodes(std::int64_t user_id,
                              const std::vector<std::string>& code_hashes) override;
  Result<bool> UseRecoveryCode(std::int64_t user_id, const std::string& code_hash,
                               UnixSeconds at) override;
  Result<int> RecoveryCodesLeft(std::int64_t user_id) override;
  Status InsertMfaTicket(const std::string& token_hash, std::int64_t user_id,
                         UnixSeconds at) override;
  Result<std::optional<std::pair<std::int64_t, UnixSeconds>>> FindMfaTicket(
      const std::string& token_hash) override;
  Status DeleteMfaTicket(const std::string& token_hash) override;
  Result<int> SweepSessions(UnixSeconds idle_before, UnixSeconds created_before) override;
  Result<int> SweepLoginThrottle(UnixSeconds before) override;
  Result<int> SweepMfaTickets(UnixSeconds before) override;

 private:
  // Replaces the users of `column_id` in `table` (an internal table name).
  // (id or column, steps) rows of `sql`, bound to `arg`.
  Result<std::vector<ReviewerGrant>> Grants(const char* sql, std::int64_t arg);
  Status ReplaceColumnUsers(const std::string& table, std::int64_t column_id,
                            const std::vector<std::int64_t>& user_ids);
  Result<std::optional<UserRecord>> FindUser(const char* where, Statement& st);
  Result<std::vector<std::int64_t>> Ids(const char* sql, std::int64_t arg);
  // The user id `sql` selects for a token's hash (its one parameter), or nullopt.
  Result<std::optional<std::int64_t>> UserOfHash(const char* sql, const std::string& hash);
  Status RunWith(const char* sql, const std::function<void(Statement&)>& bind);
  // Runs `sql` and returns how many rows it changed.
  Result<std::int64_t> Changed(const char* sql, const std::function<void(Statement&)>& bind);
  Result<int> Count(const char* sql, const std::string& key, UnixSeconds since);
  Database& db_;
};

}  // namespace procura::sql
