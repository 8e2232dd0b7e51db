#include "server/api.h"

#include <nlohmann/json.hpp>

#include "core/article_json.h"
#include "core/beijing_time.h"
#include "core/report_json.h"
#include "server/api_request.h"
#include "server/http_util.h"
#include "server/list_page.h"
#include "server/public_pages.h"
#include "server/request_body.h"

namespace press::server {

using nlohmann::json;

struct Api::Call {
  const httplib::Request& req;
  httplib::Response& res;
  const RequestBody& body;
  int64_t id = 0;  // of /api/v1/articles/<id>...
  Actor actor = {};
};

namespace {

const RequestBody kNoBody;
// Writes reach every route, so an unknown method on a known path gets 405, not 404.
const char* const kWriteMethods[] = {"POST", "PUT", "DELETE", "PATCH"};

std::string id_text(int64_t id) {
  return std::to_string(id);
}

std::string news_url(int64_t id) {
  return "/news/" + id_text(id) + ".html";
}

std::string etag_of(int64_t revision) {
  return "\"" + std::to_string(revision) + "\"";
}

json write_result(const ArticleChange& change) {
  const core::Article& a = change.article;
  json j{{"id", id_text(change.id)},
         {"revision", a.revision},
         {"status", core::to_string(a.status)}};
  if (a.status == core::ArticleStatus::Published) j["url"] = news_url(change.id);
  return j;
}

json located_errors(const core::Diagnostics& errors) {
  json list = json::array();
  for (const core::Diagnostic& d : errors) list.push_back(d);  // core's shared JSON form
  return list;
}

// Findings as the core writes them, warnings included; a blocking one keeps the page off.
json findings_json(const core::GuardReport& report) {
  return json(report)["findings"];
}

json summary_json(const ArticleSummary& s, const core::SiteProfile& site) {
  json j{{"id", id_text(s.id)},
         {"revision", s.revision},
         {"status", core::to_string(s.status)},
         {"deleted", s.deleted},
         {"channel", s.channel},
         {"title", s.title},
         {"published_at", core::format_iso8601_beijing(s.published_at)},
         {"updated_at", core::format_iso8601_beijing(s.updated_at)},
         {"modified_at", iso8601_utc(s.modified_at)}};
  const core::SiteChannel* c = core::find_channel(site, s.channel);
  j["channel_slug"] = c ? json(c->slug) : json(nullptr);
  if (s.status == core::ArticleStatus::Published && !s.deleted) j["url"] = news_url(s.id);
  return j;
}

}  // namespace

int http_status(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::invalid: return 400;
    case core::ErrorCode::not_found: return 404;
    case core::ErrorCode::conflict: return 409;
    case core::ErrorCode::forbidden: return 403;
    case core::ErrorCode::too_large: return 413;
    case core::ErrorCode::unavailable: return 503;
    case core::ErrorCode::internal: return 500;
  }
  return 500;
}

Api::Api(ServerContext& ctx)
    : ctx_(ctx), workflow_(*ctx.store, ctx.site, *ctx.guard, ctx.cache, ctx.views) {}

// The JSON error identifiers are part of the wire format: clients branch on "deleted",
// "not_deleted" and "conflict" (with the current copy) apart from the status.
void Api::fail(Call& call, const core::Error& error, std::string_view reason,
               std::string_view summary) {
  const std::string path = error.problems.empty() ? "" : error.problems.front().path;
  const std::string message =
      error.problems.empty() ? error.message() : error.problems.front().message;
  const int status = http_status(error.code);
  switch (error.code) {
    case core::ErrorCode::invalid:
      send_json(call.req, call.res, status,
                json{{"error", reason.empty() ? "invalid_article" : reason},
                     {"message", summary.empty() ? std::string_view(message) : summary},
                     {"errors", located_errors(error.problems)}});
      return;
    case core::ErrorCode::conflict:
      if (path == "revision") return conflict_with_current(call, message);
      reason = path == "deleted" ? "not_deleted" : "conflict";
      break;
    case core::ErrorCode::not_found: reason = path == "deleted" ? "deleted" : "not_found"; break;
    case core::ErrorCode::forbidden: reason = "forbidden"; break;
    case core::ErrorCode::too_large: reason = "payload_too_large"; break;
    case core::ErrorCode::unavailable: reason = "storage_unavailable"; break;
    case core::ErrorCode::internal: reason = "stored_article_unreadable"; break;
  }
  send_error(call.req, call.res, status, reason, message);
}

