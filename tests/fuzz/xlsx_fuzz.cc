// libFuzzer target: XLSX imports (zip with minizip, XML with expat).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tabular/table.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)procura::tabular::ReadXlsx(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
