// press-server's command line: serve (default), token create|list|revoke, export.
#include <cstdio>
#include <ctime>

#include "server/server.h"
#include "server/startup.h"
#include "server/tokens.h"

namespace press::server {

namespace {

void usage(FILE* out) {
  std::fprintf(
      out,
      "usage: press-server [serve] [options]           run the publishing server\n"
      "       press-server token create [--name NAME] [--role admin|editor|reader] --data DIR\n"
      "                                                print a new token (alone) on stdout\n"
      "       press-server token list --data DIR\n"
      "       press-server token revoke ID|NAME --data DIR\n"
      "       press-server export DIR [--data DIR] [--site FILE]\n"
      "                                                published pages and list pages as "
      "files\n\n%s",
      options_help());
}

// Removes "--flag VALUE" / "--flag=VALUE" from args; returns the value or "".
std::string take_flag(std::vector<std::string>& args, const std::string& flag) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == flag && i + 1 < args.size()) {
      std::string value = args[i + 1];
      args.erase(args.begin() + long(i), args.begin() + long(i) + 2);
      return value;
    }
    if (args[i].rfind(flag + "=", 0) == 0) {
      std::string value = args[i].substr(flag.size() + 1);
      args.erase(args.begin() + long(i));
      return value;
    }
  }
  return {};
}

std::string date_text(int64_t t) {
  if (!t) return "-";
  const std::time_t tt = std::time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

int token_command(std::vector<std::string> args) {
  if (args.empty()) {
    usage(stderr);
    return 2;
  }
  const std::string sub = args[0];
  args.erase(args.begin());
  const std::string name = take_flag(args, "--name");
  const std::string role_text = take_flag(args, "--role");
  ServerOptions options;
  std::vector<std::string> positional;
  const std::string error = parse_options(args, options, positional);
  if (!error.empty()) {
    std::fprintf(stderr, "press-server: %s\n", error.c_str());
    return 2;
  }
  std::unique_ptr<Database> db = open_data_database(options.data_dir);
  if (!db) return 2;
  if (sub == "create") {
    const auto role = role_text.empty() ? std::optional<Role>(Role::Editor) : parse_role(role_text);
    if (!role || !positional.empty()) {
      std::fprintf(stderr, "press-server token create: --role is admin, editor or reader\n");
      return 2;
    }
    const std::string token = generate_token();
    if (token.empty()) {
      std::fprintf(stderr, "press-server: cannot create a token: no randomness\n");
      return 1;
    }
    const core::Result<int64_t> added = add_token(*db, token, name.empty() ? "token" : name, *role);
    if (!added) {
      std::fprintf(stderr, "press-server: cannot create a token: %s\n", added.error().message().c_str());
      return 1;
    }
    std::printf("%s\n", token.c_str());
    return 0;
  }
  if (sub == "list") {
    std::printf("%-4s %-8s %-24s %-22s %s\n", "id", "role", "name", "created", "revoked");
    for (const TokenInfo& t : list_tokens(*db))
      std::printf("%-4lld %-8s %-24s %-22s %s\n", (long long)t.id, to_string(t.role),
                  t.name.c_str(), date_text(t.created_at).c_str(), date_text(t.revoked_at).c_str());
    return 0;
  }
  if (sub == "revoke") {
    if (positional.size() != 1) {
      std::fprintf(stderr, "press-server token revoke: name one token by id or name\n");
      return 2;
    }
    const core::Result<int> revoked = revoke_tokens(*db, positional[0]);
    if (!revoked) {
      std::fprintf(stderr, "press-server: cannot revoke: %s\n", revoked.error().message().c_str());
      return 1;
    }
    const int n = *revoked;
    if (n == 0) {
      std::fprintf(stderr, "press-server: no valid token \"%s\"\n", positional[0].c_str());
      return 1;
    }
    std::printf("revoked %d token%s\n", n, n == 1 ? "" : "s");
    return 0;
  }
  usage(stderr);
  return 2;
}

}  // namespace

int main_entry(const std::vector<std::string>& all) {
  std::vector<std::string> args = all;
  std::string command = "serve";
  if (!args.empty() && !args[0].empty() && args[0][0] != '-') {
    command = args[0];
    args.erase(args.begin());
  }
  if (command == "help" || (!args.empty() && (args[0] == "--help" || args[0] == "-h"))) {
    usage(stdout);
    return 0;
  }
  if (!args.empty() && args[0] == "--version") {
    std::printf("press-server %s\n", PRESS_VERSION);
    return 0;
  }
  if (command == "token") return token_command(args);
  ServerOptions options;
  std::vector<std::string> positional;
  const std::string error = parse_options(args, options, positional);
  if (!error.empty()) {
    std::fprintf(stderr, "press-server: %s\n", error.c_str());
    usage(stderr);
    return 2;
  }
  if (command == "export") {
    if (positional.size() != 1) {
      std::fprintf(stderr, "press-server export: name one output folder\n");
      return 2;
    }
    return export_site(options, positional[0]);
  }
  if (command != "serve" || !positional.empty()) {
    std::fprintf(stderr, "press-server: unknown command or argument \"%s\"\n",
                 command != "serve" ? command.c_str() : positional[0].c_str());
    usage(stderr);
    return 2;
  }
  return run_server(options);
}

}  // namespace press::server
