#pragma once
// What every press subcommand shares: file I/O with clear errors, the site profile,
// and the standard way to report located diagnostics.
#include <optional>
#include <string>

#include "cli/commands.h"
#include "core/article_json.h"
#include "core/site.h"

namespace press::cli {

constexpr int kExitOk = 0;
constexpr int kExitContent = 1;  // invalid article or blocked by the guard
constexpr int kExitUsage = 2;    // bad arguments, unreadable files

// Reads a whole file (or "-" for stdin); prints "press: FILE: reason" and returns nullopt on failure.
std::optional<std::string> read_file(const std::string& path);
// Writes to path (or stdout for "" / "-"); prints the reason on failure.
bool write_output(const std::string& path, const std::string& data);

// Loads --site FILE, or the shipped sample site profile when path is empty.
std::optional<core::SiteProfile> load_site(const std::string& path);

// Reads and validates an article file, printing "FILE:LINE:COL: message" or "FILE: path: message".
// On failure failure_code says why: kExitUsage for I/O, kExitContent for an invalid article.
std::optional<core::Article> load_article(const std::string& path, int& failure_code);

void print_diagnostics(const std::string& file, const core::Diagnostics& errors);
int usage_error(const std::string& message);

// The value of an option that takes one: "--width N". Advances i; nullopt with a message if missing.
std::optional<std::string> option_value(const Args& args, size_t& i);

}  // namespace press::cli
