#pragma once
// HTTP for publishing on the desktop: each request runs on a worker thread with
// cpp-httplib; replies wait in a queue until poll() hands them to the UI thread.
#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "ui/callback.h"
#include "ui/platform.h"

namespace press::native {

class HttpClient final : public ui::Http {
 public:
  // wake is called from a worker thread when a reply is ready (the main loop sleeps in
  // glfwWaitEvents and must be woken: glfwPostEmptyEvent).
  explicit HttpClient(ui::Callback<void()> wake = {}) : wake_(std::move(wake)) {}
  ~HttpClient() override;  // waits for requests still running (they all have timeouts)

  void send(ui::HttpRequest request, ui::Callback<void(ui::HttpResponse)> done,
            ui::Callback<void(uint64_t, uint64_t)> progress = {}) override;
  // Runs the callbacks of finished requests; on the UI thread.
  void poll();
  // Blocks until every request finished and polls (tests).
  void wait_idle();
  size_t running() const;

 private:
  ui::Callback<void()> wake_;
  mutable std::mutex mutex_;
  struct Worker {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> finished;
  };
  std::vector<Worker> workers_;  // joined by poll() once finished
  std::vector<ui::Callback<void()>> finished_;
  size_t running_ = 0;
};

// Splits "http://host:port/path?q" into "http://host:port" and "/path?q".
bool split_url(const std::string& url, std::string& origin, std::string& path);

}  // namespace press::native
