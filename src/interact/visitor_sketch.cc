#include "interact/visitor_sketch.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

namespace procura::interact {
namespace {

constexpr int kValueBits = 64 - VisitorSketch::kIndexBits;        // q in Ertl's paper
constexpr int kSparseValueBits = 64 - VisitorSketch::kSparseIndexBits;
constexpr int kExtraBits = VisitorSketch::kSparseIndexBits - VisitorSketch::kIndexBits;

// 1 + the leading zeros of the top `bits` bits of `v` (bits + 1 if all zero).
std::uint8_t Rank(std::uint64_t v, int bits) {
  return static_cast<std::uint8_t>(v == 0 ? bits + 1 : std::min(std::countl_zero(v), bits) + 1);
}

std::uint32_t Bucket(std::uint32_t entry) { return entry >> 6; }
std::uint8_t EntryRank(std::uint32_t entry) { return entry & 63; }

// sigma(x) = x + sum_k x^(2^k) 2^(k-1), for the empty registers' share x.
double Sigma(double x) {
  if (x == 1) return std::numeric_limits<double>::infinity();
  double y = 1, z = x;
  for (;;) {
    x *= x;
    const double before = z;
    z += x * y;
    y += y;
    if (z == before) return z;
  }
}

// tau(x) = (1 - x - sum_k (1 - x^(2^-k))^2 2^-k) / 3, for the saturated
// registers' share x.
double Tau(double x) {
  if (x == 0 || x == 1) return 0;
  double y = 1, z = 1 - x;
  for (;;) {
    x = std::sqrt(x);
    const double before = z;
    y *= 0.5;
    z -= (1 - x) * (1 - x) * y;
    if (z == before) return z / 3;
  }
}

}  // namespace

bool VisitorSketch::Add(std::uint64_t hash) {
  if (dense())
    return AddDense(hash >> kValueBits, Rank(hash << kIndexBits, kValueBits));
  const auto bucket = static_cast<std::uint32_t>(hash >> kSparseValueBits);
  return AddSparse(bucket << 6 | Rank(hash << kSparseIndexBits, kSparseValueBits));
}

bool VisitorSketch::AddSparse(std::uint32_t entry) {
  auto at = std::lower_bound(entries_.begin(), entries_.end(), entry,
                             [](std::uint32_t a, std::uint32_t b) { return Bucket(a) < Bucket(b); });
  if (at != entries_.end() && Bucket(*at) == Bucket(entry)) {
    if (EntryRank(*at) >= EntryRank(entry)) return false;
    *at = entry;
    return true;
  }
  entries_.insert(at, entry);
  if (entries_.size() > kSparseMax) MakeDense();
  return true;
}

bool VisitorSketch::AddDense(std::size_t index, std::uint8_t rank) {
  if (registers_[index] >= rank) return false;
  registers_[index] = rank;
  return true;
}

bool VisitorSketch::AddEntry(std::uint32_t entry) {
  if (!dense()) return AddSparse(entry);
  // The bucket's low bits are the first value bits of the dense layout.
  const std::uint32_t extra = Bucket(entry) & ((1u << kExtraBits) - 1);
  const std::uint8_t rank = extra != 0
                                ? Rank(std::uint64_t{extra} << (64 - kExtraBits), kExtraBits)
                                : static_cast<std::uint8_t>(kExtraBits + EntryRank(entry));
  return AddDense(Bucket(entry) >> kExtraBits, rank);
}

void VisitorSketch::MakeDense() {
  const std::vector<std::uint32_t> entries = std::move(entries_);
  entries_ = {};
  registers_.assign(kRegisters, 0);
  for (std::uint32_t entry : entries) AddEntry(entry);
}

void VisitorSketch::Merge(const VisitorSketch& other) {
  if (!other.dense()) {
    for (std::uint32_t entry : other.entries_) AddEntry(entry);
    return;
  }
  if (!dense()) MakeDense();
  for (std::size_t i = 0; i < kRegisters; ++i)
    registers_[i] = std::max(registers_[i], other.registers_[i]);
}

std::int64_t VisitorSketch::Estimate() const {
  if (!dense()) {  // linear counting over 2^25 buckets: the bucket count, in practice
    const double m = std::ldexp(1.0, kSparseIndexBits), k = static_cast<double>(entries_.size());
    return std::llround(m * std::log(m / (m - k)));
  }
  std::array<double, kValueBits + 2> count{};  // registers holding each value
  for (std::uint8_t r : registers_) count[r] += 1;
  const double m = kRegisters;
  if (count[0] == m) return 0;
  double z = m * Tau(1 - count[kValueBits + 1] / m);
  for (int k = kValueBits; k >= 1; --k) z = 0.5 * (z + count[k]);
  z += m * Sigma(count[0] / m);
  const double alpha_infinity = 1 / (2 * std::log(2.0));
  return std::llround(alpha_infinity * m * m / z);
}

std::string VisitorSketch::Bytes() const {
  if (dense()) return "d" + std::string(registers_.begin(), registers_.end());
  std::string out = "s";
  for (std::uint32_t e : entries_)
    for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>(e >> shift));
  return out;
}

bool VisitorSketch::FromBytes(std::string_view bytes) {
  if (bytes.empty()) return false;
  const std::string_view body = bytes.substr(1);
  if (bytes[0] == 'd') {
    if (body.size() != kRegisters ||
        std::any_of(body.begin(), body.end(),
                    [](char c) { return static_cast<std::uint8_t>(c) > kValueBits + 1; }))
      return false;
    registers_.assign(body.begin(), body.end());
    entries_.clear();
    return true;
  }
  if (bytes[0] != 's' || body.size() % 4 != 0 || body.size() / 4 > kSparseMax) return false;
  std::vector<std::uint32_t> entries;
  for (std::size_t at = 0; at < body.size(); at += 4) {
    std::uint32_t e = 0;
    for (int i = 3; i >= 0; --i) e = e << 8 | static_cast<std::uint8_t>(body[at + i]);
    const bool ordered = entries.empty() || Bucket(entries.back()) < Bucket(e);
    const bool in_range = Bucket(e) < (1u << kSparseIndexBits) && EntryRank(e) != 0 &&
                          EntryRank(e) <= kSparseValueBits + 1;
    if (!ordered || !in_range) return false;
    entries.push_back(e);
  }
  entries_ = std::move(entries);
  registers_.clear();
  return true;
}

}  // namespace procura::interact
