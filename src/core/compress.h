// Precompressed response bodies: gzip (libdeflate) and brotli (libbrotlienc)
// variants made once, when a page is cached or an asset loaded, and the
// Accept-Encoding negotiation that picks one per request. Nothing here is
// done per request but the negotiation.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace procura {

// Bodies shorter than this are sent as they are (a variant would not pay
// for its header).
inline constexpr std::size_t kMinCompressBytes = 256;

// Quality for variants made while serving (a cache fill on a request's
// thread) and for those made ahead of time (assets at start, the export).
struct CompressionLevels {
  int gzip = 6;    // libdeflate 1..12
  int brotli = 5;  // 0..11; -1 for no brotli variant
};
inline constexpr CompressionLevels kServingLevels{6, 5};
inline constexpr CompressionLevels kAheadLevels{12, 11};
// The static export's .gz and .br files. Brotli below 5 is cheaper but, on
// a typical article page, no smaller than gzip 6 (7,038 bytes at 4 against
// 6,751), so it would only cost readers bytes; at 5 the .br is 11% smaller.
inline constexpr CompressionLevels kExportLevels{6, 5};

enum class ContentCoding { kIdentity, kGzip, kBrotli };

// `in` as a gzip member (RFC 1952) / a brotli stream (RFC 7932). Both keep
// their encoder's memory per thread between calls; brotli's window is the
// smallest that holds `in`. Empty on failure.
std::string GzipBytes(std::string_view in, int level);
std::string BrotliBytes(std::string_view in, int quality);

// The variants of one body; a variant is null when the body is short, or
// when compressing did not make it smaller (brotli: smaller than gzip's).
struct CompressedVariants {
  std::shared_ptr<const std::string> gzip, brotli;
};
CompressedVariants CompressVariants(std::string_view body, CompressionLevels levels);

// True for types worth compressing: text/*, JSON, XML, JavaScript, SVG.
bool IsCompressibleType(std::string_view mime);

// The coding to send for an Accept-Encoding header value, among those
// available: brotli before gzip, each only with a q-value above 0 (a
// "*" entry stands for any coding not named). Identity otherwise.
ContentCoding NegotiateCoding(std::string_view accept_encoding, bool have_gzip, bool have_brotli);

// "gzip" / "br" / "" for identity.
std::string_view CodingName(ContentCoding c);

}  // namespace procura
