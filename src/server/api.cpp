#include "server/api.h"

#include <ctime>
#include <nlohmann/json.hpp>

#include "core/article_json.h"
#include "core/beijing_time.h"
#include "core/report_json.h"
#include "core/utf8.h"
#include "server/http_util.h"
#include "server/list_page.h"
#include "server/publishing.h"

namespace press::server {

using nlohmann::json;

struct Api::Call {
  const httplib::Request& req;
  httplib::Response& res;
  std::string_view body;
  bool has_body;
  Actor actor;
};

namespace {

constexpr std::string_view kPrefix = "/api/v1/";
constexpr int kMaxAttempts =
    3;  // server-side retries of writes the client did not pin to a revision

bool is_read(const std::string& method) {
  return method == "GET" || method == "HEAD";
}

std::string id_text(int64_t id) {
  return std::to_string(id);
}

std::string news_url(int64_t id) {
  return "/news/" + id_text(id) + ".html";
}

json write_result(const core::Article& a, int64_t id) {
  json j{{"id", id_text(id)}, {"revision", a.revision}, {"status", core::to_string(a.status)}};
  if (a.status == core::ArticleStatus::Published) j["url"] = news_url(id);
  return j;
}

json located_errors(const core::Diagnostics& errors) {
  json list = json::array();
  for (const core::Diagnostic& d : errors) list.push_back(d);  // core's shared JSON form
  return list;
}

void send_invalid(const httplib::Request& req, httplib::Response& res,
                  const core::Diagnostics& errors, std::string_view message) {
  send_json(
      req, res, 400,
      json{{"error", "invalid_article"}, {"message", message}, {"errors", located_errors(errors)}});
}

// Findings as the core writes them, warnings included; a blocking one keeps the page off.
json findings_json(const core::GuardReport& report) {
  return json(report);
}

bool is_json_content_type(const std::string& value) {
  std::string v;
  for (char c : value) v += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
  const size_t semi = v.find(';');
  std::string type = v.substr(0, semi);
  while (!type.empty() && type.back() == ' ') type.pop_back();
  if (type != "application/json") return false;
  if (semi == std::string::npos) return true;
  const size_t cs = v.find("charset=", semi);
  if (cs == std::string::npos) return true;
  std::string charset = v.substr(cs + 8);
  const size_t end = charset.find_first_of("; ");
  charset = charset.substr(0, end);
  if (!charset.empty() && charset.front() == '"') charset = charset.substr(1, charset.size() - 2);
  return charset == "utf-8" || charset == "utf8";
}

// "5", "\"5\"" or "W/\"5\"" from If-Match; -1 when malformed.
int64_t parse_revision_tag(std::string value) {
  if (value.rfind("W/", 0) == 0) value = value.substr(2);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
    value = value.substr(1, value.size() - 2);
  const int64_t n = parse_article_id(value);
  return n > 0 ? n : -1;
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

void Api::handle(const httplib::Request& req, httplib::Response& res, std::string_view body,
                 bool has_body) {
  if (req.has_header("Origin")) {
    res.set_header("Vary", "Origin");
    if (cors_allowed(req)) {
      res.set_header("Access-Control-Allow-Origin", req.get_header_value("Origin"));
      res.set_header("Access-Control-Expose-Headers", "ETag, Location");
    }
  }
  res.set_header("Cache-Control", "no-store");
  Call call{req, res, body, has_body, Actor{}};
  route(call);
}

void Api::route(Call& call) {
  const std::string& path = call.req.path;
  const std::string& method = call.req.method;
  auto allow = [&](const char* methods) {
    call.res.set_header("Allow", methods);
    send_error(call.req, call.res, 405, "method_not_allowed", std::string("allowed: ") + methods);
  };
  if (path.compare(0, kPrefix.size(), kPrefix) != 0) {
    send_error(call.req, call.res, 404, "not_found",
               "no such API route; the API lives under /api/v1/");
    return;
  }
  const std::string_view rest = std::string_view(path).substr(kPrefix.size());
  if (rest == "health") {
    if (!is_read(method)) return allow("GET, HEAD");
    return health(call);
  }
  if (rest == "audit") {
    if (!is_read(method)) return allow("GET, HEAD");
    return audit(call);
  }
  if (rest == "articles" || rest == "articles/") {
    if (is_read(method)) return list(call);
    if (method == "POST") return create(call);
    return allow("GET, HEAD, POST");
  }
  constexpr std::string_view kArticles = "articles/";
  if (rest.compare(0, kArticles.size(), kArticles) == 0) {
    std::string_view tail = rest.substr(kArticles.size());
    const size_t slash = tail.find('/');
    const int64_t id = parse_article_id(tail.substr(0, slash));
    const std::string_view action =
        slash == std::string_view::npos ? std::string_view() : tail.substr(slash + 1);
    if (id == 0 || (slash != std::string_view::npos && action != "publish" &&
                    action != "unpublish" && action != "restore")) {
      send_error(call.req, call.res, 404, "not_found", "no such article");
      return;
    }
    if (action.empty()) {
      if (is_read(method)) return get(call, id);
      if (method == "PUT") return update(call, id);
      if (method == "DELETE") return remove(call, id);
      return allow("GET, HEAD, PUT, DELETE");
    }
    if (method != "POST") return allow("POST");
    if (action == "publish") return publish(call, id);
    if (action == "unpublish") return unpublish(call, id);
    return restore(call, id);
  }
  send_error(call.req, call.res, 404, "not_found", "no such API route");
}

bool Api::authorize(Call& call, Role needed) {
  const std::string header = call.req.get_header_value("Authorization");
  constexpr std::string_view kScheme = "bearer ";
  std::string scheme = header.substr(0, kScheme.size());
  for (char& c : scheme) c = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
  if (header.empty() || scheme != kScheme) {
    call.res.set_header("WWW-Authenticate", "Bearer realm=\"press\"");
    send_error(call.req, call.res, 401, "unauthorized", "send Authorization: Bearer <token>");
    return false;
  }
  std::string_view token = std::string_view(header).substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  auto actor = ctx_.tokens->authenticate(token);
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

std::optional<core::Article> Api::read_article_body(Call& call) {
  if (!is_json_content_type(call.req.get_header_value("Content-Type"))) {
    send_error(call.req, call.res, 415, "unsupported_media_type",
               "send the article as Content-Type: application/json (UTF-8)");
    return std::nullopt;
  }
  if (call.body.empty()) {
    send_invalid(call.req, call.res, {core::Diagnostic{"", "the request has no body", 0, 0}},
                 "the request body must be an article");
    return std::nullopt;
  }
  core::ArticleParse parsed = core::parse_article(call.body);
  if (!parsed.ok()) {
    // Bytes that are not UTF-8 get their own answer, located in the body.
    const size_t bad = core::utf8::find_invalid(call.body);
    if (bad != std::string_view::npos) {
      core::Diagnostic d{"", "invalid UTF-8 (byte offset " + std::to_string(bad) + ")", 0, 0};
      core::locate(call.body, bad, d.line, d.column);
      send_json(call.req, call.res, 400,
                json{{"error", "invalid_utf8"},
                     {"message", "the body is not valid UTF-8"},
                     {"errors", located_errors({d})}});
      return std::nullopt;
    }
    send_invalid(call.req, call.res, parsed.errors, "the article is not valid");
    return std::nullopt;
  }
  return std::move(parsed.article);
}

std::optional<int64_t> Api::expected_revision(Call& call, int64_t from_body, bool& bad) {
  bad = false;
  std::optional<int64_t> expected;
  if (from_body > 0) expected = from_body;
  if (call.req.has_header("If-Match")) {
    const int64_t tag = parse_revision_tag(call.req.get_header_value("If-Match"));
    if (tag < 0 || (expected && *expected != tag)) {
      bad = true;
      send_invalid(call.req, call.res,
                   {core::Diagnostic{"revision",
                                     tag < 0 ? "If-Match must be a revision such as \"3\""
                                             : "If-Match and the body's revision differ",
                                     0, 0}},
                   "the base revision is unclear");
      return std::nullopt;
    }
    expected = tag;
  }
  return expected;
}

void Api::conflict(Call& call, int64_t id, std::string_view message) {
  auto current = ctx_.store->get(id);
  if (!current || current->deleted) {
    send_error(
        call.req, call.res, 404, current ? "deleted" : "not_found",
        current ? "the article was deleted; POST .../restore brings it back" : "no such article");
    return;
  }
  std::string text = json{{"error", "conflict"}, {"message", message}}.dump();
  text.pop_back();  // reopen the object to append the stored copy as-is
  std::string stored = current->json;
  while (!stored.empty() && stored.back() == '\n') stored.pop_back();
  text += ",\"current\":" + stored + "}\n";
  call.res.set_header("ETag", "\"" + std::to_string(current->revision) + "\"");
  send_text(call.req, call.res, 409, kJsonType, std::move(text));
}

void Api::stored_unreadable(Call& call, int64_t id) {
  send_error(call.req, call.res, 500, "stored_article_unreadable",
             "article " + id_text(id) + " in the database does not parse; it was left unchanged");
}

void Api::storage_failed(Call& call) {
  send_error(call.req, call.res, 503, "storage_unavailable",
             "the write could not be stored; nothing was changed");
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
    send_json(req, call.res, 400,
              json{{"error", "invalid_query"},
                   {"message", "the list query is not valid"},
                   {"errors", located_errors(errors)}});
    return;
  }
  filter.offset = (page - 1) * per_page;
  filter.limit = per_page;
  ListResult result = ctx_.store->list(filter);
  if (!result.ok) {
    send_error(req, call.res, 503, "storage_unavailable", "the database cannot be read");
    return;
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
  auto article = read_article_body(call);
  if (!article) return;
  // id, revision and status belong to the server: a new article is always a draft.
  const auto outcome = ctx_.store->create(*article, call.actor);
  if (outcome != WriteQueue::Outcome::Committed) return storage_failed(call);
  const int64_t id = parse_article_id(article->id);
  call.res.set_header("Location", "/api/v1/articles/" + article->id);
  call.res.set_header("ETag", "\"" + std::to_string(article->revision) + "\"");
  send_json(call.req, call.res, 201, write_result(*article, id));
}

void Api::get(Call& call, int64_t id) {
  if (!authorize(call, Role::Reader)) return;
  bool failed = false;
  auto record = ctx_.store->get(id, &failed);
  if (failed)
    return send_error(call.req, call.res, 503, "storage_unavailable",
                      "the database cannot be read");
  const bool include_deleted = call.req.get_param_value("include_deleted") == "1";
  if (!record || (record->deleted && !include_deleted)) {
    send_error(call.req, call.res, 404, record ? "deleted" : "not_found",
               record ? "the article was deleted; POST /api/v1/articles/" + id_text(id) +
                            "/restore brings it back"
                      : "no such article");
    return;
  }
  const std::string etag = "\"" + std::to_string(record->revision) + "\"";
  call.res.set_header("ETag", etag);
  if (record->deleted) call.res.set_header("X-Press-Deleted", "1");
  if (not_modified(call.req, etag, {})) {
    call.res.status = 304;
    return;
  }
  send_text(call.req, call.res, 200, kJsonType, std::move(record->json));
}

void Api::update(Call& call, int64_t id) {
  if (!authorize(call, Role::Editor)) return;
  auto article = read_article_body(call);
  if (!article) return;
  if (!article->id.empty() && article->id != id_text(id)) {
    send_invalid(call.req, call.res,
                 {core::Diagnostic{"id", "does not match the article in the URL", 0, 0}},
                 "the article is not valid");
    return;
  }
  bool bad = false;
  const auto expected = expected_revision(call, article->revision, bad);
  if (bad) return;
  if (!expected) {
    send_error(
        call.req, call.res, 428, "revision_required",
        "send the revision this edit is based on (\"revision\" in the body or If-Match), so no "
        "one's changes are overwritten unseen");
    return;
  }
  core::Article next = std::move(*article);
  next.id = id_text(id);
  next.revision = *expected + 1;
  next.status = core::ArticleStatus::Draft;

  // The common case first, without reading anything: a draft saved on top of the revision
  // it was read at. Anything else (a stale revision, a published or deleted article, no
  // such article) is declined by the write itself and sorted out below.
  auto outcome = ctx_.store->replace(id, *expected, next, false, "update", call.actor, {}, true);
  if (outcome == WriteQueue::Outcome::Failed) return storage_failed(call);
  if (outcome == WriteQueue::Outcome::Committed) {
    call.res.set_header("ETag", "\"" + std::to_string(next.revision) + "\"");
    send_json(call.req, call.res, 200, write_result(next, id));
    return;
  }

  bool failed = false;
  auto current = ctx_.store->get(id, &failed);
  if (failed) return storage_failed(call);
  if (!current || current->deleted) return conflict(call, id, "");
  if (current->revision != *expected)
    return conflict(
        call, id,
        "the article changed since revision " + std::to_string(*expected) +
            "; your edit was not stored. Merge with the current copy and send it again");

  next.status = current->status;
  WriteQueue::AfterCommit after_commit;
  if (current->status == core::ArticleStatus::Published) {
    // The live page changes with this edit: it must pass the guard like a publish.
    PublicRender render = render_public_page(next, ctx_.site, *ctx_.guard);
    if (render.blocked()) {
      ctx_.store->audit(call.actor, "update-blocked", id, current->revision,
                        std::to_string(render.report.findings.size()) + " findings");
      send_json(call.req, call.res, 422,
                json{{"error", "blocked_by_guard"},
                     {"message",
                      "the edit would put content the guard refuses on a published page; nothing "
                      "was stored"},
                     {"findings", findings_json(render.report)["findings"]}});
      return;
    }
    auto page = pages_.make_page(next, render.html, int64_t(std::time(nullptr)));
    after_commit = [this, id, page] { ctx_.cache.put_article(id, page); };
  }
  outcome = ctx_.store->replace(id, *expected, next, false, "update", call.actor, after_commit);
  if (outcome == WriteQueue::Outcome::Failed) return storage_failed(call);
  if (outcome == WriteQueue::Outcome::Declined)
    return conflict(
        call, id, "another edit was stored first; your edit was not stored. Merge and send again");
  call.res.set_header("ETag", "\"" + std::to_string(next.revision) + "\"");
  send_json(call.req, call.res, 200, write_result(next, id));
}

void Api::remove(Call& call, int64_t id) {
  if (!authorize(call, Role::Editor)) return;
  bool bad = false;
  int64_t from_query = 0;
  if (call.req.has_param("revision")) {
    from_query = parse_article_id(call.req.get_param_value("revision"));
    if (from_query <= 0) {
      send_invalid(call.req, call.res,
                   {core::Diagnostic{"revision", "expected a revision number", 0, 0}},
                   "the base revision is unclear");
      return;
    }
  }
  const auto expected = expected_revision(call, from_query, bad);
  if (bad) return;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    std::optional<ArticleRecord> current;
    core::Article next;
    if (!load_live(call, id, expected, current, next)) return;
    next.revision = current->revision + 1;
    next.status =
        core::ArticleStatus::Draft;  // a deleted article is offline; restoring gives a draft
    const bool was_published = current->status == core::ArticleStatus::Published;
    const auto outcome = ctx_.store->replace(id, current->revision, next, true, "delete",
                                             call.actor, [this, id, was_published] {
                                               if (was_published) ctx_.cache.remove_article(id);
                                             });
    if (outcome == WriteQueue::Outcome::Failed) return storage_failed(call);
    if (outcome == WriteQueue::Outcome::Committed) {
      json result = write_result(next, id);
      result["deleted"] = true;
      result["restore"] = "/api/v1/articles/" + id_text(id) + "/restore";
      send_json(call.req, call.res, 200, result);
      return;
    }
    if (expected) return conflict(call, id, "the article changed meanwhile");
  }
  conflict(call, id, "the article keeps changing; try again");
}

// The stored, not deleted article at the expected revision (any, when none is expected),
// parsed. On any problem the answer is sent here and false returned.
bool Api::load_live(Call& call, int64_t id, const std::optional<int64_t>& expected,
                    std::optional<ArticleRecord>& current, core::Article& article) {
  bool failed = false;
  current = ctx_.store->get(id, &failed);
  if (failed) return storage_failed(call), false;
  if (!current || current->deleted) return conflict(call, id, ""), false;
  if (expected && current->revision != *expected)
    return conflict(call, id, "the article changed since revision " + std::to_string(*expected)), false;
  core::ArticleParse parsed = core::parse_article(current->json);
  if (!parsed.ok()) return stored_unreadable(call, id), false;
  article = std::move(parsed.article);
  return true;
}

void Api::restore(Call& call, int64_t id) {
  if (!authorize(call, Role::Editor)) return;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    bool failed = false;
    auto current = ctx_.store->get(id, &failed);
    if (failed) return storage_failed(call);
    if (!current) return send_error(call.req, call.res, 404, "not_found", "no such article");
    if (!current->deleted) {
      send_error(call.req, call.res, 409, "not_deleted", "the article is not deleted");
      return;
    }
    core::ArticleParse parsed = core::parse_article(current->json);
    if (!parsed.ok()) return stored_unreadable(call, id);
    core::Article next = std::move(parsed.article);
    next.revision = current->revision + 1;
    next.status = core::ArticleStatus::Draft;
    const auto outcome =
        ctx_.store->replace(id, current->revision, next, false, "restore", call.actor);
    if (outcome == WriteQueue::Outcome::Failed) return storage_failed(call);
    if (outcome == WriteQueue::Outcome::Committed) {
      call.res.set_header("ETag", "\"" + std::to_string(next.revision) + "\"");
      send_json(call.req, call.res, 200, write_result(next, id));
      return;
    }
  }
  send_error(call.req, call.res, 409, "conflict", "the article keeps changing; try again");
}

void Api::publish(Call& call, int64_t id) {
  if (!authorize(call, Role::Editor)) return;
  // An optional {"revision": N} (or If-Match) publishes exactly the revision the editor saw.
  int64_t from_body = 0;
  if (call.has_body && !call.body.empty()) {
    if (!is_json_content_type(call.req.get_header_value("Content-Type")))
      return send_error(call.req, call.res, 415, "unsupported_media_type",
                        "send JSON: {\"revision\": N}");
    json j = json::parse(call.body, nullptr, false);
    const json* rev = j.is_object() && j.contains("revision") ? &j["revision"] : nullptr;
    if (j.is_discarded() || !j.is_object() || (rev && !rev->is_number_integer())) {
      send_invalid(call.req, call.res,
                   {core::Diagnostic{"revision", "expected {\"revision\": N}", 0, 0}},
                   "the publish request is not valid");
      return;
    }
    if (rev) from_body = rev->get<int64_t>();
  }
  bool bad = false;
  const auto expected = expected_revision(call, from_body, bad);
  if (bad) return;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    std::optional<ArticleRecord> current;
    core::Article next;
    if (!load_live(call, id, expected, current, next)) return;
    if (current->status == core::ArticleStatus::Published) {
      send_json(call.req, call.res, 200, write_result(next, id));  // already live: nothing to do
      return;
    }
    next.revision = current->revision + 1;
    next.status = core::ArticleStatus::Published;
    PublicRender render = render_public_page(next, ctx_.site, *ctx_.guard);
    if (render.blocked()) {
      ctx_.store->audit(call.actor, "publish-blocked", id, current->revision,
                        std::to_string(render.report.findings.size()) + " findings");
      send_json(call.req, call.res, 422,
                json{{"error", "blocked_by_guard"},
                     {"message", "the guard refuses to publish this article; it stays a draft"},
                     {"findings", findings_json(render.report)["findings"]}});
      return;
    }
    auto page = pages_.make_page(next, render.html, int64_t(std::time(nullptr)));
    const auto outcome =
        ctx_.store->replace(id, current->revision, next, false, "publish", call.actor,
                            [this, id, page] { ctx_.cache.put_article(id, page); });
    if (outcome == WriteQueue::Outcome::Failed) return storage_failed(call);
    if (outcome == WriteQueue::Outcome::Committed) {
      json result = write_result(next, id);
      result["warnings"] =
          findings_json(render.report)["findings"];  // non-blocking findings, if any
      call.res.set_header("ETag", "\"" + std::to_string(next.revision) + "\"");
      send_json(call.req, call.res, 200, result);
      return;
    }
    if (expected) return conflict(call, id, "the article changed meanwhile");
  }
  send_error(call.req, call.res, 409, "conflict", "the article keeps changing; try again");
}

void Api::unpublish(Call& call, int64_t id) {
  if (!authorize(call, Role::Editor)) return;
  bool bad = false;
  const auto expected = expected_revision(call, 0, bad);
  if (bad) return;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    std::optional<ArticleRecord> current;
    core::Article next;
    if (!load_live(call, id, expected, current, next)) return;
    if (current->status == core::ArticleStatus::Draft) {
      send_json(call.req, call.res, 200, write_result(next, id));  // not live: nothing to do
      return;
    }
    next.revision = current->revision + 1;
    next.status = core::ArticleStatus::Draft;
    const auto outcome =
        ctx_.store->replace(id, current->revision, next, false, "unpublish", call.actor,
                            [this, id] { ctx_.cache.remove_article(id); });
    if (outcome == WriteQueue::Outcome::Failed) return storage_failed(call);
    if (outcome == WriteQueue::Outcome::Committed) {
      call.res.set_header("ETag", "\"" + std::to_string(next.revision) + "\"");
      send_json(call.req, call.res, 200, write_result(next, id));
      return;
    }
    if (expected) return conflict(call, id, "the article changed meanwhile");
  }
  send_error(call.req, call.res, 409, "conflict", "the article keeps changing; try again");
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
