// Status and Result<T>: errors as values (LevelDB style).
//
// A Status is either ok or carries a Code and a human-readable message that
// is safe to show to an operator. Result<T> holds a T or a non-ok Status.
//
// Messages meant for people are English msgids marked with N_ (the
// catalogs translate them at the edge: web::ErrorText), with "{name}"
// placeholders whose values travel as `args`, so a translation can move
// them. message() is the English text with the placeholders filled (logs,
// CLI, API); msgid() and args() are what a translator's catalog needs.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace procura {

// Marks a string for the message catalogs without translating it where it
// is written (xgettext keyword N_); the edge translates it later.
constexpr const char* N_(const char* msgid) { return msgid; }

// Values of a message's "{name}" placeholders.
using MessageArgs = std::vector<std::pair<std::string, std::string>>;

// `text` with each "{name}" replaced by its value.
std::string FillPlaceholders(std::string text, const MessageArgs& args);

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
  static Status NotFound(std::string m, MessageArgs a = {}) {
    return {Code::kNotFound, std::move(m), std::move(a)};
  }
  static Status Invalid(std::string m, MessageArgs a = {}) {
    return {Code::kInvalidArgument, std::move(m), std::move(a)};
  }
  static Status Exists(std::string m, MessageArgs a = {}) {
    return {Code::kAlreadyExists, std::move(m), std::move(a)};
  }
  static Status Io(std::string m, MessageArgs a = {}) {
    return {Code::kIo, std::move(m), std::move(a)};
  }
  static Status Corruption(std::string m, MessageArgs a = {}) {
    return {Code::kCorruption, std::move(m), std::move(a)};
  }
  static Status Version(std::string m, MessageArgs a = {}) {
    return {Code::kVersion, std::move(m), std::move(a)};
  }
  static Status Conflict(std::string m, MessageArgs a = {}) {
    return {Code::kConflict, std::move(m), std::move(a)};
  }
  static Status Denied(std::string m, MessageArgs a = {}) {
    return {Code::kDenied, std::move(m), std::move(a)};
  }
  static Status Unavailable(std::string m, MessageArgs a = {}) {
    return {Code::kUnavailable, std::move(m), std::move(a)};
  }
  static Status Internal(std::string m, MessageArgs a = {}) {
    return {Code::kInternal, std::move(m), std::move(a)};
  }
  static Status Malformed(std::string m, MessageArgs a = {}) {
    return {Code::kMalformed, std::move(m), std::move(a)};
  }
  static Status NoSpace(std::string m, MessageArgs a = {}) {
    return {Code::kNoSpace, std::move(m), std::move(a)};
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // The English message, placeholders filled.
  const std::string& message() const { return message_; }
  // The message as written (a catalog msgid when marked N_) and its values.
  const std::string& msgid() const { return msgid_; }
  const MessageArgs& args() const { return args_; }
  // The input field the error is about ("title", "birth_date"), or "": a
  // form shows the message next to that field.
  const std::string& field() const { return field_; }
  Status WithField(std::string field) && {
    field_ = std::move(field);
    return std::move(*this);
  }
  // Every problem a validator found, so a form can show them all: Ok if
  // `problems` is empty; otherwise the first, carrying the whole list.
  static Status AllOf(std::vector<Status> problems);
  // The problems AllOf gathered; for any other error, just this one.
  std::vector<Status> problems() const;

 private:
  Status(Code c, std::string m, MessageArgs a)
      : code_(c), message_(a.empty() ? m : FillPlaceholders(m, a)), msgid_(std::move(m)),
        args_(std::move(a)) {}
  Code code_ = Code::kOk;
  std::string message_;
  std::string msgid_;
  MessageArgs args_;
  std::string field_;
  std::shared_ptr<const std::vector<Status>> all_;  // set by AllOf
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
  T operator*() && { return std::move(*this).value(); }  // `for (x : *repo.List())` never dangles

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
