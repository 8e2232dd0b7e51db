#pragma once
// Subcommands of `press`. Each takes its arguments (after the subcommand name) and
// returns the process exit code: 0 ok, 1 blocked/invalid content, 2 usage or I/O error.
#include <string>
#include <vector>

namespace press::cli {

using Args = std::vector<std::string>;

int render(const Args& args);  // press render ARTICLE.json [--site SITE] [--media DIR] [--fragment]
                               // [-o FILE]
int check(const Args& args);   // press check ARTICLE.json [--site SITE] [--media DIR] [--json]
int validate(const Args& args);     // press validate FILE...
int text(const Args& args);         // press text ARTICLE.json --width N
int import_text(const Args& args);  // press import-text PAGE.txt [-o FILE]
int import_html(const Args& args);  // press import-html PAGE.html|DOC.docx [-o FILE] [--media DIR]

}  // namespace press::cli
