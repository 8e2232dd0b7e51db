#pragma once
// press-server's entry points: serve, manage tokens, export static pages.
#include <string>
#include <vector>

#include "server/options.h"

namespace press::server {

// Runs until SIGINT or SIGTERM; returns the process exit code.
int run_server(const ServerOptions& options);

// `press-server export DIR`: every published page and list page as static files.
int export_site(const ServerOptions& options, const std::string& out_dir);

// The whole command line of press-server (argv without the program name).
int main_entry(const std::vector<std::string>& args);

}  // namespace press::server
