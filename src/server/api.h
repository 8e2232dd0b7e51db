#pragma once
// REST API under /api/v1: JSON in and out, Bearer tokens, conditional writes.
// docs/server-api.md describes every route with curl examples.
#include <httplib.h>

#include <optional>
#include <string_view>

#include "server/public_pages.h"
#include "server/server_context.h"

namespace press::server {

class Api {
 public:
  Api(ServerContext& ctx, PublicPages& pages) : ctx_(ctx), pages_(pages) {}

  // Any method on a path under /api/. `body` is the request body already read (bounded by
  // --max-body); has_body is false for requests that carried none.
  void handle(const httplib::Request& req, httplib::Response& res, std::string_view body,
              bool has_body);

  // CORS preflight (OPTIONS) for the API.
  void preflight(const httplib::Request& req, httplib::Response& res);

 private:
  struct Call;
  void route(Call& call);

  bool authorize(Call& call, Role needed);
  std::optional<core::Article> read_article_body(Call& call);
  std::optional<int64_t> expected_revision(Call& call, int64_t from_body, bool& conflicting);

  void health(Call& call);
  void list(Call& call);
  void create(Call& call);
  void get(Call& call, int64_t id);
  void update(Call& call, int64_t id);
  void remove(Call& call, int64_t id);
  void restore(Call& call, int64_t id);
  void publish(Call& call, int64_t id);
  void unpublish(Call& call, int64_t id);
  void audit(Call& call);

  bool load_live(Call& call, int64_t id, const std::optional<int64_t>& expected,
                 std::optional<ArticleRecord>& current, core::Article& article);
  void conflict(Call& call, int64_t id, std::string_view message);
  void storage_failed(Call& call);
  void stored_unreadable(Call& call, int64_t id);
  bool cors_allowed(const httplib::Request& req) const;

  ServerContext& ctx_;
  PublicPages& pages_;
};

}  // namespace press::server
