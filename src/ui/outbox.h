#pragma once
// Publishing that waits for the server. A publish that got no answer (server down, the
// browser offline, a 5xx) is kept in a queue in storage ("outbox.json") and tried again,
// backing off from 2 s to 60 s and at once after retry_now() (the browser came back
// online), until the server takes it. The queue survives a reload: what an editor
// published while the server was away goes out when it returns.
//
// It publishes with its own Publisher (the same protocol and the same 409 / 422 handling
// as the editor's button). The owner (EditorSession) says where a queued draft's article
// is (open_article: the open editor's copy, else the outbox reads the draft library) and
// keeps the server's id and revision (on_record), so a later publish updates instead of
// duplicating.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/article.h"
#include "ui/callback.h"
#include "ui/drafts.h"
#include "ui/platform.h"
#include "ui/publisher.h"

namespace press::ui {

class Outbox {
 public:
  Outbox(Storage& storage, Http& http, DraftLibrary& drafts);

  void load(Callback<void()> done);
  // Adds a draft (once) and tries it on the next tick.
  void enqueue(const std::string& draft_id);
  bool contains(const std::string& draft_id) const;
  size_t size() const { return queue_.size(); }
  bool busy() const { return publisher_.busy() || loading_; }
  void retry_now() { next_attempt_ = 0; }
  void use_media(MediaShelf* shelf, MediaFiles* files) { publisher_.use_media(shelf, files); }
  // The queued draft's publisher (its progress while it uploads).
  const PublishState& state() const { return publisher_.state(); }

  // Drives the queue; now in seconds. server/token: where to publish.
  void tick(double now, const std::string& server, const std::string& token);
  // Seconds until tick() has something to do; negative: nothing queued.
  double next_wakeup(double now) const;

  // The article of a draft when it is open (null: read it from the library).
  Callback<const core::Article*(const std::string& draft_id)> open_article;
  // The server's record of a queued draft, as soon as it is known.
  Callback<void(const std::string& draft_id, const ServerRecord& record)> on_record;

  // The outcome of each queued draft.
  Callback<void(const std::string& draft_id, const ServerRecord& record, const std::string& url)>
      on_published;
  Callback<void(const std::string& draft_id, const PublishState& state)> on_failed;  // dropped
  Callback<void(const std::string& draft_id, const std::string& why)> on_waiting;    // kept

 private:
  void save_queue();
  void drop(const std::string& draft_id);

  Storage& storage_;
  DraftLibrary& drafts_;
  Publisher publisher_;
  std::vector<std::string> queue_;
  std::string current_;       // draft being published
  ServerRecord last_record_;  // what the server said about it
  bool loading_ = false;      // reading the draft from storage
  double next_attempt_ = 0;
  double delay_ = 2;
  std::shared_ptr<char> life_ = std::make_shared<char>(0);
};

}  // namespace press::ui