// A stale revision: the answer carries the stored copy, so the editor can merge and resend.
void Api::conflict_with_current(Call& call, std::string_view message) {
  auto current = ctx_.store->get(call.id);
  if (!current) return fail(call, no_such_article());
  if (current->deleted) return fail(call, article_deleted());
  std::string text = json{{"error", "conflict"}, {"message", message}}.dump();
  text.pop_back();  // reopen the object to append the stored copy as-is
  std::string stored = current->json;
  while (!stored.empty() && stored.back() == '\n') stored.pop_back();
  text += ",\"current\":" + stored + "}\n";
  call.res.set_header("ETag", etag_of(current->revision));
  send_text(call.req, call.res, http_status(core::ErrorCode::conflict), kJsonType,
            std::move(text));
}

bool Api::cors_allowed(const httplib::Request& req) const {
  if (!req.has_header("Origin")) return false;
  const std::string origin = req.get_header_value("Origin");
  for (const std::string& allowed : ctx_.options.cors_origins)
    if (allowed == origin) return true;
  return false;
}

void Api::preflight(const httplib::Request& req, httplib::Response& res) {
  res.set_header("Vary", "Origin");
  if (!cors_allowed(req)) {
    send_error(req, res, 403, "origin_not_allowed",
               "this origin is not one of the configured admin origins");
    return;
  }
  res.status = 204;
  res.set_header("Access-Control-Allow-Origin", req.get_header_value("Origin"));
  res.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
  res.set_header("Access-Control-Allow-Headers",
                 "Authorization, Content-Type, If-Match, If-None-Match");
  res.set_header("Access-Control-Max-Age", "600");
}

void Api::begin(Call& call) {
  const httplib::Request& req = call.req;
  if (req.has_header("Origin")) {
    call.res.set_header("Vary", "Origin");
    if (cors_allowed(req)) {
      call.res.set_header("Access-Control-Allow-Origin", req.get_header_value("Origin"));
      call.res.set_header("Access-Control-Expose-Headers", "ETag, Location");
    }
  }
  call.res.set_header("Cache-Control", "no-store");
}

void Api::on(httplib::Server& http, const std::string& method, const std::string& pattern,
             std::function<void(Call&)> handler) {
  // The id of /api/v1/articles/<id>, when the pattern captures one; an id that is not a
  // strict decimal number names no article, whatever the method.
  auto run = [this, handler](const httplib::Request& req, httplib::Response& res,
                             const RequestBody& body) {
    Call call{req, res, body};
    begin(call);
    if (req.matches.size() > 1) {
      call.id = parse_article_id(req.matches[1].str());
      if (call.id == 0) return send_error(req, res, 404, "not_found", "no such article");
    }
    handler(call);
  };
  if (method == "GET") {
    http.Get(pattern, [run](const httplib::Request& req, httplib::Response& res) {
      run(req, res, kNoBody);
    });
    return;
  }
  const size_t limit = ctx_.options.max_body_bytes;
  auto with_body = [run, limit](const httplib::Request& req, httplib::Response& res,
                                const httplib::ContentReader& reader) {
    RequestBody body;
    if (read_request_body(req, res, reader, limit, body)) run(req, res, body);
  };
  if (method == "POST") http.Post(pattern, with_body);
  if (method == "PUT") http.Put(pattern, with_body);
  if (method == "DELETE") http.Delete(pattern, with_body);
  if (method == "PATCH") http.Patch(pattern, with_body);
}

