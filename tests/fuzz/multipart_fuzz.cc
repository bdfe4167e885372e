// libFuzzer target: multipart/form-data bodies (uploads). The first line of
// the input is the Content-Type, the rest the body.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::size_t nl = in.find('\n');
  if (nl == std::string_view::npos) return 0;
  auto parts = procura::http::ParseMultipart(in.substr(0, nl), in.substr(nl + 1));
  if (parts.ok()) (void)procura::http::FindPart(*parts, "file");
  return 0;
}
