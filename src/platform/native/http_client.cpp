#include "platform/native/http_client.h"

#include <httplib.h>

#include <chrono>

namespace press::native {

bool split_url(const std::string& url, std::string& origin, std::string& path) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return false;
  const std::string kind = url.substr(0, scheme);
  if (kind != "http" && kind != "https") return false;
  const size_t slash = url.find('/', scheme + 3);
  origin = url.substr(0, slash);
  path = slash == std::string::npos ? "/" : url.substr(slash);
  return origin.size() > scheme + 3;
}

HttpClient::~HttpClient() {
  std::vector<Worker> workers;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    workers.swap(workers_);
  }
  for (Worker& w : workers) w.thread.join();
}

size_t HttpClient::running() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return running_;
}

void HttpClient::send(ui::HttpRequest request, ui::Callback<void(ui::HttpResponse)> done,
                      ui::Callback<void(uint64_t, uint64_t)> progress) {
  (void)progress;  // cpp-httplib 0.11 reports no upload progress: the UI shows phases
  std::lock_guard<std::mutex> lock(mutex_);
  ++running_;
  auto finished = std::make_shared<std::atomic<bool>>(false);
  std::thread thread(
      [this, finished, request = std::move(request), done = std::move(done)]() mutable {
        ui::HttpResponse response;
        std::string origin, path;
        if (!split_url(request.url, origin, path)) {
          response.error = "not an http:// or https:// address: " + request.url;
        } else {
          httplib::Client client(origin);
          client.set_connection_timeout(5, 0);
          client.set_read_timeout(request.timeout_seconds, 0);
          client.set_write_timeout(request.timeout_seconds, 0);
          httplib::Headers headers;
          std::string content_type;
          for (const auto& h : request.headers) {
            if (h.first == "Content-Type")
              content_type = h.second;
            else
              headers.emplace(h.first, h.second);
          }
          httplib::Result result(nullptr, httplib::Error::Unknown);
          if (request.method == "GET")
            result = client.Get(path, headers);
          else if (request.method == "PUT")
            result = client.Put(path, headers, request.body, content_type);
          else if (request.method == "DELETE")
            result = client.Delete(path, headers, request.body, content_type);
          else
            result = client.Post(path, headers, request.body, content_type);
          if (result) {
            response.status = result->status;
            response.body = std::move(result->body);
          } else {
            response.error = httplib::to_string(result.error());
          }
        }
        {
          std::lock_guard<std::mutex> inner(mutex_);
          finished_.push_back([done = std::move(done), response = std::move(response)]() mutable {
            done(std::move(response));
          });
          --running_;
        }
        if (wake_) wake_();
        finished->store(true);
      });
  workers_.push_back({std::move(thread), std::move(finished)});
}

void HttpClient::poll() {
  std::vector<ui::Callback<void()>> ready;
  std::vector<Worker> done;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ready.swap(finished_);
    for (size_t i = 0; i < workers_.size();) {
      if (workers_[i].finished->load()) {
        done.push_back(std::move(workers_[i]));
        workers_.erase(workers_.begin() + long(i));
      } else {
        ++i;
      }
    }
  }
  for (Worker& w : done) w.thread.join();
  for (auto& f : ready) f();
}

void HttpClient::wait_idle() {
  while (running() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  poll();
}

}  // namespace press::native
