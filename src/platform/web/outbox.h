#pragma once
// Publishing that waits for the server. A publish that got no answer (server down, the
// browser offline, a 5xx) is kept in a queue in browser storage ("outbox.json") and tried
// again, backing off from 2 s to 60 s and at once when the browser comes back online,
// until the server takes it. The queue survives a reload: what an editor published while
// the server was away goes out when it returns.
//
// It publishes with its own ui::Publisher (the same protocol and the same 409 / 422
// handling as the editor's button), taking the article from the open editor when the
// queued draft is the one on screen, and from storage otherwise. The server's id and
// revision go back into the draft, so a later publish updates instead of duplicating.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ui/app.h"
#include "ui/drafts.h"
#include "ui/publisher.h"

namespace press::web {

class Outbox {
 public:
  Outbox(ui::Storage& storage, ui::Http& http);

  void load(std::function<void()> done);
  // Adds a draft (once) and tries it on the next tick.
  void enqueue(const std::string& draft_id);
  bool contains(const std::string& draft_id) const;
  size_t size() const { return queue_.size(); }
  bool busy() const { return publisher_.busy() || loading_; }
  void retry_now() { next_attempt_ = 0; }

  // Drives the queue; now in seconds. server/token: where to publish.
  void tick(double now, const std::string& server, const std::string& token, ui::App& app);
  // Seconds until tick() has something to do; negative: nothing queued.
  double next_wakeup(double now) const;

  // The outcome of each queued draft.
  std::function<void(const std::string& draft_id, const ui::ServerRecord& record, const std::string& url)>
      on_published;
  std::function<void(const std::string& draft_id, const ui::PublishState& state)> on_failed;  // dropped
  std::function<void(const std::string& draft_id, const std::string& why)> on_waiting;         // kept

 private:
  void save_queue();
  void finish(ui::App& app);
  void record(const std::string& draft_id, const ui::ServerRecord& r, ui::App& app);

  ui::Storage& storage_;
  ui::DraftLibrary drafts_;
  ui::Publisher publisher_;
  std::vector<std::string> queue_;
  std::string current_;       // draft being published
  ui::ServerRecord last_record_;  // what the server said about it
  bool loading_ = false;      // reading the draft from storage
  double next_attempt_ = 0;
  double delay_ = 2;
  std::shared_ptr<char> life_ = std::make_shared<char>(0);
};

}  // namespace press::web
