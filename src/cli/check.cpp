// press check: validation and content guard findings of an article.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/cli_support.h"
#include "cli/media_dir.h"
#include "core/guard.h"
#include "core/report_json.h"

namespace press::cli {

void print_findings(const std::string& file, const core::GuardReport& report) {
  for (const core::Finding& f : report.findings)
    std::fprintf(stderr, "%s: %s:%d:%d: %s [%s] \"%s\": %s\n", file.c_str(), f.field.c_str(),
                 f.line, f.column, core::to_string(f.severity), f.rule.c_str(), f.text.c_str(),
                 f.message.c_str());
}

int check(const Args& args) {
  std::string article_path, site_path, media_dir;
  bool as_json = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--site" || a == "--media") {
      const auto v = option_value(args, i);
      if (!v) return kExitUsage;
      (a == "--site" ? site_path : media_dir) = *v;
    } else if (a == "--json") {
      as_json = true;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      return usage_error("check: unknown option " + a);
    } else if (article_path.empty()) {
      article_path = a;
    } else {
      return usage_error("check: one article at a time");
    }
  }
  if (article_path.empty()) return usage_error("check: which ARTICLE.json?");
  const auto site = load_site(site_path);
  if (!site) return kExitUsage;
  const auto text = read_file(article_path);
  if (!text) return kExitUsage;

  const core::ArticleParse parsed = core::parse_article(*text);
  if (!parsed.ok()) {
    if (as_json) {
      nlohmann::json j{{"valid", false}, {"blocked", true}, {"errors", parsed.errors}};
      write_output("", j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    } else {
      print_diagnostics(article_path, parsed.errors);
    }
    return kExitContent;
  }
  const core::Document document = core::parse_markdown(parsed.article.body);
  std::optional<core::MediaCatalog> media;
  if (!media_dir.empty() && !(media = load_media_catalog(media_dir, document))) return kExitUsage;
  const core::GuardReport report =
      core::Guard(*site).check(parsed.article, document, nullptr, media ? &*media : nullptr);
  if (as_json) {
    nlohmann::json j = report;
    j["valid"] = true;
    j["errors"] = nlohmann::json::array();
    write_output("", j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  } else {
    print_findings(article_path, report);
    size_t blocking = 0;
    for (const core::Finding& f : report.findings)
      blocking += f.severity == core::Severity::Blocking;
    std::printf("%s: %s (%zu blocking, %zu warnings)\n", article_path.c_str(),
                report.blocks() ? "blocked" : "ok", blocking, report.findings.size() - blocking);
  }
  return report.blocks() ? kExitContent : kExitOk;
}

}  // namespace press::cli