void Api::route(httplib::Server& http, const std::string& pattern,
                std::vector<Endpoint> endpoints) {
  std::string allowed;
  for (const Endpoint& e : endpoints)
    allowed += (allowed.empty() ? "" : ", ") + (e.method == "GET" ? "GET, HEAD" : e.method);
  auto find = [&](const std::string& method) -> const Endpoint* {
    for (const Endpoint& e : endpoints)
      if (e.method == method) return &e;
    return nullptr;
  };
  std::vector<std::string> methods{"GET"};
  methods.insert(methods.end(), std::begin(kWriteMethods), std::end(kWriteMethods));
  for (const std::string& method : methods) {
    if (const Endpoint* e = find(method)) {
      on(http, method, pattern, [this, h = e->handler](Call& call) { (this->*h)(call); });
    } else {
      on(http, method, pattern, [allowed](Call& call) {
        call.res.set_header("Allow", allowed);
        send_error(call.req, call.res, 405, "method_not_allowed", "allowed: " + allowed);
      });
    }
  }
}

void Api::register_routes(httplib::Server& http) {
  const std::string article = "/api/v1/articles/([^/]+)";
  route(http, "/api/v1/health", {{"GET", &Api::health}});
  route(http, "/api/v1/audit", {{"GET", &Api::audit}});
  route(http, "/api/v1/articles/?", {{"GET", &Api::list}, {"POST", &Api::create}});
  route(http, article, {{"GET", &Api::get}, {"PUT", &Api::update}, {"DELETE", &Api::remove}});
  route(http, article + "/publish", {{"POST", &Api::publish}});
  route(http, article + "/unpublish", {{"POST", &Api::unpublish}});
  route(http, article + "/restore", {{"POST", &Api::restore}});
  // Whatever else is under /api/: cpp-httplib tries patterns in the order they were added.
  const std::pair<const char*, const char*> unknown[] = {
      {"/api/v1/articles/.*", "no such article"},
      {"/api/v1/.*", "no such API route"},
      {"/api/.*", "no such API route; the API lives under /api/v1/"},
  };
  for (const auto& [pattern, message] : unknown) {
    auto answer = [message = std::string(message)](Call& call) {
      send_error(call.req, call.res, 404, "not_found", message);
    };
    on(http, "GET", pattern, answer);
    for (const char* method : kWriteMethods) on(http, method, pattern, answer);
  }
}

bool Api::authorize(Call& call, Role needed) {
  const std::string header = call.req.get_header_value("Authorization");
  const std::optional<std::string_view> token = bearer_token(header);  // points into header
  if (!token) {
    call.res.set_header("WWW-Authenticate", "Bearer realm=\"press\"");
    send_error(call.req, call.res, 401, "unauthorized", "send Authorization: Bearer <token>");
    return false;
  }
  auto actor = ctx_.tokens->authenticate(*token);
  if (!actor) {
    call.res.set_header("WWW-Authenticate", "Bearer realm=\"press\", error=\"invalid_token\"");
    send_error(call.req, call.res, 401, "invalid_token", "the token is unknown or revoked");
    return false;
  }
  if (int(actor->role) < int(needed)) {
    send_error(call.req, call.res, 403, "forbidden",
               std::string("this needs a token with the role ") + to_string(needed) +
                   " (yours: " + to_string(actor->role) + ")");
    return false;
  }
  call.actor = std::move(*actor);
  return true;
}

bool Api::admit(const httplib::Request& req, httplib::Response& res, Role needed, Actor& who) {
  Call call{req, res, kNoBody};
  begin(call);
  if (!authorize(call, needed)) return false;
  who = std::move(call.actor);
  return true;
}

