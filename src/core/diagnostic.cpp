#include "core/diagnostic.h"

#include "core/result.h"

#include "core/utf8.h"

namespace press::core {

std::string to_string(const Diagnostic& d) {
  std::string out;
  if (d.line > 0) {
    out += "line " + std::to_string(d.line) + ", column " + std::to_string(d.column);
    if (!d.path.empty()) out += " (" + d.path + ")";
    out += ": ";
  } else if (!d.path.empty()) {
    out += d.path + ": ";
  }
  out += d.message;
  return out;
}

void locate(std::string_view text, size_t offset, int& line, int& column) {
  if (offset > text.size()) offset = text.size();
  line = 1;
  column = 1;
  for (size_t i = 0; i < offset;) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
      ++i;
      continue;
    }
    utf8::decode(text, i);
    ++column;
  }
}

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid: return "invalid";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::too_large: return "too_large";
    case ErrorCode::unavailable: return "unavailable";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

std::string Error::message() const {
  std::string out;
  for (const Diagnostic& d : problems) {
    if (!out.empty()) out += "; ";
    out += to_string(d);
  }
  return out.empty() ? std::string(error_code_name(code)) : out;
}

}  // namespace press::core
