// VisitorSketch: how many different visitors a day had, in at most 16 KiB
// whatever the number, mergeable across nodes. HyperLogLog++ (Heule et al.
// 2013): while small the sketch is "sparse", a sorted list of 25-bit
// buckets, and counts exactly unless two visitors share a bucket (about
// one chance in 16 for 1,500 visitors); past 3,072 buckets it becomes
// 2^14 one-byte registers, read with Ertl's improved estimator (2017, no
// bias tables), within about 1% (standard error 0.81%). A sketch keeps
// only buckets and runs of zero bits, so no visitor's hash can be read
// back out of one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace procura::interact {

class VisitorSketch {
 public:
  static constexpr int kIndexBits = 14;  // dense registers: 2^14
  static constexpr std::size_t kRegisters = std::size_t{1} << kIndexBits;
  static constexpr int kSparseIndexBits = 25;
  static constexpr std::size_t kSparseMax = 3072;  // buckets before turning dense

  // Counts the visitor whose keyed 64-bit hash is `hash`; true if this
  // changed the sketch.
  bool Add(std::uint64_t hash);
  // This sketch becomes the union of both (another node's, say).
  void Merge(const VisitorSketch& other);
  // The estimated number of different hashes added (0 for none).
  std::int64_t Estimate() const;
  bool dense() const { return !registers_.empty(); }

  // As stored in the database: "s" and 4 bytes a bucket, or "d" and the
  // registers.
  std::string Bytes() const;
  // False, leaving this sketch as it was, unless `bytes` came from Bytes().
  bool FromBytes(std::string_view bytes);

 private:
  bool AddSparse(std::uint32_t entry);
  bool AddEntry(std::uint32_t entry);  // a sparse entry, into either form
  bool AddDense(std::size_t index, std::uint8_t rank);
  void MakeDense();

  // Sparse: bucket << 6 | rank of the bits after it, one entry a bucket,
  // sorted. Dense: the registers (and no entries).
  std::vector<std::uint32_t> entries_;
  std::vector<std::uint8_t> registers_;
};

}  // namespace procura::interact