// The body as an article; on any problem the answer is sent here.
std::optional<core::Article> Api::article_from_body(Call& call) {
  if (!is_json_content_type(call.req.get_header_value("Content-Type"))) {
    send_error(call.req, call.res, 415, "unsupported_media_type",
               "send the article as Content-Type: application/json (UTF-8)");
    return std::nullopt;
  }
  if (call.body.text.empty()) {
    fail(call, core::Error::of(core::ErrorCode::invalid, "the request has no body"), {},
         "the request body must be an article");
    return std::nullopt;
  }
  core::Result<core::Article> article = parse_article_body(call.body.text);
  if (article) return std::move(*article);
  // Bytes that are not UTF-8 get their own answer, located in the body.
  if (core::Status utf8 = check_utf8(call.body.text); !utf8)
    fail(call, utf8.error(), "invalid_utf8", "the body is not valid UTF-8");
  else
    fail(call, article.error(), {}, "the article is not valid");
  return std::nullopt;
}

void Api::health(Call& call) {
  bool db_ok = false;
  if (auto db = ctx_.reads->acquire()) {
    Query q = db->query("SELECT value FROM meta WHERE key = 'tokens_version'");
    db_ok = q.next();
  }
  send_json(call.req, call.res, db_ok ? 200 : 503,
            json{{"status", db_ok ? "ok" : "database_unavailable"},
                 {"version", PRESS_VERSION},
                 {"site", ctx_.site.id}});
}

void Api::list(Call& call) {
  if (!authorize(call, Role::Reader)) return;
  const auto& req = call.req;
  core::Diagnostics errors;
  ListFilter filter;
  if (req.has_param("channel") && !req.get_param_value("channel").empty()) {
    const std::string wanted = req.get_param_value("channel");
    const core::SiteChannel* channel = nullptr;
    for (const core::SiteChannel& c : ctx_.site.channels)
      if (c.slug == wanted) channel = &c;
    if (!channel) {
      // Also accept the label path, "新闻中心/媒体看工贸".
      std::vector<std::string> labels;
      size_t start = 0;
      for (size_t i = 0; i <= wanted.size(); ++i) {
        if (i == wanted.size() || wanted[i] == '/') {
          labels.push_back(wanted.substr(start, i - start));
          start = i + 1;
        }
      }
      channel = core::find_channel(ctx_.site, labels);
    }
    if (channel) {
      filter.channel = channel->path;
    } else {
      errors.push_back(
          {"channel", "unknown channel \"" + wanted + "\": use a slug of the site profile", 0, 0});
    }
  }
  const std::string status = req.has_param("status") ? req.get_param_value("status") : "";
  if (status.empty() || status == "all") {
    filter.status = StatusFilter::Live;
  } else if (status == "draft") {
    filter.status = StatusFilter::Draft;
  } else if (status == "published") {
    filter.status = StatusFilter::Published;
  } else if (status == "deleted") {
    filter.status = StatusFilter::Deleted;
  } else {
    errors.push_back({"status", "expected draft, published, deleted or all", 0, 0});
  }
  int64_t page = 1, per_page = 20;
  if (req.has_param("page")) {
    page = parse_article_id(req.get_param_value("page"));
    if (page < 1 || page > 1000000)
      errors.push_back({"page", "expected a page number from 1", 0, 0});
  }
  if (req.has_param("per_page")) {
    per_page = parse_article_id(req.get_param_value("per_page"));
    if (per_page < 1 || per_page > 100) errors.push_back({"per_page", "expected 1 to 100", 0, 0});
  }
  if (!errors.empty()) {
    return fail(call, core::Error::from(core::ErrorCode::invalid, std::move(errors)),
                "invalid_query", "the list query is not valid");
  }
  filter.offset = (page - 1) * per_page;
  filter.limit = per_page;
  ListResult result = ctx_.store->list(filter);
  if (!result.ok) {
    return fail(call, core::Error::of(core::ErrorCode::unavailable, "the database cannot be read"));
  }
  json items = json::array();
  for (const ArticleSummary& s : result.items) items.push_back(summary_json(s, ctx_.site));
  send_json(req, call.res, 200,
            json{{"page", page},
                 {"per_page", per_page},
                 {"total", result.total},
                 {"pages", (result.total + per_page - 1) / per_page},
                 {"articles", std::move(items)}});
}

