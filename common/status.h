// Status and Result<T>: the one error type of dealgraph.
//
// Every fallible function returns a Status (code + message) or a Result<T>
// (a T or a Status). Exceptions thrown by third-party libraries (CLI11,
// Boost, gvc, std::sto*) are caught at the module edge and turned into a
// Status; they never cross our APIs.
#ifndef DEALGRAPH_COMMON_STATUS_H_
#define DEALGRAPH_COMMON_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace dealgraph {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  //!< the caller (or the user) asked for something malformed
  kNotFound,         //!< a file, entity, filing or key does not exist
  kCorruption,       //!< stored or input data is damaged / unparseable
  kUnsupported,      //!< input of a kind dealgraph refuses (binary, non-8-K form)
  kIoError,          //!< the operating system or the store failed to read/write
  kBusy,             //!< the store is locked by another process
  kInternal,         //!< a bug in dealgraph
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status Unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status Busy(std::string m) { return {StatusCode::kBusy, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is prefixed with `context` ("while reading X: ...").
  Status WithContext(std::string_view context) const {
    if (ok()) return *this;
    return Status(code_, std::string(context) + ": " + message_);
  }
  std::string ToString() const { return ok() ? std::string("OK") : message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Result<T> holds a T or a non-OK Status, in the shape of absl::StatusOr.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) { assert(!status_.ok()); }  // NOLINT

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace dealgraph

#define DG_CONCAT_INNER_(a, b) a##b
#define DG_CONCAT_(a, b) DG_CONCAT_INNER_(a, b)

// Returns the status from the enclosing function if `expr` is not OK.
#define RETURN_IF_ERROR(expr)                      \
  do {                                             \
    ::dealgraph::Status dg_status_ = (expr);       \
    if (!dg_status_.ok()) return dg_status_;       \
  } while (0)

// Like RETURN_IF_ERROR, with context prepended to the message.
#define RETURN_IF_ERROR_CTX(expr, context)                            \
  do {                                                                \
    ::dealgraph::Status dg_status_ = (expr);                          \
    if (!dg_status_.ok()) return dg_status_.WithContext(context);     \
  } while (0)

// ASSIGN_OR_RETURN(auto x, Fn()) : evaluates Fn(), returns its status on
// error, else binds the value.
#define ASSIGN_OR_RETURN(lhs, expr)                                        \
  auto DG_CONCAT_(dg_result_, __LINE__) = (expr);                          \
  if (!DG_CONCAT_(dg_result_, __LINE__).ok())                              \
    return DG_CONCAT_(dg_result_, __LINE__).status();                      \
  lhs = std::move(DG_CONCAT_(dg_result_, __LINE__)).value()

#endif  // DEALGRAPH_COMMON_STATUS_H_
