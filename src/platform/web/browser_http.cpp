#include "platform/web/browser_http.h"

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "platform/web/js_bridge.h"

namespace press::web {

namespace {

struct Pending {
  ui::Callback<void(ui::HttpResponse)> done;
  ui::Callback<void(uint64_t, uint64_t)> progress;
};

std::unordered_map<int, Pending>& pending() {
  static std::unordered_map<int, Pending> table;
  return table;
}

}  // namespace

size_t BrowserHttp::in_flight() {
  return pending().size();
}

void BrowserHttp::send(ui::HttpRequest request, ui::Callback<void(ui::HttpResponse)> done,
                       ui::Callback<void(uint64_t, uint64_t)> on_progress) {
  static int next = 1;
  const int id = next++;
  pending()[id] = Pending{std::move(done), std::move(on_progress)};
  nlohmann::json headers = nlohmann::json::array();
  for (const auto& [name, value] : request.headers) headers.push_back({name, value});
  const std::string headers_json =
      headers.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  press_js_http(id, request.method.c_str(), request.url.c_str(), headers_json.c_str(),
                request.body.data(), request.body.size(), request.timeout_seconds);
}

void BrowserHttp::reply(int request, int status, const char* body, size_t size, const char* error) {
  auto it = pending().find(request);
  if (it == pending().end()) return;
  auto done = std::move(it->second.done);
  pending().erase(it);
  if (!done) return;
  ui::HttpResponse response;
  response.status = status;
  response.body.assign(body ? body : "", body ? size : 0);
  response.error = error ? error : "";
  Completions::instance().push([done = std::move(done), response = std::move(response)]() mutable {
    done(std::move(response));
  });
  wake();
}

void BrowserHttp::progress(int request, double sent, double total) {
  auto it = pending().find(request);
  if (it == pending().end() || !it->second.progress) return;
  // Looked up again when it runs: the request may have finished by then.
  Completions::instance().push([request, sent, total] {
    auto now = pending().find(request);
    if (now != pending().end() && now->second.progress)
      now->second.progress(uint64_t(sent), uint64_t(total));
  });
  wake();
}

}  // namespace press::web