void Api::create(Call& call) {
  if (!authorize(call, Role::Editor)) return;
  auto article = article_from_body(call);
  if (!article) return;
  // id, revision and status belong to the server: a new article is always a draft.
  core::Result<ArticleChange> created = workflow_.create(call.actor, std::move(*article));
  if (!created) return fail(call, created.error());
  call.res.set_header("Location", "/api/v1/articles/" + created->article.id);
  call.res.set_header("ETag", etag_of(created->article.revision));
  send_json(call.req, call.res, 201, write_result(*created));
}

void Api::get(Call& call) {
  if (!authorize(call, Role::Reader)) return;
  bool failed = false;
  auto record = ctx_.store->get(call.id, &failed);
  if (failed)
    return fail(call, core::Error::of(core::ErrorCode::unavailable, "the database cannot be read"));
  const bool include_deleted = call.req.get_param_value("include_deleted") == "1";
  if (!record) return fail(call, no_such_article());
  if (record->deleted && !include_deleted)
    return fail(call, article_deleted("POST /api/v1/articles/" + id_text(call.id) + "/restore"));
  const std::string etag = etag_of(record->revision);
  call.res.set_header("ETag", etag);
  if (record->deleted) call.res.set_header("X-Press-Deleted", "1");
  if (not_modified(call.req, etag, {})) {
    call.res.status = 304;
    return;
  }
  send_text(call.req, call.res, 200, kJsonType, std::move(record->json));
}

void Api::update(Call& call) {
  if (!authorize(call, Role::Editor)) return;
  auto article = article_from_body(call);
  if (!article) return;
  if (!article->id.empty() && article->id != id_text(call.id))
    return fail(call,
                core::Error::at(core::ErrorCode::invalid, "id",
                                "does not match the article in the URL"),
                {}, "the article is not valid");
  const auto expected = based_on_revision(call.req, article->revision);
  if (!expected) return fail(call, expected.error(), {}, "the base revision is unclear");
  if (!*expected) {
    send_error(
        call.req, call.res, 428, "revision_required",
        "send the revision this edit is based on (\"revision\" in the body or If-Match), so no "
        "one's changes are overwritten unseen");
    return;
  }
  core::Result<ArticleChange> change =
      workflow_.update(call.actor, call.id, **expected, std::move(*article));
  if (!change) return fail(call, change.error());
  if (change->effect == ArticleChange::Effect::blocked_by_guard) {
    send_json(call.req, call.res, 422,
              json{{"error", "blocked_by_guard"},
                   {"message",
                    "the edit would put content the guard refuses on a published page; nothing "
                    "was stored"},
                   {"findings", findings_json(change->guard)}});
    return;
  }
  call.res.set_header("ETag", etag_of(change->article.revision));
  send_json(call.req, call.res, 200, write_result(*change));
}

void Api::remove(Call& call) {
  if (!authorize(call, Role::Editor)) return;
  int64_t from_query = 0;
  if (call.req.has_param("revision")) {
    from_query = parse_article_id(call.req.get_param_value("revision"));
    if (from_query <= 0)
      return fail(call,
                  core::Error::at(core::ErrorCode::invalid, "revision",
                                  "expected a revision number"),
                  {}, "the base revision is unclear");
  }
  const auto expected = based_on_revision(call.req, from_query);
  if (!expected) return fail(call, expected.error(), {}, "the base revision is unclear");
  core::Result<ArticleChange> change = workflow_.remove(call.actor, call.id, *expected);
  if (!change) return fail(call, change.error());
  json result = write_result(*change);
  result["deleted"] = true;
  result["restore"] = "/api/v1/articles/" + id_text(call.id) + "/restore";
  send_json(call.req, call.res, 200, result);
}

