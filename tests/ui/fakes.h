#pragma once
// The test doubles and helpers of tests/ui without ImGui: a temporary folder, a memory
// clipboard, a shell that records, scripted HTTP, the sample site. app_harness.h adds the
// whole editor on top; test_editor_session.cpp uses these alone.
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "../common/temp_dir.h"
#include "core/site.h"
#include "ui/platform.h"

namespace press_ui_test {

using press_tests::TempDir;

class MemoryClipboard final : public press::ui::Clipboard {
 public:
  std::string get() override { return text; }
  void set(const std::string& t) override { text = t; }
  std::string text;
};

class FakeShell final : public press::ui::Shell {
 public:
  bool open_page(const std::string& html, std::string&) override {
    pages.push_back(html);
    return true;
  }
  bool open_url(const std::string& url, std::string&) override {
    urls.push_back(url);
    return true;
  }
  std::vector<std::string> pages, urls;
};

// HTTP with scripted replies, delivered from poll() like the real thing.
class ScriptedHttp final : public press::ui::Http {
 public:
  void send(press::ui::HttpRequest request, press::ui::Callback<void(press::ui::HttpResponse)> done,
            press::ui::Callback<void(uint64_t, uint64_t)>) override;
  void poll();
  // Replies for the next requests, in order; without one a request gets "connection refused".
  std::deque<press::ui::HttpResponse> replies;
  std::vector<press::ui::HttpRequest> requests;

 private:
  std::vector<press::ui::Callback<void()>> ready_;
};

// Passes every request on to another Http and notes it (the body's size only), so that a
// test against a real server can count what the editor sent.
class RecordingHttp final : public press::ui::Http {
 public:
  struct Sent {
    std::string method, url, content_type;
    size_t body_bytes = 0;
  };
  explicit RecordingHttp(press::ui::Http* target = nullptr) : target(target) {}
  void send(press::ui::HttpRequest request, press::ui::Callback<void(press::ui::HttpResponse)> done,
            press::ui::Callback<void(uint64_t, uint64_t)> progress) override;
  // Requests so far with this method whose URL ends with path.
  size_t count(const std::string& method, const std::string& path) const;
  press::ui::Http* target;
  std::vector<Sent> sent;
};

press::core::SiteProfile sample_site();
std::string source_path(const std::string& relative);  // a file of the source tree
std::string read_text(const std::string& path);

}  // namespace press_ui_test
