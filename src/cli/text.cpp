// press text: the article as plain text wrapped at N columns.
#include <cstdlib>

#include "cli/cli_support.h"
#include "core/plain_text.h"

namespace press::cli {

namespace {

constexpr int kMinWidth = 8;  // room for the indent and one wide character
constexpr int kMaxWidth = 10000;

}  // namespace

int text(const Args& args) {
  std::string article_path, site_path, output_path;
  core::PlainTextOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::optional<std::string> v;
    if (a == "--site" || a == "-o") {
      if (!(v = option_value(args, i))) return kExitUsage;
      (a == "--site" ? site_path : output_path) = *v;
    } else if (a == "--width") {
      if (!(v = option_value(args, i))) return kExitUsage;
      char* end = nullptr;
      const long width = std::strtol(v->c_str(), &end, 10);
      if (v->empty() || *end != '\0' || width < kMinWidth || width > kMaxWidth)
        return usage_error("text: --width takes a number of columns from " +
                           std::to_string(kMinWidth) + " to " + std::to_string(kMaxWidth) +
                           ", not '" + *v + "'");
      options.width = int(width);
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      return usage_error("text: unknown option " + a);
    } else if (article_path.empty()) {
      article_path = a;
    } else {
      return usage_error("text: one article at a time");
    }
  }
  if (article_path.empty()) return usage_error("text: which ARTICLE.json?");

  const auto site = load_site(site_path);
  if (!site) return kExitUsage;
  int failure_code = kExitOk;
  const auto article = load_article(article_path, failure_code);
  if (!article) return failure_code;

  const core::Document body = core::parse_markdown(article->body);
  if (!write_output(output_path, core::render_plain_text(*article, *site, body, options)))
    return kExitUsage;
  return kExitOk;
}

}  // namespace press::cli