void Api::restore(Call& call) {
  if (!authorize(call, Role::Editor)) return;
  core::Result<ArticleChange> change = workflow_.restore(call.actor, call.id);
  if (!change) return fail(call, change.error());
  call.res.set_header("ETag", etag_of(change->article.revision));
  send_json(call.req, call.res, 200, write_result(*change));
}

void Api::publish(Call& call) {
  if (!authorize(call, Role::Editor)) return;
  // An optional {"revision": N} (or If-Match) publishes exactly the revision the editor saw.
  int64_t from_body = 0;
  const std::string& body = call.body.text;
  if (call.body.present && !body.empty()) {
    if (!is_json_content_type(call.req.get_header_value("Content-Type")))
      return send_error(call.req, call.res, 415, "unsupported_media_type",
                        "send JSON: {\"revision\": N}");
    json j = json::parse(body, nullptr, false);
    const json* rev = j.is_object() && j.contains("revision") ? &j["revision"] : nullptr;
    if (j.is_discarded() || !j.is_object() || (rev && !rev->is_number_integer()))
      return fail(call,
                  core::Error::at(core::ErrorCode::invalid, "revision",
                                  "expected {\"revision\": N}"),
                  {}, "the publish request is not valid");
    if (rev) from_body = rev->get<int64_t>();
  }
  const auto expected = based_on_revision(call.req, from_body);
  if (!expected) return fail(call, expected.error(), {}, "the base revision is unclear");
  core::Result<ArticleChange> change = workflow_.publish(call.actor, call.id, *expected);
  if (!change) return fail(call, change.error());
  switch (change->effect) {
    case ArticleChange::Effect::unchanged:  // already live: nothing to do
      return send_json(call.req, call.res, 200, write_result(*change));
    case ArticleChange::Effect::blocked_by_guard:
      return send_json(
          call.req, call.res, 422,
          json{{"error", "blocked_by_guard"},
               {"message", "the guard refuses to publish this article; it stays a draft"},
               {"findings", findings_json(change->guard)}});
    case ArticleChange::Effect::stored: break;
  }
  json result = write_result(*change);
  result["warnings"] = findings_json(change->guard);  // non-blocking findings, if any
  call.res.set_header("ETag", etag_of(change->article.revision));
  send_json(call.req, call.res, 200, result);
}

void Api::unpublish(Call& call) {
  if (!authorize(call, Role::Editor)) return;
  const auto expected = based_on_revision(call.req, 0);
  if (!expected) return fail(call, expected.error(), {}, "the base revision is unclear");
  core::Result<ArticleChange> change = workflow_.unpublish(call.actor, call.id, *expected);
  if (!change) return fail(call, change.error());
  if (change->effect == ArticleChange::Effect::stored)
    call.res.set_header("ETag", etag_of(change->article.revision));
  send_json(call.req, call.res, 200, write_result(*change));  // a draft already: nothing to do
}

void Api::audit(Call& call) {
  if (!authorize(call, Role::Admin)) return;
  int64_t page = 1;
  if (call.req.has_param("page")) page = parse_article_id(call.req.get_param_value("page"));
  if (page < 1)
    return send_error(call.req, call.res, 400, "invalid_query",
                      "page: expected a page number from 1");
  constexpr int64_t kPerPage = 50;
  int64_t total = 0;
  json entries = json::array();
  for (const AuditEntry& e : ctx_.store->audit_log((page - 1) * kPerPage, kPerPage, &total)) {
    json j{{"seq", e.seq},
           {"at", iso8601_utc(e.at)},
           {"token_id", e.token_id ? json(e.token_id) : json(nullptr)},
           {"token", e.token_name},
           {"action", e.action},
           {"article_id", e.article_id ? json(id_text(e.article_id)) : json(nullptr)},
           {"revision", e.article_id ? json(e.revision) : json(nullptr)},
           {"detail", e.detail}};
    entries.push_back(std::move(j));
  }
  send_json(call.req, call.res, 200,
            json{{"page", page}, {"per_page", kPerPage}, {"total", total}, {"entries", entries}});
}

}  // namespace press::server
