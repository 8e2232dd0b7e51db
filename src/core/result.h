#pragma once
// The one error convention of the core, the server and the editor session: an operation
// that can fail returns Result<T> (or Status when there is no value). A failure carries a
// code, which callers branch on (the server maps it to an HTTP status, the editor to a
// message style), and located diagnostics, which people read ("title: must not be empty",
// "line 3, column 7: unexpected '}'"). Nothing is thrown: the WebAssembly build has no
// exceptions.
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/diagnostic.h"

namespace press::core {

enum class ErrorCode {
  invalid,      // the input is malformed or breaks a rule; the diagnostics say where
  not_found,    // the thing asked for does not exist
  conflict,     // someone else changed it first (revision mismatch, duplicate id)
  forbidden,    // the caller may not do this (wrong token, wrong role, wrong state)
  too_large,    // the input is over a size limit
  unavailable,  // storage or network failed; trying again later may work
  internal,     // a bug: an invariant did not hold
};

// Stable English identifier ("not_found"), used in JSON replies and logs.
std::string_view error_code_name(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::invalid;
  Diagnostics problems;  // at least one; each located by path or line/column when it can be

  static Error at(ErrorCode code, std::string path, std::string message) {
    Error e;
    e.code = code;
    e.problems.push_back(Diagnostic{std::move(path), std::move(message), 0, 0});
    return e;
  }
  static Error of(ErrorCode code, std::string message) { return at(code, {}, std::move(message)); }
  static Error from(ErrorCode code, Diagnostics problems) {
    Error e;
    e.code = code;
    e.problems = std::move(problems);
    return e;
  }
  // Every problem as "path: message", joined by "; ".
  std::string message() const;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design, like optional
  Result(Error error) : error_(std::move(error)) {}  // NOLINT

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }

  T& value() { return *value_; }
  const T& value() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

  // Meaningful only when !ok().
  const Error& error() const { return error_; }

 private:
  std::optional<T> value_;
  Error error_;
};

struct Done {};
// The result of an operation that has nothing to return but can fail.
using Status = Result<Done>;
inline Status ok_status() { return Done{}; }

}  // namespace press::core
