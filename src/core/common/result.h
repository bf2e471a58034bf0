// Errors as values: every fallible domain, store and use-case function returns Result<T>.
// The HTTP edge maps each ErrorKind to one problem+json type and status (http/problem.cpp).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace jembatan {

enum class ErrorKind {
  kInvalidInput,       // malformed or out-of-range input; nothing was changed
  kUnknownReference,   // input names a unit, category, case or user that does not exist
  kNotFound,           // the addressed resource does not exist
  kIllegalTransition,  // the case state machine refuses the action from the current state
  kConflict,           // the request conflicts with stored data (e.g. reused idempotency key)
  kUnauthorized,       // no or bad credentials
  kForbidden,          // credentials valid but outside the caller's scope
  kTooManyAttempts,    // too many failed attempts (e.g. PINs); retry later
  kUnavailable,        // storage busy or shutting down; the client may retry
  kInternal,           // a bug or an unexpected storage failure
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;  // human-readable, safe to show to the caller (never personal data)
  std::string field;    // the offending input field, when there is one
  int64_t retry_after_seconds = 0;  // kTooManyAttempts: when to try again (Retry-After)

  static Error Invalid(std::string msg, std::string field = {}) {
    return {ErrorKind::kInvalidInput, std::move(msg), std::move(field)};
  }
  static Error Unknown(std::string msg, std::string field = {}) {
    return {ErrorKind::kUnknownReference, std::move(msg), std::move(field)};
  }
  static Error NotFound(std::string msg) { return {ErrorKind::kNotFound, std::move(msg), {}}; }
  static Error Illegal(std::string msg) {
    return {ErrorKind::kIllegalTransition, std::move(msg), {}};
  }
  static Error Conflict(std::string msg) { return {ErrorKind::kConflict, std::move(msg), {}}; }
  static Error Forbidden(std::string msg) { return {ErrorKind::kForbidden, std::move(msg), {}}; }
  static Error Unauthorized(std::string msg) {
    return {ErrorKind::kUnauthorized, std::move(msg), {}};
  }
  static Error Internal(std::string msg) { return {ErrorKind::kInternal, std::move(msg), {}}; }
  static Error TooMany(std::string msg, int64_t retry_after_seconds) {
    return {ErrorKind::kTooManyAttempts, std::move(msg), {}, retry_after_seconds};
  }
};

// A value or an Error. Deliberately small: C++20 has no std::expected.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result of an operation that yields nothing on success.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  static Status Ok() { return {}; }
  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace jembatan
