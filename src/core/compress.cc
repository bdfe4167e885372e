#include "core/compress.h"

#include <brotli/encode.h>
#include <libdeflate.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <vector>

namespace procura {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The q-value of one list element ("gzip;q=0.5" → 0.5; no q → 1).
double QValue(std::string_view params) {
  for (std::size_t at = 0; at < params.size();) {
    const std::size_t semi = params.find(';', at);
    std::string_view p = Trim(params.substr(at, semi == std::string_view::npos ? semi : semi - at));
    if (p.size() >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
      const std::string v(Trim(p.substr(2)));
      char* end = nullptr;
      const double q = std::strtod(v.c_str(), &end);
      return end && *end == '\0' && q >= 0 && q <= 1 ? q : 0;
    }
    if (semi == std::string_view::npos) break;
    at = semi + 1;
  }
  return 1;
}

}  // namespace

std::string GzipBytes(std::string_view in, int level) {
  // One compressor per thread and level: allocating one costs more than
  // compressing a page.
  struct Compressors {
    std::array<libdeflate_compressor*, 13> by_level{};
    ~Compressors() {
      for (auto* c : by_level)
        if (c) libdeflate_free_compressor(c);
    }
  };
  thread_local Compressors cache;
  level = std::clamp(level, 1, 12);
  libdeflate_compressor*& c = cache.by_level[level];
  if (!c) c = libdeflate_alloc_compressor(level);
  if (!c) return {};
  std::string out(libdeflate_gzip_compress_bound(c, in.size()), '\0');
  const std::size_t n = libdeflate_gzip_compress(c, in.data(), in.size(), out.data(), out.size());
  out.resize(n);
  return out;
}

// The brotli encoder allocates its hash tables and ring buffer afresh for
// every stream (version 1.0.9 cannot reset one). Large blocks come from
// mmap and go back to the kernel on free, so each page paid for page faults
// and zeroed memory. This arena keeps the memory of one thread's encoder
// between streams: blocks are handed out from it and all of them are given
// back when the stream is done.
class EncoderArena {
 public:
  static void* Alloc(void* self, std::size_t n) { return static_cast<EncoderArena*>(self)->Take(n); }
  static void Free(void*, void*) {}  // everything goes back in Reset
  void Reset() {
    used_ = 0;
    overflow_.clear();
  }

 private:
  // Kept per thread; a page's encoder (window 16) uses a small part of it,
  // and a stream that needs more borrows the rest until Reset.
  static constexpr std::size_t kBytes = 8u << 20;
  void* Take(std::size_t n) {
    n = (n + 63) & ~std::size_t{63};
    if (!block_) block_.reset(static_cast<std::byte*>(std::aligned_alloc(64, kBytes)));
    if (block_ && used_ + n <= kBytes) {
      void* p = block_.get() + used_;
      used_ += n;
      return p;
    }
    overflow_.emplace_back(static_cast<std::byte*>(std::aligned_alloc(64, n)));
    return overflow_.back().get();
  }
  struct Release {
    void operator()(std::byte* p) const { std::free(p); }
  };
  std::unique_ptr<std::byte[], Release> block_;
  std::vector<std::unique_ptr<std::byte[], Release>> overflow_;
  std::size_t used_ = 0;
};

// The smallest window that holds the whole input (a brotli window is
// 2^lgwin − 16 bytes): a larger one finds nothing more and costs time.
int WindowBitsFor(std::size_t n) {
  int bits = BROTLI_MIN_WINDOW_BITS;
  while (bits < BROTLI_DEFAULT_WINDOW && (std::size_t{1} << bits) - 16 < n) ++bits;
  return bits;
}

