// MailboxRepository over the SQL layer (both backends).
#pragma once

#include <functional>
#include <mutex>

#include "storage/mailbox_repository.h"
#include "storage/sql/sql.h"

namespace procura::sql {

class SqlMailboxRepository final : public MailboxRepository {
 public:
  explicit SqlMailboxRepository(Database& db) : db_(db) {}
  Result<std::vector<MessageBoxRecord>> ListBoxes() override;
  Status UpdateBox(const MessageBoxRecord& b) override;
  Result<std::int64_t> InsertMessage(const MessageRecord& m) override;
  Result<std::optional<MessageRecord>> GetMessage(std::int64_t id) override;
  Result<std::optional<MessageRecord>> FindMessageByCode(const std::string& code_hash) override;
  Result<std::vector<MessageRecord>> ListMessages(const MessageFilter& f) override;
  Status UpdateMessage(const MessageRecord& m) override;
  Result<int> CountHit(const std::string& key_hash, UnixSeconds window_start) override;
  Result<std::vector<CalendarDay>> ListCalendar() override;
  Status ReplaceCalendar(const std::vector<CalendarDay>& days) override;

 private:
  Result<std::vector<MessageRecord>> Select(const std::string& where,
                                            const std::function<void(Statement&)>& bind);
  Database& db_;
};

}  // namespace procura::sql
