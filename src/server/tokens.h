#pragma once
// API tokens: random secrets handed out once, stored only as SHA-256 hashes.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "server/database.h"

namespace press::server {

// reader: GET the API; editor: also write, delete, restore, publish; admin: also the audit log.
enum class Role { Reader, Editor, Admin };
const char* to_string(Role r);
std::optional<Role> parse_role(std::string_view text);

// Who made a request: the token's id and name go into the audit log.
struct Actor {
  int64_t token_id = 0;  // 0: the command line or the server itself
  std::string name;
  Role role = Role::Reader;
};

struct TokenInfo {
  int64_t id = 0;
  std::string name;
  Role role = Role::Reader;
  int64_t created_at = 0;
  int64_t revoked_at = 0;  // 0 while valid
};

// "pp_" + 48 hex digits from /dev/urandom (192 bits). Empty if the kernel gave no randomness.
std::string generate_token();
std::string sha256_hex(std::string_view data);

// Command-line and start-up operations on the tokens table (each one transaction, audited).
// The new token's id.
core::Result<int64_t> add_token(Database& db, std::string_view token, std::string_view name, Role role);
std::vector<TokenInfo> list_tokens(Database& db);
// Revokes by id or by name; returns how many tokens it revoked.
core::Result<int> revoke_tokens(Database& db, std::string_view id_or_name);
bool token_known(Database& db, std::string_view token);
int64_t count_tokens(Database& db);

// The server's view of the tokens table, in memory. Each lookup reads one counter row that
// triggers bump on any change to the tokens table, and reloads when it moved: a token
// created or revoked by `press-server token` counts from the next request on.
class TokenCache {
 public:
  explicit TokenCache(Database& db) : db_(db) {}
  std::optional<Actor> authenticate(std::string_view token);

 private:
  bool reload_locked();
  Database& db_;  // a connection of its own, used only under mutex_
  std::mutex mutex_;
  std::unordered_map<std::string, Actor> by_hash_;
  int64_t version_ = -1;
};

}  // namespace press::server