std::string BrotliBytes(std::string_view in, int quality) {
  thread_local EncoderArena arena;
  arena.Reset();
  BrotliEncoderState* s = BrotliEncoderCreateInstance(&EncoderArena::Alloc, &EncoderArena::Free, &arena);
  if (!s) return {};
  BrotliEncoderSetParameter(s, BROTLI_PARAM_QUALITY, static_cast<std::uint32_t>(quality));
  BrotliEncoderSetParameter(s, BROTLI_PARAM_LGWIN, static_cast<std::uint32_t>(WindowBitsFor(in.size())));
  BrotliEncoderSetParameter(s, BROTLI_PARAM_MODE, BROTLI_MODE_TEXT);
  BrotliEncoderSetParameter(s, BROTLI_PARAM_SIZE_HINT,
                            static_cast<std::uint32_t>(std::min<std::size_t>(in.size(), 1u << 30)));
  std::string out(BrotliEncoderMaxCompressedSize(in.size()) + 64, '\0');
  std::size_t in_left = in.size(), out_left = out.size();
  const auto* next_in = reinterpret_cast<const std::uint8_t*>(in.data());
  auto* next_out = reinterpret_cast<std::uint8_t*>(out.data());
  const bool ok = BrotliEncoderCompressStream(s, BROTLI_OPERATION_FINISH, &in_left, &next_in,
                                              &out_left, &next_out, nullptr) &&
                  BrotliEncoderIsFinished(s);
  BrotliEncoderDestroyInstance(s);
  arena.Reset();
  if (!ok) return {};
  out.resize(out.size() - out_left);
  return out;
}

CompressedVariants CompressVariants(std::string_view body, CompressionLevels levels) {
  CompressedVariants v;
  if (body.size() < kMinCompressBytes) return v;
  if (std::string gz = GzipBytes(body, levels.gzip); !gz.empty() && gz.size() < body.size())
    v.gzip = std::make_shared<const std::string>(std::move(gz));
  // A .br no smaller than the .gz is not made: brotli is preferred when
  // both are there, so it would only cost the reader bytes.
  const std::size_t beat = v.gzip ? v.gzip->size() : body.size();
  if (levels.brotli < 0) return v;
  if (std::string br = BrotliBytes(body, levels.brotli); !br.empty() && br.size() < beat)
    v.brotli = std::make_shared<const std::string>(std::move(br));
  return v;
}

bool IsCompressibleType(std::string_view mime) {
  const std::string_view type = mime.substr(0, mime.find(';'));
  return type.starts_with("text/") || type == "application/json" ||
         type == "application/javascript" || type == "application/xml" ||
         type == "application/rss+xml" || type == "application/atom+xml" ||
         type == "image/svg+xml";
}

ContentCoding NegotiateCoding(std::string_view header, bool have_gzip, bool have_brotli) {
  std::optional<double> gzip, br, any;
  for (std::size_t at = 0; at <= header.size();) {
    const std::size_t comma = header.find(',', at);
    const std::string_view item =
        Trim(header.substr(at, comma == std::string_view::npos ? std::string_view::npos : comma - at));
    const std::size_t semi = item.find(';');
    const std::string_view coding = Trim(item.substr(0, semi));
    const double q = semi == std::string_view::npos ? 1 : QValue(item.substr(semi + 1));
    if (EqualsNoCase(coding, "br")) br = q;
    else if (EqualsNoCase(coding, "gzip") || EqualsNoCase(coding, "x-gzip")) gzip = q;
    else if (coding == "*") any = q;
    if (comma == std::string_view::npos) break;
    at = comma + 1;
  }
  const double q_br = br.value_or(any.value_or(0)), q_gzip = gzip.value_or(any.value_or(0));
  if (have_brotli && q_br > 0 && q_br >= q_gzip) return ContentCoding::kBrotli;
  if (have_gzip && q_gzip > 0) return ContentCoding::kGzip;
  if (have_brotli && q_br > 0) return ContentCoding::kBrotli;
  return ContentCoding::kIdentity;
}

std::string_view CodingName(ContentCoding c) {
  switch (c) {
    case ContentCoding::kGzip: return "gzip";
    case ContentCoding::kBrotli: return "br";
    case ContentCoding::kIdentity: break;
  }
  return "";
}

}  // namespace procura
