#include "storage/sql/sql.h"

namespace procura::sql {

Status Statement::Run() {
  for (;;) {
    auto r = Step();
    if (!r.ok()) return r.status();
    if (!*r) return Status::Ok();
  }
}

Result<std::int64_t> Statement::RunReturningId() {
  auto row = Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("the statement returned no row");
  const std::int64_t id = Int(0);
  PROCURA_RETURN_IF_ERROR(Run());  // finish the statement
  return id;
}

std::string EscapeLike(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace procura::sql
