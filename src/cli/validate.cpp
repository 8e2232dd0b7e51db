// press validate: checks article files and site profiles without rendering.
#include <cstdio>

#include "cli/cli_support.h"

namespace press::cli {

int validate(const Args& args) {
  if (args.empty()) return usage_error("validate: which FILE...?");
  int result = kExitOk;
  for (const std::string& path : args) {
    const auto text = read_file(path);
    if (!text) {
      result = kExitUsage;
      continue;
    }
    // A site profile names its institution; everything else is read as an article.
    const bool is_site = text->find("\"institution\"") != std::string::npos;
    const core::Diagnostics errors = is_site ? core::parse_site(*text).errors : core::parse_article(*text).errors;
    if (errors.empty()) {
      std::printf("%s: ok (%s)\n", path.c_str(), is_site ? "site profile" : "article");
    } else {
      print_diagnostics(path, errors);
      if (result == kExitOk) result = kExitContent;
    }
  }
  return result;
}

}  // namespace press::cli
