#include "server/tokens.h"

#include <openssl/evp.h>

#include <cstdio>
#include <ctime>

namespace press::server {

const char* to_string(Role r) {
  switch (r) {
    case Role::Admin:
      return "admin";
    case Role::Editor:
      return "editor";
    case Role::Reader:
      return "reader";
  }
  return "reader";
}

std::optional<Role> parse_role(std::string_view text) {
  if (text == "admin") return Role::Admin;
  if (text == "editor") return Role::Editor;
  if (text == "reader") return Role::Reader;
  return std::nullopt;
}

namespace {

constexpr char kHex[] = "0123456789abcdef";

std::string to_hex(const unsigned char* data, size_t size) {
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out += kHex[data[i] >> 4];
    out += kHex[data[i] & 15];
  }
  return out;
}

bool audit_cli(Database& db, const std::string& action, std::string_view detail) {
  Query q = db.query(
      "INSERT INTO audit (at, token_id, token_name, action, detail) VALUES (?, NULL, 'command "
      "line', ?, ?)");
  return q.bind(1, int64_t(std::time(nullptr))).bind(2, action).bind(3, detail).run();
}

}  // namespace

std::string generate_token() {
  unsigned char bytes[24];
  FILE* f = std::fopen("/dev/urandom", "rb");
  if (!f) return {};
  const size_t n = std::fread(bytes, 1, sizeof bytes, f);
  std::fclose(f);
  if (n != sizeof bytes) return {};
  return "pp_" + to_hex(bytes, sizeof bytes);
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr)) return {};
  return to_hex(digest, size);
}

core::Result<int64_t> add_token(Database& db, std::string_view token, std::string_view name, Role role) {
  const std::string hash = sha256_hex(token);
  if (hash.empty()) return core::Error::of(core::ErrorCode::internal, "cannot hash the token");
  if (!db.exec("BEGIN IMMEDIATE")) return core::Error::of(core::ErrorCode::unavailable, db.error());
  Query q = db.query("INSERT INTO tokens (name, role, hash, created_at) VALUES (?, ?, ?, ?)");
  bool ok = q.bind(1, name)
                .bind(2, to_string(role))
                .bind(3, hash)
                .bind(4, int64_t(std::time(nullptr)))
                .run();
  const int64_t id = db.last_insert_rowid();
  ok = ok && audit_cli(db, "token-create",
                       "token " + std::to_string(id) + " (" + std::string(name) + ", " +
                           to_string(role) + ")");
  if (!ok || !db.exec("COMMIT")) {
    core::Error failed = core::Error::of(core::ErrorCode::unavailable, db.error());
    db.exec("ROLLBACK");
    return failed;
  }
  return id;
}

std::vector<TokenInfo> list_tokens(Database& db) {
  std::vector<TokenInfo> out;
  Query q = db.query("SELECT id, name, role, created_at, revoked_at FROM tokens ORDER BY id");
  while (q.next()) {
    TokenInfo t;
    t.id = q.int64(0);
    t.name = q.text(1);
    t.role = parse_role(q.text(2)).value_or(Role::Reader);
    t.created_at = q.int64(3);
    t.revoked_at = q.is_null(4) ? 0 : q.int64(4);
    out.push_back(std::move(t));
  }
  return out;
}

core::Result<int> revoke_tokens(Database& db, std::string_view id_or_name) {
  if (!db.exec("BEGIN IMMEDIATE")) return core::Error::of(core::ErrorCode::unavailable, db.error());
  Query q = db.query(
      "UPDATE tokens SET revoked_at = ? WHERE revoked_at IS NULL AND (CAST(id AS TEXT) = ? OR name "
      "= ?)");
  bool ok = q.bind(1, int64_t(std::time(nullptr))).bind(2, id_or_name).bind(3, id_or_name).run();
  const int revoked = int(db.changes());
  if (ok && revoked > 0) ok = audit_cli(db, "token-revoke", std::string(id_or_name));
  if (!ok || !db.exec("COMMIT")) {
    core::Error failed = core::Error::of(core::ErrorCode::unavailable, db.error());
    db.exec("ROLLBACK");
    return failed;
  }
  return revoked;
}

bool token_known(Database& db, std::string_view token) {
  Query q = db.query("SELECT 1 FROM tokens WHERE hash = ?");
  return q.bind(1, sha256_hex(token)).next();
}

int64_t count_tokens(Database& db) {
  Query q = db.query("SELECT COUNT(*) FROM tokens");
  return q.next() ? q.int64(0) : 0;
}

std::optional<Actor> TokenCache::authenticate(std::string_view token) {
  if (token.empty() || token.size() > 256) return std::nullopt;
  const std::string hash = sha256_hex(token);
  std::lock_guard<std::mutex> lock(mutex_);
  int64_t version = -1;
  {
    Query q = db_.query("SELECT value FROM meta WHERE key = 'tokens_version'");
    if (q.next()) version = q.int64(0);
  }
  // On a failed read the last known tokens keep working rather than locking everyone out.
  if (version != version_ && version >= 0 && reload_locked()) version_ = version;
  auto it = by_hash_.find(hash);
  if (it == by_hash_.end()) return std::nullopt;
  return it->second;
}

bool TokenCache::reload_locked() {
  std::unordered_map<std::string, Actor> fresh;
  Query q = db_.query("SELECT id, name, role, hash FROM tokens WHERE revoked_at IS NULL");
  while (q.next()) {
    Actor a;
    a.token_id = q.int64(0);
    a.name = q.text(1);
    a.role = parse_role(q.text(2)).value_or(Role::Reader);
    fresh.emplace(q.text(3), std::move(a));
  }
  if (!q.done()) return false;
  by_hash_.swap(fresh);
  return true;
}

}  // namespace press::server
