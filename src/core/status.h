// Status and Result<T>: errors as values (LevelDB style).
//
// A Status is either ok or carries a Code and a human-readable message that
// is safe to show to an operator. Result<T> holds a T or a non-ok Status.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace procura {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kNotFound,
    kInvalidArgument,
    kAlreadyExists,
    kIo,           // filesystem or socket failure
    kCorruption,   // stored data cannot be read
    kVersion,      // stored data is from a newer version
    kConflict,     // changed by someone else meanwhile (stale version)
    kDenied,       // not permitted
    kUnavailable,  // temporarily not possible (e.g. an index being rebuilt)
    kInternal,
    kMalformed,  // the request itself is malformed (wrong type, not parseable)
    kNoSpace,    // the disk is full
  };

  Status() = default;  // ok
  static Status Ok() { return Status(); }
  static Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Status Invalid(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
  static Status Exists(std::string m) { return {Code::kAlreadyExists, std::move(m)}; }
  static Status Io(std::string m) { return {Code::kIo, std::move(m)}; }
  static Status Corruption(std::string m) { return {Code::kCorruption, std::move(m)}; }
  static Status Version(std::string m) { return {Code::kVersion, std::move(m)}; }
  static Status Conflict(std::string m) { return {Code::kConflict, std::move(m)}; }
  static Status Denied(std::string m) { return {Code::kDenied, std::move(m)}; }
  static Status Unavailable(std::string m) { return {Code::kUnavailable, std::move(m)}; }
  static Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }
  static Status Malformed(std::string m) { return {Code::kMalformed, std::move(m)}; }
  static Status NoSpace(std::string m) { return {Code::kNoSpace, std::move(m)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(Code c, std::string m) : code_(c), message_(std::move(m)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Result<T>: a value or an error. Accessing value() on an error is a bug.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}       // NOLINT: implicit
  Result(Status error) : v_(std::move(error)) {}  // NOLINT: implicit
  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  // By value, so `for (auto& x : repo.List().value())` never dangles.
  T value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace procura

// Returns early from the enclosing function when `expr` yields a non-ok Status.
#define PROCURA_RETURN_IF_ERROR(expr)        \
  do {                                       \
    ::procura::Status procura_s_ = (expr);   \
    if (!procura_s_.ok()) return procura_s_; \
  } while (0)
