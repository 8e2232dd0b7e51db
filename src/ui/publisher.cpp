#include "ui/publisher.h"

#include <nlohmann/json.hpp>

#include "core/article_json.h"
#include "core/json_reader.h"
#include "ui/messages.h"
#include "ui/strings.h"

namespace press::ui {

using nlohmann::json;

namespace {

json parse(const std::string& text) {
  return core::parse_json_or_null(text);
}

std::string string_field(const json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  if (it == j.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  return {};
}

int64_t int_field(const json& j, const char* key) {
  if (!j.is_object()) return 0;
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

// {"id","revision","status","url"} of a write.
bool read_record(const std::string& body, ServerRecord& out, std::string& url) {
  const json j = parse(body);
  out.id = string_field(j, "id");
  out.revision = int_field(j, "revision");
  out.status = string_field(j, "status") == "published" ? core::ArticleStatus::Published
                                                        : core::ArticleStatus::Draft;
  url = string_field(j, "url");
  return !out.id.empty() && out.revision > 0;
}

}  // namespace

std::vector<core::Finding> parse_findings(const std::string& json_text) {
  std::vector<core::Finding> out;
  const json j = parse(json_text);
  if (!j.is_object()) return out;
  auto it = j.find("findings");
  if (it == j.end() || !it->is_array()) return out;
  for (const json& f : *it) {
    if (!f.is_object()) continue;
    core::Finding finding;
    finding.severity = string_field(f, "severity") == "warning" ? core::Severity::Warning
                                                                : core::Severity::Blocking;
    finding.rule = string_field(f, "rule");
    finding.field = string_field(f, "field");
    finding.offset = size_t(std::max<int64_t>(0, int_field(f, "offset")));
    finding.size = size_t(std::max<int64_t>(0, int_field(f, "size")));
    finding.line = int(int_field(f, "line"));
    finding.column = int(int_field(f, "column"));
    finding.text = string_field(f, "text");
    finding.message = string_field(f, "message");
    out.push_back(std::move(finding));
  }
  return out;
}

// Upload progress of this attempt into the state (a later attempt's bar is not moved by
// an abandoned one).
Callback<void(uint64_t, uint64_t)> Publisher::progress(uint32_t attempt) {
  return guard([this, attempt](uint64_t sent, uint64_t total) {
    if (attempt != attempt_) return;
    state_.sent = sent;
    state_.total = total;
  });
}

HttpRequest Publisher::request(const std::string& method, const std::string& path,
                               std::string body) const {
  HttpRequest r;
  r.method = method;
  r.url = server_ + path;
  r.headers.push_back({"Authorization", "Bearer " + token_});
  r.headers.push_back({"Accept", "application/json"});
  if (!body.empty()) r.headers.push_back({"Content-Type", "application/json; charset=utf-8"});
  r.body = std::move(body);
  return r;
}

void Publisher::start(const std::string& server, const std::string& token,
                      const core::Article& article, Callback<void(const ServerRecord&)> on_record) {
  server_ = server;
  token_ = token;
  on_record_ = std::move(on_record);
  next_media(article);
}

void Publisher::next_media(core::Article article) {
  const std::vector<std::string> pending =
      shelf_ && files_ ? shelf_->pending(article.body) : std::vector<std::string>{};
  if (pending.empty()) {
    if (shelf_) article.body = shelf_->to_server(article.body);
    upload(std::move(article));
    return;
  }
  const uint32_t attempt = ++attempt_;
  const std::string id = pending.front();
  state_ = PublishState{};
  state_.phase = PublishPhase::Uploading;
  state_.message = trf(Str::UploadingMedia, int(pending.size()));
  HttpRequest r = request("POST", "/api/v1/media", {});
  files_->upload(
      id, std::move(r),
      guard([this, attempt, id, article = std::move(article)](HttpResponse reply) mutable {
        if (attempt != attempt_) return;
        core::MediaFile stored;
        if ((reply.status == 200 || reply.status == 201) && read_media_record(reply.body, stored)) {
          shelf_->uploaded(id, std::move(stored));
          next_media(std::move(article));
          return;
        }
        if (reply.status == 200 || reply.status == 201) {
          state_.phase = PublishPhase::Failed;
          state_.message = trf(Str::PublishFailed, tr(Str::ErrBadReply));
          return;
        }
        // The file is gone from this browser or computer (storage cleared): retrying cannot
        // help, so it fails like a refusal (the outbox drops it) and says what to do.
        if (reply.status == 0 && reply.error == kMediaMissing) {
          const ShelfItem* item = shelf_->find(id);
          state_.phase = PublishPhase::Failed;
          state_.http_status = 410;
          state_.message =
              trf(Str::PublishFailed,
                  trf(Str::MediaMissing,
                      item && !item->local.name.empty() ? item->local.name.c_str() : id.c_str())
                      .c_str());
          return;
        }
        // The server refused this file (415, 413, 400, 422): say which one. An answer about
        // the account or no answer at all reads as for any request.
        if (reply.status >= 400 && reply.status < 500 && reply.status != 401 &&
            reply.status != 403) {
          const json j = parse(reply.body);
          const ShelfItem* item = shelf_->find(id);
          const std::string name = item && !item->local.name.empty() ? item->local.name : id;
          state_.phase = PublishPhase::Failed;
          state_.http_status = reply.status;
          state_.detail = string_field(j, "message");
          std::string why = reply.status == 413 ? tr(Str::ErrFileTooLarge)
                                                : server_error(string_field(j, "error"));
          if (why.empty())
            why = !state_.detail.empty() ? state_.detail : trf(Str::ErrServer, reply.status);
          state_.message =
              trf(Str::PublishFailed, trf(Str::MediaRefused, name.c_str(), why.c_str()).c_str());
          return;
        }
        fail(reply);
      }),
      progress(attempt));
}

void Publisher::overwrite(const std::string& server, const std::string& token,
                          core::Article article, int64_t server_revision,
                          Callback<void(const ServerRecord&)> on_record) {
  article.revision = server_revision;  // based on what the server holds now: a deliberate overwrite
  start(server, token, article, std::move(on_record));
}

void Publisher::upload(core::Article article) {
  const uint32_t attempt = ++attempt_;
  state_ = PublishState{};
  state_.phase = PublishPhase::Uploading;
  state_.message = tr(Str::Uploading);
  const bool create = article.id.empty();
  // id, revision and status belong to the server; a create sends none of them.
  if (create) article.revision = 0;
  const std::string path = create ? "/api/v1/articles" : "/api/v1/articles/" + article.id;
  HttpRequest r = request(create ? "POST" : "PUT", path, core::article_to_json(article, -1));
  http_.send(std::move(r), guard([this, attempt](HttpResponse reply) {
               if (attempt != attempt_) return;
               if (reply.status == 200 || reply.status == 201) {
                 ServerRecord record;
                 std::string url;
                 if (!take_record(reply, record, url)) return;
                 if (record.status == core::ArticleStatus::Published) {
                   done(record, url);  // an edit of a live page is live at once
                   return;
                 }
                 publish(record.id, record.revision);
                 return;
               }
               fail(reply);
             }),
             progress(attempt));
}

void Publisher::publish(const std::string& id, int64_t revision) {
  const uint32_t attempt = ++attempt_;
  state_.phase = PublishPhase::Publishing;
  state_.message = tr(Str::Publishing);
  json body{{"revision", revision}};
  http_.send(request("POST", "/api/v1/articles/" + id + "/publish", body.dump()),
             guard([this, attempt](HttpResponse reply) {
               if (attempt != attempt_) return;
               if (reply.status == 200) {
                 ServerRecord record;
                 std::string url;
                 if (take_record(reply, record, url)) done(record, url);
                 return;
               }
               fail(reply);
             }));
}

// The server's record of the article from a successful reply, passed on to on_record_;
// a reply without one fails the attempt.
bool Publisher::take_record(const HttpResponse& reply, ServerRecord& record, std::string& url) {
  if (!read_record(reply.body, record, url)) {
    state_.phase = PublishPhase::Failed;
    state_.message = trf(Str::PublishFailed, tr(Str::ErrBadReply));
    return false;
  }
  if (on_record_) on_record_(record);
  return true;
}

void Publisher::done(const ServerRecord& record, const std::string& url) {
  state_.phase = PublishPhase::Done;
  state_.url = url;
  state_.message = trf(Str::PublishedOk, (long long)record.revision);
}

void Publisher::fail(const HttpResponse& r) {
  state_.http_status = r.status;
  const json j = parse(r.body);
  state_.detail = string_field(j, "message");
  std::string why;
  switch (r.status) {
    case 0:
      state_.phase = PublishPhase::Failed;
      why = trf(Str::ErrNoAnswer, r.error.c_str());
      break;
    case 401:
    case 403: {
      state_.phase = PublishPhase::Failed;
      const std::string known = server_error(string_field(j, "error"));
      why = !known.empty() ? known : tr(r.status == 401 ? Str::ErrUnauthorized : Str::ErrForbidden);
      break;
    }
    case 404:
      state_.phase = PublishPhase::Failed;
      state_.missing_on_server = true;
      why = string_field(j, "error") == "deleted" ? tr(Str::ErrDeleted) : tr(Str::ErrNotFound);
      break;
    case 409: {
      auto it = j.is_object() ? j.find("current") : j.end();
      if (it != j.end() && it->is_object()) {
        core::read_article(*it, state_.server_copy);
        state_.phase = PublishPhase::Conflict;
        state_.message = tr(Str::ConflictTitle);
        return;
      }
      state_.phase = PublishPhase::Failed;
      why = server_error(string_field(j, "error"));
      if (why.empty()) why = tr(Str::ErrConflictOther);
      break;
    }
    case 422:
      state_.phase = PublishPhase::Blocked;
      state_.findings = parse_findings(r.body);
      state_.message = trf(Str::PublishFailed, tr(Str::ErrRejected));
      return;
    case 400: {
      state_.phase = PublishPhase::Failed;
      // The first located error, worded here from its code; the server's English message
      // stays in detail for the log.
      auto errors = j.is_object() ? j.find("errors") : j.end();
      if (errors != j.end() && errors->is_array() && !errors->empty()) {
        const json& e = errors->front();
        core::Diagnostic d;
        d.path = string_field(e, "path");
        d.message = string_field(e, "message");
        d.code = string_field(e, "code");
        d.line = int(int_field(e, "line"));
        d.column = int(int_field(e, "column"));
        why = trf(Str::ErrInvalid, describe(d).c_str());
      } else {
        why = server_error(string_field(j, "error"));
        if (why.empty()) why = trf(Str::ErrInvalid, state_.detail.c_str());
      }
      break;
    }
    case 413:
      state_.phase = PublishPhase::Failed;
      why = tr(Str::ErrTooLarge);
      break;
    default:
      state_.phase = PublishPhase::Failed;
      why = server_error(string_field(j, "error"));
      if (why.empty()) why = trf(Str::ErrServer, r.status);
      break;
  }
  state_.message = trf(Str::PublishFailed, why.c_str());
}

}  // namespace press::ui
