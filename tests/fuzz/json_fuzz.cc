// libFuzzer target: JSON API bodies as the article, column and transition handlers
// read them: any input gives a value or an error, never an exception.
#include <cstddef>
#include <cstdint>
#include <limits>

#include "web/api/api_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using nlohmann::json;
  procura::http::Request req;
  req.body.assign(reinterpret_cast<const char*>(data), size);
  auto j = procura::web::ParseJsonObject(req);
  if (!j.ok()) return 0;
  (void)procura::web::ArticleInputFromJson(*j);
  procura::ColumnInput column;
  (void)procura::web::ColumnInputFromJson(*j, column);
  std::string s;
  std::optional<std::int64_t> n;
  bool b = false;
  (void)procura::web::GetString(*j, "reason", &s);
  (void)procura::web::GetInt(*j, "version", 1, std::numeric_limits<std::int64_t>::max(), &n);
  (void)procura::web::GetInt(*j, "position", 0, 1'000'000, &n);
  (void)procura::web::GetBool(*j, "hidden", &b);
  return 0;
}
