// press: render, check, validate and convert portal news articles from the command line.
#include <cstdio>
#include <cstring>
#include <string>

#include "cli/commands.h"

static const char* kHelp =
    "press " PRESS_VERSION
    " - portal news articles from the command line\n"
    "\n"
    "Usage:\n"
    "  press render ARTICLE.json [--site SITE.json] [--body BODY.md] [--media DIR] [--fragment] "
    "[-o FILE]\n"
    "      Writes the portal page (or with --fragment only the body HTML). --body replaces the\n"
    "      article's body with a Markdown file. Guard findings are printed to stderr.\n"
    "  press check ARTICLE.json [--site SITE.json] [--media DIR] [--json]\n"
    "      Validates the article and runs the content guard; lists every finding.\n"
    "      --media DIR: the folder of the media files the body refers to (media/<id>.<ext>, as\n"
    "      the server stores them): pictures become figures with their sizes, attachments are\n"
    "      listed, and a reference to a file not in DIR is a located error.\n"
    "  press validate FILE...\n"
    "      Checks article files (and site profiles: files with an \"institution\" key).\n"
    "  press text ARTICLE.json [--site SITE.json] [--width N]\n"
    "      The article as plain text wrapped at N columns (wide characters count two).\n"
    "  press import-text PAGE.txt [-o FILE]\n"
    "      Turns the text of a captured portal article page into article JSON.\n"
    "  press import-html PAGE.html|DOC.docx [-o FILE] [--media DIR]\n"
    "      Turns a web page (also Word's or WPS's \"save as web page\", in UTF-8, GBK or Big5)\n"
    "      or a Word .docx into article JSON, the body in Markdown, filed under 新闻中心 with\n"
    "      the current time. --media DIR: its pictures (data: URIs, the .docx's, files beside\n"
    "      the page) are stored there as <sha256>.<ext>, as press render --media reads them;\n"
    "      the others are taken out and listed on stderr as 需重新插入 (insert again).\n"
    "      --bench N: times parse + convert of PAGE.html N times, JSON on stdout.\n"
    "\n"
    "Without --site the shipped sample site profile (assets/sites/zjitc.json) is used.\n"
    "\n"
    "Exit codes:\n"
    "  0  success\n"
    "  1  the content is invalid or the guard blocks it (render still writes the page)\n"
    "  2  usage error, unreadable or unwritable file\n";

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
      !std::strcmp(argv[1], "help")) {
    std::fputs(kHelp, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (!std::strcmp(argv[1], "--version")) {
    std::puts("press " PRESS_VERSION);
    return 0;
  }
  const std::string command = argv[1];
  const press::cli::Args args(argv + 2, argv + argc);
  if (command == "render") return press::cli::render(args);
  if (command == "check") return press::cli::check(args);
  if (command == "validate") return press::cli::validate(args);
  if (command == "text") return press::cli::text(args);
  if (command == "import-text") return press::cli::import_text(args);
  if (command == "import-html") return press::cli::import_html(args);
  std::fprintf(stderr, "press: unknown command '%s' (see press --help)\n", command.c_str());
  return 2;
}
