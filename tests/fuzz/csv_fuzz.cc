// libFuzzer target: CSV imports, and the formula-safe writer on what they read.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tabular/table.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto rows = procura::tabular::ParseCsv(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!rows.ok() || rows->empty()) return 0;
  for (const auto& row : *rows)
    for (const auto& cell : row) {
      const std::string out = procura::tabular::CsvField(cell);
      // A cell must never come out starting a formula.
      if (!out.empty() && (out[0] == '=' || out[0] == '+' || out[0] == '-' || out[0] == '@'))
        __builtin_trap();
    }
  return 0;
}
