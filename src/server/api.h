#pragma once
// REST API under /api/v1: JSON in and out, Bearer tokens, conditional writes.
// docs/server-api.md describes every route with curl examples. Each route is registered
// with its own path pattern; a handler reads the request, asks the ArticleWorkflow, and
// answers. Every core::Error becomes a status and a JSON body in one place, fail().
#include <httplib.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/article_workflow.h"
#include "server/server_context.h"

namespace press::server {

class Api {
 public:
  explicit Api(ServerContext& ctx);

  // Every route under /api/, then the 404s for unknown ones under /api/. Reads (GET, HEAD)
  // must reach cpp-httplib's router: the pre-routing handler leaves /api/ alone.
  void register_routes(httplib::Server& http);

  // CORS preflight (OPTIONS) for the API.
  void preflight(const httplib::Request& req, httplib::Response& res);

  // For API routes that read their own body (media uploads): the headers every API answer
  // carries (CORS, no-store), then the token check of every write. False when the refusal
  // (401, 403) has been sent.
  bool admit(const httplib::Request& req, httplib::Response& res, Role needed, Actor& who);

 private:
  struct Call;
  using Handler = void (Api::*)(Call&);
  struct Endpoint {
    std::string method;  // GET (which answers HEAD too), POST, PUT or DELETE
    Handler handler;
  };
  // Registers `pattern` for every method: its endpoints, and 405 naming them for the rest.
  void route(httplib::Server& http, const std::string& pattern, std::vector<Endpoint> endpoints);
  void on(httplib::Server& http, const std::string& method, const std::string& pattern,
          std::function<void(Call&)> handler);
  void begin(Call& call);

  bool authorize(Call& call, Role needed);
  std::optional<core::Article> article_from_body(Call& call);
  void fail(Call& call, const core::Error& error, std::string_view reason = {},
            std::string_view summary = {});
  void conflict_with_current(Call& call, std::string_view message);
  bool cors_allowed(const httplib::Request& req) const;

  void health(Call& call);
  void list(Call& call);
  void create(Call& call);
  void get(Call& call);
  void update(Call& call);
  void remove(Call& call);
  void restore(Call& call);
  void publish(Call& call);
  void unpublish(Call& call);
  void audit(Call& call);

  ServerContext& ctx_;
  ArticleWorkflow workflow_;
};

// The one mapping from an error's code to an HTTP status.
int http_status(core::ErrorCode code);

}  // namespace press::server
