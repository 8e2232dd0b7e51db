#pragma once
// A located problem in user input: what is wrong and exactly where.
#include <string>
#include <string_view>
#include <vector>

namespace press::core {

struct Diagnostic {
  std::string path;     // field path such as "title" or "channel[1]"; empty for whole-document errors
  std::string message;  // what was expected, in plain English
  int line = 0;         // 1-based position in the input text; 0 when not applicable
  int column = 0;       // 1-based, counted in Unicode code points
  // What kind of problem, for clients that word it in their user's language: one of
  // json_syntax, not_object, required, wrong_type, bad_value, bad_time, bad_utf8, multiline,
  // too_long, too_large, bad_url (empty where none applies). Part of the wire format.
  std::string code = "";
};
using Diagnostics = std::vector<Diagnostic>;

// "path: message" or "line L, column C: message"; used by the CLI and the server.
std::string to_string(const Diagnostic& d);

// 1-based line and column (in code points) of a byte offset into text.
void locate(std::string_view text, size_t offset, int& line, int& column);

}  // namespace press::core
