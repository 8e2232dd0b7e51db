// press import-text: turns the text of a captured portal article page back into article
// JSON (core/page_text_import.h does the reading).
#include "cli/cli_support.h"
#include "core/page_text_import.h"

namespace press::cli {

int import_text(const Args& args) {
  std::string page_path, output_path;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "-o") {
      const auto v = option_value(args, i);
      if (!v) return kExitUsage;
      output_path = *v;
    } else if (page_path.empty()) {
      page_path = args[i];
    } else {
      return usage_error("import-text: one page at a time");
    }
  }
  if (page_path.empty()) return usage_error("import-text: which PAGE.txt?");
  const auto text = read_file(page_path);
  if (!text) return kExitUsage;
  const core::Result<core::Article> imported = core::import_page_text(*text);
  if (!imported) {
    print_diagnostics(page_path, imported.error().problems);
    return kExitContent;
  }
  return write_output(output_path, core::article_to_json(*imported)) ? kExitOk : kExitUsage;
}

}  // namespace press::cli
