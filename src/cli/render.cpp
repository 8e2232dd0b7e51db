// press render: the portal page (or body fragment) of an article.
#include <cstdio>
#include <memory>
#include <thread>

#include "cli/cli_support.h"
#include "cli/media_dir.h"
#include "core/guard.h"
#include "core/portal_page.h"

namespace press::cli {

void print_findings(const std::string& file, const core::GuardReport& report);  // check.cpp

int render(const Args& args) {
  std::string article_path, site_path, body_path, output_path, media_dir;
  bool fragment = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::optional<std::string> v;
    if (a == "--site" || a == "--body" || a == "-o" || a == "--media") {
      if (!(v = option_value(args, i))) return kExitUsage;
      (a == "--site"   ? site_path
       : a == "--body" ? body_path
       : a == "-o"     ? output_path
                       : media_dir) = *v;
    } else if (a == "--fragment") {
      fragment = true;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      return usage_error("render: unknown option " + a);
    } else if (article_path.empty()) {
      article_path = a;
    } else {
      return usage_error("render: one article at a time");
    }
  }
  if (article_path.empty()) return usage_error("render: which ARTICLE.json?");

  const auto site = load_site(site_path);
  if (!site) return kExitUsage;
  // The two cores of every machine here share the work. The guard is compiled while the
  // article is read. While this thread parses the body (taking any bytes), the other runs
  // the guard's first stage over the Markdown and validates the article (a loaded article
  // file was validated already); then the guard's second stage runs while the page is
  // written. Nothing is shared but read-only inputs, and the outcome is that of one step
  // after another.
  std::unique_ptr<core::Guard> guard;
  std::thread compiling([&] { guard = std::make_unique<core::Guard>(*site); });
  int failure_code = kExitOk;
  auto article = load_article(article_path, failure_code);
  std::optional<std::string> body;
  if (article && !body_path.empty()) body = read_file(body_path);
  compiling.join();
  if (!article) return failure_code;
  if (!body_path.empty()) {
    if (!body) return kExitUsage;
    article->body = std::move(*body);
  }
  core::Diagnostics errors;
  core::BodyPrescan prescan;
  std::thread preparing([&] {
    prescan = guard->prescan(article->body);
    if (!body_path.empty()) errors = core::validate_article(*article);
  });
  const core::Document document = core::parse_markdown(article->body, core::Utf8Check::ByCaller);
  preparing.join();
  if (!errors.empty()) {
    print_diagnostics(body_path, errors);
    return kExitContent;
  }

  std::optional<core::MediaCatalog> media;
  if (!media_dir.empty() && !(media = load_media_catalog(media_dir, document))) return kExitUsage;
  const core::MediaCatalog* catalog = media ? &*media : nullptr;

  core::GuardReport report;
  std::thread checking([&] { report = guard->check(*article, document, &prescan, catalog); });
  const std::string html = fragment ? core::render_body_html(document, catalog)
                                    : core::render_portal_page(*article, *site, document, catalog);
  checking.join();
  print_findings(article_path, report);
  if (!write_output(output_path, html)) return kExitUsage;
  return report.blocks() ? kExitContent : kExitOk;
}

}  // namespace press::cli
