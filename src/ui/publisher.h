#pragma once
// Publishing to press-server (docs/server-api.md): create the article when the server has
// never seen it (POST /api/v1/articles), otherwise store the edit on the revision it is
// based on (PUT .../{id} with "revision"), then publish exactly that revision
// (POST .../{id}/publish). Every reply is turned into one clear state; nothing here ever
// touches the local draft, so a failure always leaves it intact.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/article.h"
#include "core/guard.h"
#include "ui/callback.h"
#include "ui/media_shelf.h"
#include "ui/platform.h"

namespace press::ui {

enum class PublishPhase {
  Idle,
  Uploading,   // POST or PUT of the article
  Publishing,  // POST .../publish
  Done,        // live on the server
  Failed,      // no answer, refused token, server error: retry possible
  Conflict,    // 409: someone else changed the article; server_copy holds theirs
  Blocked,     // 422: the server's guard refused; findings say why
};

struct PublishState {
  PublishPhase phase = PublishPhase::Idle;
  std::string message;  // localized, ready to show
  std::string detail;   // the server's own words, when it gave any
  int http_status = 0;
  bool missing_on_server = false;       // 404: the article was deleted there
  core::Article server_copy;            // Conflict: the server's current version
  std::vector<core::Finding> findings;  // Blocked: the server's findings
  std::string url;                      // Done: the page's path on the server ("/news/7.html")
  uint64_t sent = 0, total = 0;         // upload progress when the platform reports it
};

// The server's bookkeeping for the article, reported as soon as it is known so the app
// stores it in the draft (a created id must never be lost, or a retry would duplicate).
struct ServerRecord {
  std::string id;
  int64_t revision = 0;
  core::ArticleStatus status = core::ArticleStatus::Draft;
};

class Publisher {
 public:
  explicit Publisher(Http& http) : http_(http) {}

  // Starts publishing a snapshot of the article. server: "http://host:port".
  void start(const std::string& server, const std::string& token, const core::Article& article,
             Callback<void(const ServerRecord&)> on_record);
  // After a conflict: send the local version again on top of the server's revision.
  void overwrite(const std::string& server, const std::string& token, core::Article article,
                 int64_t server_revision, Callback<void(const ServerRecord&)> on_record);
  bool busy() const {
    return state_.phase == PublishPhase::Uploading || state_.phase == PublishPhase::Publishing;
  }
  const PublishState& state() const { return state_; }
  // Local files the article refers to are uploaded first, each once (what the server
  // stored stays recorded on the shelf, also when the article itself then fails).
  void use_media(MediaShelf* shelf, MediaFiles* files) {
    shelf_ = shelf;
    files_ = files;
  }
  // Back to Idle (the user dismissed the result).
  void reset() { state_ = PublishState{}; }

 private:
  void next_media(core::Article article);
  void upload(core::Article article);
  void publish(const std::string& id, int64_t revision);
  void fail(const struct HttpResponse& r);
  bool take_record(const struct HttpResponse& reply, ServerRecord& record, std::string& url);
  void done(const ServerRecord& record, const std::string& url);
  HttpRequest request(const std::string& method, const std::string& path, std::string body) const;
  Callback<void(uint64_t, uint64_t)> progress(uint32_t attempt);

  template <class F>
  auto guard(F f) {
    return [alive = std::weak_ptr<char>(life_), f = std::move(f)](auto&&... args) mutable {
      if (!alive.expired()) f(std::forward<decltype(args)>(args)...);
    };
  }

  Http& http_;
  MediaShelf* shelf_ = nullptr;
  MediaFiles* files_ = nullptr;
  std::shared_ptr<char> life_ = std::make_shared<char>(0);
  std::string server_, token_;
  Callback<void(const ServerRecord&)> on_record_;
  PublishState state_;
  uint32_t attempt_ = 0;  // replies to an abandoned attempt are ignored
};

// Reads {"error","message","errors"/"findings"} bodies; exposed for tests.
std::vector<core::Finding> parse_findings(const std::string& json_text);

}  // namespace press::ui
