#include "ui/outbox.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/json_reader.h"
#include "ui/settings.h"

namespace press::ui {

namespace {
constexpr const char* kQueueFile = "outbox.json";
constexpr double kFirstDelay = 2, kMaxDelay = 60;
}  // namespace

Outbox::Outbox(Storage& storage, Http& http, DraftLibrary& drafts)
    : storage_(storage), drafts_(drafts), publisher_(http) {}

void Outbox::load(Callback<void()> done) {
  std::weak_ptr<char> alive = life_;
  storage_.read(kQueueFile,
                [this, alive, done = std::move(done)](StorageResult r, std::string data) {
                  if (alive.expired()) return;
                  if (r.ok) {
                    const nlohmann::json j = core::parse_json_or_null(data);
                    if (j.is_array())
                      for (const nlohmann::json& e : j)
                        if (e.is_string() && !contains(e.get<std::string>()))
                          queue_.push_back(e.get<std::string>());
                  }
                  if (done) done();
                });
}

bool Outbox::contains(const std::string& draft_id) const {
  return std::find(queue_.begin(), queue_.end(), draft_id) != queue_.end();
}

void Outbox::enqueue(const std::string& draft_id) {
  if (draft_id.empty()) return;
  if (!contains(draft_id)) {
    queue_.push_back(draft_id);
    save_queue();
  }
  next_attempt_ = 0;
  delay_ = kFirstDelay;
}

void Outbox::save_queue() {
  const nlohmann::json j = queue_;
  storage_.write(kQueueFile, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                 [](StorageResult) {});
}

double Outbox::next_wakeup(double now) const {
  if (queue_.empty() && current_.empty()) return -1;
  if (busy()) return 0.1;
  return std::max(0.0, next_attempt_ - now);
}

void Outbox::drop(const std::string& draft_id) {
  queue_.erase(std::remove(queue_.begin(), queue_.end(), draft_id), queue_.end());
  save_queue();
}

void Outbox::tick(double now, const std::string& server, const std::string& token) {
  if (publisher_.busy() || loading_) return;
  if (!current_.empty()) {  // the attempt has ended: what did the server say?
    const PublishState state = publisher_.state();
    const std::string draft = current_;
    current_.clear();
    publisher_.reset();
    const bool retry =
        state.phase == PublishPhase::Failed && (state.http_status == 0 || state.http_status >= 500);
    if (retry) {
      next_attempt_ = now + delay_;
      delay_ = std::min(kMaxDelay, delay_ * 2);
      if (on_waiting) on_waiting(draft, state.message);
      return;
    }
    drop(draft);
    delay_ = kFirstDelay;
    if (state.phase == PublishPhase::Done) {
      if (on_published) on_published(draft, last_record_, state.url);
    } else if (on_failed) {
      on_failed(draft, state);
    }
  }
  if (queue_.empty() || now < next_attempt_) return;
  const std::string url = normalize_server_url(server);
  if (url.empty()) return;
  current_ = queue_.front();
  last_record_ = ServerRecord{};
  std::weak_ptr<char> alive = life_;
  const std::string draft = current_;
  auto on_record = [this, alive, draft](const ServerRecord& r) {
    if (alive.expired()) return;
    last_record_ = r;
    if (this->on_record) this->on_record(draft, r);
  };
  if (const core::Article* open = open_article ? open_article(current_) : nullptr) {
    publisher_.start(url, token, *open, on_record);
    return;
  }
  loading_ = true;
  drafts_.load(current_, [this, alive, url, token, on_record](StorageResult r, core::Article a) {
    if (alive.expired()) return;
    loading_ = false;
    if (!r.ok) {  // the draft is gone: nothing left to publish
      drop(current_);
      current_.clear();
      return;
    }
    publisher_.start(url, token, a, on_record);
  });
}

}  // namespace press::ui
